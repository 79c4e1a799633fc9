#include "cscf/scscf/register_message.hpp"

#include <strings.h>

#include <cctype>
#include <ctime>

#include "common/sip/response.hpp"

namespace ims::scscf {

namespace hdr = sip::hdr;

std::string canonical_impu(const sip::Uri& uri) {
    std::string out;
    if (uri.scheme == sip::UriScheme::tel) return "tel:" + std::string(uri.user);
    for (char c : uri.scheme_text)
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    out += ':';
    if (!uri.user.empty()) {
        out += uri.user;
        out += '@';
    }
    out += uri.host;
    return out;
}

namespace {

ExtractError bad(std::string reason) {
    return {400, "Bad Request - " + std::move(reason)};
}

std::string text(const hdr::Authorization& a, std::string_view name) {
    return a.param_text(name).value_or(std::string());
}

DigestCredentials credentials_of(const hdr::Authorization& a) {
    DigestCredentials c;
    c.username = text(a, "username");
    c.realm = text(a, "realm");
    c.nonce = text(a, "nonce");
    c.uri = text(a, "uri");
    c.response = text(a, "response");
    c.algorithm = text(a, "algorithm");
    c.cnonce = text(a, "cnonce");
    c.opaque = text(a, "opaque");
    c.qop = text(a, "qop");
    c.nc = text(a, "nc");
    if (auto auts = a.param_text("auts")) c.auts = std::move(*auts);
    return c;
}

}  // namespace

std::variant<ExtractedRegister, ExtractError> extract_register(const sip::Message& msg,
                                                               std::string_view realm,
                                                               std::string_view received) {
    ExtractedRegister out;
    auto& r = out.request;
    out.request_uri = std::string(msg.request_uri_text());

    auto to = msg.get<hdr::To>();
    if (!to) return bad("unreadable To");
    if (to.value().uri.scheme == sip::UriScheme::other) return bad("To is not a SIP or tel URI");
    r.impu = canonical_impu(to.value().uri);

    auto call_id = msg.get<hdr::CallId>();
    auto cseq = msg.get<hdr::CSeq>();
    if (!call_id || !cseq) return bad("unreadable Call-ID or CSeq");
    r.call_id = std::string(call_id.value().value);
    r.cseq = cseq.value().sequence;

    if (msg.has<hdr::Expires>()) {
        auto e = msg.get<hdr::Expires>();
        if (!e) return bad("malformed Expires");
        r.expires = e.value().seconds;
    }

    if (msg.has<hdr::Contact>()) {
        auto contacts = msg.get_all<hdr::Contact>();
        if (!contacts) return bad("malformed Contact");
        for (const auto& c : contacts.value()) {
            if (c.star) {
                r.star = true;
                continue;
            }
            ContactSpec spec;
            spec.uri = c.uri.to_string();
            auto e = c.expires();
            if (!e) return bad("malformed Contact expires");
            spec.expires = e.value();
            spec.q = static_cast<std::uint16_t>(std::clamp(c.q().value_or(1000), 0, 1000));
            if (auto inst = c.instance()) spec.instance = std::string(*inst);
            spec.reg_id = c.reg_id().value_or(0);
            sip::Params params = c.params;
            params.remove("expires");
            params.encode(spec.params);
            r.contacts.push_back(std::move(spec));
        }
    }

    if (msg.has<hdr::Path>()) {
        auto path = msg.get_all<hdr::Path>();
        if (!path) return bad("malformed Path");
        for (const auto& p : path.value()) r.path.push_back(p.to_string());
    }

    // TS 24.229 5.4.1.2.1: the Authorization for our realm; else the first Digest one.
    if (msg.has<hdr::Authorization>()) {
        auto auths = msg.get_all<hdr::Authorization>();
        if (!auths) return bad("malformed Authorization");
        const hdr::Authorization* pick = nullptr;
        for (const auto& a : auths.value()) {
            if (::strcasecmp(std::string(a.scheme).c_str(), "Digest") != 0) continue;
            if (pick == nullptr || text(a, "realm") == realm) pick = &a;
            if (text(a, "realm") == realm) break;
        }
        if (pick != nullptr) out.credentials = credentials_of(*pick);
    }
    r.impi = out.credentials && !out.credentials->username.empty() ? out.credentials->username
                                                                   : derive_impi(r.impu);
    r.received = std::string(received);

    for (const auto& h : msg.headers())
        out.headers.emplace_back(std::string(h.name), std::string(h.value));
    return out;
}

std::string http_date(std::chrono::system_clock::time_point t) {
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday],
                  tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                  tm.tm_sec);
    return buf;
}

sip::Message make_register_ok(const sip::Message& request, const OkParams& p,
                              std::string_view to_tag) {
    auto ok = sip::make_response(request, 200, "OK", to_tag);
    // RFC 3261 10.3 step 8: every current binding with its remaining expires.
    for (const auto& b : p.bindings) {
        ok.add_header(sip::HeaderId::contact, "<" + b.contact_uri + ">" + b.contact_params +
                                                  ";expires=" + std::to_string(b.remaining(p.now)));
    }
    // RFC 3327 5.3: the Path the registrar stored, so the UE sees it.
    for (const auto& hop : p.path) ok.add_header(sip::HeaderId::path, hop);
    if (!p.service_route.empty()) ok.add_header(sip::HeaderId::service_route, p.service_route);
    if (!p.associated_uris.empty()) {
        std::string v;
        for (const auto& uri : p.associated_uris) {
            if (!v.empty()) v += ", ";
            v += "<" + uri + ">";
        }
        ok.add_header(sip::HeaderId::p_associated_uri, v);
    }
    ok.add_header(sip::HeaderId::date, http_date(std::chrono::system_clock::time_point(p.now)));
    return ok;
}

sip::Message make_challenge(const sip::Message& request, const std::vector<std::string>& www_auth,
                            std::string_view to_tag) {
    auto m = sip::make_response(request, 401, "Unauthorized", to_tag);
    for (const auto& v : www_auth) m.add_header(sip::HeaderId::www_authenticate, v);
    return m;
}

sip::Message make_rejection(const sip::Message& request, int status, std::string_view reason,
                            std::optional<std::uint32_t> min_expires, std::string_view to_tag) {
    auto m = sip::make_response(request, status, reason, to_tag);
    if (min_expires) m.add_header(sip::HeaderId::min_expires, std::to_string(*min_expires));
    return m;
}

sip::Message make_third_party_register(const ThirdPartyRegister& r, std::string_view call_id,
                                       std::string_view from_tag) {
    // TS 24.229 5.4.1.7.
    auto m = sip::Message::make_request("REGISTER", r.request_uri);
    m.add_header(sip::HeaderId::max_forwards, "70");
    m.add_header(sip::HeaderId::from, "<" + r.from + ">;tag=" + std::string(from_tag));
    m.add_header(sip::HeaderId::to, "<" + r.to + ">");
    m.add_header(sip::HeaderId::call_id, call_id);
    m.add_header(sip::HeaderId::cseq, "1 REGISTER");
    m.add_header(sip::HeaderId::contact, "<" + r.contact + ">");
    m.add_header(sip::HeaderId::expires, std::to_string(r.expires));
    if (!r.body.empty()) m.set_body(r.body, r.content_type);
    return m;
}

}  // namespace ims::scscf
