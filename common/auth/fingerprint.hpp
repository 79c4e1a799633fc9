#pragma once
// Log-safe stand-ins for secrets. The rules forbid logging K, OPc, CK, IK, XRES, RES, HA1 or
// passwords; a fingerprint still lets an engineer see that two processes hold the same value.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace ims::auth {

/// First 4 bytes of SHA-256(secret) as 8 lowercase hex digits, e.g. "3f9a0c12". One-way and short
/// enough that it does not help brute-forcing a 128-bit key; for a low-entropy password it is
/// still a hint, so prefer fingerprinting the HA1 rather than the password.
std::string fingerprint(std::span<const std::uint8_t> secret);
std::string fingerprint(std::string_view secret);

}  // namespace ims::auth
