#include "cscf/scscf/auth_decision.hpp"

#include <gtest/gtest.h>

#include "cscf/scscf/codec.hpp"

namespace ims::scscf {
namespace {

using namespace std::chrono_literals;

const TimePoint kT0{std::chrono::seconds(1'800'000'000)};
constexpr const char* kUri = "sip:ims.example.org";

NonceState digest_state() {
    NonceState s;
    s.nonce = "bm9uY2U=";
    s.opaque = "0011223344556677";
    s.impi = "alice@ims.example.org";
    s.impu = "sip:alice@ims.example.org";
    s.vector.scheme = AuthScheme::digest_md5;
    s.vector.realm = "ims.example.org";
    s.vector.ha1 = "00112233445566778899aabbccddeeff";
    s.created = kT0;
    s.lifetime = 30s;
    return s;
}

NonceState aka_state() {
    auto s = digest_state();
    s.vector.scheme = AuthScheme::aka_v1_md5;
    s.vector.ha1.clear();
    s.vector.rand = std::vector<std::uint8_t>(16, 0xAA);
    s.vector.autn = std::vector<std::uint8_t>(16, 0xBB);
    s.vector.xres = std::vector<std::uint8_t>(8, 0xCC);
    return s;
}

DigestCredentials good_creds(const NonceState& s) {
    DigestCredentials c;
    c.username = s.impi;
    c.realm = s.vector.realm;
    c.nonce = s.nonce;
    c.uri = kUri;
    c.response = "good";
    c.algorithm = std::string(algorithm_token(s.vector.scheme));
    c.cnonce = "abc";
    c.opaque = s.opaque;
    c.qop = "auth";
    c.nc = "00000001";
    return c;
}

// fake verifier: "good" is the right response; records that it was consulted.
struct FakeVerifier {
    int calls = 0;
    ResponseVerifier fn() {
        return [this](const ResponseCheck& c) {
            ++calls;
            return c.creds.response == "good" && c.method == "REGISTER";
        };
    }
};

AuthDecision decide(const std::optional<DigestCredentials>& c, const NonceState* s,
                    TimePoint now = kT0 + 1s) {
    FakeVerifier v;
    return decide_auth(c, s, "REGISTER", kUri, now, v.fn());
}

TEST(DecideAuth, NoCredentialsChallenges) {
    const auto d = decide(std::nullopt, nullptr);
    EXPECT_EQ(d.action, AuthAction::challenge);
    EXPECT_FALSE(d.stale);
}

TEST(DecideAuth, ImsInitialRegisterWithEmptyNonceChallenges) {
    DigestCredentials c;
    c.username = "alice@ims.example.org";
    c.realm = "ims.example.org";
    c.uri = kUri;
    EXPECT_EQ(decide(c, nullptr).action, AuthAction::challenge);
}

TEST(DecideAuth, UnknownNonceChallengesWithoutStale) {
    const auto s = digest_state();
    const auto d = decide(good_creds(s), nullptr);
    EXPECT_EQ(d.action, AuthAction::challenge);
    EXPECT_FALSE(d.stale);
}

TEST(DecideAuth, GoodDigestResponseIsAccepted) {
    const auto s = digest_state();
    FakeVerifier v;
    const auto d = decide_auth(good_creds(s), &s, "REGISTER", kUri, kT0 + 1s, v.fn());
    EXPECT_EQ(d.action, AuthAction::accept);
    EXPECT_EQ(d.nc, 1u);
    EXPECT_FALSE(d.consume_nonce);
    EXPECT_EQ(v.calls, 1);
}

TEST(DecideAuth, WrongResponseIs403) {
    const auto s = digest_state();
    auto c = good_creds(s);
    c.response = "bad";
    const auto d = decide(c, &s);
    EXPECT_EQ(d.action, AuthAction::reject);
    EXPECT_EQ(d.status, 403);
}

TEST(DecideAuth, StaleNonceChallengesWithStaleTrue) {
    const auto s = digest_state();
    const auto d = decide(good_creds(s), &s, kT0 + 30s);
    EXPECT_EQ(d.action, AuthAction::challenge);
    EXPECT_TRUE(d.stale);
}

TEST(DecideAuth, NonceCountMustIncrease) {
    auto s = digest_state();
    s.highest_nc = 1;
    auto c = good_creds(s);
    auto d = decide(c, &s);  // nc 1 again: replay
    EXPECT_EQ(d.action, AuthAction::challenge);
    EXPECT_TRUE(d.stale);
    c.nc = "00000002";
    d = decide(c, &s);
    EXPECT_EQ(d.action, AuthAction::accept);
    EXPECT_EQ(d.nc, 2u);
}

TEST(DecideAuth, MalformedNcIs400) {
    const auto s = digest_state();
    for (const char* nc : {"", "1", "0000000g", "00000000", "000000001"}) {
        auto c = good_creds(s);
        c.nc = nc;
        const auto d = decide(c, &s);
        EXPECT_EQ(d.action, AuthAction::reject) << nc;
        EXPECT_EQ(d.status, 400) << nc;
    }
}

TEST(DecideAuth, UsernameMismatchIs403) {
    const auto s = digest_state();
    auto c = good_creds(s);
    c.username = "mallory@ims.example.org";
    EXPECT_EQ(decide(c, &s).status, 403);
}

TEST(DecideAuth, RealmMismatchIs403) {
    const auto s = digest_state();
    auto c = good_creds(s);
    c.realm = "other.org";
    EXPECT_EQ(decide(c, &s).status, 403);
}

TEST(DecideAuth, UriMismatchIs400) {
    const auto s = digest_state();
    auto c = good_creds(s);
    c.uri = "sip:elsewhere.org";
    EXPECT_EQ(decide(c, &s).status, 400);
    c.uri = "SIP:IMS.EXAMPLE.ORG";  // same URI, different case
    EXPECT_EQ(decide(c, &s).action, AuthAction::accept);
}

TEST(DecideAuth, QopAndCnonceRequired) {
    const auto s = digest_state();
    auto c = good_creds(s);
    c.qop.clear();
    EXPECT_EQ(decide(c, &s).status, 400);
    c.qop = "auth-int";
    EXPECT_EQ(decide(c, &s).status, 400);
    c = good_creds(s);
    c.cnonce.clear();
    EXPECT_EQ(decide(c, &s).status, 400);
}

TEST(DecideAuth, AlgorithmMustMatchTheNonce) {
    const auto s = digest_state();
    auto c = good_creds(s);
    c.algorithm = "SHA-256";
    EXPECT_EQ(decide(c, &s).status, 403);
    c.algorithm.clear();  // absent means MD5
    EXPECT_EQ(decide(c, &s).action, AuthAction::accept);
}

TEST(DecideAuth, WrongOpaqueIs403MissingIsTolerated) {
    const auto s = digest_state();
    auto c = good_creds(s);
    c.opaque = "ffff";
    EXPECT_EQ(decide(c, &s).status, 403);
    c.opaque.clear();
    EXPECT_EQ(decide(c, &s).action, AuthAction::accept);
}

TEST(DecideAuth, AkaAcceptConsumesTheVector) {
    const auto s = aka_state();
    const auto d = decide(good_creds(s), &s);
    EXPECT_EQ(d.action, AuthAction::accept);
    EXPECT_TRUE(d.consume_nonce);
}

TEST(DecideAuth, AkaWrongResponseIs403AndSpent) {
    const auto s = aka_state();
    auto c = good_creds(s);
    c.response = "bad";
    const auto d = decide(c, &s);
    EXPECT_EQ(d.status, 403);
    EXPECT_TRUE(d.consume_nonce);
}

TEST(DecideAuth, AkaEmptyResponseIsNetworkAuthFailure403) {
    const auto s = aka_state();
    auto c = good_creds(s);
    c.response.clear();
    EXPECT_EQ(decide(c, &s).status, 403);
}

TEST(DecideAuth, AutsAsksForResyncWithRandAndAuts) {
    const auto s = aka_state();
    auto c = good_creds(s);
    const std::vector<std::uint8_t> auts(14, 0x5A);
    c.auts = base64_encode(auts);
    c.response.clear();
    const auto d = decide(c, &s);
    ASSERT_EQ(d.action, AuthAction::resync);
    ASSERT_EQ(d.resync_info.size(), 30u);
    EXPECT_TRUE(std::equal(s.vector.rand.begin(), s.vector.rand.end(), d.resync_info.begin()));
    EXPECT_TRUE(std::equal(auts.begin(), auts.end(), d.resync_info.begin() + 16));
}

TEST(DecideAuth, MalformedAutsIs400) {
    const auto s = aka_state();
    auto c = good_creds(s);
    c.auts = "!!!";
    EXPECT_EQ(decide(c, &s).status, 400);
    c.auts = base64_encode(std::vector<std::uint8_t>(13, 1));  // wrong length
    EXPECT_EQ(decide(c, &s).status, 400);
}

TEST(DecideAuth, AutsOnDigestIs400) {
    const auto s = digest_state();
    auto c = good_creds(s);
    c.auts = base64_encode(std::vector<std::uint8_t>(14, 1));
    EXPECT_EQ(decide(c, &s).status, 400);
}

TEST(NonceStore, RecordsNcAndPurgesAfterGrace) {
    NonceStore store;
    store.insert(digest_state());
    store.record_nc("bm9uY2U=", 3);
    ASSERT_NE(store.find("bm9uY2U="), nullptr);
    EXPECT_EQ(store.find("bm9uY2U=")->highest_nc, 3u);
    EXPECT_EQ(store.purge(kT0 + 30s + 29s, 30s), 0u);  // stale but within grace
    EXPECT_EQ(store.purge(kT0 + 60s, 30s), 1u);
    EXPECT_EQ(store.find("bm9uY2U="), nullptr);
}

TEST(NonceStore, PurgesOldestFirstSkippingConsumedAndRenewedNonces) {
    NonceStore store;
    auto at = [](std::string nonce, TimePoint created) {
        NonceState s;
        s.nonce = std::move(nonce);
        s.created = created;
        s.lifetime = 30s;
        return s;
    };
    store.insert(at("a", kT0));
    store.insert(at("b", kT0 + 1s));
    store.insert(at("c", kT0 + 2s));
    store.insert(at("d", kT0 + 3s));
    store.erase("b");                  // consumed: its queue entry must not count
    store.insert(at("a", kT0 + 10s));  // the same nonce again, later: judged by its own age
    EXPECT_EQ(store.purge(kT0 + 59s, 30s), 0u);
    EXPECT_EQ(store.purge(kT0 + 62s, 30s), 1u);  // c (a renewed, b consumed)
    EXPECT_NE(store.find("a"), nullptr);
    EXPECT_EQ(store.find("c"), nullptr);
    EXPECT_NE(store.find("d"), nullptr);
    EXPECT_EQ(store.purge(kT0 + 70s, 30s), 2u);  // d and the renewed a
    EXPECT_EQ(store.size(), 0u);
    EXPECT_EQ(store.purge(kT0 + 1000s, 30s), 0u);
}

TEST(SchemeNames, RoundTrip) {
    for (auto s : {AuthScheme::digest_md5, AuthScheme::digest_sha256, AuthScheme::aka_v1_md5}) {
        EXPECT_EQ(scheme_from_name(scheme_name(s)), s);
    }
    EXPECT_FALSE(scheme_from_name("plain").has_value());
    EXPECT_EQ(algorithm_token(AuthScheme::digest_sha256), "SHA-256");
    EXPECT_EQ(algorithm_token(AuthScheme::aka_v1_md5), "AKAv1-MD5");
}

}  // namespace
}  // namespace ims::scscf
