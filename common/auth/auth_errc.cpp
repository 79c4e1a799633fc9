#include "common/auth/auth_errc.hpp"

#include <string>

namespace ims::auth {
namespace {

class AuthCategory final : public std::error_category {
  public:
    const char* name() const noexcept override { return "ims.auth"; }
    std::string message(int code) const override {
        switch (static_cast<auth_errc>(code)) {
            case auth_errc::invalid_hex:
                return "invalid hex string";
            case auth_errc::invalid_base64:
                return "invalid base64 string";
            case auth_errc::wrong_length:
                return "value has the wrong length";
            case auth_errc::mac_mismatch:
                return "MAC verification failed";
            case auth_errc::crypto_failure:
                return "cryptographic primitive failed";
            case auth_errc::random_failure:
                return "random source failed";
            case auth_errc::unsupported_algorithm:
                return "unsupported digest algorithm";
            case auth_errc::unsupported_qop:
                return "unsupported qop";
            case auth_errc::missing_parameter:
                return "missing digest parameter";
            case auth_errc::invalid_parameter:
                return "invalid digest parameter";
            case auth_errc::response_mismatch:
                return "digest response does not match";
            case auth_errc::sqn_out_of_range:
                return "sequence number out of range";
        }
        return "unknown authentication error";
    }
};

}  // namespace

const std::error_category& auth_category() noexcept {
    static const AuthCategory category;
    return category;
}

}  // namespace ims::auth
