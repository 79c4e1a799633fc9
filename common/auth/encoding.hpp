#pragma once
// Hex and base64 for authentication values. Pure functions, any thread.
// Base64 is RFC 4648 (standard alphabet, padded on output), done by OpenSSL's EVP_EncodeBlock /
// EVP_DecodeBlock; hex output is lowercase as RFC 7616 requires for digest values.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "common/auth/auth_errc.hpp"
#include "common/auth/types.hpp"
#include "common/core/result.hpp"

namespace ims::auth {

/// Lowercase hex of `bytes`.
std::string to_hex(std::span<const std::uint8_t> bytes);

/// Bytes of a hex string (either case, no separators). Odd length or a non-hex digit ->
/// auth_errc::invalid_hex.
Result<Bytes> from_hex(std::string_view hex);

/// Exactly N bytes from hex (2N digits); a different length -> auth_errc::wrong_length.
template <std::size_t N>
Result<std::array<std::uint8_t, N>> from_hex_array(std::string_view hex) {
    BOOST_OUTCOME_TRY(bytes, from_hex(hex));
    if (bytes.size() != N) return make_error_code(auth_errc::wrong_length);
    std::array<std::uint8_t, N> out{};
    for (std::size_t i = 0; i < N; ++i) out[i] = bytes[i];
    return out;
}

/// Padded base64 of `bytes`.
std::string base64_encode(std::span<const std::uint8_t> bytes);

/// Bytes of a base64 string. Padding may be omitted (some UEs drop it); anything else that is not
/// base64 -> auth_errc::invalid_base64.
Result<Bytes> base64_decode(std::string_view text);

}  // namespace ims::auth
