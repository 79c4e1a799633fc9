#pragma once
// SIP, SIPS and tel URIs (RFC 3261 19.1, 25.1; RFC 3966), other schemes kept opaque (absoluteURI).
// A Uri is a view: its fields point into the text it was parsed from. Escapes are kept as
// written (RFC 4475 esc01: "v%61lue%25%34%31" stays so); unescape() resolves them once.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/core/result.hpp"
#include "common/sip/params.hpp"

namespace ims::sip {

enum class UriScheme : std::uint8_t { sip, sips, tel, other };
enum class HostKind : std::uint8_t { none, name, ipv4, ipv6 };

struct Uri {
    UriScheme scheme = UriScheme::sip;
    std::string_view scheme_text = "sip";  ///< as written ("sip", "SIP", "urn", ...)
    std::string_view user;                 ///< SIP user part; tel: the number
    std::string_view password;
    bool has_password = false;
    std::string_view host;  ///< IPv6 references keep their brackets: "[2001:db8::1]"
    HostKind host_kind = HostKind::none;
    std::optional<std::uint16_t> port;
    Params params;             ///< uri-parameters (tel: its parameters)
    std::string_view headers;  ///< after '?', raw ("Route=%3Csip:x%3E"); empty if none
    std::string_view opaque;   ///< other schemes: everything after "scheme:"

    /// Parses one URI; the whole of `text` must be the URI (no surrounding white space).
    static Result<Uri> parse(std::string_view text);
    /// Same, into an existing object (no copy of the result; `out` is reset first).
    static Result<void> parse_into(std::string_view text, Uri& out);

    void encode(std::string& out) const;
    std::string to_string() const;

    bool is_sip() const noexcept { return scheme == UriScheme::sip || scheme == UriScheme::sips; }
    /// "user@host" (user and host as written), or host alone: the key of an address-of-record.
    std::string aor() const;

    bool operator==(const Uri& o) const = default;
};

/// Resolves %HH escapes (RFC 3261 19.1.2); the result may contain NULs (RFC 4475 escnull).
Result<std::string> unescape(std::string_view s);

/// Classifies a host: hostname, IPv4address or IPv6reference (brackets included);
/// HostKind::none if it is none of them.
HostKind classify_host(std::string_view host) noexcept;

}  // namespace ims::sip
