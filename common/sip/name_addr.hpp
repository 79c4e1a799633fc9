#pragma once
// name-addr / addr-spec with header parameters (RFC 3261 20.10, 25.1): the common shape of From,
// To, Contact, Route, Record-Route, Path, Service-Route, P-Asserted-Identity...

#include <string>
#include <string_view>

#include "common/core/result.hpp"
#include "common/sip/params.hpp"
#include "common/sip/uri.hpp"

namespace ims::sip {

struct NameAddr {
    std::string_view display_name;  ///< raw: a quoted-string keeps quotes/escapes; "" if none
    Uri uri;
    Params params;               ///< header parameters after the address (tag, expires, lr...)
    bool angle_brackets = true;  ///< written as name-addr (with <>), else addr-spec

    /// Parses one value (no top-level commas). In addr-spec form the URI ends at the first ';'
    /// and must not contain ',' '?' (RFC 3261 20.10; RFC 4475 regbadct).
    static Result<NameAddr> parse(std::string_view value);
    /// Same, into an existing object (the typed headers derive from NameAddr).
    static Result<void> parse_into(std::string_view value, NameAddr& out);

    /// Always writes name-addr form (<...>), which is valid for every URI.
    void encode(std::string& out) const;
    std::string to_string() const;

    /// Display name with quotes and quoted-pairs resolved.
    std::string display_name_text() const { return unescape_quoted(display_name); }

    /// Same display name, URI and parameters (the written form, <> or not, does not matter).
    bool operator==(const NameAddr& o) const {
        return display_name == o.display_name && uri == o.uri && params == o.params;
    }
};

}  // namespace ims::sip
