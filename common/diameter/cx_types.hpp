#pragma once
// Plain, transport-free Cx message types (3GPP TS 29.228 section 6, TS 29.229 section 5/6).
// These are the contract between the freeDiameter codec (common/diameter), the HSS handlers
// (hss/) and the CSCF Cx clients: nobody outside common/diameter walks raw AVP trees.
// Binary AVP contents (RAND||AUTN, XRES, CK, IK, ...) are carried as byte strings.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ims::cx {

using Bytes = std::vector<std::uint8_t>;

inline constexpr std::uint32_t kVendor3gpp = 10415;
inline constexpr std::uint32_t kCxApplicationId = 16777216;

/// Command codes (TS 29.229 6.1).
enum class Command : std::uint32_t {
    user_authorization = 300,        // UAR / UAA
    server_assignment = 301,         // SAR / SAA
    location_info = 302,             // LIR / LIA
    multimedia_auth = 303,           // MAR / MAA
    registration_termination = 304,  // RTR / RTA
    push_profile = 305,              // PPR / PPA
};

/// Base protocol Result-Code values we use (RFC 6733 7.1).
namespace result_code {
inline constexpr std::uint32_t success = 2001;
inline constexpr std::uint32_t command_unsupported = 3001;
inline constexpr std::uint32_t unable_to_deliver = 3002;
inline constexpr std::uint32_t too_busy = 3004;
inline constexpr std::uint32_t authorization_rejected = 5003;
inline constexpr std::uint32_t invalid_avp_value = 5004;
inline constexpr std::uint32_t missing_avp = 5005;
inline constexpr std::uint32_t unable_to_comply = 5012;
}  // namespace result_code

/// Experimental-Result-Code values, vendor 10415 (TS 29.229 6.2).
namespace experimental_code {
inline constexpr std::uint32_t first_registration = 2001;
inline constexpr std::uint32_t subsequent_registration = 2002;
inline constexpr std::uint32_t unregistered_service = 2003;
inline constexpr std::uint32_t success_server_name_not_stored = 2004;
inline constexpr std::uint32_t user_unknown = 5001;
inline constexpr std::uint32_t identities_dont_match = 5002;
inline constexpr std::uint32_t identity_not_registered = 5003;
inline constexpr std::uint32_t roaming_not_allowed = 5004;
inline constexpr std::uint32_t identity_already_registered = 5005;
inline constexpr std::uint32_t auth_scheme_not_supported = 5006;
inline constexpr std::uint32_t in_assignment_type = 5007;
inline constexpr std::uint32_t too_much_data = 5008;
inline constexpr std::uint32_t not_supported_user_data = 5009;
inline constexpr std::uint32_t feature_unsupported = 5011;
inline constexpr std::uint32_t serving_node_feature_unsupported = 5012;
}  // namespace experimental_code

/// The outcome an answer carries: exactly one of Result-Code or Experimental-Result.
struct Outcome {
    std::uint32_t code = result_code::success;
    bool experimental = false;                // true: Experimental-Result {Vendor-Id 10415, code}
    std::optional<std::uint32_t> failed_avp;  // AVP code for Failed-AVP with 5005 / 5004
    std::uint32_t failed_avp_vendor = 0;      // its Vendor-Id (0: base protocol / RFC 4740 AVP)

    static Outcome base(std::uint32_t c) {
        Outcome o;
        o.code = c;
        return o;
    }
    static Outcome exp(std::uint32_t c) {
        Outcome o;
        o.code = c;
        o.experimental = true;
        return o;
    }
    bool is_success() const { return code >= 2000 && code < 3000; }
    friend bool operator==(const Outcome&, const Outcome&) = default;
};

/// Supported-Features (628): {Vendor-Id, Feature-List-ID (629), Feature-List (630)}
/// (TS 29.229 6.3.29).
struct SupportedFeatures {
    std::uint32_t vendor_id = kVendor3gpp;
    std::uint32_t feature_list_id = 1;
    std::uint32_t feature_list = 0;
    friend bool operator==(const SupportedFeatures&, const SupportedFeatures&) = default;
};

/// Fields every Cx request carries (TS 29.229 6.1.x); the codec fills Origin-* from the core.
struct RequestHeader {
    std::string session_id;   // filled by the codec when empty
    std::string origin_host;  // filled by the codec from the local identity
    std::string origin_realm;
    std::string destination_realm;
    std::optional<std::string> destination_host;
    std::vector<SupportedFeatures> supported_features;
};

struct AnswerHeader {
    std::string session_id;
    std::string origin_host;
    std::string origin_realm;
    Outcome outcome;
    std::vector<SupportedFeatures> supported_features;
};

// ---- UAR / UAA (TS 29.229 6.1.1 / 6.1.2) -----------------------------------------------------

enum class UserAuthorizationType : std::uint32_t {
    registration = 0,
    de_registration = 1,
    registration_and_capabilities = 2,
};

struct ServerCapabilities {
    std::vector<std::uint32_t> mandatory;
    std::vector<std::uint32_t> optional;
    std::vector<std::string> server_names;
    friend bool operator==(const ServerCapabilities&, const ServerCapabilities&) = default;
};

struct Uar {
    RequestHeader hdr;
    std::string user_name;                                    // IMPI (User-Name, 1)
    std::string public_identity;                              // IMPU
    std::string visited_network_id;                           // Visited-Network-Identifier (600)
    std::optional<UserAuthorizationType> authorization_type;  // absent means REGISTRATION
};

struct Uaa {
    AnswerHeader hdr;
    std::optional<std::string> server_name;
    std::optional<ServerCapabilities> capabilities;
};

