#include "common/auth/aka.hpp"

#include <algorithm>

#include "common/auth/auth_errc.hpp"
#include "common/auth/encoding.hpp"
#include "common/auth/secure_compare.hpp"

namespace ims::auth {
namespace {

// TS 33.102 6.3.3: "the dummy value of AMF" used for MAC-S in resynchronisation.
constexpr Amf kResyncAmf{0x00, 0x00};

Autn build_autn(const SqnBytes& sqn, const Ak& ak, const Amf& amf, const Mac& mac_a) {
    Autn autn{};
    for (std::size_t i = 0; i < 6; ++i) autn[i] = sqn[i] ^ ak[i];
    autn[6] = amf[0];
    autn[7] = amf[1];
    std::copy(mac_a.begin(), mac_a.end(), autn.begin() + 8);
    return autn;
}

}  // namespace

std::array<std::uint8_t, 32> AkaVector::sip_authenticate() const noexcept {
    std::array<std::uint8_t, 32> out{};
    std::copy(rand.begin(), rand.end(), out.begin());
    std::copy(autn.begin(), autn.end(), out.begin() + 16);
    return out;
}

std::string AkaVector::nonce() const {
    return encode_aka_nonce(rand, autn);
}

Result<AkaVector> make_aka_vector(Milenage& milenage, const Rand& rand, Sqn sqn, const Amf& amf) {
    if (sqn > kSqnMax) return make_error_code(auth_errc::sqn_out_of_range);
    const SqnBytes sqn_bytes = sqn_to_bytes(sqn);
    BOOST_OUTCOME_TRY(out, milenage.compute(rand, sqn_bytes, amf));
    AkaVector vector;
    vector.rand = rand;
    vector.autn = build_autn(sqn_bytes, out.ak, amf, out.mac_a);
    vector.xres = out.res;
    vector.ck = out.ck;
    vector.ik = out.ik;
    return vector;
}

Result<AkaVector> make_aka_vector(const Key128& k, const Key128& opc, const Amf& amf, Sqn sqn,
                                  const Rand& rand) {
    BOOST_OUTCOME_TRY(milenage, Milenage::create(k, opc));
    return make_aka_vector(milenage, rand, sqn, amf);
}

std::string encode_aka_nonce(const Rand& rand, const Autn& autn) {
    std::array<std::uint8_t, 32> raw{};
    std::copy(rand.begin(), rand.end(), raw.begin());
    std::copy(autn.begin(), autn.end(), raw.begin() + 16);
    return base64_encode(raw);
}

Result<AkaNonce> decode_aka_nonce(std::string_view nonce) {
    BOOST_OUTCOME_TRY(raw, base64_decode(nonce));
    if (raw.size() < 32) return make_error_code(auth_errc::wrong_length);
    AkaNonce out;
    std::copy(raw.begin(), raw.begin() + 16, out.rand.begin());
    std::copy(raw.begin() + 16, raw.begin() + 32, out.autn.begin());
    out.server_data.assign(raw.begin() + 32, raw.end());
    return out;
}

Result<AkaNonce> split_sip_authenticate(std::span<const std::uint8_t> rand_autn) {
    if (rand_autn.size() != 32) return make_error_code(auth_errc::wrong_length);
    AkaNonce out;
    std::copy(rand_autn.begin(), rand_autn.begin() + 16, out.rand.begin());
    std::copy(rand_autn.begin() + 16, rand_autn.end(), out.autn.begin());
    return out;
}

Result<Auts> decode_auts(std::string_view auts_base64) {
    BOOST_OUTCOME_TRY(raw, base64_decode(auts_base64));
    if (raw.size() != 14) return make_error_code(auth_errc::wrong_length);
    Auts auts{};
    std::copy(raw.begin(), raw.end(), auts.begin());
    return auts;
}

std::string encode_auts(const Auts& auts) {
    return base64_encode(auts);
}

Result<ResyncData> split_resync_authorization(std::span<const std::uint8_t> rand_auts) {
    if (rand_auts.size() != 30) return make_error_code(auth_errc::wrong_length);
    ResyncData out;
    std::copy(rand_auts.begin(), rand_auts.begin() + 16, out.rand.begin());
    std::copy(rand_auts.begin() + 16, rand_auts.end(), out.auts.begin());
    return out;
}

std::array<std::uint8_t, 30> join_resync_authorization(const Rand& rand, const Auts& auts) {
    std::array<std::uint8_t, 30> out{};
    std::copy(rand.begin(), rand.end(), out.begin());
    std::copy(auts.begin(), auts.end(), out.begin() + 16);
    return out;
}

Result<Sqn> recover_sqn_ms(Milenage& milenage, const Rand& rand, const Auts& auts) {
    // AK* depends on RAND only, so a first run with any SQN yields it; the second run computes
    // MAC-S over the recovered SQN_MS.
    BOOST_OUTCOME_TRY(first, milenage.compute(rand, SqnBytes{}, kResyncAmf));
    SqnBytes sqn_ms{};
    for (std::size_t i = 0; i < 6; ++i) sqn_ms[i] = auts[i] ^ first.ak_star[i];
    BOOST_OUTCOME_TRY(second, milenage.compute(rand, sqn_ms, kResyncAmf));
    if (!constant_time_equal(second.mac_s, std::span<const std::uint8_t>(auts).subspan(6, 8))) {
        return make_error_code(auth_errc::mac_mismatch);
    }
    return sqn_from_bytes(sqn_ms);
}

Result<UsimResult> usim_authenticate(Milenage& milenage, const Rand& rand, const Autn& autn) {
    // AK depends on RAND only: recover SQN first, then check MAC-A over it.
    const Amf amf{autn[6], autn[7]};
    BOOST_OUTCOME_TRY(first, milenage.compute(rand, SqnBytes{}, amf));
    SqnBytes sqn{};
    for (std::size_t i = 0; i < 6; ++i) sqn[i] = autn[i] ^ first.ak[i];
    BOOST_OUTCOME_TRY(second, milenage.compute(rand, sqn, amf));
    if (!constant_time_equal(second.mac_a, std::span<const std::uint8_t>(autn).subspan(8, 8))) {
        return make_error_code(auth_errc::mac_mismatch);
    }
    return UsimResult{sqn_from_bytes(sqn), second.res, second.ck, second.ik};
}

Result<Auts> make_auts(Milenage& milenage, const Rand& rand, Sqn sqn_ms) {
    if (sqn_ms > kSqnMax) return make_error_code(auth_errc::sqn_out_of_range);
    const SqnBytes sqn_bytes = sqn_to_bytes(sqn_ms);
    BOOST_OUTCOME_TRY(out, milenage.compute(rand, sqn_bytes, kResyncAmf));
    Auts auts{};
    for (std::size_t i = 0; i < 6; ++i) auts[i] = sqn_bytes[i] ^ out.ak_star[i];
    std::copy(out.mac_s.begin(), out.mac_s.end(), auts.begin() + 6);
    return auts;
}

}  // namespace ims::auth
