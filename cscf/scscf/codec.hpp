#pragma once
// Small byte codecs the S-CSCF needs on the wire: base64 (AKA nonce, auts) and lowercase hex
// (ck/ik parameters). Thin wrappers over OpenSSL's EVP codec.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/core/result.hpp"

namespace ims::scscf {

std::string base64_encode(std::span<const std::uint8_t> bytes);
/// Strict decode (RFC 4648 alphabet, padding required); scscf_errc::bad_base64 otherwise.
Result<std::vector<std::uint8_t>> base64_decode(std::string_view text);
std::string hex_encode(std::span<const std::uint8_t> bytes);

/// The randomness seam (nonces, opaque values, tags). The real one is OpenSSL's RAND_bytes.
class RandomSource {
  public:
    virtual ~RandomSource() = default;
    virtual void fill(std::span<std::uint8_t> out) = 0;
};

/// Serves RAND_bytes output from a pool refilled 4 KiB at a time: one RAND_bytes call costs
/// about as much as drawing a whole pool (DRBG locking and bookkeeping), and a registration
/// needs several small draws (nonce, opaque, tags). No byte is served twice. One instance per
/// thread (not thread-safe).
class OpensslRandom final : public RandomSource {
  public:
    void fill(std::span<std::uint8_t> out) override;

  private:
    void refill();

    std::array<std::uint8_t, 4096> pool_{};
    std::size_t next_ = pool_.size();  // first unserved byte; size() means empty
};

}  // namespace ims::scscf
