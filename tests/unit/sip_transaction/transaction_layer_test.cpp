// The transaction layer: matching, retransmission absorption and timers through the layer,
// against a fake clock and a fake ACK builder; no parser, no sockets.

#include "common/sip/transaction/transaction_layer.hpp"

#include <gtest/gtest.h>

#include "tests/unit/sip_transaction/fake_clock.hpp"

namespace ims::sip {
namespace {

using namespace std::chrono_literals;

Destination udp_peer() {
    return {TransportKind::udp, {boost::asio::ip::make_address("192.0.2.10"), 5060}, 0};
}
Destination tcp_peer() {
    return {TransportKind::tcp, {boost::asio::ip::make_address("2001:db8::10"), 5060}, 7};
}

MatchFields request(std::string method, std::string branch = "z9hG4bKabc1") {
    MatchFields f;
    f.method = method;
    f.cseq_method = method == "ACK" ? "ACK" : method;
    f.cseq_number = 1;
    f.branch = std::move(branch);
    f.sent_by_host = "ue.example.com";
    f.sent_by_port = 5060;
    f.request_uri = "sip:ims.example.com";
    f.call_id = "call-1";
    f.from_tag = "ft";
    f.top_via = "SIP/2.0/UDP ue.example.com:5060;branch=" + f.branch;
    return f;
}

MatchFields response_fields(std::string cseq_method, std::string branch = "z9hG4bKclient") {
    MatchFields f;
    f.cseq_method = std::move(cseq_method);
    f.branch = std::move(branch);
    return f;
}

template <class T>
std::vector<T> only(const LayerOutputs& out) {
    std::vector<T> v;
    for (const auto& o : out) {
        if (const auto* x = std::get_if<T>(&o)) v.push_back(*x);
    }
    return v;
}

/// Layer plus fake clock; `ack_builder` records every ACK it built.
struct Fixture {
    test::FakeClock clock;
    int acks_built = 0;
    TransactionLayer layer{TimerConfig{}, [this](const Buffer& invite, const Buffer& response) {
                               ++acks_built;
                               return make_buffer("ACK for " + *invite + " / " + *response);
                           }};

