// RFC 3261 17.1.3 / 17.2.3 matching keys.

#include "common/sip/transaction/transaction_key.hpp"

#include <gtest/gtest.h>

namespace ims::sip {
namespace {

MatchFields invite() {
    MatchFields f;
    f.method = "INVITE";
    f.cseq_method = "INVITE";
    f.cseq_number = 1;
    f.branch = "z9hG4bK776asdhds";
    f.sent_by_host = "pc33.atlanta.com";
    f.via_transport = "UDP";
    f.request_uri = "sip:bob@biloxi.com";
    f.call_id = "a84b4c76e66710@pc33.atlanta.com";
    f.from_tag = "1928301774";
    f.top_via = "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds";
    return f;
}

TEST(TransactionKey, MagicCookieDetection) {
    EXPECT_TRUE(is_rfc3261_branch("z9hG4bK776asdhds"));
    EXPECT_FALSE(is_rfc3261_branch("z9hG4bK"));  // the cookie alone is no unique branch
    EXPECT_FALSE(is_rfc3261_branch("776asdhds"));
    EXPECT_FALSE(is_rfc3261_branch("Z9HG4BK776"));  // the cookie is case-sensitive
}

TEST(TransactionKey, MakeBranchHasCookieAndIsUniquePerInput) {
    const auto a = make_branch(1, 2);
    const auto b = make_branch(1, 3);
    EXPECT_TRUE(is_rfc3261_branch(a));
    EXPECT_EQ(a.size(), 7u + 32u);
    EXPECT_NE(a, b);
}

TEST(TransactionKey, SentByHostIsCaseInsensitiveAndDefaultPortIs5060) {
    auto a = invite();
    auto b = invite();
    b.sent_by_host = "PC33.Atlanta.COM";
    b.sent_by_port = 5060;
    EXPECT_EQ(server_key(a), server_key(b));
    b.sent_by_port = 5070;
    EXPECT_NE(server_key(a), server_key(b));
}

TEST(TransactionKey, AckMatchesInviteKeyButCancelDoesNot) {
    auto ack = invite();
    ack.method = "ACK";
    ack.cseq_method = "ACK";
    ASSERT_EQ(ack_server_keys(ack).size(), 1u);
    EXPECT_EQ(ack_server_keys(ack)[0], server_key(invite()));
    auto cancel = invite();
    cancel.method = "CANCEL";
    cancel.cseq_method = "CANCEL";
    EXPECT_NE(server_key(cancel), server_key(invite()));
    EXPECT_EQ(cancelled_invite_key(cancel), server_key(invite()));
}

TEST(TransactionKey, Rfc2543KeyUsesDialogFieldsAndTopVia) {
    auto a = invite();
    a.branch = "";  // RFC 2543 peer: no cookie
    auto b = a;
    EXPECT_EQ(server_key(a), server_key(b));
    b.cseq_number = 2;
    EXPECT_NE(server_key(a), server_key(b));
    b = a;
    b.top_via = "SIP/2.0/UDP other.example.com";
    EXPECT_NE(server_key(a), server_key(b));
    b = a;
    b.from_tag = "x";
    EXPECT_NE(server_key(a), server_key(b));
    // An ACK from the same peer finds the INVITE (which had no To tag) under its first candidate.
    auto ack = a;
    ack.method = "ACK";
    ack.to_tag = "ourtag";
    const auto keys = ack_server_keys(ack);
    ASSERT_EQ(keys.size(), 2u);
    EXPECT_EQ(keys[0], server_key(a));
}

TEST(TransactionKey, ClientKeyIsBranchAndCSeqMethod) {
    auto f = invite();
    EXPECT_EQ(*client_key(f), "z9hG4bK776asdhds|INVITE");
    f.cseq_method = "CANCEL";
    EXPECT_EQ(*client_key(f), "z9hG4bK776asdhds|CANCEL");
    f.branch.clear();
    EXPECT_FALSE(client_key(f).has_value());
}

}  // namespace
}  // namespace ims::sip
