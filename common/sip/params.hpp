#pragma once
// Semicolon-separated parameters: URI parameters (RFC 3261 19.1.1, no white space, %-escapes) and
// header parameters (generic-param, 25.1: LWS around ';' and '=', quoted-string values).
// Views only: names and values point into the text that was parsed (or into strings the caller
// keeps alive when building).

#include <boost/container/small_vector.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "common/core/result.hpp"

namespace ims::sip {

struct Param {
    std::string_view name;
    std::string_view value;  ///< raw: a quoted-string keeps its quotes and escapes
    bool has_value = false;

    bool operator==(const Param&) const = default;
};

/// An ordered parameter list; lookups are case-insensitive on the name (RFC 3261 7.3.1).
class Params {
  public:
    using Storage = boost::container::small_vector<Param, 4>;

    const Param* find(std::string_view name) const noexcept;
    bool has(std::string_view name) const noexcept { return find(name) != nullptr; }
    /// The raw value ("" for a parameter without value); nullopt when absent.
    std::optional<std::string_view> get(std::string_view name) const noexcept;
    /// Adds or replaces; `value` nullopt writes a parameter without value (";lr").
    void set(std::string_view name, std::optional<std::string_view> value = std::nullopt);
    bool remove(std::string_view name) noexcept;

    /// Writes ";name=value" for each parameter.
    void encode(std::string& out) const;

    const Storage& items() const noexcept { return items_; }
    std::size_t size() const noexcept { return items_.size(); }
    bool empty() const noexcept { return items_.empty(); }
    void push_back(const Param& p) { items_.push_back(p); }

    bool operator==(const Params& o) const { return items_ == o.items_; }

  private:
    Storage items_;
};

/// Parses header parameters starting at s[i] (which is ';' or end/other); stops at the first
/// character that cannot continue the list (',' or end), returning its index. LWS is allowed
/// around ';' and '='. A parameter without a name (";;") is an error (RFC 4475 badinv01).
Result<std::size_t> parse_header_params(std::string_view s, std::size_t i, Params& out);

/// Parses URI parameters starting at s[i] == ';' up to '?' or the end; no white space allowed.
Result<std::size_t> parse_uri_params(std::string_view s, std::size_t i, Params& out);

/// The content of a quoted-string without its quotes (escapes kept); other text unchanged.
std::string_view unquote(std::string_view v) noexcept;
/// The content of a quoted-string with quoted-pairs resolved (RFC 3261 25.1).
std::string unescape_quoted(std::string_view v);
/// Writes `v` as a quoted-string, escaping '"' and '\'.
void append_quoted(std::string& out, std::string_view v);

}  // namespace ims::sip
