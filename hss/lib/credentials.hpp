#pragma once
// The HSS's narrow view of the crypto in common/auth (Milenage, AKA vectors, AUTS, digest
// HA1): one file to adapt if that library changes, and the only place the HSS touches keys.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "hss/lib/subscriber.hpp"

namespace ims::hss {

enum class DigestAlgorithm { md5, sha256 };

/// OPc = AES_K(OP) xor OP (TS 35.206 4.1). k and op are 16 bytes.
Bytes derive_opc(const Bytes& k, const Bytes& op);

/// HA1 = H(username ":" realm ":" password), lowercase hex (RFC 7616 3.4.2, RFC 2617 3.2.2.2).
std::string digest_ha1(DigestAlgorithm alg, std::string_view user, std::string_view realm,
                       std::string_view password);

struct AkaVector {
    Bytes rand, autn, xres, ck, ik;
};

/// One vector for `sqn` and `rand` (16 bytes): AUTN = SQN^AK || AMF || MAC-A (TS 33.102 6.3.2).
AkaVector make_aka_vector(const AkaCredentials& creds, std::uint64_t sqn, const Bytes& rand);

/// Resynchronisation (TS 33.102 6.3.5): recovers SQN_MS from AUTS (14 bytes) sent with `rand`
/// and checks MAC-S; nullopt when MAC-S does not verify.
std::optional<std::uint64_t> recover_sqn_ms(const AkaCredentials& creds, const Bytes& rand,
                                            const Bytes& auts);

/// The SQN to use after `last` (TS 33.102 C.3.2: SEQ incremented, IND cycled).
std::uint64_t next_sqn(std::uint64_t last);

/// SQN_HE after a resynchronisation to `sqn_ms` (TS 33.102 6.3.5 / C.3.4): kept when the next
/// SQN from it would be accepted by the USIM, else reset to SQN_MS.
std::uint64_t sqn_after_resync(std::uint64_t sqn_he, std::uint64_t sqn_ms);

/// A short, non-reversible fingerprint of secret bytes, for logs.
std::string fingerprint(const Bytes& secret);

/// Lowercase hex, and its inverse (nullopt on odd length / non-hex).
std::string to_hex(const Bytes& bytes);
std::optional<Bytes> from_hex(std::string_view hex);

}  // namespace ims::hss
