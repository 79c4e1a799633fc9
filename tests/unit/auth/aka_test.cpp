#include "common/auth/aka.hpp"

#include <gtest/gtest.h>

#include "common/auth/auth_errc.hpp"
#include "common/auth/digest.hpp"
#include "common/auth/encoding.hpp"

namespace ims::auth {
namespace {

// TS 35.208 test set 1 (also in /work/shared/CX.md).
const Key128 kK = from_hex_array<16>("465b5ce8b199b49faa5f0a2ee238a6bc").value();
const Key128 kOpc = from_hex_array<16>("cd63cb71954a9f4e48a5994e37a02baf").value();
const Rand kRand = from_hex_array<16>("23553cbe9637a89d218ae64dae47bf35").value();
const Amf kAmf = from_hex_array<2>("b9b9").value();
constexpr Sqn kSqn = 0xff9bb4d0b607;

Milenage make_milenage(const Key128& k = kK, const Key128& opc = kOpc) {
    return Milenage::create(k, opc).value();
}

TEST(AkaVector, MatchesTs35208Set1) {
    auto vector = make_aka_vector(kK, kOpc, kAmf, kSqn, kRand);
    ASSERT_TRUE(vector);
    const AkaVector& v = vector.value();
    // AUTN = (SQN xor AK) || AMF || MAC-A, with AK = aa689c648370, MAC-A = 4a9ffac354dfafb3.
    // ff9bb4d0b607 xor aa689c648370 = 55f328b43577
    EXPECT_EQ(to_hex(v.autn), "55f328b43577b9b94a9ffac354dfafb3");
    EXPECT_EQ(to_hex(v.xres), "a54211d5e3ba50bf");
    EXPECT_EQ(to_hex(v.ck), "b40ba9a3c58b2a05bbf0d987b21bf8cb");
    EXPECT_EQ(to_hex(v.ik), "f769bcd751044604127672711c6d3441");
    EXPECT_EQ(v.rand, kRand);
    auto sip_authenticate = v.sip_authenticate();
    EXPECT_EQ(to_hex(sip_authenticate),
              "23553cbe9637a89d218ae64dae47bf3555f328b43577b9b94a9ffac354dfafb3");
}

TEST(AkaVector, RejectsSqnBeyond48Bits) {
    Milenage m = make_milenage();
    EXPECT_EQ(make_aka_vector(m, kRand, kSqnMax + 1, kAmf).error(), auth_errc::sqn_out_of_range);
}

TEST(AkaNonce, RoundTrip) {
    Milenage m = make_milenage();
    AkaVector v = make_aka_vector(m, kRand, kSqn, kAmf).value();
    const std::string nonce = v.nonce();
    EXPECT_EQ(nonce.size(), 44u);  // 32 bytes -> 44 base64 characters
    EXPECT_EQ(nonce, base64_encode(v.sip_authenticate()));
    auto parsed = decode_aka_nonce(nonce);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed.value().rand, v.rand);
    EXPECT_EQ(parsed.value().autn, v.autn);
    EXPECT_TRUE(parsed.value().server_data.empty());
}

TEST(AkaNonce, KeepsServerDataAndRejectsShortOrInvalid) {
    Bytes raw(35, 0x11);
    raw[34] = 0x42;
    auto parsed = decode_aka_nonce(base64_encode(raw));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed.value().server_data, (Bytes{0x11, 0x11, 0x42}));
    EXPECT_EQ(decode_aka_nonce(base64_encode(Bytes(31, 0))).error(), auth_errc::wrong_length);
    EXPECT_EQ(decode_aka_nonce("not base64!").error(), auth_errc::invalid_base64);
    EXPECT_EQ(split_sip_authenticate(Bytes(31, 0)).error(), auth_errc::wrong_length);
    auto split = split_sip_authenticate(Bytes(32, 7));
    ASSERT_TRUE(split);
    EXPECT_EQ(split.value().autn[15], 7);
}

TEST(AkaUsim, AcceptsGenuineAutnAndComputesRes) {
    Milenage network = make_milenage();
    Milenage usim = make_milenage();
    AkaVector v = make_aka_vector(network, kRand, kSqn, kAmf).value();
    auto result = usim_authenticate(usim, v.rand, v.autn);
    ASSERT_TRUE(result);
    EXPECT_EQ(result.value().sqn, kSqn);
    EXPECT_EQ(result.value().res, v.xres);
    EXPECT_EQ(result.value().ck, v.ck);
    EXPECT_EQ(result.value().ik, v.ik);
}

