#include "common/sip/uri.hpp"

#include "common/sip/errors.hpp"
#include "common/sip/scan.hpp"

namespace ims::sip {
namespace {

bool valid_escapes(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%') {
            if (i + 2 >= s.size() || !scan::is_hex(s[i + 1]) || !scan::is_hex(s[i + 2])) {
                return false;
            }
            i += 2;
        }
    }
    return true;
}

bool all_chars(std::string_view s, std::uint8_t cls, std::string_view extra = {}) {
    for (char c : s) {
        if (!scan::is(c, cls) && c != '%' && extra.find(c) == std::string_view::npos) return false;
    }
    return valid_escapes(s);
}

bool is_ipv4(std::string_view s) {
    int parts = 0;
    std::size_t i = 0;
    while (i <= s.size()) {
        const std::size_t start = i;
        while (i < s.size() && scan::is_digit(s[i])) ++i;
        const auto n = scan::parse_uint(s.substr(start, i - start), 3);
        if (!n || *n > 255) return false;
        ++parts;
        if (i == s.size()) break;
        if (s[i] != '.' || parts == 4) return false;
        ++i;
    }
    return parts == 4;
}

bool is_ipv6_reference(std::string_view s) {
    if (s.size() < 4 || s.front() != '[' || s.back() != ']') return false;
    const std::string_view body = s.substr(1, s.size() - 2);
    int colons = 0;
    bool double_colon = false;
    std::size_t group = 0;
    for (std::size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (c == ':') {
            ++colons;
            if (i + 1 < body.size() && body[i + 1] == ':') {
                if (double_colon) return false;
                double_colon = true;
            }
            group = 0;
        } else if (scan::is_hex(c)) {
            if (++group > 4) return false;
        } else if (c == '.') {
            // IPv4 tail: the last group onwards must be an IPv4 address.
            const std::size_t last_colon = body.rfind(':');
            if (last_colon == std::string_view::npos) return false;
            return is_ipv4(body.substr(last_colon + 1)) && colons >= 2 && colons <= 6;
        } else {
            return false;
        }
    }
    return colons >= 2 && colons <= 7 && (double_colon || colons == 7);
}

bool is_hostname(std::string_view s) {
    // hostname = *( domainlabel "." ) toplabel [ "." ]; labels of alphanum and inner '-'
    // ('_' tolerated, as deployed). Character check first, by table; then the label rules,
    // which only look at the '.' and '-' positions.
    if (s.empty()) return false;
    if (s.back() == '.') s.remove_suffix(1);
    if (s.empty() || s.front() == '.' || s.front() == '-' || s.back() == '-') return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (scan::is(c, scan::k_alnum) || c == '_') continue;
        if (c == '-') continue;
        if (c != '.') return false;
        // A label ends here: it is not empty and does not end with '-', nor does the next
        // one start with '-' (checked when the next '.' or the end is reached).
        if (s[i - 1] == '.' || s[i - 1] == '-' || (i + 1 < s.size() && s[i + 1] == '-')) {
            return false;
        }
    }
    return true;
}

std::error_code fail(sip_errc e) {
    return make_error_code(e);
}

Result<void> parse_sip(Uri& u, std::string_view rest) {
    // userinfo: everything up to the first '@' (user may contain ';' '?' '/': RFC 4475 semiuri).
    const std::size_t at = rest.find('@');
    if (at != std::string_view::npos) {
        const std::string_view userinfo = rest.substr(0, at);
        const std::size_t colon = userinfo.find(':');
        u.user = userinfo.substr(0, colon);
        if (colon != std::string_view::npos) {
            u.password = userinfo.substr(colon + 1);
            u.has_password = true;
            if (!all_chars(u.password, scan::k_unreserved, "&=+$,")) return fail(sip_errc::bad_uri);
        }
        if (u.user.empty() || !all_chars(u.user, scan::k_user)) return fail(sip_errc::bad_uri);
        rest.remove_prefix(at + 1);
    }
    std::size_t i = 0;
    if (!rest.empty() && rest[0] == '[') {
        const std::size_t close = rest.find(']');
        if (close == std::string_view::npos) return fail(sip_errc::bad_host);
        i = close + 1;
    } else {
        while (i < rest.size() && rest[i] != ':' && rest[i] != ';' && rest[i] != '?') ++i;
    }
    u.host = rest.substr(0, i);
    u.host_kind = classify_host(u.host);
    if (u.host_kind == HostKind::none) return fail(sip_errc::bad_host);
    if (i < rest.size() && rest[i] == ':') {
        const std::size_t p = ++i;
        while (i < rest.size() && scan::is_digit(rest[i])) ++i;
        const auto port = scan::parse_uint(rest.substr(p, i - p), 5);
        if (!port || *port > 65535) return fail(sip_errc::bad_port);
        u.port = static_cast<std::uint16_t>(*port);
    }
    BOOST_OUTCOME_TRY(after_params, parse_uri_params(rest, i, u.params));
    i = after_params;
    if (i < rest.size() && rest[i] == '?') {
        u.headers = rest.substr(i + 1);
        if (!all_chars(u.headers, scan::k_hnv, "&=")) return fail(sip_errc::bad_uri);
        i = rest.size();
    }
    if (i != rest.size()) return fail(sip_errc::bad_uri);
    return success();
}

