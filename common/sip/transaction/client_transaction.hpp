#pragma once
// RFC 3261 17.1: the INVITE client transaction (Figure 5) and the non-INVITE client transaction
// (Figure 6), as pure machines. Their owner is the transaction layer (transaction_layer.hpp).

#include "common/sip/transaction/transaction_events.hpp"

namespace ims::sip {

/// 17.1.1. Sends the INVITE, retransmits it on Timer A (unreliable transports only) until a
/// response or Timer B; sends the ACK for 300-699 and absorbs their retransmissions until Timer D.
/// A 2xx ends the transaction at once (RFC 3261; RFC 6026's Accepted state is not implemented:
/// 2xx retransmissions find no transaction and reach the TU as stray responses, which is what a
/// proxy forwards and a UAC acknowledges anyway).
class InviteClientTransaction final : public TransactionMachine {
  public:
    InviteClientTransaction(Buffer request, bool reliable, const TimerConfig& timers);

    Actions handle(const Event& event, TimePoint now) override;
    TransactionState state() const override { return state_; }
    TransactionKind kind() const override { return TransactionKind::invite_client; }

  private:
    Actions on_response(const event::ResponseReceived& r, TimePoint now);

    Buffer request_;
    Buffer ack_;
    bool reliable_;
    TimerConfig timers_;
    Duration timer_a_{0};
    bool started_ = false;
    TransactionState state_ = TransactionState::calling;
};

/// 17.1.2. Sends the request, retransmits it on Timer E (unreliable only; doubling up to T2,
/// every T2 once a provisional arrived) until a final response or Timer F; then absorbs final
/// response retransmissions until Timer K.
class NonInviteClientTransaction final : public TransactionMachine {
  public:
    NonInviteClientTransaction(Buffer request, bool reliable, const TimerConfig& timers);

    Actions handle(const Event& event, TimePoint now) override;
    TransactionState state() const override { return state_; }
    TransactionKind kind() const override { return TransactionKind::non_invite_client; }

  private:
    Actions on_response(const event::ResponseReceived& r, TimePoint now);

    Buffer request_;
    bool reliable_;
    TimerConfig timers_;
    Duration timer_e_{0};
    bool started_ = false;
    TransactionState state_ = TransactionState::trying;
};

}  // namespace ims::sip
