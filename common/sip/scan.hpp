#pragma once
// Character classes and small scanning helpers of the RFC 3261 section 25 grammar, shared by the
// framer, the message parser, URIs and typed headers. Header-only so the hot paths inline them.
// Nothing here allocates.

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace ims::sip::scan {

enum : std::uint8_t {
    k_token = 1,  // RFC 3261 25.1 token
    k_alnum = 2,
    k_unreserved = 4,  // alphanum / mark
    k_user = 8,        // unreserved / user-unreserved (without escapes)
    k_param = 16,      // paramchar minus escapes: param-unreserved / unreserved
    k_hnv = 32,        // hnv-unreserved / unreserved
    k_ws = 64,         // SP / HTAB
    k_word = 128,      // RFC 3261 25.1 word (Call-ID)
};

constexpr std::array<std::uint8_t, 256> make_table() {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0; c < 256; ++c) {
        const bool alnum =
            (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        const std::string_view mark = "-_.!~*'()";
        const bool is_mark = c < 128 && mark.find(static_cast<char>(c)) != std::string_view::npos;
        const auto in = [c](std::string_view s) {
            return c < 128 && s.find(static_cast<char>(c)) != std::string_view::npos;
        };
        std::uint8_t v = 0;
        if (alnum || in("-.!%*_+`'~")) v |= k_token;
        if (alnum) v |= k_alnum;
        if (alnum || is_mark) v |= k_unreserved | k_user | k_param | k_hnv;
        if (in("&=+$,;?/")) v |= k_user;
        if (in("[]/:&+$")) v |= k_param;
        if (in("[]/?:+$")) v |= k_hnv;
        if (c == ' ' || c == '\t') v |= k_ws;
        if (alnum || in("-.!%*_+`'~()<>:\\\"/[]?{}")) v |= k_word;
        t[static_cast<std::size_t>(c)] = v;
    }
    return t;
}

inline constexpr std::array<std::uint8_t, 256> k_table = make_table();

constexpr bool is(char c, std::uint8_t cls) {
    return (k_table[static_cast<unsigned char>(c)] & cls) != 0;
}
constexpr bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
constexpr bool is_ws(char c) {
    return c == ' ' || c == '\t';
}
constexpr bool is_hex(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
constexpr int hex_value(char c) {
    return is_digit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : c - 'A' + 10;
}
constexpr char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

/// ASCII case-insensitive equality without lowercased copies.
constexpr bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

constexpr bool all_of(std::string_view s, std::uint8_t cls) {
    for (char c : s) {
        if (!is(c, cls)) return false;
    }
    return true;
}
constexpr bool is_token(std::string_view s) {
    return !s.empty() && all_of(s, k_token);
}

/// Skips linear white space, including folded line breaks (CRLF or LF followed by SP/HTAB):
/// header values keep their folding in the raw text, so every value parser sees it as LWS.
constexpr std::size_t skip_lws(std::string_view s, std::size_t i) {
    while (i < s.size()) {
        const char c = s[i];
        if (is_ws(c)) {
            ++i;
        } else if (c == '\r' && i + 2 < s.size() && s[i + 1] == '\n' && is_ws(s[i + 2])) {
            i += 3;
        } else if (c == '\n' && i + 1 < s.size() && is_ws(s[i + 1])) {
            i += 2;
        } else {
            break;
        }
    }
    return i;
}

constexpr std::string_view trim(std::string_view s) {
    std::size_t b = skip_lws(s, 0);
    std::size_t e = s.size();
    while (e > b && (is_ws(s[e - 1]) || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
    return s.substr(b, e - b);
}

/// Parses a decimal number of at most `max_digits` digits, the whole of `s`.
constexpr std::optional<std::uint64_t> parse_uint(std::string_view s, std::size_t max_digits = 19) {
    if (s.empty() || s.size() > max_digits) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : s) {
        if (!is_digit(c)) return std::nullopt;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return v;
}

/// Index of the end of the quoted-string starting at s[i] == '"' (one past the closing quote),
/// honouring quoted-pair escapes; npos if unterminated. memchr-based: quoted values (digest
/// nonces, usernames, +sip.instance) are long and rarely contain escapes.
inline std::size_t end_of_quoted(std::string_view s, std::size_t i) {
    const char* const data = s.data();
    const std::size_t n = s.size();
    ++i;
    while (i < n) {
        const void* q = std::memchr(data + i, '"', n - i);
        if (q == nullptr) return std::string_view::npos;
        const std::size_t quote = static_cast<std::size_t>(static_cast<const char*>(q) - data);
        const void* b = std::memchr(data + i, '\\', quote - i);
        if (b == nullptr) return quote + 1;
        i = static_cast<std::size_t>(static_cast<const char*>(b) - data) + 2;  // quoted-pair
    }
    return std::string_view::npos;
}

/// Finds the next `sep` at nesting level zero: not inside a quoted-string nor inside <...>.
/// Returns s.size() if there is none, npos if quotes or angle brackets are unbalanced.
inline std::size_t find_top_level(std::string_view s, char sep, std::size_t i = 0) {
    // Fast path: no separator at all (one Contact, one Via per line...). Unbalanced quotes are
    // then left for the value parser to report.
    if (i >= s.size() || std::memchr(s.data() + i, sep, s.size() - i) == nullptr) return s.size();
    bool in_angle = false;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '"') {
            i = end_of_quoted(s, i);
            if (i == std::string_view::npos) return i;
            continue;
        }
        if (in_angle) {
            if (c == '>') in_angle = false;
        } else if (c == '<') {
            in_angle = true;
        } else if (c == sep) {
            return i;
        }
        ++i;
    }
    return in_angle ? std::string_view::npos : s.size();
}

}  // namespace ims::sip::scan
