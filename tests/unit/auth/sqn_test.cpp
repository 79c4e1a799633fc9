#include "common/auth/sqn.hpp"

#include <gtest/gtest.h>

namespace ims::auth {
namespace {

TEST(Sqn, BytesAreBigEndian48Bits) {
    EXPECT_EQ(sqn_to_bytes(0xff9bb4d0b607), (SqnBytes{0xff, 0x9b, 0xb4, 0xd0, 0xb6, 0x07}));
    EXPECT_EQ(sqn_from_bytes(SqnBytes{0xff, 0x9b, 0xb4, 0xd0, 0xb6, 0x07}), 0xff9bb4d0b607u);
    EXPECT_EQ(sqn_from_bytes(sqn_to_bytes(kSqnMax)), kSqnMax);
    EXPECT_EQ(sqn_to_bytes(0), SqnBytes{});
}

TEST(Sqn, SeqAndIndSplit) {
    const Sqn sqn = make_sqn(1000, 7);
    EXPECT_EQ(sqn, (1000u << 5) | 7u);
    EXPECT_EQ(sqn_seq(sqn), 1000u);
    EXPECT_EQ(sqn_ind(sqn), 7u);
    EXPECT_EQ(make_sqn(1, 33), make_sqn(1, 1));  // IND is 5 bits
}

TEST(Sqn, NextIncrementsSeqAndCyclesInd) {
    Sqn sqn = make_sqn(41, 30);
    sqn = next_sqn(sqn);
    EXPECT_EQ(sqn_seq(sqn), 42u);
    EXPECT_EQ(sqn_ind(sqn), 31u);
    sqn = next_sqn(sqn);
    EXPECT_EQ(sqn_seq(sqn), 43u);
    EXPECT_EQ(sqn_ind(sqn), 0u);  // IND wraps without carrying into SEQ
    EXPECT_EQ(next_sqn(0), make_sqn(1, 1));
    EXPECT_EQ(sqn_seq(next_sqn(make_sqn(kSeqMax, 0))), 0u);  // 2^43 vectors later
}

TEST(Sqn, EveryGeneratedSqnIsAcceptableToAUsimThatSawThePrevious) {
    Sqn sqn = make_sqn(5, 0);
    for (int i = 0; i < 100; ++i) {
        Sqn next = next_sqn(sqn);
        EXPECT_TRUE(sqn_acceptable(next, sqn));
        EXPECT_FALSE(sqn_acceptable(sqn, next));  // replay of an older one
        sqn = next;
    }
}

TEST(Sqn, AcceptanceWindow) {
    const Sqn ms = make_sqn(100, 3);
    EXPECT_FALSE(sqn_acceptable(make_sqn(100, 9), ms));  // same SEQ: not fresh
    EXPECT_FALSE(sqn_acceptable(make_sqn(99, 9), ms));
    EXPECT_TRUE(sqn_acceptable(make_sqn(101, 0), ms));
    EXPECT_TRUE(sqn_acceptable(make_sqn(100 + kDefaultSeqDelta, 0), ms));
    EXPECT_FALSE(sqn_acceptable(make_sqn(101 + kDefaultSeqDelta, 0), ms));  // jump too far
    EXPECT_TRUE(sqn_acceptable(make_sqn(110, 0), ms, 10));
    EXPECT_FALSE(sqn_acceptable(make_sqn(111, 0), ms, 10));
}

TEST(Sqn, ResyncSetsHeToMsWhenHeIsBehind) {
    // The HSS lost its state (restored backup): SQN_HE is behind what the USIM has seen.
    const Sqn he = make_sqn(10, 10);
    const Sqn ms = make_sqn(500, 2);
    const Sqn new_he = sqn_after_resync(he, ms);
    EXPECT_EQ(new_he, ms);
    const Sqn next = next_sqn(new_he);
    EXPECT_EQ(sqn_seq(next), 501u);  // the next vector uses SEQ_MS + 1
    EXPECT_TRUE(sqn_acceptable(next, ms));
}

TEST(Sqn, ResyncKeepsHeWhenItsNextVectorWouldBeAccepted) {
    // AUTS caused by an old vector replayed: SQN_HE is already ahead, keep it (TS 33.102 6.3.5).
    const Sqn he = make_sqn(600, 4);
    const Sqn ms = make_sqn(500, 2);
    EXPECT_EQ(sqn_after_resync(he, ms), he);
    // Too far ahead of the USIM (beyond delta): reset to SQN_MS.
    const Sqn far = make_sqn(500 + kDefaultSeqDelta + 5, 0);
    EXPECT_EQ(sqn_after_resync(far, ms), ms);
}

}  // namespace
}  // namespace ims::auth
