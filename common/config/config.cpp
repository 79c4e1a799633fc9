#include "common/config/config.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <utility>

#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/yaml.h>

namespace ims::config {
namespace {

std::string format_what(const std::string& file, int line, const std::string& key,
                        const std::string& message) {
    std::string out = file;
    if (line > 0) out += ":" + std::to_string(line);
    out += ": ";
    if (!key.empty()) out += key + ": ";
    out += message;
    return out;
}

int mark_line(const YAML::Mark& mark) {
    return mark.line >= 0 ? mark.line + 1 : 0;
}

// A key of a block map and its value, found by scanning (the key node carries the key's line;
// yaml-cpp's operator[] would lose it).
struct Entry {
    YAML::Node key;
    YAML::Node value;
};

std::optional<Entry> find_entry(const YAML::Node& map, std::string_view key) {
    if (!map.IsMap()) return std::nullopt;
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (it->first.IsScalar() && it->first.Scalar() == key) return Entry{it->first, it->second};
    }
    return std::nullopt;
}

std::string kind_name(const YAML::Node& node) {
    switch (node.Type()) {
        case YAML::NodeType::Map:
            return "a map";
        case YAML::NodeType::Sequence:
            return "a sequence";
        case YAML::NodeType::Scalar:
            return "a scalar";
        default:
            return "nothing";
    }
}

std::string show_value(std::string_view text) {
    std::string out = "\"";
    out.append(text.substr(0, 64));
    if (text.size() > 64) out += "...";
    return out + "\"";
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// Signed/unsigned integer text: optional sign, decimal or 0x-hex digits, nothing else.
struct ParsedInt {
    bool negative = false;
    bool overflow = false;  // more than 64 bits
    std::uint64_t magnitude = 0;
};

std::optional<ParsedInt> parse_int_text(std::string_view text) {
    ParsedInt out;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        out.negative = text.front() == '-';
        text.remove_prefix(1);
    }
    int base = 10;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        base = 16;
        text.remove_prefix(2);
    }
    if (text.empty()) return std::nullopt;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out.magnitude, base);
    if (ec == std::errc::result_out_of_range) {
        out.overflow = true;  // reported as out of range, not as "not a number"
        return out;
    }
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return out;
}

template <class Int>
bool fits(const ParsedInt& value) {
    if (value.overflow) return false;
    if (value.negative) {
        if constexpr (std::is_unsigned_v<Int>) {
            return value.magnitude == 0;
        } else {
            return value.magnitude <=
                   static_cast<std::uint64_t>(std::numeric_limits<Int>::max()) + 1;
        }
    }
    return value.magnitude <= static_cast<std::uint64_t>(std::numeric_limits<Int>::max());
}

template <class Int>
Int to_int(const ParsedInt& value) {
    if (!value.negative) return static_cast<Int>(value.magnitude);
    if constexpr (std::is_unsigned_v<Int>) {
        return 0;
    } else {
        // magnitude may be |min|, which does not fit Int; negate in unsigned arithmetic.
        return static_cast<Int>(~value.magnitude + 1);
    }
}

template <class Int>
std::string range_text() {
    return std::to_string(std::numeric_limits<Int>::min()) + ".." +
           std::to_string(std::numeric_limits<Int>::max());
}

// Duplicate keys are accepted silently by yaml-cpp (the first one wins on lookup); in a config
// that is nearly always a paste error, so it is refused at load time.
void check_duplicates(const std::string& file, const YAML::Node& node, const std::string& path,
                      int depth) {
    if (depth > 64) return;  // aliases cannot loop in yaml-cpp; this only bounds pathological input
    if (node.IsMap()) {
        std::map<std::string, int, std::less<>> seen;
        for (auto it = node.begin(); it != node.end(); ++it) {
            if (!it->first.IsScalar()) continue;
            const std::string& key = it->first.Scalar();
            std::string child = path.empty() ? key : path + "." + key;
            int line = mark_line(it->first.Mark());
            auto [pos, inserted] = seen.emplace(key, line);
            if (!inserted) {
                throw ConfigError(
                    config_errc::duplicate_key, file, line, child,
                    "duplicate key (first defined at line " + std::to_string(pos->second) + ")");
            }
            check_duplicates(file, it->second, child, depth + 1);
        }
    } else if (node.IsSequence()) {
        for (std::size_t i = 0; i < node.size(); ++i) {
            check_duplicates(file, node[i], path + "[" + std::to_string(i) + "]", depth + 1);
        }
    }
}

}  // namespace

ConfigError::ConfigError(config_errc code, std::string file, int line, std::string key,
                         std::string message)
    : std::runtime_error(format_what(file, line, key, message)),
      code_(code),
      file_(std::move(file)),
      line_(line),
      key_(std::move(key)),
      message_(std::move(message)) {}

