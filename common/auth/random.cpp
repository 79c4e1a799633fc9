#include "common/auth/random.hpp"

#include <climits>
#include <vector>

#include <openssl/rand.h>

#include "common/auth/auth_errc.hpp"
#include "common/auth/encoding.hpp"

namespace ims::auth {

Result<void> OpenSslRandom::fill(std::span<std::uint8_t> out) noexcept {
    while (!out.empty()) {
        int chunk = out.size() > INT_MAX ? INT_MAX : static_cast<int>(out.size());
        if (RAND_bytes(out.data(), chunk) != 1) return make_error_code(auth_errc::random_failure);
        out = out.subspan(static_cast<std::size_t>(chunk));
    }
    return success();
}

Random& system_random() noexcept {
    static OpenSslRandom random;
    return random;
}

Result<std::string> make_nonce(Random& random, std::size_t bytes) {
    std::vector<std::uint8_t> buffer(bytes);
    BOOST_OUTCOME_TRYV(random.fill(buffer));
    return to_hex(buffer);
}

Result<std::string> make_opaque(Random& random, std::size_t bytes) {
    return make_nonce(random, bytes);
}

Result<Rand> make_rand(Random& random) {
    Rand rand{};
    BOOST_OUTCOME_TRYV(random.fill(rand));
    return rand;
}

}  // namespace ims::auth
