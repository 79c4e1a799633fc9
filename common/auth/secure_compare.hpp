#pragma once
// Constant-time equality for MACs, digest responses and other secrets, so that the time a
// comparison takes does not tell an attacker how many leading bytes were right.

#include <cstdint>
#include <span>
#include <string_view>

namespace ims::auth {

/// True if both spans have the same length and content; the time depends only on the length
/// (OpenSSL CRYPTO_memcmp).
bool constant_time_equal(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) noexcept;

/// Same for text (e.g. two lowercase hex digest responses).
bool constant_time_equal(std::string_view a, std::string_view b) noexcept;

}  // namespace ims::auth
