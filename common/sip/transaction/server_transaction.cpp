#include "common/sip/transaction/server_transaction.hpp"

#include <algorithm>

namespace ims::sip {
// ---------------------------------------------------------------- INVITE server (17.2.1)

InviteServerTransaction::InviteServerTransaction(Buffer request, bool reliable,
                                                 const TimerConfig& timers)
    : request_(std::move(request)), reliable_(reliable), timers_(timers) {}

Actions InviteServerTransaction::handle(const Event& event, TimePoint now) {
    if (state_ == TransactionState::terminated) return {};
    Actions out;
    if (std::holds_alternative<event::Start>(event)) {
        if (!request_) return out;
        out.push_back(action::PassToTu{request_, 0});
        request_.reset();  // handed over once; retransmissions never reach the TU
    } else if (const auto* r = std::get_if<event::RequestReceived>(&event)) {
        return on_request(*r, now);
    } else if (const auto* r = std::get_if<event::TuResponse>(&event)) {
        return on_tu_response(*r, now);
    } else if (const auto* t = std::get_if<event::TimerFired>(&event)) {
        if (t->id == TimerId::G && state_ == TransactionState::completed && !reliable_) {
            // 17.2.1: retransmit the final response, interval doubling up to T2.
            out.push_back(action::SendToTransport{last_response_});
            timer_g_ = std::min(2 * timer_g_, timers_.t2);
            out.push_back(arm(TimerId::G, timer_g_, now));
        } else if (t->id == TimerId::H && state_ == TransactionState::completed) {
            // 17.2.1: the ACK never came; the TU is told (a transaction timeout).
            state_ = TransactionState::terminated;
            out.push_back(action::CancelTimer{TimerId::G});
            out.push_back(action::Terminated{TerminationReason::timeout});
        } else if (t->id == TimerId::I && state_ == TransactionState::confirmed) {
            state_ = TransactionState::terminated;
            out.push_back(action::Terminated{TerminationReason::completed});
        }
    } else if (std::holds_alternative<event::TransportError>(event)) {
        if (state_ == TransactionState::confirmed) return out;
        state_ = TransactionState::terminated;
        out.push_back(action::CancelTimer{TimerId::G});
        out.push_back(action::CancelTimer{TimerId::H});
        out.push_back(action::Terminated{TerminationReason::transport_error});
    }
    return out;
}

Actions InviteServerTransaction::on_request(const event::RequestReceived& r, TimePoint now) {
    Actions out;
    if (!r.is_ack) {
        // 17.2.1: a retransmitted INVITE gets the most recent provisional (Proceeding) or the
        // final response (Completed) again; in Confirmed it is absorbed.
        if ((state_ == TransactionState::proceeding || state_ == TransactionState::completed) &&
            last_response_) {
            out.push_back(action::SendToTransport{last_response_});
        }
        return out;
    }
    if (state_ != TransactionState::completed) return out;  // Confirmed absorbs further ACKs
    out.push_back(action::CancelTimer{TimerId::G});
    out.push_back(action::CancelTimer{TimerId::H});
    if (reliable_) {
        state_ = TransactionState::terminated;  // Timer I is zero on reliable transports
        out.push_back(action::Terminated{TerminationReason::completed});
    } else {
        state_ = TransactionState::confirmed;
        out.push_back(arm(TimerId::I, timers_.t4, now));
    }
    return out;
}

Actions InviteServerTransaction::on_tu_response(const event::TuResponse& r, TimePoint now) {
    Actions out;
    if (state_ != TransactionState::proceeding || !r.bytes) return out;
    out.push_back(action::SendToTransport{r.bytes});
    if (is_provisional(r.status)) {
        last_response_ = r.bytes;
    } else if (r.status >= 200 && r.status < 300) {
        // 17.2.1 (RFC 3261): a 2xx ends the server transaction; the TU retransmits it.
        state_ = TransactionState::terminated;
        out.push_back(action::Terminated{TerminationReason::completed});
    } else if (r.status >= 300 && r.status < 700) {
        last_response_ = r.bytes;
        state_ = TransactionState::completed;
        if (!reliable_) {
            timer_g_ = timers_.t1;
            out.push_back(arm(TimerId::G, timer_g_, now));
        }
        out.push_back(arm(TimerId::H, timers_.timeout(), now));
    }
    return out;
}

// ------------------------------------------------------------ non-INVITE server (17.2.2)

NonInviteServerTransaction::NonInviteServerTransaction(Buffer request, bool reliable,
                                                       const TimerConfig& timers)
    : request_(std::move(request)), reliable_(reliable), timers_(timers) {}

Actions NonInviteServerTransaction::handle(const Event& event, TimePoint now) {
    if (state_ == TransactionState::terminated) return {};
    Actions out;
    if (std::holds_alternative<event::Start>(event)) {
        if (!request_) return out;
        out.push_back(action::PassToTu{request_, 0});
        request_.reset();
    } else if (std::holds_alternative<event::RequestReceived>(event)) {
        // 17.2.2: in Trying retransmissions are discarded; afterwards they get the last
        // response again without reaching the TU.
        if (state_ != TransactionState::trying && last_response_) {
            out.push_back(action::SendToTransport{last_response_});
        }
    } else if (const auto* r = std::get_if<event::TuResponse>(&event)) {
        return on_tu_response(*r, now);
    } else if (const auto* t = std::get_if<event::TimerFired>(&event)) {
        if (t->id == TimerId::J && state_ == TransactionState::completed) {
            state_ = TransactionState::terminated;
            out.push_back(action::Terminated{TerminationReason::completed});
        }
    } else if (std::holds_alternative<event::TransportError>(event)) {
        state_ = TransactionState::terminated;
        out.push_back(action::CancelTimer{TimerId::J});
        out.push_back(action::Terminated{TerminationReason::transport_error});
    }
    return out;
}

Actions NonInviteServerTransaction::on_tu_response(const event::TuResponse& r, TimePoint now) {
    Actions out;
    // 17.2.2: in Completed any further TU response is discarded.
    if (state_ == TransactionState::completed || !r.bytes) return out;
    out.push_back(action::SendToTransport{r.bytes});
    last_response_ = r.bytes;
    if (is_provisional(r.status)) {
        state_ = TransactionState::proceeding;
        return out;
    }
    if (reliable_) {
        state_ = TransactionState::terminated;  // Timer J is zero on reliable transports
        out.push_back(action::Terminated{TerminationReason::completed});
    } else {
        state_ = TransactionState::completed;
        out.push_back(arm(TimerId::J, timers_.timeout(), now));
    }
    return out;
}

}  // namespace ims::sip
