#include "cscf/scscf/third_party_register.hpp"

#include <algorithm>
#include <utility>

namespace ims::scscf {
namespace {

std::string xml_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            default:
                out.push_back(c);
        }
    }
    return out;
}

}  // namespace

void build_third_party_body(const ApplicationServer& as, const ThirdPartyContext& ctx,
                            ThirdPartyRegister& out) {
    std::vector<std::pair<std::string, std::string>> parts;  // content type, body
    if (!as.service_info.empty()) {
        // TS 24.229 7.6: the 3GPP IM CN subsystem XML body carrying <service-info>.
        parts.emplace_back("application/3gpp-ims+xml",
                           "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
                           "<ims-3gpp version=\"1\"><service-info>" +
                               xml_escape(as.service_info) + "</service-info></ims-3gpp>\r\n");
    }
    if (as.include_register_request && !ctx.original_request.empty()) {
        parts.emplace_back("message/sip", ctx.original_request);
    }
    if (as.include_register_response && !ctx.original_response.empty()) {
        parts.emplace_back("message/sip", ctx.original_response);
    }
    if (parts.empty()) return;
    if (parts.size() == 1) {
        out.content_type = std::move(parts.front().first);
        out.body = std::move(parts.front().second);
        return;
    }
    // RFC 2046 5.1.1.
    const std::string boundary = kThirdPartyBoundary;
    out.content_type = "multipart/mixed;boundary=" + boundary;
    for (auto& [type, body] : parts) {
        out.body += "--" + boundary + "\r\nContent-Type: " + type + "\r\n\r\n" + body + "\r\n";
    }
    out.body += "--" + boundary + "--\r\n";
}

std::vector<ThirdPartyRegister> plan_third_party_registers(const ServiceProfile& profile,
                                                           const RequestFacts& facts,
                                                           const ThirdPartyContext& ctx) {
    std::vector<ThirdPartyRegister> out;
    for (const auto* ifc : matching_ifcs(profile, facts)) {
        const auto& as = ifc->application_server;
        const bool seen = std::any_of(
            out.begin(), out.end(), [&](const auto& r) { return r.request_uri == as.server_name; });
        if (seen) continue;
        ThirdPartyRegister r;
        r.request_uri = as.server_name;
        r.from = ctx.scscf_uri;
        r.to = ctx.impu;
        r.contact = ctx.scscf_uri;
        r.expires = ctx.expires;
        r.default_handling = as.default_handling;
        build_third_party_body(as, ctx, r);
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace ims::scscf
