#include "common/auth/fingerprint.hpp"

#include <openssl/evp.h>

#include "common/auth/encoding.hpp"

namespace ims::auth {

std::string fingerprint(std::span<const std::uint8_t> secret) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(secret.data(), secret.size(), digest, &length, EVP_sha256(), nullptr) != 1 ||
        length < 4) {
        return "????????";  // never fails in practice; a log helper must not throw
    }
    return to_hex(std::span<const std::uint8_t>(digest, 4));
}

std::string fingerprint(std::string_view secret) {
    return fingerprint(std::span<const std::uint8_t>(
        reinterpret_cast<const std::uint8_t*>(secret.data()), secret.size()));
}

}  // namespace ims::auth
