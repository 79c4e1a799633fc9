#pragma once
// Error codes of the authentication primitives (digest, AKA, Milenage, encodings).

#include <system_error>

namespace ims::auth {

enum class auth_errc {
    invalid_hex = 1,        ///< not an even number of hex digits
    invalid_base64,         ///< not base64 (or impossible padding)
    wrong_length,           ///< decoded value has the wrong size (e.g. a nonce under 32 bytes)
    mac_mismatch,           ///< MAC-A (UE side) or MAC-S (AUTS) does not verify
    crypto_failure,         ///< an OpenSSL primitive failed (should not happen)
    random_failure,         ///< the random source failed
    unsupported_algorithm,  ///< Digest algorithm we do not implement
    unsupported_qop,        ///< qop other than "auth" (e.g. auth-int)
    missing_parameter,      ///< a Digest parameter required by the qop is absent
    invalid_parameter,      ///< a Digest parameter is malformed (e.g. nc not 8 hex digits)
    response_mismatch,      ///< the Digest response does not match: wrong password/XRES
    sqn_out_of_range,       ///< a sequence number does not fit 48 bits
};

/// The "ims.auth" category.
const std::error_category& auth_category() noexcept;

inline std::error_code make_error_code(auth_errc e) noexcept {
    return {static_cast<int>(e), auth_category()};
}

}  // namespace ims::auth

template <>
struct std::is_error_code_enum<ims::auth::auth_errc> : std::true_type {};
