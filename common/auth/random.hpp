#pragma once
// The random-source seam: nonces, opaque values and AKA RANDs come from a Random handed in by
// the owner, so tests can substitute a deterministic one (tests/unit/auth/fake_random.hpp).

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "common/auth/types.hpp"
#include "common/core/result.hpp"

namespace ims::auth {

/// A source of unpredictable bytes. Implementations must be safe to call from any thread.
class Random {
  public:
    virtual ~Random() = default;
    /// Fills `out` completely, or returns auth_errc::random_failure.
    virtual Result<void> fill(std::span<std::uint8_t> out) noexcept = 0;
};

/// OpenSSL's CSPRNG (RAND_bytes); thread-safe, stateless wrapper.
class OpenSslRandom final : public Random {
  public:
    Result<void> fill(std::span<std::uint8_t> out) noexcept override;
};

/// Process-wide OpenSslRandom, for owners that have no reason to inject another.
Random& system_random() noexcept;

/// A Digest nonce: `bytes` random bytes as lowercase hex (default 16 bytes -> 32 characters).
/// RFC 7616 3.3 leaves the format to the server; hex needs no quoting care in SIP.
Result<std::string> make_nonce(Random& random, std::size_t bytes = 16);

/// A Digest opaque value; same shape as a nonce, kept separate so call sites say what they mean.
Result<std::string> make_opaque(Random& random, std::size_t bytes = 16);

/// A fresh 128-bit AKA RAND (TS 33.102 6.3.2: unpredictable challenge).
Result<Rand> make_rand(Random& random);

}  // namespace ims::auth
