#pragma once
// Fixed-size byte strings of 3GPP AKA (TS 33.102 6.3, TS 35.206). Sizes are part of the type so
// a 6-byte SQN can never be passed where a 16-byte key is expected.

#include <array>
#include <cstdint>
#include <vector>

namespace ims::auth {

using Bytes = std::vector<std::uint8_t>;

using Key128 = std::array<std::uint8_t, 16>;   ///< K, OP, OPc, CK, IK
using Rand = std::array<std::uint8_t, 16>;     ///< RAND challenge
using SqnBytes = std::array<std::uint8_t, 6>;  ///< SQN on the wire (48 bits, big-endian)
using Amf = std::array<std::uint8_t, 2>;       ///< authentication management field
using Mac = std::array<std::uint8_t, 8>;       ///< MAC-A (f1) or MAC-S (f1*)
using Res = std::array<std::uint8_t, 8>;       ///< RES / XRES from Milenage f2 (64 bits)
using Ak = std::array<std::uint8_t, 6>;        ///< anonymity key AK (f5) or AK* (f5*)
using Autn = std::array<std::uint8_t, 16>;     ///< (SQN xor AK) || AMF || MAC-A
using Auts = std::array<std::uint8_t, 14>;     ///< (SQN_MS xor AK*) || MAC-S

}  // namespace ims::auth
