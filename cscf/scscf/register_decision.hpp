#pragma once
// "What does this REGISTER do to these bindings at this time": RFC 3261 10.3 steps 6-8 with
// RFC 5626 keys and the TS 24.229 5.4.1 / TS 29.228 SAR choice, as one pure function. The
// caller has authenticated the request already (RFC 3261 10.3 step 3 precedes these steps)
// and performs the plan: SAR, store, 200 OK, third-party REGISTER.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/diameter/cx_types.hpp"
#include "cscf/scscf/registration.hpp"

namespace ims::scscf {

/// One Contact of the REGISTER, as the SIP layer extracted it.
struct ContactSpec {
    std::string uri;
    std::string params;  // raw parameters except expires, e.g. `;+sip.instance="<urn:..>";reg-id=1`
    std::optional<std::uint32_t> expires;  // the Contact's expires parameter
    std::uint16_t q = 1000;
    std::string instance;  // +sip.instance without quotes
    std::uint32_t reg_id = 0;
};

/// The parts of a REGISTER that the registrar decision looks at.
struct RegisterRequest {
    std::string impu;   // To URI (TS 24.229 5.4.1.2.1: the public user identity being registered)
    std::string impi;   // Authorization username, else derive_impi(impu)
    bool star = false;  // `Contact: *`
    std::vector<ContactSpec> contacts;
    std::optional<std::uint32_t> expires;  // Expires header
    std::string call_id;
    std::uint32_t cseq = 0;
    std::vector<std::string> path;  // RFC 3327
    std::string received;           // "udp:ip:port"
};

/// TS 33.203 / TS 24.229 5.4.1.2.1: without Authorization, the IMPI is derived from the IMPU
/// by removing the URI scheme ("sip:user@domain" -> "user@domain").
std::string derive_impi(std::string_view impu);

struct RegistrarConfig {
    std::uint32_t min_expires = 60;
    std::uint32_t max_expires = 7200;
    std::uint32_t default_expires = 3600;
};

/// A REGISTER the registrar refuses (no SAR, no store change).
struct Rejection {
    int status = 400;
    std::string reason;
    std::optional<std::uint32_t> min_expires;  // 423: Min-Expires header
    friend bool operator==(const Rejection&, const Rejection&) = default;
};

enum class RegisterKind : std::uint8_t {
    initial,         // no live binding before, some after
    refresh,         // live bindings before and after (added/refreshed/removed some)
    deregistration,  // no binding left
    query,           // no Contact: report the bindings (RFC 3261 10.2.3)
};

struct RegisterPlan {
    RegisterKind kind = RegisterKind::query;
    std::vector<Binding> bindings;  // every binding after the REGISTER (store + 200 OK)
    std::vector<std::string> added, refreshed, removed;  // contact URIs, for the log line
    std::optional<cx::ServerAssignmentType> sar;         // none: no SAR to send
    cx::UserDataAlreadyAvailable user_data = cx::UserDataAlreadyAvailable::not_available;
    std::uint32_t expires = 0;  // the registration's expires for the third-party REGISTER
};

using RegisterDecision = std::variant<Rejection, RegisterPlan>;

/// Pure. `existing` is the registration containing req.impu (if any); bindings already
/// expired at `now` count as absent.
RegisterDecision decide_register(const RegisterRequest& req,
                                 const std::optional<Registration>& existing, TimePoint now,
                                 const RegistrarConfig& cfg);

/// The expiry decision for one registration at `now`.
struct ExpiryPlan {
    std::vector<Binding> expired;
    std::vector<Binding> remaining;
    bool registration_ends = false;  // -> SAR TIMEOUT_DEREGISTRATION + third-party de-REGISTER
    std::optional<cx::ServerAssignmentType> sar;
    std::optional<TimePoint> next_expiry;  // of the remaining bindings
};

ExpiryPlan decide_expiry(const Registration& reg, TimePoint now);

}  // namespace ims::scscf
