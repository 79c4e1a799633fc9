#pragma once
// The IMS user profile the HSS returns in the SAA User-Data AVP (TS 29.228 annex B / E):
// <IMSSubscription><PrivateID/><ServiceProfile><PublicIdentity/>...<InitialFilterCriteria/>...
// Parsed once per registration and shared (std::shared_ptr<const UserProfile>) by every binding
// of the registration, so a binding never carries its own copy of the XML.

#include <cstdint>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/core/result.hpp"

namespace ims::scscf {

/// SessionCase of an SPT (TS 29.228 B.2.2 / E.7).
enum class SessionCase : std::uint8_t {
    originating = 0,
    terminating_registered = 1,
    terminating_unregistered = 2,
    originating_unregistered = 3,
    originating_cdiv = 4,
};

/// RegistrationType extension of a Method=REGISTER SPT (TS 29.228 E.6.?: INITIAL, RE, DE).
enum class RegistrationType : std::uint8_t {
    initial = 0,
    re_registration = 1,
    de_registration = 2,
};

/// DefaultHandling of an application server (TS 29.228 B.2.3).
enum class DefaultHandling : std::uint8_t { session_continued = 0, session_terminated = 1 };

/// One Service Point Trigger. Exactly one kind of condition is set.
struct Spt {
    enum class Kind : std::uint8_t {
        request_uri,
        method,
        header,
        session_case,
        session_description
    };
    Kind kind = Kind::method;
    bool negated = false;
    std::vector<int> groups;  // an SPT may belong to several groups
    std::string value;        // RequestURI / Method / Header name / SDP Line
    std::string content;      // Header or SDP Content (regex); empty: presence only
    SessionCase session_case = SessionCase::originating;
    std::uint8_t registration_types = 0;  // bit (1 << RegistrationType); 0: any REGISTER
    // Compiled patterns, shared so the profile stays cheap to copy.
    std::shared_ptr<const std::regex> value_re;    // RequestURI
    std::shared_ptr<const std::regex> content_re;  // Header/SDP Content
};

struct TriggerPoint {
    bool cnf = true;  // ConditionTypeCNF 1: AND of ORed groups; 0 (DNF): OR of ANDed groups
    std::vector<Spt> spts;
};

struct ApplicationServer {
    std::string server_name;  // SIP URI of the AS
    DefaultHandling default_handling = DefaultHandling::session_continued;
    std::string service_info;
    bool include_register_request = false;   // Rel-9+ Extension
    bool include_register_response = false;  // Rel-9+ Extension
};

struct InitialFilterCriteria {
    int priority = 0;
    std::optional<TriggerPoint> trigger_point;  // absent: unconditional
    ApplicationServer application_server;
    std::optional<int> profile_part_indicator;  // 0 REGISTERED, 1 UNREGISTERED, absent: both
};

struct PublicIdentity {
    std::string identity;  // SIP or tel URI
    bool barred = false;
    int identity_type = 0;  // 0 public user identity, 1 distinct PSI, 2 wildcarded PSI, ...
    std::string display_name;
};

/// The iFCs of a service profile. Thousands of users usually share a handful of service
/// definitions, so identical sets are interned (IfcCache) and shared, not copied per user.
struct IfcSet {
    std::string canonical;  // the <InitialFilterCriteria> elements, whitespace-normalised
    std::vector<InitialFilterCriteria> ifcs;  // sorted by ascending Priority
};

/// Interning table for IfcSet, keyed by the canonical text. Holds weak references: a set
/// lives as long as a registration uses it. Not thread-safe (io_context thread).
class IfcCache {
  public:
    std::shared_ptr<const IfcSet> find(const std::string& canonical);
    void insert(const std::shared_ptr<const IfcSet>& set);
    std::size_t size() const { return sets_.size(); }

  private:
    std::unordered_map<std::string, std::weak_ptr<const IfcSet>> sets_;
    std::size_t prune_at_ = 64;
};

struct ServiceProfile {
    std::vector<PublicIdentity> public_identities;
    std::shared_ptr<const IfcSet> ifc_set;  // never null after parsing

    const std::vector<InitialFilterCriteria>& ifcs() const;
};

/// The parsed User-Data. The raw XML is not kept: the journal stores this parsed form.
struct UserProfile {
    std::string private_id;
    std::vector<ServiceProfile> service_profiles;

    /// The service profile that lists `impu`, or nullptr.
    const ServiceProfile* profile_for(std::string_view impu) const;
    /// The PublicIdentity entry for `impu`, or nullptr.
    const PublicIdentity* identity(std::string_view impu) const;
    /// The implicit registration set: every identity the SAA returned, `registered` first.
    std::vector<std::string> implicit_set(std::string_view registered) const;
    /// The non-barred identities of the set, for P-Associated-URI (TS 24.229 5.4.1.2.2).
    std::vector<std::string> associated_uris(std::string_view registered) const;
};

/// Parses the SAA User-Data. Safe on any input (errors are values). With a cache, identical
/// iFC sets are shared between users.
Result<std::shared_ptr<const UserProfile>> parse_user_data(std::string_view xml,
                                                           IfcCache* cache = nullptr);

/// Parses an IfcSet from its canonical text (the journal's form).
Result<std::shared_ptr<const IfcSet>> parse_ifc_set(std::string_view canonical,
                                                    IfcCache* cache = nullptr);

}  // namespace ims::scscf
