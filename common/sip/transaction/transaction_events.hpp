#pragma once
// Events fed to, and actions returned by, the RFC 3261 section 17 transaction state machines.
// Messages travel as shared immutable byte buffers: a machine never parses, it only remembers
// which bytes to (re)send and which to hand to the transaction user (TU).

#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/sip/transaction/timer_config.hpp"
#include "common/sip/transport/buffer.hpp"

namespace ims::sip {

/// RFC 3261 Table 4 timers (A..K); each machine uses its own subset.
enum class TimerId { A, B, D, E, F, G, H, I, J, K };

std::string_view to_string(TimerId id) noexcept;

/// Why a transaction ended; the TU is told about timeout and transport_error (17.1.1.2, 17.1.4,
/// 17.2.4), `completed` is the ordinary end.
enum class TerminationReason { completed, timeout, transport_error };

std::string_view to_string(TerminationReason r) noexcept;

/// States of Figures 5-8 (not every machine uses every state).
enum class TransactionState { calling, trying, proceeding, completed, confirmed, terminated };

std::string_view to_string(TransactionState s) noexcept;

namespace event {
/// The TU created the transaction: a client sends its request, a server hands it to the TU.
struct Start {};
/// A response matched this client transaction. `ack` is the ACK the INVITE client transaction
/// must send for a 300-699 response (17.1.1.3); it is built by the caller, which has the parser.
struct ResponseReceived {
    int status = 0;
    Buffer bytes;
    Buffer ack;
};
/// A request matched this server transaction: a retransmission of the original, or (INVITE
/// server transaction only) the ACK for a non-2xx final response.
struct RequestReceived {
    Buffer bytes;
    bool is_ack = false;
};
/// The TU hands a response to send through this server transaction.
struct TuResponse {
    int status = 0;
    Buffer bytes;
};
/// A timer armed earlier by this machine expired.
struct TimerFired {
    TimerId id;
};
/// The transport failed to send (17.1.4, 17.2.4).
struct TransportError {};
}  // namespace event

using Event = std::variant<event::Start, event::ResponseReceived, event::RequestReceived,
                           event::TuResponse, event::TimerFired, event::TransportError>;

// g++ 12 with -fsanitize reports a false -Wmaybe-uninitialized in the implicit move of these
// structs when std::vector<Action> reallocates (the variant's inactive alternative); the
// diagnostic is located at the struct definitions, so it is silenced here only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
namespace action {
/// Give these bytes to the transport, to the transaction's peer.
struct SendToTransport {
    Buffer bytes;
};
/// Hand a message to the TU: the request that created a server transaction, or a response on a
/// client transaction (status > 0). Retransmissions never produce this.
struct PassToTu {
    Buffer bytes;
    int status = 0;
};
/// Arm (or re-arm, replacing the earlier deadline) a timer to fire after `after`, at `deadline`.
struct ArmTimer {
    TimerId id;
    Duration after;
    TimePoint deadline;
};
struct CancelTimer {
    TimerId id;
};
/// The machine reached Terminated; its owner drops it and every timer it still had armed.
struct Terminated {
    TerminationReason reason;
};
}  // namespace action

/// An ArmTimer for `id` firing `after` from `now`.
inline action::ArmTimer arm(TimerId id, Duration after, TimePoint now) {
    return {id, after, now + after};
}

/// 1xx (RFC 3261 7.2).
inline bool is_provisional(int status) {
    return status >= 100 && status < 200;
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

using Action = std::variant<action::SendToTransport, action::PassToTu, action::ArmTimer,
                            action::CancelTimer, action::Terminated>;
using Actions = std::vector<Action>;

/// Which of the four machines of RFC 3261 17.1.1, 17.1.2, 17.2.1, 17.2.2.
enum class TransactionKind { invite_client, non_invite_client, invite_server, non_invite_server };

/// Common interface of the four machines. Pure: no clock, socket or timer inside; `now` is only
/// used to stamp ArmTimer deadlines. Not thread-safe; its owner (the transaction layer) calls it
/// from the thread that owns the layer.
class TransactionMachine {
  public:
    virtual ~TransactionMachine() = default;
    virtual Actions handle(const Event& event, TimePoint now) = 0;
    virtual TransactionState state() const = 0;
    virtual TransactionKind kind() const = 0;
};

/// Factory for the machine of `kind`. `request` is the request that creates the transaction;
/// `reliable` is true over TCP/TLS/SCTP (17.1.1.2: no retransmission timers, zero wait timers).
std::unique_ptr<TransactionMachine> make_transaction_machine(TransactionKind kind, Buffer request,
                                                             bool reliable,
                                                             const TimerConfig& timers);

}  // namespace ims::sip