TEST(AkaUsim, RejectsForgedAutn) {
    Milenage usim = make_milenage();
    AkaVector v = make_aka_vector(kK, kOpc, kAmf, kSqn, kRand).value();
    Autn forged = v.autn;
    forged[15] ^= 0x01;  // MAC-A
    EXPECT_EQ(usim_authenticate(usim, v.rand, forged).error(), auth_errc::mac_mismatch);
    forged = v.autn;
    forged[2] ^= 0x80;  // concealed SQN
    EXPECT_EQ(usim_authenticate(usim, v.rand, forged).error(), auth_errc::mac_mismatch);
    // A different subscriber's key.
    Key128 other_k = kK;
    other_k[0] ^= 1;
    Milenage other = make_milenage(other_k);
    EXPECT_EQ(usim_authenticate(other, v.rand, v.autn).error(), auth_errc::mac_mismatch);
}

TEST(AkaResync, AutsRoundTripRecoversSqnMs) {
    Milenage usim = make_milenage();
    Milenage hss = make_milenage();
    const Sqn sqn_ms = make_sqn(123456, 17);
    Auts auts = make_auts(usim, kRand, sqn_ms).value();
    // AUTS = (SQN_MS xor AK*) || MAC-S; AK* for set 1 is 451e8beca43b.
    SqnBytes concealed{};
    for (std::size_t i = 0; i < 6; ++i) concealed[i] = auts[i];
    const Ak ak_star = from_hex_array<6>("451e8beca43b").value();
    for (std::size_t i = 0; i < 6; ++i) concealed[i] ^= ak_star[i];
    EXPECT_EQ(sqn_from_bytes(concealed), sqn_ms);

    auto recovered = recover_sqn_ms(hss, kRand, auts);
    ASSERT_TRUE(recovered);
    EXPECT_EQ(recovered.value(), sqn_ms);
}

TEST(AkaResync, MacSUsesAmfZero) {
    // MAC-S must be f1* over AMF = 0000 (TS 33.102 6.3.3), not the subscriber's AMF.
    Milenage m = make_milenage();
    const Sqn sqn_ms = 0x000000001234;
    Auts auts = make_auts(m, kRand, sqn_ms).value();
    auto with_zero = m.compute(kRand, sqn_to_bytes(sqn_ms), Amf{0, 0}).value();
    auto with_amf = m.compute(kRand, sqn_to_bytes(sqn_ms), kAmf).value();
    EXPECT_TRUE(std::equal(with_zero.mac_s.begin(), with_zero.mac_s.end(), auts.begin() + 6));
    EXPECT_FALSE(std::equal(with_amf.mac_s.begin(), with_amf.mac_s.end(), auts.begin() + 6));
}

TEST(AkaResync, KnownAutsForTestSet20) {
    // AUTS for TS 35.208 set 20 with SQN_MS = 1, as used by hostapd's test suite:
    // 4f2039392ddd || 4bb4316ed4a14688 (AK* = 4f2039392ddc).
    Milenage m = make_milenage(from_hex_array<16>("90dca4eda45b53cf0f12d7c9c3bc6a89").value(),
                               from_hex_array<16>("cb9cccc4b9258e6dca4760379fb82581").value());
    const Rand rand = from_hex_array<16>("9fddc72092c6ad036b6e464789315b78").value();
    const Auts auts = from_hex_array<14>("4f2039392ddd4bb4316ed4a14688").value();
    auto sqn_ms = recover_sqn_ms(m, rand, auts);
    ASSERT_TRUE(sqn_ms) << sqn_ms.error().message();
    EXPECT_EQ(sqn_ms.value(), 1u);
    EXPECT_EQ(make_auts(m, rand, 1).value(), auts);
}

TEST(AkaResync, WrongMacSIsRejected) {
    Milenage m = make_milenage();
    Auts auts = make_auts(m, kRand, 42).value();
    auts[13] ^= 0x01;
    EXPECT_EQ(recover_sqn_ms(m, kRand, auts).error(), auth_errc::mac_mismatch);
    auts = make_auts(m, kRand, 42).value();
    Rand other_rand = kRand;
    other_rand[0] ^= 1;
    EXPECT_EQ(recover_sqn_ms(m, other_rand, auts).error(), auth_errc::mac_mismatch);
}

