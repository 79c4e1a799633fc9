// RFC 3261 17.1: INVITE and non-INVITE client transactions against a fake clock.

#include "common/sip/transaction/client_transaction.hpp"

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

std::vector<Duration> send_times(const MachineHarness& h) {
    std::vector<Duration> out;
    for (const auto& s : h.sent()) out.push_back(s.at);
    return out;
}

event::ResponseReceived response(int status, std::string ack = {}) {
    return {status, make_buffer("SIP/2.0 " + std::to_string(status)),
            ack.empty() ? nullptr : make_buffer(std::move(ack))};
}

// ------------------------------------------------------------------------ non-INVITE

TEST(NonInviteClientTransaction, UdpRetransmitsOnTimerEDoublingToT2UntilTimerF) {
    auto h = make(TransactionKind::non_invite_client, /*reliable=*/false);
    h.advance_to(40s);
    // 17.1.2.2: E at 500ms, 1s, 2s, 4s, then every T2 (4s); F at 64*T1 = 32s.
    const std::vector<Duration> expected{0ms,     500ms,   1500ms,  3500ms,  7500ms, 11500ms,
                                         15500ms, 19500ms, 23500ms, 27500ms, 31500ms};
    EXPECT_EQ(send_times(h), expected);
    ASSERT_TRUE(h.terminated());
    EXPECT_EQ(*h.terminated(), TerminationReason::timeout);
    EXPECT_EQ(*h.terminated_at(), 32s);
    EXPECT_TRUE(h.passed().empty());
}

TEST(NonInviteClientTransaction, TcpSendsOnceAndTimesOutOnTimerF) {
    auto h = make(TransactionKind::non_invite_client, /*reliable=*/true);
    EXPECT_FALSE(h.armed(TimerId::E));
    h.feed(event::Start{});  // a second Start sends nothing
    h.advance_to(40s);
    EXPECT_EQ(h.sent().size(), 1u);
    ASSERT_TRUE(h.terminated());
    EXPECT_EQ(*h.terminated(), TerminationReason::timeout);
    EXPECT_EQ(*h.terminated_at(), 32s);
}

TEST(NonInviteClientTransaction, ProvisionalMovesToProceedingAndRetransmitsEveryT2) {
    auto h = make(TransactionKind::non_invite_client, false);
    h.advance_to(600ms);
    h.feed(response(100));
    EXPECT_EQ(h.machine().state(), TransactionState::proceeding);
    ASSERT_EQ(h.passed().size(), 1u);
    EXPECT_EQ(h.passed()[0].status, 100);
    h.advance_to(10s);
    // The E armed in Trying (due 1.5s) still fires; from then on the interval is T2.
    const std::vector<Duration> expected{0ms, 500ms, 1500ms, 5500ms, 9500ms};
    EXPECT_EQ(send_times(h), expected);
}

TEST(NonInviteClientTransaction, UdpFinalResponseCompletesAndTimerKAbsorbsRetransmissions) {
    auto h = make(TransactionKind::non_invite_client, false);
    h.advance_to(700ms);
    h.feed(response(200));
    EXPECT_EQ(h.machine().state(), TransactionState::completed);
    EXPECT_FALSE(h.armed(TimerId::E));
    EXPECT_FALSE(h.armed(TimerId::F));
    EXPECT_TRUE(h.armed(TimerId::K));
    h.advance_to(2s);
    h.feed(response(200));  // retransmission: absorbed
    h.feed(response(180));
    EXPECT_EQ(h.passed().size(), 1u);
    h.advance_to(60s);
    EXPECT_EQ(h.sent().size(), 2u);  // original + the retransmission at 500ms
    ASSERT_TRUE(h.terminated());
    EXPECT_EQ(*h.terminated(), TerminationReason::completed);
    EXPECT_EQ(*h.terminated_at(), 5700ms);  // K = T4 after the final response
}

TEST(NonInviteClientTransaction, TcpFinalResponseTerminatesAtOnce) {
    auto h = make(TransactionKind::non_invite_client, true);
    h.feed(response(404));
    ASSERT_TRUE(h.terminated());
    EXPECT_EQ(*h.terminated(), TerminationReason::completed);
    EXPECT_EQ(h.passed().size(), 1u);
    EXPECT_EQ(h.armed_count(), 0u);
}

TEST(NonInviteClientTransaction, TransportErrorTerminates) {
    auto h = make(TransactionKind::non_invite_client, false);
    h.feed(event::TransportError{});
    ASSERT_TRUE(h.terminated());
    EXPECT_EQ(*h.terminated(), TerminationReason::transport_error);
}

