#pragma once
// The transaction layer (RFC 3261 17): owns the live transactions, matches received messages to
// them (17.1.3, 17.2.3), keeps their timers and turns machine actions into outputs for the
// process: bytes to send (with where to), messages for the TU, transactions that ended.
// Still pure: fed (input, now), no sockets, no Asio timer; the driver (transaction_driver.hpp)
// arms one steady_timer at next_deadline() and calls on_timers().

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <variant>
#include <vector>

#include "common/core/result.hpp"
#include "common/sip/transaction/transaction_errors.hpp"
#include "common/sip/transaction/transaction_events.hpp"
#include "common/sip/transaction/transaction_key.hpp"
#include "common/sip/transport/transport_types.hpp"

namespace ims::sip {

/// Identifies a transaction for its lifetime; never reused; 0 means "no transaction".
using TransactionId = std::uint64_t;

namespace layer {
/// Send `bytes` to `to` (for a server transaction: the response destination given with the
/// request; for a client transaction: the request's destination). If the transport fails, call
/// TransactionLayer::transport_error(transaction).
struct Send {
    TransactionId transaction;
    Buffer bytes;
    Destination to;
};
/// A new request for the TU. `transaction` is the new server transaction to respond through;
/// 0 for an ACK that matched no transaction (the ACK for a 2xx, 17.2.3 / 13.3.1.4), which the
/// TU/core handles statelessly.
struct RequestToTu {
    TransactionId transaction;
    Buffer bytes;
    Destination response_to;
};
/// A response for the TU on client transaction `transaction`; 0 for a response that matched no
/// transaction (18.1.2: passed to the core; e.g. a retransmitted 2xx to an INVITE).
struct ResponseToTu {
    TransactionId transaction;
    int status = 0;
    Buffer bytes;
};
/// The transaction ended. The TU acts on `timeout` (client: 408 equivalent, 8.1.3.1; INVITE
/// server: the ACK never came) and `transport_error` (17.1.4, 17.2.4).
struct TransactionEnded {
    TransactionId transaction;
    TransactionKind kind;
    TerminationReason reason;
};
}  // namespace layer

using LayerOutput =
    std::variant<layer::Send, layer::RequestToTu, layer::ResponseToTu, layer::TransactionEnded>;
using LayerOutputs = std::vector<LayerOutput>;

/// Builds the ACK an INVITE client transaction sends for a 300-699 response (17.1.1.3) from the
/// INVITE it sent and the response; supplied by the process (it needs the parser). May return
/// null, then no ACK is sent.
using AckBuilder = std::function<Buffer(const Buffer& invite, const Buffer& response)>;

/// Contract: one instance per process (or per SIP stack), called only from the thread that owns
/// the process state (the io_context thread). Inputs come from the transport (on_request,
/// on_response), from the TU (start_client, respond), from the driver's timer (on_timers) and
/// from failed sends (transport_error); every call returns what to do now, in order.
class TransactionLayer {
  public:
    TransactionLayer(TimerConfig timers, AckBuilder build_ack);

    /// A parsed request arrived. `response_to` is where its responses go (RFC 3261 18.2.2, see
    /// response_route.hpp). Retransmissions are absorbed (the last response is resent); a new
    /// request creates a server transaction and is passed to the TU.
    LayerOutputs on_request(const MatchFields& f, Buffer bytes, const Destination& response_to,
                            TimePoint now);

    /// A parsed response arrived; `f.cseq_method` and `f.branch` select the client transaction.
    LayerOutputs on_response(const MatchFields& f, int status, Buffer bytes, TimePoint now);

    struct Started {
        TransactionId transaction;
        LayerOutputs outputs;
    };
    /// The TU sends a request: creates the client transaction (INVITE or non-INVITE after
    /// `f.method`; reliability after `to.kind`) and returns the first Send. An ACK is not a
    /// transaction: the TU sends it straight to the transport.
    Result<Started> start_client(const MatchFields& f, Buffer request, const Destination& to,
                                 TimePoint now);

    /// The TU responds on server transaction `id`. `to_tag` is the To tag of the response, needed
    /// to match ACKs from RFC 2543 peers.
    Result<LayerOutputs> respond(TransactionId id, int status, Buffer bytes, TimePoint now,
                                 std::string_view to_tag = {});

    /// The transport failed to deliver a Send of transaction `id` (17.1.4 / 17.2.4).
    LayerOutputs transport_error(TransactionId id, TimePoint now);

    /// Fires every timer due at `now`, in deadline order.
    LayerOutputs on_timers(TimePoint now);

    /// The earliest armed timer, for the driver's single steady_timer.
    std::optional<TimePoint> next_deadline() const;

    /// 9.2: the INVITE server transaction a CANCEL refers to, if it is still alive.
    std::optional<TransactionId> find_cancelled_invite(const MatchFields& cancel) const;

    /// The state of a live transaction; nullopt once it ended.
    std::optional<TransactionState> state(TransactionId id) const;
    std::size_t size() const { return transactions_.size(); }

  private:
    struct Entry {
        std::unique_ptr<TransactionMachine> machine;
        std::string key;
        bool server = false;
        Destination peer;
        Buffer request;               // the INVITE, for building ACKs (client)
        std::string response_to_tag;  // To tag of our responses (server, RFC 2543 ACK match)
        std::map<TimerId, std::pair<TimePoint, std::uint64_t>> timers;  // deadline, arm order
    };
    using TimerKey = std::tuple<TimePoint, std::uint64_t /*arm order*/, TransactionId, TimerId>;

    void apply(TransactionId id, const Actions& actions, TimePoint now, LayerOutputs& out);
    void drop(TransactionId id);
    LayerOutputs feed(TransactionId id, const Event& e, TimePoint now);

    TimerConfig timers_config_;
    AckBuilder build_ack_;
    TransactionId next_id_ = 1;
    std::uint64_t arm_seq_ = 0;
    std::unordered_map<TransactionId, Entry> transactions_;
    std::unordered_map<std::string, TransactionId> server_index_;
    std::unordered_map<std::string, TransactionId> client_index_;
    std::set<TimerKey> timer_queue_;
};

}  // namespace ims::sip