    /// Fire timers up to origin + t, collecting the outputs.
    LayerOutputs run_until(Duration t) {
        LayerOutputs all;
        const TimePoint end = clock.origin + t;
        while (auto next = layer.next_deadline()) {
            if (*next > end) break;
            clock.now = *next;
            auto out = layer.on_timers(clock.now);
            all.insert(all.end(), out.begin(), out.end());
        }
        clock.now = end;
        return all;
    }
};

TEST(TransactionLayer, NewRequestReachesTuOnceAndRetransmissionGetsLastResponse) {
    Fixture fx;
    auto out = fx.layer.on_request(request("REGISTER"), make_buffer("REGISTER#1"), udp_peer(),
                                   fx.clock.now);
    auto to_tu = only<layer::RequestToTu>(out);
    ASSERT_EQ(to_tu.size(), 1u);
    const TransactionId id = to_tu[0].transaction;
    EXPECT_NE(id, 0u);
    EXPECT_EQ(to_tu[0].response_to, udp_peer());

    // Retransmitted before the TU answered: absorbed, nothing sent.
    out = fx.layer.on_request(request("REGISTER"), make_buffer("REGISTER#1"), udp_peer(),
                              fx.clock.now);
    EXPECT_TRUE(out.empty());

    auto responded = fx.layer.respond(id, 401, make_buffer("401"), fx.clock.now);
    ASSERT_TRUE(responded);
    auto sends = only<layer::Send>(responded.value());
    ASSERT_EQ(sends.size(), 1u);
    EXPECT_EQ(*sends[0].bytes, "401");
    EXPECT_EQ(sends[0].to, udp_peer());

    // Retransmitted after: the 401 again, still nothing for the TU.
    out = fx.layer.on_request(request("REGISTER"), make_buffer("REGISTER#1"), udp_peer(),
                              fx.clock.now);
    ASSERT_EQ(out.size(), 1u);
    sends = only<layer::Send>(out);
    ASSERT_EQ(sends.size(), 1u);
    EXPECT_EQ(*sends[0].bytes, "401");

    // Timer J (32s) ends it; a request with the same branch afterwards is new again.
    auto timed = fx.run_until(33s);
    auto ended = only<layer::TransactionEnded>(timed);
    ASSERT_EQ(ended.size(), 1u);
    EXPECT_EQ(ended[0].reason, TerminationReason::completed);
    EXPECT_EQ(fx.layer.size(), 0u);
}

TEST(TransactionLayer, DifferentSentByOrMethodIsADifferentTransaction) {
    Fixture fx;
    fx.layer.on_request(request("OPTIONS"), make_buffer("a"), udp_peer(), fx.clock.now);
    auto other = request("OPTIONS");
    other.sent_by_host = "other.example.com";
    auto out = fx.layer.on_request(other, make_buffer("b"), udp_peer(), fx.clock.now);
    EXPECT_EQ(only<layer::RequestToTu>(out).size(), 1u);
    EXPECT_EQ(fx.layer.size(), 2u);
}

TEST(TransactionLayer, AckForNonSuccessIsAbsorbedByInviteServerTransaction) {
    Fixture fx;
    auto out =
        fx.layer.on_request(request("INVITE"), make_buffer("INVITE"), udp_peer(), fx.clock.now);
    const TransactionId id = only<layer::RequestToTu>(out).at(0).transaction;
    ASSERT_TRUE(fx.layer.respond(id, 486, make_buffer("486"), fx.clock.now));
    out = fx.layer.on_request(request("ACK"), make_buffer("ACK"), udp_peer(), fx.clock.now);
    EXPECT_TRUE(out.empty());
    EXPECT_EQ(fx.layer.state(id), TransactionState::confirmed);
    auto timed = fx.run_until(10s);
    // No Timer G retransmission after the ACK; Timer I (T4 = 5s) ends it.
    EXPECT_TRUE(only<layer::Send>(timed).empty());
    EXPECT_EQ(only<layer::TransactionEnded>(timed).size(), 1u);
}

TEST(TransactionLayer, AckForSuccessGoesToTuWithoutTransaction) {
    Fixture fx;
    auto out =
        fx.layer.on_request(request("INVITE"), make_buffer("INVITE"), udp_peer(), fx.clock.now);
    const TransactionId id = only<layer::RequestToTu>(out).at(0).transaction;
    auto responded = fx.layer.respond(id, 200, make_buffer("200"), fx.clock.now);
    ASSERT_TRUE(responded);
    EXPECT_EQ(only<layer::TransactionEnded>(responded.value()).size(), 1u);
    out = fx.layer.on_request(request("ACK"), make_buffer("ACK"), udp_peer(), fx.clock.now);
    auto to_tu = only<layer::RequestToTu>(out);
    ASSERT_EQ(to_tu.size(), 1u);
    EXPECT_EQ(to_tu[0].transaction, 0u);
}

TEST(TransactionLayer, Rfc2543FallbackMatchesRetransmissionAndAckByToTag) {
    Fixture fx;
    auto invite = request("INVITE", "");
    auto out = fx.layer.on_request(invite, make_buffer("INVITE"), udp_peer(), fx.clock.now);
    const TransactionId id = only<layer::RequestToTu>(out).at(0).transaction;
    out = fx.layer.on_request(invite, make_buffer("INVITE"), udp_peer(), fx.clock.now);
    EXPECT_TRUE(only<layer::RequestToTu>(out).empty());  // retransmission absorbed
    ASSERT_TRUE(fx.layer.respond(id, 404, make_buffer("404"), fx.clock.now, "srv-tag"));

    auto wrong_ack = invite;
    wrong_ack.method = "ACK";
    wrong_ack.to_tag = "another-tag";
    out = fx.layer.on_request(wrong_ack, make_buffer("ACK"), udp_peer(), fx.clock.now);
    EXPECT_EQ(only<layer::RequestToTu>(out).size(), 1u);  // not ours: to the TU
    EXPECT_EQ(fx.layer.state(id), TransactionState::completed);

    auto ack = wrong_ack;
    ack.to_tag = "srv-tag";
    out = fx.layer.on_request(ack, make_buffer("ACK"), udp_peer(), fx.clock.now);
    EXPECT_TRUE(out.empty());
    EXPECT_EQ(fx.layer.state(id), TransactionState::confirmed);
}

TEST(TransactionLayer, CancelIsItsOwnTransactionAndFindsTheInvite) {
    Fixture fx;
    auto out =
        fx.layer.on_request(request("INVITE"), make_buffer("INVITE"), udp_peer(), fx.clock.now);
    const TransactionId invite_id = only<layer::RequestToTu>(out).at(0).transaction;
    out = fx.layer.on_request(request("CANCEL"), make_buffer("CANCEL"), udp_peer(), fx.clock.now);
    auto to_tu = only<layer::RequestToTu>(out);
    ASSERT_EQ(to_tu.size(), 1u);
    EXPECT_NE(to_tu[0].transaction, invite_id);
    EXPECT_EQ(fx.layer.find_cancelled_invite(request("CANCEL")), invite_id);
}

TEST(TransactionLayer, ClientResponsesMatchByBranchAndCSeqMethod) {
    Fixture fx;
    auto f = request("REGISTER", "z9hG4bKclient");
    auto started = fx.layer.start_client(f, make_buffer("REGISTER"), tcp_peer(), fx.clock.now);
    ASSERT_TRUE(started);
    const TransactionId id = started.value().transaction;
    auto sends = only<layer::Send>(started.value().outputs);
    ASSERT_EQ(sends.size(), 1u);
    EXPECT_EQ(sends[0].to, tcp_peer());

    auto out =
        fx.layer.on_response(response_fields("INVITE"), 200, make_buffer("200"), fx.clock.now);
    auto stray = only<layer::ResponseToTu>(out);
    ASSERT_EQ(stray.size(), 1u);
    EXPECT_EQ(stray[0].transaction, 0u);

    out = fx.layer.on_response(response_fields("REGISTER"), 200, make_buffer("200"), fx.clock.now);
    auto mine = only<layer::ResponseToTu>(out);
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(mine[0].transaction, id);
    EXPECT_EQ(mine[0].status, 200);
    // Over TCP Timer K is zero: the transaction ended with the response.
    EXPECT_EQ(only<layer::TransactionEnded>(out).size(), 1u);
    EXPECT_EQ(fx.layer.size(), 0u);
}

TEST(TransactionLayer, InviteClientSendsBuiltAckForNonSuccessAndAgainOnRetransmission) {
    Fixture fx;
    auto f = request("INVITE", "z9hG4bKclient");
    ASSERT_TRUE(fx.layer.start_client(f, make_buffer("INVITE"), udp_peer(), fx.clock.now));
    auto out =
        fx.layer.on_response(response_fields("INVITE"), 486, make_buffer("486"), fx.clock.now);
    auto sends = only<layer::Send>(out);
    ASSERT_EQ(sends.size(), 1u);
    EXPECT_EQ(*sends[0].bytes, "ACK for INVITE / 486");
    EXPECT_EQ(only<layer::ResponseToTu>(out).size(), 1u);
    out = fx.layer.on_response(response_fields("INVITE"), 486, make_buffer("486"), fx.clock.now);
    EXPECT_EQ(only<layer::Send>(out).size(), 1u);
    EXPECT_TRUE(only<layer::ResponseToTu>(out).empty());
}

TEST(TransactionLayer, TimersDriveUdpRetransmissionsUntilTimeout) {
    Fixture fx;
    auto f = request("MESSAGE", "z9hG4bKclient");
    auto started = fx.layer.start_client(f, make_buffer("MESSAGE"), udp_peer(), fx.clock.now);
    ASSERT_TRUE(started);
    auto out = fx.run_until(40s);
    // 10 retransmissions (0.5, 1.5, 3.5, 7.5, 11.5 ... 31.5 s) after the first send, then F.
    EXPECT_EQ(only<layer::Send>(out).size(), 10u);
    auto ended = only<layer::TransactionEnded>(out);
    ASSERT_EQ(ended.size(), 1u);
    EXPECT_EQ(ended[0].reason, TerminationReason::timeout);
    EXPECT_EQ(ended[0].kind, TransactionKind::non_invite_client);
    EXPECT_FALSE(fx.layer.next_deadline().has_value());
}

TEST(TransactionLayer, TransportErrorEndsTransactionAndIsReported) {
    Fixture fx;
    auto started =
        fx.layer.start_client(request("OPTIONS"), make_buffer("OPTIONS"), tcp_peer(), fx.clock.now);
    ASSERT_TRUE(started);
    auto out = fx.layer.transport_error(started.value().transaction, fx.clock.now);
    auto ended = only<layer::TransactionEnded>(out);
    ASSERT_EQ(ended.size(), 1u);
    EXPECT_EQ(ended[0].reason, TerminationReason::transport_error);
    EXPECT_TRUE(fx.layer.transport_error(started.value().transaction, fx.clock.now).empty());
}

TEST(TransactionLayer, RejectsDuplicateBranchAckAndUnknownIds) {
    Fixture fx;
    ASSERT_TRUE(
        fx.layer.start_client(request("OPTIONS"), make_buffer("x"), udp_peer(), fx.clock.now));
    auto dup =
        fx.layer.start_client(request("OPTIONS"), make_buffer("x"), udp_peer(), fx.clock.now);
    ASSERT_FALSE(dup);
    EXPECT_EQ(dup.error(), transaction_errc::duplicate_transaction);
    auto no_branch =
        fx.layer.start_client(request("OPTIONS", ""), make_buffer("x"), udp_peer(), fx.clock.now);
    ASSERT_FALSE(no_branch);
    EXPECT_EQ(no_branch.error(), transaction_errc::missing_branch);
    auto ack = fx.layer.start_client(request("ACK", "z9hG4bKack"), make_buffer("ACK"), udp_peer(),
                                     fx.clock.now);
    ASSERT_FALSE(ack);
    EXPECT_EQ(ack.error(), transaction_errc::wrong_transaction_kind);
    auto unknown = fx.layer.respond(999, 200, make_buffer("200"), fx.clock.now);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error(), transaction_errc::unknown_transaction);
}

}  // namespace
}  // namespace ims::sip
