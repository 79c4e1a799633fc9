#pragma once
// Sequence numbers for AKA (TS 33.102 6.3.2 and Annex C): the HSS's SQN_HE per subscriber and the
// acceptance rule the USIM applies. Pure functions, any thread; the HSS stores the value.
//
// Profile (Annex C.1.1.1 / C.3.2): SQN (48 bits) = SEQ (43 bits) || IND (5 bits). Every generated
// vector takes the next SEQ and the next IND (cyclic, so consecutive vectors land in different
// USIM array slots). After a resynchronisation the HSS continues from SQN_MS, so the next vector
// carries SEQ_MS + 1, which the USIM accepts.

#include <cstdint>

#include "common/auth/types.hpp"

namespace ims::auth {

/// A 48-bit sequence number held in the low bits of a uint64.
using Sqn = std::uint64_t;

inline constexpr unsigned kSqnBits = 48;
inline constexpr unsigned kIndBits = 5;
inline constexpr Sqn kSqnMax = (Sqn{1} << kSqnBits) - 1;
inline constexpr std::uint64_t kSeqMax = kSqnMax >> kIndBits;
inline constexpr std::uint32_t kIndMask = (1u << kIndBits) - 1;
/// Largest forward jump of SEQ the USIM accepts (TS 33.102 C.2.1 "delta"); the value is the
/// usual operator choice 2^28, a parameter wherever it matters.
inline constexpr std::uint64_t kDefaultSeqDelta = std::uint64_t{1} << 28;

constexpr std::uint64_t sqn_seq(Sqn sqn) noexcept {
    return (sqn & kSqnMax) >> kIndBits;
}
constexpr std::uint32_t sqn_ind(Sqn sqn) noexcept {
    return static_cast<std::uint32_t>(sqn & kIndMask);
}
/// SEQ || IND (SEQ is reduced modulo 2^43, IND modulo 2^5).
constexpr Sqn make_sqn(std::uint64_t seq, std::uint32_t ind) noexcept {
    return ((seq & kSeqMax) << kIndBits) | (ind & kIndMask);
}

/// Big-endian 6-byte form used inside AUTN and AUTS. Bits above 48 are ignored.
SqnBytes sqn_to_bytes(Sqn sqn) noexcept;
Sqn sqn_from_bytes(const SqnBytes& bytes) noexcept;

/// The SQN for the next vector after `current`: SEQ + 1 and IND + 1 (mod 32).
/// SEQ wraps to 0 only after 2^43 vectors, which no lab subscriber reaches.
Sqn next_sqn(Sqn current) noexcept;

/// The USIM's freshness rule (TS 33.102 C.2.1, simplified to the highest accepted SEQ_MS rather
/// than the per-IND array): `candidate` is accepted iff SEQ > SEQ_MS and SEQ - SEQ_MS <= delta.
bool sqn_acceptable(Sqn candidate, Sqn sqn_ms, std::uint64_t delta = kDefaultSeqDelta) noexcept;

/// TS 33.102 6.3.5: on a verified AUTS the HE keeps SQN_HE if the next SQN it would generate is
/// acceptable to the USIM, and otherwise sets SQN_HE := SQN_MS. Returns the new SQN_HE; the next
/// vector then uses next_sqn(result).
Sqn sqn_after_resync(Sqn sqn_he, Sqn sqn_ms, std::uint64_t delta = kDefaultSeqDelta) noexcept;

}  // namespace ims::auth
