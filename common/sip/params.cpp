#include "common/sip/params.hpp"

#include "common/sip/errors.hpp"
#include "common/sip/scan.hpp"

namespace ims::sip {

const Param* Params::find(std::string_view name) const noexcept {
    for (const Param& p : items_) {
        if (scan::iequals(p.name, name)) return &p;
    }
    return nullptr;
}

std::optional<std::string_view> Params::get(std::string_view name) const noexcept {
    const Param* p = find(name);
    if (p == nullptr) return std::nullopt;
    return p->value;
}

void Params::set(std::string_view name, std::optional<std::string_view> value) {
    Param p{name, value.value_or(std::string_view{}), value.has_value()};
    for (Param& q : items_) {
        if (scan::iequals(q.name, name)) {
            q = p;
            return;
        }
    }
    items_.push_back(p);
}

bool Params::remove(std::string_view name) noexcept {
    for (auto it = items_.begin(); it != items_.end(); ++it) {
        if (scan::iequals(it->name, name)) {
            items_.erase(it);
            return true;
        }
    }
    return false;
}

void Params::encode(std::string& out) const {
    for (const Param& p : items_) {
        out += ';';
        out += p.name;
        if (p.has_value) {
            out += '=';
            out += p.value;
        }
    }
}

namespace {

// gen-value = token / host / quoted-string; host adds ':' '[' ']' for IPv6 references.
bool is_gen_value_char(char c) {
    return scan::is(c, scan::k_token) || c == ':' || c == '[' || c == ']';
}

}  // namespace

Result<std::size_t> parse_header_params(std::string_view s, std::size_t i, Params& out) {
    const auto bad = [] { return make_error_code(sip_errc::bad_params); };
    while (true) {
        i = scan::skip_lws(s, i);
        if (i >= s.size() || s[i] != ';') return i;
        i = scan::skip_lws(s, i + 1);
        const std::size_t name_start = i;
        while (i < s.size() && scan::is(s[i], scan::k_token)) ++i;
        if (i == name_start) return bad();
        Param p{s.substr(name_start, i - name_start), {}, false};
        const std::size_t after_name = scan::skip_lws(s, i);
        if (after_name < s.size() && s[after_name] == '=') {
            i = scan::skip_lws(s, after_name + 1);
            const std::size_t v = i;
            if (i < s.size() && s[i] == '"') {
                i = scan::end_of_quoted(s, i);
                if (i == std::string_view::npos)
                    return make_error_code(sip_errc::bad_quoted_string);
            } else {
                while (i < s.size() && is_gen_value_char(s[i])) ++i;
                if (i == v) return bad();
            }
            p.value = s.substr(v, i - v);
            p.has_value = true;
        }
        out.push_back(p);
    }
}

namespace {

// paramchar = param-unreserved / unreserved / escaped (RFC 3261 25.1).
Result<std::size_t> scan_paramchars(std::string_view s, std::size_t i) {
    while (i < s.size()) {
        const char c = s[i];
        if (c == '%') {
            if (i + 2 >= s.size() || !scan::is_hex(s[i + 1]) || !scan::is_hex(s[i + 2])) {
                return make_error_code(sip_errc::bad_escape);
            }
            i += 3;
        } else if (scan::is(c, scan::k_param)) {
            ++i;
        } else {
            break;
        }
    }
    return i;
}

}  // namespace

Result<std::size_t> parse_uri_params(std::string_view s, std::size_t i, Params& out) {
    while (i < s.size() && s[i] == ';') {
        ++i;
        const std::size_t name_start = i;
        BOOST_OUTCOME_TRY(name_end, scan_paramchars(s, i));
        if (name_end == name_start) return make_error_code(sip_errc::bad_params);
        Param p{s.substr(name_start, name_end - name_start), {}, false};
        i = name_end;
        if (i < s.size() && s[i] == '=') {
            const std::size_t v = i + 1;
            BOOST_OUTCOME_TRY(value_end, scan_paramchars(s, v));
            if (value_end == v) return make_error_code(sip_errc::bad_params);
            p.value = s.substr(v, value_end - v);
            p.has_value = true;
            i = value_end;
        }
        out.push_back(p);
    }
    return i;
}

std::string_view unquote(std::string_view v) noexcept {
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') return v.substr(1, v.size() - 2);
    return v;
}

std::string unescape_quoted(std::string_view v) {
    v = unquote(v);
    std::string out;
    out.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '\\' && i + 1 < v.size()) ++i;
        out += v[i];
    }
    return out;
}

void append_quoted(std::string& out, std::string_view v) {
    out += '"';
    for (char c : v) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
}

}  // namespace ims::sip
