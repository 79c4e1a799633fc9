#pragma once
// AKA for IMS (TS 33.102 6.3, TS 33.203, RFC 3310 Digest-AKAv1-MD5): building vectors in the
// HSS, the SIP nonce, resynchronisation through AUTS, and the USIM's side for simulated UEs.
// Pure functions over a caller-owned Milenage (see milenage.hpp for its thread rule).
// Never log the contents of AkaVector::xres/ck/ik; use fingerprint().

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "common/auth/milenage.hpp"
#include "common/auth/sqn.hpp"
#include "common/auth/types.hpp"
#include "common/core/result.hpp"

namespace ims::auth {

/// One authentication vector (TS 33.102 6.3.2) as the HSS returns it in a MAA.
struct AkaVector {
    Rand rand;
    Autn autn;  ///< (SQN xor AK) || AMF || MAC-A
    Res xres;   ///< expected RES; also the Digest "password" (RFC 3310 3.2)
    Key128 ck;
    Key128 ik;

    /// Cx SIP-Authenticate (609): RAND || AUTN, 32 bytes.
    std::array<std::uint8_t, 32> sip_authenticate() const noexcept;
    /// The Digest nonce sent to the UE: base64(RAND || AUTN) (RFC 3310 3.2).
    std::string nonce() const;
};

/// Builds a vector for (RAND, SQN, AMF) with the subscriber's keyed Milenage.
Result<AkaVector> make_aka_vector(Milenage& milenage, const Rand& rand, Sqn sqn, const Amf& amf);
/// Same, keying a temporary Milenage (one key schedule per call).
Result<AkaVector> make_aka_vector(const Key128& k, const Key128& opc, const Amf& amf, Sqn sqn,
                                  const Rand& rand);

/// base64(RAND || AUTN), the nonce of a Digest-AKAv1-MD5 challenge.
std::string encode_aka_nonce(const Rand& rand, const Autn& autn);

/// A nonce taken apart. RFC 3310 3.2 lets the server append its own data after AUTN.
struct AkaNonce {
    Rand rand;
    Autn autn;
    Bytes server_data;
};
/// Decodes a nonce; not base64 -> invalid_base64, under 32 bytes -> wrong_length.
Result<AkaNonce> decode_aka_nonce(std::string_view nonce);

/// RAND || AUTN from Cx SIP-Authenticate (exactly 32 bytes, else wrong_length).
Result<AkaNonce> split_sip_authenticate(std::span<const std::uint8_t> rand_autn);

/// The auts= Digest parameter (base64 of the 14-byte AUTS, RFC 3310 3.4).
Result<Auts> decode_auts(std::string_view auts_base64);
std::string encode_auts(const Auts& auts);

/// RAND || AUTS as carried in Cx SIP-Authorization (610) of a resync MAR: 30 bytes.
struct ResyncData {
    Rand rand;
    Auts auts;
};
Result<ResyncData> split_resync_authorization(std::span<const std::uint8_t> rand_auts);
std::array<std::uint8_t, 30> join_resync_authorization(const Rand& rand, const Auts& auts);

/// HSS side of TS 33.102 6.3.5: SQN_MS = first 6 bytes of AUTS xor f5*(RAND), then MAC-S is
/// checked with f1*(SQN_MS, RAND, AMF = 0x0000) (6.3.3: the dummy AMF). Wrong MAC-S ->
/// auth_errc::mac_mismatch (the HSS must not touch SQN_HE then). Feed the result to
/// sqn_after_resync().
Result<Sqn> recover_sqn_ms(Milenage& milenage, const Rand& rand, const Auts& auts);

/// USIM side (simulated UE): what a USIM computes from RAND and AUTN.
struct UsimResult {
    Sqn sqn;  ///< the SQN the network used (for the UE's own freshness check)
    Res res;
    Key128 ck;
    Key128 ik;
};
/// Verifies MAC-A (auth_errc::mac_mismatch if the network is not genuine) and returns RES, CK,
/// IK and the SQN. Freshness (sqn_acceptable) is the caller's decision.
Result<UsimResult> usim_authenticate(Milenage& milenage, const Rand& rand, const Autn& autn);

/// The AUTS a USIM sends on synchronisation failure: (SQN_MS xor AK*) || MAC-S, MAC-S computed
/// with AMF = 0x0000 (TS 33.102 6.3.3).
Result<Auts> make_auts(Milenage& milenage, const Rand& rand, Sqn sqn_ms);

}  // namespace ims::auth
