#include "common/auth/random.hpp"

#include <set>

#include <gtest/gtest.h>

#include "tests/unit/auth/fake_random.hpp"

namespace ims::auth {
namespace {

TEST(Random, FakeGivesFixedNonceOpaqueAndRand) {
    FakeRandom random;  // counter bytes 00 01 02 ...
    EXPECT_EQ(make_nonce(random).value(), "000102030405060708090a0b0c0d0e0f");
    EXPECT_EQ(make_opaque(random, 4).value(), "10111213");
    Rand rand = make_rand(random).value();
    EXPECT_EQ(rand[0], 0x14);
    EXPECT_EQ(rand[15], 0x23);
    EXPECT_EQ(random.calls(), 3);
}

TEST(Random, FailurePropagates) {
    FakeRandom random;
    random.set_fail(true);
    EXPECT_EQ(make_nonce(random).error(), auth_errc::random_failure);
    EXPECT_EQ(make_rand(random).error(), auth_errc::random_failure);
}

TEST(Random, SystemRandomProducesDistinctValues) {
    std::set<std::string> seen;
    for (int i = 0; i < 64; ++i) {
        auto nonce = make_nonce(system_random());
        ASSERT_TRUE(nonce);
        EXPECT_EQ(nonce.value().size(), 32u);
        seen.insert(nonce.value());
    }
    EXPECT_EQ(seen.size(), 64u);
}

}  // namespace
}  // namespace ims::auth