// ---- MAR / MAA (TS 29.229 6.1.7 / 6.1.8) -----------------------------------------------------

inline constexpr const char* kSchemeAka = "Digest-AKAv1-MD5";
inline constexpr const char* kSchemeDigest = "SIP Digest";
inline constexpr const char* kSchemeUnknown = "Unknown";

struct DigestAuthenticate {  // SIP-Digest-Authenticate (635)
    std::string realm;       // Digest-Realm (104)
    std::string algorithm;   // Digest-Algorithm (111): "MD5" or "SHA-256"
    std::string qop;         // Digest-QoP (110): "auth"
    std::string ha1;         // Digest-HA1 (121), lowercase hex
    friend bool operator==(const DigestAuthenticate&, const DigestAuthenticate&) = default;
};

struct AuthDataItem {                          // SIP-Auth-Data-Item (612)
    std::optional<std::uint32_t> item_number;  // SIP-Item-Number (613)
    std::string scheme;                        // SIP-Authentication-Scheme (608)
    Bytes authenticate;                        // SIP-Authenticate (609): RAND||AUTN (AKA)
    Bytes authorization;        // SIP-Authorization (610): XRES, or RAND||AUTS in a MAR
    Bytes confidentiality_key;  // CK (625)
    Bytes integrity_key;        // IK (626)
    std::optional<DigestAuthenticate> digest;  // SIP-Digest-Authenticate (635)
    // Requests may ask for a digest algorithm through SIP-Digest-Authenticate{Digest-Algorithm}.
    friend bool operator==(const AuthDataItem&, const AuthDataItem&) = default;
};

struct Mar {
    RequestHeader hdr;
    std::string user_name;        // IMPI
    std::string public_identity;  // IMPU
    std::string server_name;      // S-CSCF SIP URI
    std::uint32_t number_auth_items = 1;
    AuthDataItem auth_data;  // scheme, and RAND||AUTS in authorization on resync
};

struct Maa {
    AnswerHeader hdr;
    std::string user_name;
    std::string public_identity;
    std::uint32_t number_auth_items = 0;
    std::vector<AuthDataItem> items;
};

// ---- SAR / SAA (TS 29.229 6.1.3 / 6.1.4) -----------------------------------------------------

enum class ServerAssignmentType : std::uint32_t {
    no_assignment = 0,
    registration = 1,
    re_registration = 2,
    unregistered_user = 3,
    timeout_deregistration = 4,
    user_deregistration = 5,
    timeout_deregistration_store_server_name = 6,
    user_deregistration_store_server_name = 7,
    administrative_deregistration = 8,
    authentication_failure = 9,
    authentication_timeout = 10,
    deregistration_too_much_data = 11,
};

enum class UserDataAlreadyAvailable : std::uint32_t { not_available = 0, already_available = 1 };

struct ChargingInformation {                  // Charging-Information (618)
    std::string primary_event_function;       // 619
    std::string secondary_event_function;     // 620
    std::string primary_charging_function;    // 621
    std::string secondary_charging_function;  // 622
    friend bool operator==(const ChargingInformation&, const ChargingInformation&) = default;
};

struct Sar {
    RequestHeader hdr;
    std::optional<std::string> user_name;        // IMPI (absent for unregistered user)
    std::vector<std::string> public_identities;  // Public-Identity (601), 0..n
    std::string server_name;
    ServerAssignmentType assignment_type = ServerAssignmentType::registration;
    UserDataAlreadyAvailable user_data_already_available = UserDataAlreadyAvailable::not_available;
    std::optional<std::string> wildcarded_public_identity;  // Wildcarded-Public-Identity (634)
};

struct Saa {
    AnswerHeader hdr;
    std::optional<std::string> user_name;
    std::optional<std::string> user_data;  // IMS subscription XML (TS 29.228 annex)
    std::optional<ChargingInformation> charging_information;
    std::vector<std::string> associated_identities;  // Associated-Identities{User-Name} (632)
};

// ---- LIR / LIA (TS 29.229 6.1.5 / 6.1.6) -----------------------------------------------------

struct Lir {
    RequestHeader hdr;
    std::string public_identity;
    std::optional<std::uint32_t> originating_request;  // Originating-Request (633)
};

struct Lia {
    AnswerHeader hdr;
    std::optional<std::string> server_name;
    std::optional<ServerCapabilities> capabilities;
    std::optional<std::string> wildcarded_public_identity;  // Wildcarded-Public-Identity (634)
};

// ---- RTR / RTA (TS 29.229 6.1.9 / 6.1.10), PPR / PPA (6.1.11 / 6.1.12) -----------------------

enum class ReasonCode : std::uint32_t {
    permanent_termination = 0,
    new_server_assigned = 1,
    server_change = 2,
    remove_scscf = 3,
};

struct DeregistrationReason {
    ReasonCode code = ReasonCode::permanent_termination;
    std::string info;
    friend bool operator==(const DeregistrationReason&, const DeregistrationReason&) = default;
};

struct Rtr {
    RequestHeader hdr;      // destination_host = the serving S-CSCF's Diameter identity
    std::string user_name;  // IMPI
    std::vector<std::string> public_identities;
    DeregistrationReason reason;
};

struct Rta {
    AnswerHeader hdr;
};

struct Ppr {
    RequestHeader hdr;
    std::string user_name;
    std::optional<std::string> user_data;
    std::optional<ChargingInformation> charging_information;
};

struct Ppa {
    AnswerHeader hdr;
};

}  // namespace ims::cx
