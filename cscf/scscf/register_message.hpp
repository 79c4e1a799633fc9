#pragma once
// The S-CSCF's SIP edge for REGISTER: reads a parsed REGISTER into the plain structs the pure
// decisions take, and writes their results back as SIP messages (401, 423, 200 OK, third-party
// REGISTER). No sockets: the caller sends what comes out.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/core/result.hpp"
#include "common/sip/message.hpp"
#include "cscf/scscf/auth_decision.hpp"
#include "cscf/scscf/register_decision.hpp"
#include "cscf/scscf/third_party_register.hpp"

namespace ims::scscf {

/// What the S-CSCF reads from a REGISTER.
struct ExtractedRegister {
    RegisterRequest request;
    std::optional<DigestCredentials> credentials;  // the Digest Authorization for our realm
    std::string request_uri;                       // as written, for the digest uri check
    std::vector<std::pair<std::string, std::string>> headers;  // name, value: for iFC SPTs
};

/// A REGISTER we cannot read: answer `status` (400) with `reason`.
struct ExtractError {
    int status = 400;
    std::string reason;
};

/// Canonical public identity of a To/From URI: "sip:user@host" or "tel:number" (no port, no
/// parameters), the form the HSS provisions (TS 23.003 13.4).
std::string canonical_impu(const sip::Uri& uri);

/// Reads `msg` (a REGISTER). `realm` selects the Authorization header meant for us when the UE
/// sent several (TS 24.229 5.4.1.2.1). `received` is "udp:ip:port" or "tcp:ip:port".
std::variant<ExtractedRegister, ExtractError> extract_register(const sip::Message& msg,
                                                               std::string_view realm,
                                                               std::string_view received);

/// RFC 7231 7.1.1.1 IMF-fixdate, as SIP's Date header wants it (RFC 3261 20.17).
std::string http_date(std::chrono::system_clock::time_point t);

/// What the 200 OK to a REGISTER carries besides the copied fields.
struct OkParams {
    std::vector<Binding> bindings;             // Contact, each with its remaining expires
    std::vector<std::string> associated_uris;  // P-Associated-URI (TS 24.229 5.4.1.2.2)
    std::string service_route;                 // Service-Route (RFC 3608), e.g. <sip:orig@..;lr>
    std::vector<std::string> path;             // Path as received (RFC 3327 5.3)
    TimePoint now{};
};

sip::Message make_register_ok(const sip::Message& request, const OkParams& p,
                              std::string_view to_tag);
sip::Message make_challenge(const sip::Message& request, const std::vector<std::string>& www_auth,
                            std::string_view to_tag);
sip::Message make_rejection(const sip::Message& request, int status, std::string_view reason,
                            std::optional<std::uint32_t> min_expires, std::string_view to_tag);

/// The third-party REGISTER request (without Via: the stack adds it).
sip::Message make_third_party_register(const ThirdPartyRegister& r, std::string_view call_id,
                                       std::string_view from_tag);

}  // namespace ims::scscf