TEST(NonInviteClientTransaction, ConfigurableT1ScalesTimers) {
    TimerConfig cfg;
    cfg.t1 = 100ms;
    cfg.t2 = 400ms;
    auto h = make(TransactionKind::non_invite_client, false, cfg);
    h.advance_to(10s);
    // E at 100, 300, 700, 1100, ... (cap 400ms) until F at 6.4s.
    EXPECT_EQ(h.sent()[1].at, 100ms);
    EXPECT_EQ(h.sent()[2].at, 300ms);
    EXPECT_EQ(h.sent()[3].at, 700ms);
    EXPECT_EQ(h.sent()[4].at, 1100ms);
    // Sends: 0, then 100,300,700 and every 400ms from 700 up to 6300 -> 1+3+14 = 18.
    EXPECT_EQ(h.sent().size(), 18u);
    EXPECT_EQ(*h.terminated_at(), 6400ms);
}

// ------------------------------------------------------------------------ INVITE

TEST(InviteClientTransaction, UdpTimerADoublesUntilTimerB) {
    auto h = make(TransactionKind::invite_client, false);
    h.advance_to(40s);
    // 17.1.1.2: A at 500ms, doubling without cap; B at 64*T1 = 32s.
    const std::vector<Duration> expected{0ms, 500ms, 1500ms, 3500ms, 7500ms, 15500ms, 31500ms};
    EXPECT_EQ(send_times(h), expected);
    ASSERT_TRUE(h.terminated());
    EXPECT_EQ(*h.terminated(), TerminationReason::timeout);
    EXPECT_EQ(*h.terminated_at(), 32s);
}

TEST(InviteClientTransaction, TcpSendsOnceAndTimesOutOnTimerB) {
    auto h = make(TransactionKind::invite_client, true);
    EXPECT_FALSE(h.armed(TimerId::A));
    h.feed(event::Start{});
    h.advance_to(40s);
    EXPECT_EQ(h.sent().size(), 1u);
    EXPECT_EQ(*h.terminated_at(), 32s);
}

TEST(InviteClientTransaction, ProvisionalStopsRetransmissions) {
    auto h = make(TransactionKind::invite_client, false);
    h.advance_to(600ms);
    h.feed(response(180));
    EXPECT_EQ(h.machine().state(), TransactionState::proceeding);
    h.advance_to(100s);
    EXPECT_EQ(h.sent().size(), 2u);
    EXPECT_FALSE(h.terminated());
    h.feed(response(183));
    EXPECT_EQ(h.passed().size(), 2u);
}

TEST(InviteClientTransaction, UdpNonSuccessFinalSendsAckAndTimerDAbsorbsRetransmissions) {
    auto h = make(TransactionKind::invite_client, false);
    h.advance_to(100ms);
    h.feed(response(486, "ACK"));
    EXPECT_EQ(h.machine().state(), TransactionState::completed);
    ASSERT_EQ(h.sent().size(), 2u);
    EXPECT_EQ(h.sent()[1].bytes, "ACK");
    ASSERT_EQ(h.passed().size(), 1u);
    EXPECT_EQ(h.passed()[0].status, 486);
    h.advance_to(5s);
    h.feed(response(486, "ACK"));  // 17.1.1.2: retransmitted final -> ACK again, TU not told
    EXPECT_EQ(h.sent().size(), 3u);
    EXPECT_EQ(h.sent()[2].bytes, "ACK");
    EXPECT_EQ(h.passed().size(), 1u);
    h.advance_to(60s);
    ASSERT_TRUE(h.terminated());
    EXPECT_EQ(*h.terminated(), TerminationReason::completed);
    EXPECT_EQ(*h.terminated_at(), 32100ms);  // Timer D = 32s
}

TEST(InviteClientTransaction, TcpNonSuccessFinalTerminatesAtOnce) {
    auto h = make(TransactionKind::invite_client, true);
    h.feed(response(603, "ACK"));
    ASSERT_TRUE(h.terminated());
    EXPECT_EQ(*h.terminated(), TerminationReason::completed);
    EXPECT_EQ(h.sent().size(), 2u);  // INVITE and ACK
}

TEST(InviteClientTransaction, SuccessEndsTransactionAndGoesToTu) {
    auto h = make(TransactionKind::invite_client, false);
    h.feed(response(100));
    h.feed(response(200));
    ASSERT_TRUE(h.terminated());
    EXPECT_EQ(*h.terminated(), TerminationReason::completed);
    ASSERT_EQ(h.passed().size(), 2u);
    EXPECT_EQ(h.passed()[1].status, 200);
    EXPECT_EQ(h.sent().size(), 1u);  // the TU, not the transaction, ACKs a 2xx
    EXPECT_EQ(h.armed_count(), 0u);
}

TEST(InviteClientTransaction, TransportErrorTerminates) {
    auto h = make(TransactionKind::invite_client, false);
    h.feed(event::TransportError{});
    ASSERT_TRUE(h.terminated());
    EXPECT_EQ(*h.terminated(), TerminationReason::transport_error);
}

}  // namespace
}  // namespace ims::sip