TEST(AkaResync, CxAndSipEncodings) {
    Milenage m = make_milenage();
    Auts auts = make_auts(m, kRand, 99).value();
    auto joined = join_resync_authorization(kRand, auts);
    EXPECT_EQ(joined.size(), 30u);
    auto split = split_resync_authorization(joined);
    ASSERT_TRUE(split);
    EXPECT_EQ(split.value().rand, kRand);
    EXPECT_EQ(split.value().auts, auts);
    EXPECT_EQ(split_resync_authorization(Bytes(29, 0)).error(), auth_errc::wrong_length);

    const std::string text = encode_auts(auts);
    EXPECT_EQ(decode_auts(text).value(), auts);
    EXPECT_EQ(decode_auts(base64_encode(Bytes(13, 0))).error(), auth_errc::wrong_length);
}

TEST(AkaResync, FullFlowHssContinuesFromSqnMs) {
    // HSS restarted with an old SQN; the USIM has seen much more. The UE rejects the vector with
    // AUTS; the HSS recovers SQN_MS, resets, and the next vector is accepted.
    Milenage hss = make_milenage();
    Milenage usim = make_milenage();
    const Sqn usim_highest = make_sqn(5000, 4);
    Sqn sqn_he = make_sqn(10, 0);

    sqn_he = next_sqn(sqn_he);
    AkaVector stale = make_aka_vector(hss, kRand, sqn_he, kAmf).value();
    UsimResult seen = usim_authenticate(usim, stale.rand, stale.autn).value();
    ASSERT_FALSE(sqn_acceptable(seen.sqn, usim_highest));
    Auts auts = make_auts(usim, stale.rand, usim_highest).value();

    Sqn sqn_ms = recover_sqn_ms(hss, stale.rand, auts).value();
    sqn_he = sqn_after_resync(sqn_he, sqn_ms);
    sqn_he = next_sqn(sqn_he);
    Rand fresh_rand = kRand;
    fresh_rand[0] ^= 0x5a;
    AkaVector fresh = make_aka_vector(hss, fresh_rand, sqn_he, kAmf).value();
    UsimResult accepted = usim_authenticate(usim, fresh.rand, fresh.autn).value();
    EXPECT_TRUE(sqn_acceptable(accepted.sqn, usim_highest));
    EXPECT_EQ(sqn_seq(accepted.sqn), 5001u);
}

TEST(AkaDigest, RoundTripWithXresAsPassword) {
    // RFC 3310: the UE answers the 401 with a Digest response whose password is RES; the
    // S-CSCF verifies it with HA1 built from XRES.
    AkaVector v = make_aka_vector(kK, kOpc, kAmf, kSqn, kRand).value();
    Milenage usim = make_milenage();
    AkaNonce nonce = decode_aka_nonce(v.nonce()).value();
    UsimResult ue = usim_authenticate(usim, nonce.rand, nonce.autn).value();

    DigestCredentials creds;
    creds.username = "001010000000001@ims.mnc001.mcc001.3gppnetwork.org";
    creds.realm = "ims.mnc001.mcc001.3gppnetwork.org";
    creds.nonce = v.nonce();
    creds.uri = "sip:ims.mnc001.mcc001.3gppnetwork.org";
    creds.algorithm = "AKAv1-MD5";
    creds.qop = "auth";
    creds.nc = "00000001";
    creds.cnonce = "0a4f113b";
    const std::string ue_ha1 = compute_ha1(DigestHash::md5, creds.username, creds.realm,
                                           std::span<const std::uint8_t>(ue.res));
    creds.response = compute_response(ue_ha1, creds, "REGISTER").value();

    const std::string hss_ha1 = compute_aka_ha1(creds.username, creds.realm, v.xres);
    EXPECT_EQ(hss_ha1, ue_ha1);
    EXPECT_TRUE(verify_response(hss_ha1, creds, "REGISTER"));

    // A UE with the wrong K produces another RES and is refused.
    Key128 wrong_k = kK;
    wrong_k[5] ^= 0x10;
    AkaVector wrong = make_aka_vector(wrong_k, kOpc, kAmf, kSqn, kRand).value();
    DigestCredentials bad = creds;
    bad.response =
        compute_response(compute_aka_ha1(creds.username, creds.realm, wrong.xres), bad, "REGISTER")
            .value();
    EXPECT_EQ(verify_response(hss_ha1, bad, "REGISTER").error(), auth_errc::response_mismatch);
}

}  // namespace
}  // namespace ims::auth
