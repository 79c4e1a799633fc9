#pragma once
// YAML configuration with errors that name the file, the line and the key path.
//
// Used at process start-up only (main() of every binary, on the main thread): loading and typed
// access throw ConfigError, whose what() is meant to be printed as the last line before exit.
// A Node is a cheap handle (it shares the parsed document); copy it freely.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <yaml-cpp/node/node.h>

#include "common/config/config_errc.hpp"
#include "common/core/result.hpp"

namespace ims::config {

/// Thrown only at start-up. what() is "<file>:<line>: <key.path>: <message>" (line 1-based).
/// When there is no key (a YAML syntax error, the document itself) the key part is left out;
/// when there is no line (the file cannot be opened) line() is 0 and the line part is left out.
class ConfigError : public std::runtime_error {
  public:
    ConfigError(config_errc code, std::string file, int line, std::string key, std::string message);

    const std::string& file() const { return file_; }
    int line() const { return line_; }
    const std::string& key() const { return key_; }
    /// The message alone, without file, line and key.
    const std::string& message() const { return message_; }
    std::error_code code() const { return make_error_code(code_); }

  private:
    config_errc code_;
    std::string file_;
    int line_;
    std::string key_;
    std::string message_;
};

/// The scalar types Node::as / get / get_or / get_optional convert to.
/// Durations accept a plain integer (in the duration's own unit) or a string with a unit:
/// "250ms", "30s", "5m", "1h" (whole numbers; "1500ms" as seconds is an error, not a rounding).
template <class T>
concept ConfigScalar = std::is_same_v<T, std::string> || std::is_same_v<T, bool> ||
    std::is_same_v<T, int> || std::is_same_v<T, std::int64_t> || std::is_same_v<T, std::uint16_t> ||
    std::is_same_v<T, std::uint32_t> || std::is_same_v<T, std::uint64_t> ||
    std::is_same_v<T, double> || std::is_same_v<T, std::chrono::milliseconds> ||
    std::is_same_v<T, std::chrono::seconds>;

class Node {
  public:
    /// A handle on `node` of the document loaded from `file`, reached through `path`.
    Node(std::shared_ptr<const std::string> file, YAML::Node node, std::string path);

    /// Required scalar child. Missing (or empty "key:") -> ConfigError missing_key.
    template <ConfigScalar T>
    T get(std::string_view key) const {
        return child_value(key).as<T>();
    }
    /// Optional scalar child; absent or empty -> fallback. A present but invalid value throws.
    template <ConfigScalar T>
    T get_or(std::string_view key, T fallback) const {
        auto node = child_optional(key);
        return node ? node->as<T>() : fallback;
    }
    template <ConfigScalar T>
    std::optional<T> get_optional(std::string_view key) const {
        auto node = child_optional(key);
        if (!node) return std::nullopt;
        return node->as<T>();
    }
    /// This node as a scalar of type T; conversion and range errors name this node's line/path.
    template <ConfigScalar T>
    T as() const;

    /// True if this is a map holding `key` with a non-empty value.
    bool has(std::string_view key) const;
    /// Required child (map, sequence or scalar). Missing -> ConfigError at this node's line.
    Node child(std::string_view key) const;
    /// Child if present with a non-empty value, else nullopt.
    std::optional<Node> child_optional(std::string_view key) const;
    /// Elements of a sequence, paths "name[0]", "name[1]"... An empty value gives no items;
    /// anything else that is not a sequence -> ConfigError wrong_type.
    std::vector<Node> items() const;
    /// Keys of a map in document order (empty value -> none; not a map -> ConfigError).
    std::vector<std::string> keys() const;

    bool is_map() const;
    bool is_sequence() const;
    bool is_scalar() const;
    /// True for an absent document or an empty value ("key:" or "key: ~").
    bool is_null() const;

    /// A key of this map not in `known` -> ConfigError unknown_key naming it and its line
    /// (with a "did you mean" hint when a known key is one or two edits away).
    void reject_unknown(std::initializer_list<std::string_view> known) const;
    /// Throws ConfigError(invalid) at `key`'s line and path (or this node's if key is empty or
    /// absent). For checks the loader cannot do itself: "must be a SIP URI", "K must be 16 bytes".
    [[noreturn]] void fail(std::string_view key, std::string_view message) const;
    /// Same, for this node itself.
    [[noreturn]] void fail(std::string_view message) const;

    const std::string& file() const { return *file_; }
    /// 1-based line of this node: its key's line for a map child, its own for an item.
    int line() const { return line_; }
    /// Dotted path from the document root, e.g. "diameter.peers[1].port" ("" for the root).
    const std::string& path() const { return path_; }
    const YAML::Node& yaml() const { return node_; }

  private:
    friend Node load_string(std::string_view yaml, std::string file_label);
    Node(std::shared_ptr<const std::string> file, YAML::Node node, std::string path, int line);
    Node child_value(std::string_view key) const;  // required, non-null
    std::string child_path(std::string_view key) const;
    [[noreturn]] void throw_error(config_errc code, std::string message) const;

    std::shared_ptr<const std::string> file_;
    YAML::Node node_;
    std::string path_;
    int line_;
};

// The conversions, defined in config.cpp.
template <>
std::string Node::as<std::string>() const;
template <>
bool Node::as<bool>() const;
template <>
int Node::as<int>() const;
template <>
std::int64_t Node::as<std::int64_t>() const;
template <>
std::uint16_t Node::as<std::uint16_t>() const;
template <>
std::uint32_t Node::as<std::uint32_t>() const;
template <>
std::uint64_t Node::as<std::uint64_t>() const;
template <>
double Node::as<double>() const;
template <>
std::chrono::milliseconds Node::as<std::chrono::milliseconds>() const;
template <>
std::chrono::seconds Node::as<std::chrono::seconds>() const;

/// Reads and parses `file`. A missing/unreadable file, a YAML syntax error (with its line) or a
/// duplicate key in any map -> ConfigError. The file label in errors is `file` as given.
Node load_file(const std::filesystem::path& file);
/// Parses `yaml`; errors name `file_label` as the file (e.g. "<inline>" or a test name).
Node load_string(std::string_view yaml, std::string file_label);

/// Parses a duration text ("500ms", "30s", "5m", "1h", or a bare integer counted in
/// `bare_unit`) into milliseconds. Non-throwing (invalid_value / out_of_range), for callers
/// outside start-up, e.g. a scenario step.
Result<std::chrono::milliseconds> parse_duration(std::string_view text,
                                                 std::chrono::milliseconds bare_unit);

}  // namespace ims::config
