#pragma once
// The HSS subscriber model (TS 23.228 4.3.3, TS 29.228 annex B): one IMS subscription per
// private identity (IMPI) with its public identities (IMPUs) grouped into implicit registration
// sets, credentials for SIP Digest and AKA, and named service profiles carrying initial filter
// criteria. Plain values: the store loads and saves them, the Cx handlers read them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ims::hss {

using Bytes = std::vector<std::uint8_t>;

enum class AuthScheme : std::uint8_t { aka = 0, digest = 1 };

/// Registration state of a public identity (TS 29.228 6.1.2: registered, unregistered,
/// not registered). Stored per IMPU; all IMPUs of an implicit set move together.
enum class RegState : std::uint8_t { not_registered = 0, registered = 1, unregistered = 2 };

const char* to_string(RegState s);
const char* to_string(AuthScheme s);

struct DigestCredentials {
    std::string realm;
    std::string ha1_md5;     // lowercase hex of MD5(user:realm:password)
    std::string ha1_sha256;  // lowercase hex of SHA-256(user:realm:password)
    friend bool operator==(const DigestCredentials&, const DigestCredentials&) = default;
};

struct AkaCredentials {
    Bytes k;                // 16 bytes
    Bytes opc;              // 16 bytes (derived from OP at provisioning when OP is given)
    Bytes amf;              // 2 bytes
    std::uint64_t sqn = 0;  // last SQN handed out (48 bits, SEQ||IND, TS 33.102 C.1.1)
    friend bool operator==(const AkaCredentials&, const AkaCredentials&) = default;
};

// ---- Initial filter criteria (TS 29.228 annex B.2.2, annex E XML schema) -------------------

/// SessionCase values of the XML schema (TS 29.228 annex E, tSessionCase).
enum class SessionCase : std::uint8_t {
    originating = 0,
    terminating_registered = 1,
    terminating_unregistered = 2,
    originating_unregistered = 3,
    originating_cdiv = 4,
};

struct Spt {
    enum class Kind : std::uint8_t { method, session_case, header, request_uri };
    Kind kind = Kind::method;
    bool negated = false;
    std::vector<std::uint32_t> groups{0};
    std::string value;   // method name, request-URI regex, or header content regex
    std::string header;  // header name (Kind::header)
    SessionCase session_case = SessionCase::originating;
    friend bool operator==(const Spt&, const Spt&) = default;
};

struct TriggerPoint {
    bool condition_type_cnf = false;  // true: conjunctive normal form; false: disjunctive
    std::vector<Spt> spts;
    friend bool operator==(const TriggerPoint&, const TriggerPoint&) = default;
};

enum class DefaultHandling : std::uint8_t { session_continued = 0, session_terminated = 1 };

struct ApplicationServer {
    std::string server_name;  // SIP URI of the AS
    DefaultHandling default_handling = DefaultHandling::session_continued;
    std::string service_info;
    bool include_register_request = false;
    bool include_register_response = false;
    friend bool operator==(const ApplicationServer&, const ApplicationServer&) = default;
};

struct InitialFilterCriteria {
    std::int32_t priority = 0;
    std::optional<TriggerPoint> trigger_point;  // absent: matches every request
    ApplicationServer application_server;
    std::optional<std::uint32_t> profile_part_indicator;  // 0 REGISTERED, 1 UNREGISTERED
    friend bool operator==(const InitialFilterCriteria&, const InitialFilterCriteria&) = default;
};

struct ServiceProfile {
    std::string name;
    std::vector<InitialFilterCriteria> ifcs;
    friend bool operator==(const ServiceProfile&, const ServiceProfile&) = default;
};

/// True if the profile has services for a terminating unregistered user (an iFC whose trigger
/// point names SessionCase TERMINATING_UNREGISTERED): LIR answers 2003 for such identities.
bool has_unregistered_services(const ServiceProfile& profile);

// ---- Identities ------------------------------------------------------------------------------

struct PublicIdentity {
    std::string uri;  // sip:, sips: or tel: URI
    bool barred = false;
    RegState state = RegState::not_registered;
    friend bool operator==(const PublicIdentity&, const PublicIdentity&) = default;
};

/// An implicit registration set (TS 23.228 5.2.1a): registered and de-registered together.
/// impus[0] is the set's default public identity.
struct ImplicitSet {
    std::string service_profile;  // name of a ServiceProfile
    std::vector<PublicIdentity> impus;
    friend bool operator==(const ImplicitSet&, const ImplicitSet&) = default;
};

struct Subscriber {
    std::string impi;
    AuthScheme default_scheme = AuthScheme::aka;
    std::optional<DigestCredentials> digest;
    std::optional<AkaCredentials> aka;
    /// Visited-Network-Identifier values the user may register from besides the home network;
    /// "*" allows every network.
    std::vector<std::string> allowed_visited_networks;
    std::vector<ImplicitSet> sets;
    std::string scscf_name;  // assigned S-CSCF (SIP URI), empty when none
    friend bool operator==(const Subscriber&, const Subscriber&) = default;

    /// The set holding `impu`, or nullptr.
    const ImplicitSet* set_of(const std::string& impu) const;
    const PublicIdentity* find_impu(const std::string& impu) const;
    /// Every IMPU of every set, in order.
    std::vector<std::string> all_impus() const;
};

}  // namespace ims::hss