Result<std::chrono::milliseconds> parse_duration(std::string_view text,
                                                 std::chrono::milliseconds bare_unit) {
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    if (digits == 0) return make_error_code(config_errc::invalid_value);
    std::uint64_t count = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + digits, count);
    if (ec != std::errc()) return make_error_code(config_errc::out_of_range);
    (void)end;
    std::string_view unit = text.substr(digits);
    while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
    std::int64_t unit_ms = 0;
    if (unit.empty()) {
        unit_ms = bare_unit.count();
    } else if (unit == "ms") {
        unit_ms = 1;
    } else if (unit == "s") {
        unit_ms = 1000;
    } else if (unit == "m" || unit == "min") {
        unit_ms = 60'000;
    } else if (unit == "h") {
        unit_ms = 3'600'000;
    } else {
        return make_error_code(config_errc::invalid_value);
    }
    constexpr auto max_ms = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (unit_ms <= 0 || count > max_ms / static_cast<std::uint64_t>(unit_ms)) {
        return make_error_code(config_errc::out_of_range);
    }
    return std::chrono::milliseconds(static_cast<std::int64_t>(count) * unit_ms);
}

Node::Node(std::shared_ptr<const std::string> file, YAML::Node node, std::string path)
    : Node(std::move(file), std::move(node), std::move(path), 0) {}

Node::Node(std::shared_ptr<const std::string> file, YAML::Node node, std::string path, int line)
    : file_(std::move(file)), node_(std::move(node)), path_(std::move(path)), line_(line) {
    if (line_ <= 0) line_ = std::max(1, mark_line(node_.Mark()));
}

std::string Node::child_path(std::string_view key) const {
    if (path_.empty()) return std::string(key);
    return path_ + "." + std::string(key);
}

void Node::throw_error(config_errc code, std::string message) const {
    throw ConfigError(code, *file_, line_, path_, std::move(message));
}

bool Node::is_map() const {
    return node_.IsMap();
}
bool Node::is_sequence() const {
    return node_.IsSequence();
}
bool Node::is_scalar() const {
    return node_.IsScalar();
}
bool Node::is_null() const {
    return !node_.IsDefined() || node_.IsNull();
}

bool Node::has(std::string_view key) const {
    auto entry = find_entry(node_, key);
    return entry && !entry->value.IsNull();
}

std::optional<Node> Node::child_optional(std::string_view key) const {
    if (!is_null() && !is_map()) {
        throw_error(config_errc::wrong_type, "expected a map, found " + kind_name(node_));
    }
    auto entry = find_entry(node_, key);
    if (!entry || entry->value.IsNull()) return std::nullopt;
    // The key's line is where a reader looks ("port: 70000", or "peers:" above its items).
    return Node(file_, entry->value, child_path(key), mark_line(entry->key.Mark()));
}

Node Node::child(std::string_view key) const {
    auto node = child_optional(key);
    if (!node) {
        auto entry = find_entry(node_, key);
        int line = entry ? mark_line(entry->key.Mark()) : line_;
        throw ConfigError(config_errc::missing_key, *file_, line, child_path(key),
                          entry ? "has no value" : "missing required key");
    }
    return *node;
}

Node Node::child_value(std::string_view key) const {
    return child(key);
}

std::vector<Node> Node::items() const {
    std::vector<Node> out;
    if (is_null()) return out;
    if (!is_sequence()) {
        throw_error(config_errc::wrong_type, "expected a sequence, found " + kind_name(node_));
    }
    out.reserve(node_.size());
    for (std::size_t i = 0; i < node_.size(); ++i) {
        out.emplace_back(file_, node_[i], path_ + "[" + std::to_string(i) + "]");
    }
    return out;
}

std::vector<std::string> Node::keys() const {
    std::vector<std::string> out;
    if (is_null()) return out;
    if (!is_map())
        throw_error(config_errc::wrong_type, "expected a map, found " + kind_name(node_));
    for (auto it = node_.begin(); it != node_.end(); ++it) {
        if (it->first.IsScalar()) out.push_back(it->first.Scalar());
    }
    return out;
}

void Node::reject_unknown(std::initializer_list<std::string_view> known) const {
    if (is_null()) return;
    if (!is_map())
        throw_error(config_errc::wrong_type, "expected a map, found " + kind_name(node_));
    for (auto it = node_.begin(); it != node_.end(); ++it) {
        std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string("?");
        if (std::find(known.begin(), known.end(), key) != known.end()) continue;
        std::string message = "unknown key";
        std::string_view best;
        std::size_t best_distance = 3;
        for (std::string_view candidate : known) {
            std::size_t d = edit_distance(key, candidate);
            if (d < best_distance) {
                best_distance = d;
                best = candidate;
            }
        }
        if (!best.empty()) {
            message += " (did you mean '" + std::string(best) + "'?)";
        } else {
            message += " (known keys:";
            for (std::string_view candidate : known) message += " " + std::string(candidate);
            message += ")";
        }
        throw ConfigError(config_errc::unknown_key, *file_, mark_line(it->first.Mark()),
                          child_path(key), message);
    }
}