Result<void> parse_tel(Uri& u, std::string_view rest) {
    // RFC 3966: telephone-subscriber = global-number / local-number, then ;par.
    std::size_t i = 0;
    while (i < rest.size() && rest[i] != ';') ++i;
    u.user = rest.substr(0, i);
    if (u.user.empty()) return fail(sip_errc::bad_uri);
    for (char c : u.user) {
        if (!(scan::is_hex(c) || c == '+' || c == '-' || c == '.' || c == '(' || c == ')' ||
              c == '*' || c == '#' || c == 'p' || c == 'P' || c == 'w' || c == 'W')) {
            return fail(sip_errc::bad_uri);
        }
    }
    BOOST_OUTCOME_TRY(end, parse_uri_params(rest, i, u.params));
    if (end != rest.size()) return fail(sip_errc::bad_uri);
    return success();
}

}  // namespace

HostKind classify_host(std::string_view host) noexcept {
    if (host.empty()) return HostKind::none;
    if (host.front() == '[') return is_ipv6_reference(host) ? HostKind::ipv6 : HostKind::none;
    if (scan::is_digit(host.front()) && is_ipv4(host)) return HostKind::ipv4;
    return is_hostname(host) ? HostKind::name : HostKind::none;
}

Result<Uri> Uri::parse(std::string_view text) {
    Uri u;
    BOOST_OUTCOME_TRYV(parse_into(text, u));
    return u;
}

Result<void> Uri::parse_into(std::string_view text, Uri& u) {
    u = Uri{};
    // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (RFC 3261 25.1)
    std::size_t i = 0;
    if (text.empty() ||
        !((text[0] >= 'a' && text[0] <= 'z') || (text[0] >= 'A' && text[0] <= 'Z'))) {
        return fail(sip_errc::bad_uri);
    }
    while (i < text.size() && (scan::is(text[i], scan::k_alnum) || text[i] == '+' ||
                               text[i] == '-' || text[i] == '.')) {
        ++i;
    }
    if (i >= text.size() || text[i] != ':') return fail(sip_errc::bad_uri);
    u.scheme_text = text.substr(0, i);
    const std::string_view rest = text.substr(i + 1);
    if (scan::iequals(u.scheme_text, "sip")) {
        u.scheme = UriScheme::sip;
        return parse_sip(u, rest);
    }
    if (scan::iequals(u.scheme_text, "sips")) {
        u.scheme = UriScheme::sips;
        return parse_sip(u, rest);
    }
    if (scan::iequals(u.scheme_text, "tel")) {
        u.scheme = UriScheme::tel;
        return parse_tel(u, rest);
    }
    // absoluteURI: keep it opaque, but it must be free of white space and controls.
    u.scheme = UriScheme::other;
    if (rest.empty()) return fail(sip_errc::bad_uri);
    for (char c : rest) {
        const auto uc = static_cast<unsigned char>(c);
        if (uc <= 0x20 || uc >= 0x7f || c == '<' || c == '>' || c == '"') {
            return fail(sip_errc::bad_uri);
        }
    }
    u.opaque = rest;
    return success();
}

void Uri::encode(std::string& out) const {
    out += scheme_text;
    out += ':';
    if (scheme == UriScheme::other) {
        out += opaque;
        return;
    }
    if (scheme == UriScheme::tel) {
        out += user;
        params.encode(out);
        return;
    }
    if (!user.empty()) {
        out += user;
        if (has_password) {
            out += ':';
            out += password;
        }
        out += '@';
    }
    out += host;
    if (port) {
        out += ':';
        out += std::to_string(*port);
    }
    params.encode(out);
    if (!headers.empty()) {
        out += '?';
        out += headers;
    }
}

std::string Uri::to_string() const {
    std::string s;
    encode(s);
    return s;
}

std::string Uri::aor() const {
    std::string s;
    if (scheme == UriScheme::tel) return std::string(user);
    if (!user.empty()) {
        s += user;
        s += '@';
    }
    s += host;
    return s;
}

Result<std::string> unescape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out += s[i];
            continue;
        }
        if (i + 2 >= s.size() || !scan::is_hex(s[i + 1]) || !scan::is_hex(s[i + 2])) {
            return make_error_code(sip_errc::bad_escape);
        }
        out += static_cast<char>(scan::hex_value(s[i + 1]) * 16 + scan::hex_value(s[i + 2]));
        i += 2;
    }
    return out;
}

}  // namespace ims::sip
