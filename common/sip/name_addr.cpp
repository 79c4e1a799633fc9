#include "common/sip/name_addr.hpp"

#include "common/sip/errors.hpp"
#include "common/sip/scan.hpp"

namespace ims::sip {

Result<NameAddr> NameAddr::parse(std::string_view v) {
    NameAddr na;
    BOOST_OUTCOME_TRYV(parse_into(v, na));
    return na;
}

Result<void> NameAddr::parse_into(std::string_view v, NameAddr& na) {
    const auto bad = [] { return make_error_code(sip_errc::bad_name_addr); };
    na.display_name = {};
    na.params = Params{};
    std::size_t i = scan::skip_lws(v, 0);
    if (i >= v.size()) return bad();

    std::size_t laquot = std::string_view::npos;
    if (v[i] == '"') {
        const std::size_t end = scan::end_of_quoted(v, i);
        if (end == std::string_view::npos) return make_error_code(sip_errc::bad_quoted_string);
        na.display_name = v.substr(i, end - i);
        i = scan::skip_lws(v, end);
        if (i >= v.size() || v[i] != '<') return bad();
        laquot = i;
    } else if (v[i] == '<') {
        laquot = i;
    } else {
        // *(token LWS) then '<' is a display name (RFC 4475 lwsdisp: no LWS before '<' is
        // accepted); anything else is an addr-spec.
        std::size_t j = i;
        std::size_t last_token_end = i;
        while (j < v.size()) {
            if (scan::is(v[j], scan::k_token)) {
                ++j;
                last_token_end = j;
            } else if (scan::is_ws(v[j]) || v[j] == '\r' || v[j] == '\n') {
                const std::size_t k = scan::skip_lws(v, j);
                if (k == j) break;
                j = k;
            } else {
                break;
            }
        }
        if (j < v.size() && v[j] == '<') {
            na.display_name = v.substr(i, last_token_end - i);
            laquot = j;
        }
    }

    if (laquot != std::string_view::npos) {
        const std::size_t raquot = v.find('>', laquot + 1);
        if (raquot == std::string_view::npos) return bad();
        // RFC 4475 badaspec: no white space inside the angle brackets.
        BOOST_OUTCOME_TRYV(Uri::parse_into(v.substr(laquot + 1, raquot - laquot - 1), na.uri));
        na.angle_brackets = true;
        i = raquot + 1;
    } else {
        std::size_t end = i;
        while (end < v.size() && v[end] != ';' && !scan::is_ws(v[end]) && v[end] != '\r' &&
               v[end] != '\n') {
            ++end;
        }
        const std::string_view spec = v.substr(i, end - i);
        if (spec.find_first_of(",?") != std::string_view::npos) return bad();
        BOOST_OUTCOME_TRYV(Uri::parse_into(spec, na.uri));
        na.angle_brackets = false;
        i = end;
    }
    BOOST_OUTCOME_TRY(after, parse_header_params(v, i, na.params));
    if (scan::skip_lws(v, after) != v.size()) return bad();
    return success();
}

void NameAddr::encode(std::string& out) const {
    if (!display_name.empty()) {
        out += display_name;
        out += ' ';
    }
    out += '<';
    uri.encode(out);
    out += '>';
    params.encode(out);
}

std::string NameAddr::to_string() const {
    std::string s;
    encode(s);
    return s;
}

}  // namespace ims::sip
