#pragma once
// RFC 3261 17.2: the INVITE server transaction (Figure 7) and the non-INVITE server transaction
// (Figure 8), as pure machines. Their owner is the transaction layer (transaction_layer.hpp).

#include "common/sip/transaction/transaction_events.hpp"

namespace ims::sip {

/// 17.2.1. Hands the INVITE to the TU; replays the last provisional to retransmitted INVITEs;
/// a 2xx from the TU ends it (RFC 3261; under RFC 6026 it would wait in Accepted for Timer L,
/// here the TU/core owns 2xx retransmission and the ACK for a 2xx is a new request to the TU);
/// a 300-699 is retransmitted on Timer G (unreliable only) until the ACK or Timer H; ACKs are
/// then absorbed until Timer I.
class InviteServerTransaction final : public TransactionMachine {
  public:
    InviteServerTransaction(Buffer request, bool reliable, const TimerConfig& timers);

    Actions handle(const Event& event, TimePoint now) override;
    TransactionState state() const override { return state_; }
    TransactionKind kind() const override { return TransactionKind::invite_server; }

  private:
    Actions on_tu_response(const event::TuResponse& r, TimePoint now);
    Actions on_request(const event::RequestReceived& r, TimePoint now);

    Buffer request_;
    Buffer last_response_;
    bool reliable_;
    TimerConfig timers_;
    Duration timer_g_{0};
    TransactionState state_ = TransactionState::proceeding;
};

/// 17.2.2. Hands the request to the TU; absorbs retransmissions (replaying the last response sent,
/// if any) until Timer J after the final response.
class NonInviteServerTransaction final : public TransactionMachine {
  public:
    NonInviteServerTransaction(Buffer request, bool reliable, const TimerConfig& timers);

    Actions handle(const Event& event, TimePoint now) override;
    TransactionState state() const override { return state_; }
    TransactionKind kind() const override { return TransactionKind::non_invite_server; }

  private:
    Actions on_tu_response(const event::TuResponse& r, TimePoint now);

    Buffer request_;
    Buffer last_response_;
    bool reliable_;
    TimerConfig timers_;
    TransactionState state_ = TransactionState::trying;
};

}  // namespace ims::sip
