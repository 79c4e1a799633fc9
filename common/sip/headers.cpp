#include "common/sip/headers.hpp"

#include "common/sip/errors.hpp"
#include "common/sip/scan.hpp"

namespace ims::sip::hdr {
namespace {

std::error_code err(sip_errc e) {
    return make_error_code(e);
}

/// Reports every failure inside a header value as the error of that header (bad_to, bad_via...),
/// which is what a 400 reason names.
template <class T>
Result<T> as(Result<T> r, sip_errc e) {
    if (r) return r;
    return err(e);
}

std::size_t scan_token(std::string_view s, std::size_t i) {
    while (i < s.size() && scan::is(s[i], scan::k_token)) ++i;
    return i;
}

std::optional<std::uint32_t> parse_u32(std::string_view s) {
    const auto v = scan::parse_uint(s, 10);
    if (!v || *v > 0xffffffffULL) return std::nullopt;
    return static_cast<std::uint32_t>(*v);
}

Result<Via> parse_via(std::string_view v) {
    Via via;
    std::size_t i = scan::skip_lws(v, 0);
    std::string_view* parts[3] = {&via.protocol_name, &via.protocol_version, &via.transport};
    for (int k = 0; k < 3; ++k) {
        if (k > 0) {
            // SLASH = SWS "/" SWS (RFC 4475 wsinv folds inside the sent-protocol).
            i = scan::skip_lws(v, i);
            if (i >= v.size() || v[i] != '/') return err(sip_errc::bad_via);
            i = scan::skip_lws(v, i + 1);
        }
        const std::size_t e = scan_token(v, i);
        if (e == i) return err(sip_errc::bad_via);
        *parts[k] = v.substr(i, e - i);
        i = e;
    }
    const std::size_t host_start = scan::skip_lws(v, i);
    if (host_start == i) return err(sip_errc::bad_via);
    i = host_start;
    if (i < v.size() && v[i] == '[') {
        const std::size_t close = v.find(']', i);
        if (close == std::string_view::npos) return err(sip_errc::bad_via);
        i = close + 1;
    } else {
        while (i < v.size() &&
               (scan::is(v[i], scan::k_alnum) || v[i] == '-' || v[i] == '.' || v[i] == '_')) {
            ++i;
        }
    }
    via.host = v.substr(host_start, i - host_start);
    if (classify_host(via.host) == HostKind::none) return err(sip_errc::bad_via);
    std::size_t j = scan::skip_lws(v, i);
    if (j < v.size() && v[j] == ':') {
        j = scan::skip_lws(v, j + 1);
        const std::size_t p = j;
        while (j < v.size() && scan::is_digit(v[j])) ++j;
        const auto port = scan::parse_uint(v.substr(p, j - p), 5);
        if (!port || *port > 65535) return err(sip_errc::bad_via);
        via.port = static_cast<std::uint16_t>(*port);
        i = j;
    }
    BOOST_OUTCOME_TRY(end, parse_header_params(v, i, via.params));
    if (scan::skip_lws(v, end) != v.size()) return err(sip_errc::bad_via);
    return via;
}

}  // namespace

// ---- Via -------------------------------------------------------------------------------------

std::optional<std::uint16_t> Via::rport() const noexcept {
    const auto v = params.get("rport");
    if (!v) return std::nullopt;
    const auto n = scan::parse_uint(*v, 5);
    if (!n || *n > 65535) return std::nullopt;
    return static_cast<std::uint16_t>(*n);
}

std::optional<std::uint8_t> Via::ttl() const noexcept {
    const auto v = params.get("ttl");
    if (!v) return std::nullopt;
    const auto n = scan::parse_uint(*v, 3);
    if (!n || *n > 255) return std::nullopt;
    return static_cast<std::uint8_t>(*n);
}

Result<Via> Via::parse(std::string_view value) {
    return as(parse_via(value), sip_errc::bad_via);
}

void Via::encode(std::string& out) const {
    out += protocol_name;
    out += '/';
    out += protocol_version;
    out += '/';
    out += transport;
    out += ' ';
    out += host;
    if (port) {
        out += ':';
        out += std::to_string(*port);
    }
    params.encode(out);
}

// ---- From / To -------------------------------------------------------------------------------

Result<From> From::parse(std::string_view value) {
    From h;
    if (!NameAddr::parse_into(value, h)) return err(sip_errc::bad_from);
    return h;
}

Result<To> To::parse(std::string_view value) {
    To h;
    if (!NameAddr::parse_into(value, h)) return err(sip_errc::bad_to);
    return h;
}

// ---- Call-ID, CSeq, Max-Forwards, Expires, Content-Length -----------------------------------

Result<CallId> CallId::parse(std::string_view value) {
    // callid = word [ "@" word ]; word is a wide character set (RFC 4475 intmeth).
    const std::string_view v = scan::trim(value);
    if (v.empty()) return err(sip_errc::bad_call_id);
    int ats = 0;
    for (char c : v) {
        if (c == '@') {
            if (++ats > 1) return err(sip_errc::bad_call_id);
        } else if (!scan::is(c, scan::k_word)) {
            return err(sip_errc::bad_call_id);
        }
    }
    if (v.front() == '@' || v.back() == '@') return err(sip_errc::bad_call_id);
    return CallId{v};
}

Result<CSeq> CSeq::parse(std::string_view value) {
    std::size_t i = scan::skip_lws(value, 0);
    const std::size_t d = i;
    while (i < value.size() && scan::is_digit(value[i])) ++i;
    // RFC 3261 8.1.1.5: the sequence number MUST be expressible as a 32-bit unsigned integer
    // (RFC 4475 scalar02).
    const auto seq = parse_u32(value.substr(d, i - d));
    if (!seq) return err(sip_errc::bad_cseq);
    const std::size_t m = scan::skip_lws(value, i);
    if (m == i) return err(sip_errc::bad_cseq);
    const std::size_t e = scan_token(value, m);
    if (e == m || scan::skip_lws(value, e) != value.size()) return err(sip_errc::bad_cseq);
    return CSeq{*seq, value.substr(m, e - m)};
}

void CSeq::encode(std::string& out) const {
    out += std::to_string(sequence);
    out += ' ';
    out += method;
}

Result<MaxForwards> MaxForwards::parse(std::string_view value) {
    const auto n = scan::parse_uint(scan::trim(value), 10);
    if (!n || *n > 255) return err(sip_errc::bad_max_forwards);
    return MaxForwards{static_cast<std::uint8_t>(*n)};
}

Result<Expires> Expires::parse(std::string_view value) {
    const auto n = parse_u32(scan::trim(value));
    if (!n) return err(sip_errc::bad_expires);
    return Expires{*n};
}

Result<MinExpires> MinExpires::parse(std::string_view value) {
    BOOST_OUTCOME_TRY(e, Expires::parse(value));
    MinExpires m;
    m.seconds = e.seconds;
    return m;
}

Result<ContentLength> ContentLength::parse(std::string_view value) {
    const auto n = parse_u32(scan::trim(value));
    if (!n) return err(sip_errc::bad_content_length);
    return ContentLength{*n};
}

// ---- Contact ---------------------------------------------------------------------------------

Result<Contact> Contact::parse(std::string_view value) {
    Contact c;
    if (scan::trim(value) == "*") {
        c.star = true;
        return c;
    }
    if (!NameAddr::parse_into(value, c)) return err(sip_errc::bad_contact);
    return c;
}

void Contact::encode(std::string& out) const {
    if (star) {
        out += '*';
        return;
    }
    NameAddr::encode(out);
}

Result<std::optional<std::uint32_t>> Contact::expires() const {
    const auto v = params.get("expires");
    if (!v) return std::optional<std::uint32_t>{};
    const auto n = parse_u32(*v);
    if (!n) return err(sip_errc::bad_expires);
    return std::optional<std::uint32_t>{*n};
}

std::optional<int> Contact::q() const noexcept {
    // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
    const auto v = params.get("q");
    if (!v || v->empty() || (v->front() != '0' && v->front() != '1')) return std::nullopt;
    int result = (v->front() - '0') * 1000;
    if (v->size() > 1) {
        if ((*v)[1] != '.' || v->size() > 5) return std::nullopt;
        int scale = 100;
        for (std::size_t i = 2; i < v->size(); ++i, scale /= 10) {
            if (!scan::is_digit((*v)[i])) return std::nullopt;
            result += ((*v)[i] - '0') * scale;
        }
    }
    if (result > 1000) return std::nullopt;
    return result;
}

std::optional<std::string_view> Contact::instance() const noexcept {
    auto v = params.get("+sip.instance");
    if (!v) return std::nullopt;
    std::string_view s = unquote(*v);
    if (s.size() >= 2 && s.front() == '<' && s.back() == '>') s = s.substr(1, s.size() - 2);
    return s;
}

std::optional<std::uint32_t> Contact::reg_id() const noexcept {
    const auto v = params.get("reg-id");
    if (!v) return std::nullopt;
    return parse_u32(*v);
}

// ---- Address lists and option tags -----------------------------------------------------------

template <HeaderId Id>
Result<AddressList<Id>> AddressList<Id>::parse(std::string_view value) {
    AddressList<Id> a;
    if (!NameAddr::parse_into(value, a)) return err(sip_errc::bad_route);
    return a;
}

template struct AddressList<HeaderId::route>;
template struct AddressList<HeaderId::record_route>;
template struct AddressList<HeaderId::path>;
template struct AddressList<HeaderId::service_route>;
template struct AddressList<HeaderId::p_associated_uri>;
template struct AddressList<HeaderId::p_asserted_identity>;

template <HeaderId Id>
Result<OptionTag<Id>> OptionTag<Id>::parse(std::string_view value) {
    const std::string_view v = scan::trim(value);
    if (!scan::is_token(v)) return err(sip_errc::bad_option_tags);
    return OptionTag<Id>{v};
}

template struct OptionTag<HeaderId::require>;
template struct OptionTag<HeaderId::proxy_require>;
template struct OptionTag<HeaderId::supported>;
template struct OptionTag<HeaderId::unsupported>;
template struct OptionTag<HeaderId::allow>;

// ---- Authorization / WWW-Authenticate / Proxy-* ---------------------------------------------

const AuthParam* Auth::find(std::string_view name) const noexcept {
    for (const AuthParam& p : params) {
        if (scan::iequals(p.name, name)) return &p;
    }
    return nullptr;
}

std::optional<std::string_view> Auth::param(std::string_view name) const noexcept {
    const AuthParam* p = find(name);
    if (p == nullptr) return std::nullopt;
    return p->value;
}

std::optional<std::string> Auth::param_text(std::string_view name) const {
    const AuthParam* p = find(name);
    if (p == nullptr) return std::nullopt;
    if (!p->quoted) return std::string(p->value);
    std::string out;
    out.reserve(p->value.size());
    for (std::size_t i = 0; i < p->value.size(); ++i) {
        if (p->value[i] == '\\' && i + 1 < p->value.size()) ++i;
        out += p->value[i];
    }
    return out;
}

Result<void> Auth::parse_auth(std::string_view v, Auth& a) {
    // credentials / challenge = auth-scheme LWS auth-param *(COMMA auth-param)
    std::size_t i = scan::skip_lws(v, 0);
    const std::size_t s = scan_token(v, i);
    if (s == i) return err(sip_errc::bad_auth);
    a.scheme = v.substr(i, s - i);
    i = scan::skip_lws(v, s);
    if (i == s && i != v.size()) return err(sip_errc::bad_auth);
    while (i < v.size()) {
        if (v[i] == ',') {  // empty list elements are tolerated (RFC 7230 7)
            i = scan::skip_lws(v, i + 1);
            continue;
        }
        const std::size_t n = scan_token(v, i);
        if (n == i) return err(sip_errc::bad_auth);
        AuthParam p{v.substr(i, n - i), {}, false};
        i = scan::skip_lws(v, n);
        if (i >= v.size() || v[i] != '=') return err(sip_errc::bad_auth);
        i = scan::skip_lws(v, i + 1);
        if (i < v.size() && v[i] == '"') {
            const std::size_t e = scan::end_of_quoted(v, i);
            if (e == std::string_view::npos) return err(sip_errc::bad_auth);
            p.value = v.substr(i + 1, e - i - 2);
            p.quoted = true;
            i = e;
        } else {
            // token, or token68-like values some clients send unquoted (base64 with '=' '/').
            const std::size_t b = i;
            while (i < v.size() &&
                   (scan::is(v[i], scan::k_token) || v[i] == '/' || v[i] == '=' || v[i] == ':')) {
                ++i;
            }
            if (i == b) return err(sip_errc::bad_auth);
            p.value = v.substr(b, i - b);
        }
        if (!a.params.push_back(p)) return err(sip_errc::bad_auth);
        i = scan::skip_lws(v, i);
        if (i < v.size()) {
            if (v[i] != ',') return err(sip_errc::bad_auth);
            i = scan::skip_lws(v, i + 1);
        }
    }
    return success();
}

void Auth::encode(std::string& out) const {
    out += scheme;
    bool first = true;
    for (const AuthParam& p : params) {
        out += first ? " " : ", ";
        first = false;
        out += p.name;
        out += '=';
        if (p.quoted) out += '"';
        out += p.value;
        if (p.quoted) out += '"';
    }
}

template <HeaderId Id>
Result<AuthHeader<Id>> AuthHeader<Id>::parse(std::string_view value) {
    AuthHeader<Id> h;
    BOOST_OUTCOME_TRYV(parse_auth(value, h));
    return h;
}

template struct AuthHeader<HeaderId::authorization>;
template struct AuthHeader<HeaderId::proxy_authorization>;
template struct AuthHeader<HeaderId::www_authenticate>;
template struct AuthHeader<HeaderId::proxy_authenticate>;

// ---- Security-Client / Server / Verify -------------------------------------------------------

template <HeaderId Id>
Result<SecMechanism<Id>> SecMechanism<Id>::parse(std::string_view value) {
    SecMechanism<Id> m;
    const std::size_t i = scan::skip_lws(value, 0);
    const std::size_t e = scan_token(value, i);
    if (e == i) return err(sip_errc::bad_security_mechanism);
    m.mechanism = value.substr(i, e - i);
    auto end = parse_header_params(value, e, m.params);
    if (!end || scan::skip_lws(value, end.value()) != value.size()) {
        return err(sip_errc::bad_security_mechanism);
    }
    return m;
}

template <HeaderId Id>
void SecMechanism<Id>::encode(std::string& out) const {
    out += mechanism;
    params.encode(out);
}

template struct SecMechanism<HeaderId::security_client>;
template struct SecMechanism<HeaderId::security_server>;
template struct SecMechanism<HeaderId::security_verify>;

// ---- Content-Type ----------------------------------------------------------------------------

Result<ContentType> ContentType::parse(std::string_view value) {
    ContentType ct;
    std::size_t i = scan::skip_lws(value, 0);
    std::size_t e = scan_token(value, i);
    if (e == i) return err(sip_errc::bad_content_type);
    ct.type = value.substr(i, e - i);
    i = scan::skip_lws(value, e);
    if (i >= value.size() || value[i] != '/') return err(sip_errc::bad_content_type);
    i = scan::skip_lws(value, i + 1);
    e = scan_token(value, i);
    if (e == i) return err(sip_errc::bad_content_type);
    ct.subtype = value.substr(i, e - i);
    auto end = parse_header_params(value, e, ct.params);
    if (!end || scan::skip_lws(value, end.value()) != value.size()) {
        return err(sip_errc::bad_content_type);
    }
    return ct;
}

void ContentType::encode(std::string& out) const {
    out += type;
    out += '/';
    out += subtype;
    params.encode(out);
}

}  // namespace ims::sip::hdr
