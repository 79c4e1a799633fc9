#include "cscf/scscf/challenge.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "cscf/scscf/errors.hpp"
#include "fake_random.hpp"

namespace ims::scscf {
namespace {

using namespace std::chrono_literals;

const TimePoint kT0{std::chrono::seconds(1'800'000'000)};

cx::AuthDataItem aka_item() {
    cx::AuthDataItem item;
    item.scheme = cx::kSchemeAka;
    for (int i = 0; i < 32; ++i) item.authenticate.push_back(static_cast<std::uint8_t>(i));
    item.authorization = {0xa5, 0x42, 0x11, 0xd5, 0xe3, 0xba, 0x50, 0xbf};
    item.confidentiality_key = std::vector<std::uint8_t>(16, 0xb4);
    item.integrity_key = std::vector<std::uint8_t>(16, 0xf7);
    return item;
}

cx::AuthDataItem digest_item(std::string algorithm) {
    cx::AuthDataItem item;
    item.scheme = cx::kSchemeDigest;
    item.digest = cx::DigestAuthenticate{"ims.example.org", std::move(algorithm), "auth",
                                         "00112233445566778899aabbccddeeff"};
    return item;
}

TEST(VectorFromItem, Aka) {
    auto v = vector_from_item(aka_item(), "ims.example.org");
    ASSERT_TRUE(v);
    EXPECT_EQ(v.value().scheme, AuthScheme::aka_v1_md5);
    EXPECT_EQ(v.value().realm, "ims.example.org");
    EXPECT_EQ(v.value().rand.size(), 16u);
    EXPECT_EQ(v.value().autn[0], 16);
    EXPECT_EQ(v.value().xres.size(), 8u);
}

TEST(VectorFromItem, DigestMd5AndSha256) {
    auto md5 = vector_from_item(digest_item("MD5"), "fallback");
    ASSERT_TRUE(md5);
    EXPECT_EQ(md5.value().scheme, AuthScheme::digest_md5);
    EXPECT_EQ(md5.value().realm, "ims.example.org");
    auto sha = vector_from_item(digest_item("SHA-256"), "fallback");
    ASSERT_TRUE(sha);
    EXPECT_EQ(sha.value().scheme, AuthScheme::digest_sha256);
    EXPECT_EQ(vector_from_item(digest_item(""), "x").value().scheme, AuthScheme::digest_md5);
}

TEST(VectorFromItem, Unusable) {
    auto short_aka = aka_item();
    short_aka.authenticate.resize(31);
    EXPECT_EQ(vector_from_item(short_aka, "r").error(),
              make_error_code(scscf_errc::bad_auth_vector));
    EXPECT_FALSE(vector_from_item(digest_item("SHA-512-256"), "r"));
    cx::AuthDataItem none;
    none.scheme = cx::kSchemeDigest;
    EXPECT_FALSE(vector_from_item(none, "r"));
    none.scheme = "NASS-Bundled";
    EXPECT_FALSE(vector_from_item(none, "r"));
}

TEST(IssueNonce, AkaNonceIsBase64OfRandAutn) {
    test::FakeRandom rnd;
    auto v = vector_from_item(aka_item(), "ims.example.org").value();
    const auto s =
        issue_nonce(v, "alice@ims.example.org", "sip:alice@ims.example.org", kT0, 30s, rnd);
    auto decoded = base64_decode(s.nonce);
    ASSERT_TRUE(decoded);
    ASSERT_EQ(decoded.value().size(), 32u);
    for (int i = 0; i < 32; ++i) EXPECT_EQ(decoded.value()[i], i);
    EXPECT_EQ(s.opaque, "0001020304050607");
    EXPECT_EQ(s.created, kT0);
    EXPECT_EQ(s.lifetime, 30s);
    EXPECT_EQ(s.highest_nc, 0u);
}

TEST(IssueNonce, DigestNoncesDiffer) {
    test::FakeRandom rnd;
    auto v = vector_from_item(digest_item("MD5"), "r").value();
    const auto a = issue_nonce(v, "i", "u", kT0, 30s, rnd);
    const auto b = issue_nonce(v, "i", "u", kT0, 30s, rnd);
    EXPECT_NE(a.nonce, b.nonce);
    EXPECT_EQ(base64_decode(a.nonce).value().size(), 16u);
}

TEST(WwwAuthenticate, DigestMd5) {
    test::FakeRandom rnd;
    auto s =
        issue_nonce(vector_from_item(digest_item("MD5"), "r").value(), "i", "u", kT0, 30s, rnd);
    EXPECT_EQ(www_authenticate(s, false, true),
              "Digest realm=\"ims.example.org\", nonce=\"" + s.nonce +
                  "\", algorithm=MD5, qop=\"auth\", opaque=\"" + s.opaque + "\"");
    EXPECT_NE(www_authenticate(s, true, false).find(", stale=true"), std::string::npos);
}

TEST(WwwAuthenticate, AkaCarriesKeysOnlyWhenAsked) {
    test::FakeRandom rnd;
    auto s = issue_nonce(vector_from_item(aka_item(), "ims.example.org").value(), "i", "u", kT0,
                         30s, rnd);
    const auto with = www_authenticate(s, false, true);
    EXPECT_NE(with.find("algorithm=AKAv1-MD5"), std::string::npos);
    EXPECT_NE(with.find("ck=\"b4b4b4b4b4b4b4b4b4b4b4b4b4b4b4b4\""), std::string::npos);
    EXPECT_NE(with.find("ik=\"f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7\""), std::string::npos);
    const auto without = www_authenticate(s, false, false);
    EXPECT_EQ(without.find("ck="), std::string::npos);
    EXPECT_EQ(without.find("ik="), std::string::npos);
}

TEST(WwwAuthenticate, Sha256OfferedFirst) {
    test::FakeRandom rnd;
    auto md5 =
        issue_nonce(vector_from_item(digest_item("MD5"), "r").value(), "i", "u", kT0, 30s, rnd);
    auto sha =
        issue_nonce(vector_from_item(digest_item("SHA-256"), "r").value(), "i", "u", kT0, 30s, rnd);
    const auto all = www_authenticate_all({&md5, &sha}, false, false);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_NE(all[0].find("algorithm=SHA-256"), std::string::npos);
    EXPECT_NE(all[1].find("algorithm=MD5"), std::string::npos);
}

TEST(Codec, Base64RoundTripAndStrictness) {
    const std::vector<std::uint8_t> data{0, 1, 2, 250, 251};
    EXPECT_EQ(base64_encode(data), "AAEC+vs=");
    EXPECT_EQ(base64_decode("AAEC+vs=").value(), data);
    EXPECT_EQ(base64_decode("").value().size(), 0u);
    EXPECT_EQ(base64_decode("AA==").value(), std::vector<std::uint8_t>{0});
    EXPECT_FALSE(base64_decode("AAE"));
    EXPECT_FALSE(base64_decode("AA-_"));
    EXPECT_EQ(hex_encode(data), "000102fafb");
}

// Draws of every size, across many pool refills, never repeat a byte string: the pool hands
// out each RAND_bytes byte once.
TEST(OpensslRandom, DrawsNeverRepeatAcrossPoolRefills) {
    OpensslRandom random;
    std::set<std::string> seen;
    std::size_t drawn = 0;
    for (std::size_t i = 0; i < 3000; ++i) {
        std::vector<std::uint8_t> b(8 + i % 29);  // 8..36 bytes: refills fall mid-draw
        random.fill(b);
        drawn += b.size();
        EXPECT_TRUE(seen.insert(hex_encode(b).substr(0, 16)).second) << "draw " << i;
    }
    EXPECT_GT(drawn, 10u * 4096u);
    std::vector<std::uint8_t> big(10000);  // larger than the pool
    random.fill(big);
    EXPECT_NE(std::count(big.begin(), big.end(), 0), static_cast<long>(big.size()));
    EXPECT_LT(std::count(big.end() - 100, big.end(), 0), 10);  // the tail was filled too
}

}  // namespace
}  // namespace ims::scscf
