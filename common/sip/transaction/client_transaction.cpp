#include "common/sip/transaction/client_transaction.hpp"

#include <algorithm>

namespace ims::sip {
// ---------------------------------------------------------------- INVITE client (17.1.1.2)

InviteClientTransaction::InviteClientTransaction(Buffer request, bool reliable,
                                                 const TimerConfig& timers)
    : request_(std::move(request)), reliable_(reliable), timers_(timers) {}

Actions InviteClientTransaction::handle(const Event& event, TimePoint now) {
    if (state_ == TransactionState::terminated) return {};
    Actions out;
    if (std::holds_alternative<event::Start>(event)) {
        if (started_) return {};
        started_ = true;
        out.push_back(action::SendToTransport{request_});
        // 17.1.1.2: Timer A only for unreliable transports; Timer B (64*T1) always.
        if (!reliable_) {
            timer_a_ = timers_.t1;
            out.push_back(arm(TimerId::A, timer_a_, now));
        }
        out.push_back(arm(TimerId::B, timers_.timeout(), now));
    } else if (const auto* r = std::get_if<event::ResponseReceived>(&event)) {
        return on_response(*r, now);
    } else if (const auto* t = std::get_if<event::TimerFired>(&event)) {
        if (t->id == TimerId::A && state_ == TransactionState::calling && !reliable_) {
            // 17.1.1.2: retransmit and double the interval (no T2 cap for INVITE requests).
            out.push_back(action::SendToTransport{request_});
            timer_a_ *= 2;
            out.push_back(arm(TimerId::A, timer_a_, now));
        } else if (t->id == TimerId::B && state_ == TransactionState::calling) {
            state_ = TransactionState::terminated;
            out.push_back(action::CancelTimer{TimerId::A});
            out.push_back(action::Terminated{TerminationReason::timeout});
        } else if (t->id == TimerId::D && state_ == TransactionState::completed) {
            state_ = TransactionState::terminated;
            out.push_back(action::Terminated{TerminationReason::completed});
        }
    } else if (std::holds_alternative<event::TransportError>(event)) {
        // 17.1.4: inform the TU; Figure 5 goes to Terminated from Calling and Completed.
        state_ = TransactionState::terminated;
        out.push_back(action::Terminated{TerminationReason::transport_error});
    }
    return out;
}

Actions InviteClientTransaction::on_response(const event::ResponseReceived& r, TimePoint now) {
    Actions out;
    const bool active =
        state_ == TransactionState::calling || state_ == TransactionState::proceeding;
    if (is_provisional(r.status)) {
        if (!active) return out;
        if (state_ == TransactionState::calling) {
            // 17.1.1.2: no more retransmissions once a provisional arrived; Timer B only guards
            // the Calling state.
            out.push_back(action::CancelTimer{TimerId::A});
            out.push_back(action::CancelTimer{TimerId::B});
            state_ = TransactionState::proceeding;
        }
        out.push_back(action::PassToTu{r.bytes, r.status});
    } else if (r.status >= 200 && r.status < 300) {
        if (!active) return out;  // a 2xx after a non-2xx final: not ours to pass
        // 17.1.1.2: a 2xx goes to the TU and the transaction ends; the TU sends the ACK.
        state_ = TransactionState::terminated;
        out.push_back(action::CancelTimer{TimerId::A});
        out.push_back(action::CancelTimer{TimerId::B});
        out.push_back(action::PassToTu{r.bytes, r.status});
        out.push_back(action::Terminated{TerminationReason::completed});
    } else if (r.status >= 300 && r.status < 700) {
        if (state_ == TransactionState::completed) {
            // 17.1.1.2: a retransmitted final response gets the ACK again, not the TU.
            if (ack_) out.push_back(action::SendToTransport{ack_});
            return out;
        }
        if (!active) return out;
        ack_ = r.ack;
        out.push_back(action::CancelTimer{TimerId::A});
        out.push_back(action::CancelTimer{TimerId::B});
        if (ack_) out.push_back(action::SendToTransport{ack_});
        out.push_back(action::PassToTu{r.bytes, r.status});
        if (reliable_) {
            // Timer D is zero on reliable transports.
            state_ = TransactionState::terminated;
            out.push_back(action::Terminated{TerminationReason::completed});
        } else {
            state_ = TransactionState::completed;
            out.push_back(arm(TimerId::D, timers_.timer_d, now));
        }
    }
    return out;
}

// ------------------------------------------------------------ non-INVITE client (17.1.2.2)

NonInviteClientTransaction::NonInviteClientTransaction(Buffer request, bool reliable,
                                                       const TimerConfig& timers)
    : request_(std::move(request)), reliable_(reliable), timers_(timers) {}

Actions NonInviteClientTransaction::handle(const Event& event, TimePoint now) {
    if (state_ == TransactionState::terminated) return {};
    Actions out;
    const bool active =
        state_ == TransactionState::trying || state_ == TransactionState::proceeding;
    if (std::holds_alternative<event::Start>(event)) {
        if (started_) return {};
        started_ = true;
        out.push_back(action::SendToTransport{request_});
        if (!reliable_) {
            timer_e_ = timers_.t1;
            out.push_back(arm(TimerId::E, timer_e_, now));
        }
        out.push_back(arm(TimerId::F, timers_.timeout(), now));
    } else if (const auto* r = std::get_if<event::ResponseReceived>(&event)) {
        return on_response(*r, now);
    } else if (const auto* t = std::get_if<event::TimerFired>(&event)) {
        if (t->id == TimerId::E && active && !reliable_) {
            out.push_back(action::SendToTransport{request_});
            // 17.1.2.2: in Trying the interval doubles up to T2; in Proceeding it is T2.
            timer_e_ = state_ == TransactionState::trying ? std::min(2 * timer_e_, timers_.t2)
                                                          : timers_.t2;
            out.push_back(arm(TimerId::E, timer_e_, now));
        } else if (t->id == TimerId::F && active) {
            state_ = TransactionState::terminated;
            out.push_back(action::CancelTimer{TimerId::E});
            out.push_back(action::Terminated{TerminationReason::timeout});
        } else if (t->id == TimerId::K && state_ == TransactionState::completed) {
            state_ = TransactionState::terminated;
            out.push_back(action::Terminated{TerminationReason::completed});
        }
    } else if (std::holds_alternative<event::TransportError>(event)) {
        if (!active) return out;  // Figure 6: only Trying and Proceeding react
        state_ = TransactionState::terminated;
        out.push_back(action::Terminated{TerminationReason::transport_error});
    }
    return out;
}

Actions NonInviteClientTransaction::on_response(const event::ResponseReceived& r, TimePoint now) {
    Actions out;
    if (state_ == TransactionState::completed || r.status < 100 || r.status >= 700) {
        return out;  // 17.1.2.2: retransmitted responses are absorbed in Completed
    }
    if (is_provisional(r.status)) {
        state_ = TransactionState::proceeding;
        out.push_back(action::PassToTu{r.bytes, r.status});
        return out;
    }
    out.push_back(action::CancelTimer{TimerId::E});
    out.push_back(action::CancelTimer{TimerId::F});
    out.push_back(action::PassToTu{r.bytes, r.status});
    if (reliable_) {
        state_ = TransactionState::terminated;  // Timer K is zero on reliable transports
        out.push_back(action::Terminated{TerminationReason::completed});
    } else {
        state_ = TransactionState::completed;
        out.push_back(arm(TimerId::K, timers_.t4, now));
    }
    return out;
}

}  // namespace ims::sip
