#include "common/sip/transaction/transaction_layer.hpp"

namespace ims::sip {

TransactionLayer::TransactionLayer(TimerConfig timers, AckBuilder build_ack)
    : timers_config_(timers), build_ack_(std::move(build_ack)) {}

LayerOutputs TransactionLayer::on_request(const MatchFields& f, Buffer bytes,
                                          const Destination& response_to, TimePoint now) {
    if (f.method == "ACK") {
        // 17.2.3: an ACK matches the INVITE server transaction (ACK for a non-2xx final).
        for (const auto& key : ack_server_keys(f)) {
            auto it = server_index_.find(key);
            if (it == server_index_.end()) continue;
            const Entry& e = transactions_.at(it->second);
            // RFC 2543 peers: the ACK's To tag must be the one of our response.
            if (!is_rfc3261_branch(f.branch) && !e.response_to_tag.empty() &&
                e.response_to_tag != f.to_tag) {
                continue;
            }
            return feed(it->second, event::RequestReceived{std::move(bytes), true}, now);
        }
        // The ACK for a 2xx (or a stray one) is not part of any transaction: the TU decides.
        return {layer::RequestToTu{0, std::move(bytes), response_to}};
    }
    std::string key = server_key(f);
    if (auto it = server_index_.find(key); it != server_index_.end()) {
        // A retransmission: the machine replays the last response, the TU never sees it.
        return feed(it->second, event::RequestReceived{std::move(bytes), false}, now);
    }
    const TransactionId id = next_id_++;
    const auto kind =
        f.method == "INVITE" ? TransactionKind::invite_server : TransactionKind::non_invite_server;
    Entry entry;
    entry.machine =
        make_transaction_machine(kind, bytes, is_reliable(response_to.kind), timers_config_);
    entry.key = key;
    entry.server = true;
    entry.peer = response_to;
    transactions_.emplace(id, std::move(entry));
    server_index_.emplace(std::move(key), id);
    return feed(id, event::Start{}, now);
}

LayerOutputs TransactionLayer::on_response(const MatchFields& f, int status, Buffer bytes,
                                           TimePoint now) {
    const auto key = client_key(f);
    auto it = key ? client_index_.find(*key) : client_index_.end();
    if (it == client_index_.end()) {
        // 18.1.2: no match, the response goes to the core (a proxy forwards stray 2xx).
        return {layer::ResponseToTu{0, status, std::move(bytes)}};
    }
    const TransactionId id = it->second;
    Entry& e = transactions_.at(id);
    event::ResponseReceived ev{status, bytes, nullptr};
    if (e.machine->kind() == TransactionKind::invite_client && status >= 300 && build_ack_) {
        ev.ack = build_ack_(e.request, bytes);
    }
    return feed(id, ev, now);
}

Result<TransactionLayer::Started> TransactionLayer::start_client(const MatchFields& f,
                                                                 Buffer request,
                                                                 const Destination& to,
                                                                 TimePoint now) {
    // 17.1.1.3 / 13.2.2.4: an ACK is sent by the TU (or by the INVITE transaction), never in a
    // transaction of its own.
    if (f.method == "ACK") return make_error_code(transaction_errc::wrong_transaction_kind);
    MatchFields keyed = f;
    if (keyed.cseq_method.empty()) keyed.cseq_method = f.method;
    auto key = client_key(keyed);
    if (!key) return make_error_code(transaction_errc::missing_branch);
    if (client_index_.count(*key) != 0) {
        return make_error_code(transaction_errc::duplicate_transaction);
    }
    const TransactionId id = next_id_++;
    const auto kind =
        f.method == "INVITE" ? TransactionKind::invite_client : TransactionKind::non_invite_client;
    Entry entry;
    entry.machine = make_transaction_machine(kind, request, is_reliable(to.kind), timers_config_);
    entry.key = *key;
    entry.peer = to;
    if (kind == TransactionKind::invite_client) entry.request = request;
    transactions_.emplace(id, std::move(entry));
    client_index_.emplace(std::move(*key), id);
    return Started{id, feed(id, event::Start{}, now)};
}

Result<LayerOutputs> TransactionLayer::respond(TransactionId id, int status, Buffer bytes,
                                               TimePoint now, std::string_view to_tag) {
    auto it = transactions_.find(id);
    if (it == transactions_.end()) return make_error_code(transaction_errc::unknown_transaction);
    if (!it->second.server) return make_error_code(transaction_errc::wrong_transaction_kind);
    if (!to_tag.empty()) it->second.response_to_tag = std::string(to_tag);
    return feed(id, event::TuResponse{status, std::move(bytes)}, now);
}

LayerOutputs TransactionLayer::transport_error(TransactionId id, TimePoint now) {
    if (transactions_.count(id) == 0) return {};  // already ended; nothing to tell
    return feed(id, event::TransportError{}, now);
}

LayerOutputs TransactionLayer::on_timers(TimePoint now) {
    LayerOutputs out;
    while (!timer_queue_.empty() && std::get<0>(*timer_queue_.begin()) <= now) {
        const auto [deadline, seq, id, timer] = *timer_queue_.begin();
        timer_queue_.erase(timer_queue_.begin());
        transactions_.at(id).timers.erase(timer);
        auto fired = feed(id, event::TimerFired{timer}, now);
        out.insert(out.end(), std::make_move_iterator(fired.begin()),
                   std::make_move_iterator(fired.end()));
    }
    return out;
}

std::optional<TimePoint> TransactionLayer::next_deadline() const {
    if (timer_queue_.empty()) return std::nullopt;
    return std::get<0>(*timer_queue_.begin());
}

std::optional<TransactionId> TransactionLayer::find_cancelled_invite(
    const MatchFields& cancel) const {
    auto it = server_index_.find(cancelled_invite_key(cancel));
    if (it == server_index_.end()) return std::nullopt;
    return it->second;
}

std::optional<TransactionState> TransactionLayer::state(TransactionId id) const {
    auto it = transactions_.find(id);
    if (it == transactions_.end()) return std::nullopt;
    return it->second.machine->state();
}

LayerOutputs TransactionLayer::feed(TransactionId id, const Event& e, TimePoint now) {
    LayerOutputs out;
    auto it = transactions_.find(id);
    if (it == transactions_.end()) return out;
    apply(id, it->second.machine->handle(e, now), now, out);
    return out;
}

void TransactionLayer::apply(TransactionId id, const Actions& actions, TimePoint now,
                             LayerOutputs& out) {
    (void)now;
    Entry& e = transactions_.at(id);
    for (const auto& a : actions) {
        if (const auto* s = std::get_if<action::SendToTransport>(&a)) {
            out.push_back(layer::Send{id, s->bytes, e.peer});
        } else if (const auto* p = std::get_if<action::PassToTu>(&a)) {
            if (e.server) {
                out.push_back(layer::RequestToTu{id, p->bytes, e.peer});
            } else {
                out.push_back(layer::ResponseToTu{id, p->status, p->bytes});
            }
        } else if (const auto* arm = std::get_if<action::ArmTimer>(&a)) {
            if (auto old = e.timers.find(arm->id); old != e.timers.end()) {
                timer_queue_.erase({old->second.first, old->second.second, id, arm->id});
            }
            const std::uint64_t seq = arm_seq_++;
            e.timers[arm->id] = {arm->deadline, seq};
            timer_queue_.insert({arm->deadline, seq, id, arm->id});
        } else if (const auto* c = std::get_if<action::CancelTimer>(&a)) {
            if (auto old = e.timers.find(c->id); old != e.timers.end()) {
                timer_queue_.erase({old->second.first, old->second.second, id, c->id});
                e.timers.erase(old);
            }
        } else if (const auto* t = std::get_if<action::Terminated>(&a)) {
            out.push_back(layer::TransactionEnded{id, e.machine->kind(), t->reason});
            drop(id);
            return;  // `e` is gone; a machine emits nothing after Terminated
        }
    }
}

void TransactionLayer::drop(TransactionId id) {
    auto it = transactions_.find(id);
    if (it == transactions_.end()) return;
    for (const auto& [timer, at] : it->second.timers) {
        timer_queue_.erase({at.first, at.second, id, timer});
    }
    auto& index = it->second.server ? server_index_ : client_index_;
    if (auto ix = index.find(it->second.key); ix != index.end() && ix->second == id) {
        index.erase(ix);
    }
    transactions_.erase(it);
}

}  // namespace ims::sip
