#pragma once
// Error codes of configuration loading, for non-throwing callers (and carried by ConfigError).

#include <system_error>

namespace ims::config {

enum class config_errc {
    file_not_found = 1,  ///< the file cannot be opened
    syntax_error,        ///< the YAML parser rejected the text
    missing_key,         ///< a required key is absent (or has no value)
    wrong_type,          ///< a map / sequence / scalar was expected and something else was found
    invalid_value,       ///< a scalar does not convert to the requested type
    out_of_range,        ///< a number does not fit the requested type (e.g. port 70000)
    unknown_key,         ///< reject_unknown() found a key it does not know (usually a typo)
    duplicate_key,       ///< the same key appears twice in one map
    invalid,             ///< Node::fail() called by the user of the config
};

/// The "ims.config" category; messages are short and fixed, the detail lives in ConfigError.
const std::error_category& config_category() noexcept;

inline std::error_code make_error_code(config_errc e) noexcept {
    return {static_cast<int>(e), config_category()};
}

}  // namespace ims::config

template <>
struct std::is_error_code_enum<ims::config::config_errc> : std::true_type {};
