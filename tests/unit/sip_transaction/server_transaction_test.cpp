// RFC 3261 17.2: INVITE and non-INVITE server transactions against a fake clock.

#include "common/sip/transaction/server_transaction.hpp"

#include <gtest/gtest.h>

#include "tests/unit/sip_transaction/fake_clock.hpp"

namespace ims::sip {
namespace {

using namespace std::chrono_literals;
using test::MachineHarness;

MachineHarness make(TransactionKind kind, bool reliable, TimerConfig cfg = {}) {
    MachineHarness h(make_transaction_machine(kind, make_buffer("REQUEST"), reliable, cfg));
    h.feed(event::Start{});
    return h;
}

event::TuResponse response(int status) {
    return {status, make_buffer("SIP/2.0 " + std::to_string(status))};
}

event::RequestReceived retransmission() {
    return {make_buffer("REQUEST"), false};
}
event::RequestReceived ack() {
    return {make_buffer("ACK"), true};
}

// ------------------------------------------------------------------------ INVITE

TEST(InviteServerTransaction, PassesRequestOnceAndReplaysLastProvisional) {
    auto h = make(TransactionKind::invite_server, false);
    ASSERT_EQ(h.passed().size(), 1u);
    EXPECT_EQ(*h.passed()[0].bytes, "REQUEST");
    h.feed(retransmission());  // nothing sent yet: nothing to replay
    EXPECT_TRUE(h.sent().empty());
    h.feed(response(180));
    h.feed(retransmission());
    ASSERT_EQ(h.sent().size(), 2u);
    EXPECT_EQ(h.sent()[1].bytes, "SIP/2.0 180");
    EXPECT_EQ(h.passed().size(), 1u);  // retransmissions never reach the TU
    EXPECT_EQ(h.machine().state(), TransactionState::proceeding);
}

TEST(InviteServerTransaction, UdpTimerGRetransmitsFinalUntilAckThenTimerI) {
    auto h = make(TransactionKind::invite_server, false);
    h.feed(response(486));
    EXPECT_TRUE(h.armed(TimerId::G));
    EXPECT_TRUE(h.armed(TimerId::H));
    h.advance_to(12s);
    // G at 500ms, 1s, 2s, 4s, 4s (capped at T2): sends at 0, .5, 1.5, 3.5, 7.5, 11.5 s.
    ASSERT_EQ(h.sent().size(), 6u);
    EXPECT_EQ(h.sent()[5].at, 11500ms);
    h.feed(retransmission());  // a retransmitted INVITE in Completed gets the final again
    EXPECT_EQ(h.sent().size(), 7u);
    h.feed(ack());
    EXPECT_EQ(h.machine().state(), TransactionState::confirmed);
    EXPECT_FALSE(h.armed(TimerId::G));
    EXPECT_FALSE(h.armed(TimerId::H));
    h.feed(ack());  // absorbed in Confirmed
    h.feed(retransmission());
    h.advance_to(30s);
    EXPECT_EQ(h.sent().size(), 7u);
    EXPECT_EQ(h.passed().size(), 1u);
    ASSERT_TRUE(h.terminated());
    EXPECT_EQ(*h.terminated(), TerminationReason::completed);
    EXPECT_EQ(*h.terminated_at(), 17s);  // I = T4 after the ACK
}

TEST(InviteServerTransaction, UdpTimerHEndsWithoutAck) {
    auto h = make(TransactionKind::invite_server, false);
    h.feed(response(500));
    h.advance_to(40s);
    // Sends at 0, .5, 1.5, 3.5, 7.5, then every 4s up to 31.5 s: 1 + 10.
    EXPECT_EQ(h.sent().size(), 11u);
    EXPECT_EQ(h.sent().back().at, 31500ms);
    ASSERT_TRUE(h.terminated());
    EXPECT_EQ(*h.terminated(), TerminationReason::timeout);
    EXPECT_EQ(*h.terminated_at(), 32s);
}

TEST(InviteServerTransaction, TcpNoTimerGAndAckTerminatesAtOnce) {
    auto h = make(TransactionKind::invite_server, true);
    h.feed(response(404));
    EXPECT_FALSE(h.armed(TimerId::G));
    EXPECT_TRUE(h.armed(TimerId::H));
    h.advance_to(10s);
    EXPECT_EQ(h.sent().size(), 1u);
    h.feed(ack());
    ASSERT_TRUE(h.terminated());
    EXPECT_EQ(*h.terminated(), TerminationReason::completed);
    EXPECT_EQ(*h.terminated_at(), 10s);  // Timer I is zero over TCP
}

TEST(InviteServerTransaction, TcpTimerHStillGuardsTheAck) {
    auto h = make(TransactionKind::invite_server, true);
    h.feed(response(404));
    h.advance_to(40s);
    ASSERT_TRUE(h.terminated());
    EXPECT_EQ(*h.terminated(), TerminationReason::timeout);
    EXPECT_EQ(*h.terminated_at(), 32s);
}

TEST(InviteServerTransaction, SuccessEndsServerTransaction) {
    auto h = make(TransactionKind::invite_server, false);
    h.feed(response(100));
    h.feed(response(200));
    ASSERT_TRUE(h.terminated());
    EXPECT_EQ(*h.terminated(), TerminationReason::completed);
    EXPECT_EQ(h.sent().size(), 2u);
    EXPECT_EQ(h.armed_count(), 0u);
}

TEST(InviteServerTransaction, TransportErrorTerminates) {
    auto h = make(TransactionKind::invite_server, false);
    h.feed(response(486));
    h.feed(event::TransportError{});
    ASSERT_TRUE(h.terminated());
    EXPECT_EQ(*h.terminated(), TerminationReason::transport_error);
}

// ------------------------------------------------------------------------ non-INVITE

TEST(NonInviteServerTransaction, RetransmissionAbsorbedAndLastResponseReplayed) {
    auto h = make(TransactionKind::non_invite_server, false);
    ASSERT_EQ(h.passed().size(), 1u);
    h.feed(retransmission());  // Trying: discarded
    EXPECT_TRUE(h.sent().empty());
    h.advance_to(1s);
    h.feed(response(200));
    EXPECT_EQ(h.machine().state(), TransactionState::completed);
    h.advance_to(3s);
    h.feed(retransmission());
    h.feed(retransmission());
    ASSERT_EQ(h.sent().size(), 3u);
    EXPECT_EQ(h.sent()[1].bytes, "SIP/2.0 200");
    EXPECT_EQ(h.sent()[2].bytes, "SIP/2.0 200");
    EXPECT_EQ(h.passed().size(), 1u);
    h.feed(response(500));  // Completed: further TU responses are discarded
    EXPECT_EQ(h.sent().size(), 3u);
    h.advance_to(60s);
    ASSERT_TRUE(h.terminated());
    EXPECT_EQ(*h.terminated(), TerminationReason::completed);
    EXPECT_EQ(*h.terminated_at(), 33s);  // J = 64*T1 after the final response
}

TEST(NonInviteServerTransaction, ProceedingReplaysProvisional) {
    auto h = make(TransactionKind::non_invite_server, false);
    h.feed(response(100));
    EXPECT_EQ(h.machine().state(), TransactionState::proceeding);
    h.feed(retransmission());
    ASSERT_EQ(h.sent().size(), 2u);
    EXPECT_EQ(h.sent()[1].bytes, "SIP/2.0 100");
}

TEST(NonInviteServerTransaction, TcpTimerJIsZero) {
    auto h = make(TransactionKind::non_invite_server, true);
    h.feed(response(200));
    ASSERT_TRUE(h.terminated());
    EXPECT_EQ(*h.terminated(), TerminationReason::completed);
    EXPECT_EQ(h.armed_count(), 0u);
}

}  // namespace
}  // namespace ims::sip
