#pragma once
// Third-party registration to application servers (TS 24.229 5.4.1.7, TS 23.218 8.3): which
// ASs a REGISTER (or a de-registration) triggers, and what each third-party REGISTER carries.
// The SIP layer serialises the plain struct (adds Via, Call-ID, CSeq, Max-Forwards...).

#include <cstdint>
#include <string>
#include <vector>

#include "cscf/scscf/ifc_match.hpp"
#include "cscf/scscf/user_profile.hpp"

namespace ims::scscf {

struct ThirdPartyContext {
    std::string scscf_uri;          // the S-CSCF's own SIP URI: From and Contact
    std::string impu;               // the registered public user identity: To
    std::uint32_t expires = 0;      // as in the 200 OK to the UE; 0 for de-registration
    std::string original_request;   // raw REGISTER (IncludeRegisterRequest); may be empty
    std::string original_response;  // raw 200 OK (IncludeRegisterResponse); may be empty
};

struct ThirdPartyRegister {
    std::string request_uri;  // the AS (ServerName)
    std::string from;         // S-CSCF URI
    std::string to;           // IMPU
    std::string contact;      // S-CSCF URI
    std::uint32_t expires = 0;
    DefaultHandling default_handling = DefaultHandling::session_continued;
    std::string content_type;  // empty: no body
    std::string body;
};

/// The boundary used for multipart/mixed bodies.
inline constexpr const char* kThirdPartyBoundary = "ims-scscf-3pty-boundary";

/// One request per matching AS (deduplicated by AS URI, in iFC priority order).
std::vector<ThirdPartyRegister> plan_third_party_registers(const ServiceProfile& profile,
                                                           const RequestFacts& facts,
                                                           const ThirdPartyContext& ctx);

/// The body of one third-party REGISTER for `as` (TS 24.229 5.4.1.7: service info as
/// application/3gpp-ims+xml, REGISTER and 200 OK as message/sip; multipart/mixed when more
/// than one part). Sets content_type and body of `out`.
void build_third_party_body(const ApplicationServer& as, const ThirdPartyContext& ctx,
                            ThirdPartyRegister& out);

}  // namespace ims::scscf