void Node::fail(std::string_view key, std::string_view message) const {
    if (key.empty()) fail(message);
    auto entry = find_entry(node_, key);
    int line = entry ? mark_line(entry->key.Mark()) : line_;
    throw ConfigError(config_errc::invalid, *file_, line, child_path(key), std::string(message));
}

void Node::fail(std::string_view message) const {
    throw_error(config_errc::invalid, std::string(message));
}

// ---- scalar conversions ----

template <>
std::string Node::as<std::string>() const {
    if (is_null()) throw_error(config_errc::missing_key, "has no value");
    if (!is_scalar()) {
        throw_error(config_errc::wrong_type, "expected a scalar value, found " + kind_name(node_));
    }
    return node_.Scalar();
}

template <>
bool Node::as<bool>() const {
    std::string text = as<std::string>();
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "true" || lower == "yes" || lower == "on") return true;
    if (lower == "false" || lower == "no" || lower == "off") return false;
    throw_error(config_errc::invalid_value, "expected true or false, got " + show_value(text));
}

namespace {
template <class Int>
Int node_as_int(const Node& node, const std::string& text) {
    auto parsed = parse_int_text(text);
    if (!parsed) {
        throw ConfigError(config_errc::invalid_value, node.file(), node.line(), node.path(),
                          "expected an integer, got " + show_value(text));
    }
    if (!fits<Int>(*parsed)) {
        throw ConfigError(config_errc::out_of_range, node.file(), node.line(), node.path(),
                          text + " is out of range (" + range_text<Int>() + ")");
    }
    return to_int<Int>(*parsed);
}
}  // namespace

template <>
int Node::as<int>() const {
    return node_as_int<int>(*this, as<std::string>());
}
template <>
std::int64_t Node::as<std::int64_t>() const {
    return node_as_int<std::int64_t>(*this, as<std::string>());
}
template <>
std::uint16_t Node::as<std::uint16_t>() const {
    return node_as_int<std::uint16_t>(*this, as<std::string>());
}
template <>
std::uint32_t Node::as<std::uint32_t>() const {
    return node_as_int<std::uint32_t>(*this, as<std::string>());
}
template <>
std::uint64_t Node::as<std::uint64_t>() const {
    return node_as_int<std::uint64_t>(*this, as<std::string>());
}

template <>
double Node::as<double>() const {
    std::string text = as<std::string>();
    double value = 0;
    const char* first = text.data();
    const char* last = text.data() + text.size();
    if (first != last && *first == '+') ++first;
    auto [end, ec] = std::from_chars(first, last, value);
    if (ec == std::errc::result_out_of_range) {
        throw_error(config_errc::out_of_range, text + " is out of range for a number");
    }
    if (ec != std::errc() || end != last || first == last) {
        throw_error(config_errc::invalid_value, "expected a number, got " + show_value(text));
    }
    return value;
}

template <>
std::chrono::milliseconds Node::as<std::chrono::milliseconds>() const {
    std::string text = as<std::string>();
    auto parsed = parse_duration(text, std::chrono::milliseconds(1));
    if (!parsed) {
        if (parsed.error() == config_errc::out_of_range) {
            throw_error(config_errc::out_of_range, text + " is out of range for a duration");
        }
        throw_error(config_errc::invalid_value,
                    "expected a duration like 500ms, 30s, 5m or 1h (a bare number is "
                    "milliseconds), got " +
                        show_value(text));
    }
    return parsed.value();
}

template <>
std::chrono::seconds Node::as<std::chrono::seconds>() const {
    std::string text = as<std::string>();
    auto parsed = parse_duration(text, std::chrono::seconds(1));
    if (!parsed) {
        if (parsed.error() == config_errc::out_of_range) {
            throw_error(config_errc::out_of_range, text + " is out of range for a duration");
        }
        throw_error(config_errc::invalid_value,
                    "expected a duration like 30s, 5m or 1h (a bare number is seconds), got " +
                        show_value(text));
    }
    if (parsed.value().count() % 1000 != 0) {
        throw_error(config_errc::invalid_value,
                    "must be a whole number of seconds, got " + show_value(text));
    }
    return std::chrono::duration_cast<std::chrono::seconds>(parsed.value());
}

// ---- loading ----

Node load_string(std::string_view yaml, std::string file_label) {
    auto file = std::make_shared<const std::string>(std::move(file_label));
    YAML::Node root;
    try {
        root = YAML::Load(std::string(yaml));
    } catch (const YAML::Exception& e) {
        throw ConfigError(config_errc::syntax_error, *file, mark_line(e.mark), std::string(),
                          "YAML syntax error: " + e.msg);
    }
    check_duplicates(*file, root, std::string(), 0);
    return Node(file, root, std::string(), 1);
}

Node load_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        int err = errno;
        throw ConfigError(
            config_errc::file_not_found, file.string(), 0, std::string(),
            std::string("cannot open file: ") + (err != 0 ? std::strerror(err) : "unknown error"));
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) {
        throw ConfigError(config_errc::file_not_found, file.string(), 0, std::string(),
                          "cannot read file");
    }
    return load_string(text.str(), file.string());
}

}  // namespace ims::config
