#include "common/config/config_errc.hpp"

#include <string>

namespace ims::config {
namespace {

class ConfigCategory final : public std::error_category {
  public:
    const char* name() const noexcept override { return "ims.config"; }
    std::string message(int code) const override {
        switch (static_cast<config_errc>(code)) {
            case config_errc::file_not_found:
                return "configuration file not found";
            case config_errc::syntax_error:
                return "YAML syntax error";
            case config_errc::missing_key:
                return "missing required key";
            case config_errc::wrong_type:
                return "wrong kind of node";
            case config_errc::invalid_value:
                return "invalid value";
            case config_errc::out_of_range:
                return "value out of range";
            case config_errc::unknown_key:
                return "unknown key";
            case config_errc::duplicate_key:
                return "duplicate key";
            case config_errc::invalid:
                return "invalid configuration";
        }
        return "unknown configuration error";
    }
};

}  // namespace

const std::error_category& config_category() noexcept {
    static const ConfigCategory category;
    return category;
}

}  // namespace ims::config
