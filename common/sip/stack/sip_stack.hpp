#pragma once
// The SIP stack of one process: transports + transaction layer + parser, glued on one
// io_context. A CSCF or the stub AS hands it a request handler and gets parsed requests with a
// server transaction to answer; it sends requests and gets their final response (or a timeout)
// back on the same io_context. Malformed input is answered here (400/413/513 with a Warning, RFC
// 3261 8.2.6 / 21.4) or dropped when no response is possible; the stack keeps serving.

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <system_error>
#include <unordered_map>
#include <vector>

#include "common/core/result.hpp"
#include "common/sip/message.hpp"
#include "common/sip/transaction/timer_config.hpp"
#include "common/sip/transaction/transaction_layer.hpp"
#include "common/sip/transport/sip_transport.hpp"

namespace ims::sip {

enum class stack_errc {
    timeout = 1,      ///< no final response before Timer B / F (RFC 3261 17.1.1.2 / 17.1.2.2)
    transport_error,  ///< the request could not be sent (17.1.4)
    stopped,          ///< the stack stopped before the transaction ended
};
const std::error_category& stack_category() noexcept;
inline std::error_code make_error_code(stack_errc e) noexcept {
    return {static_cast<int>(e), stack_category()};
}

struct StackConfig {
    TransportConfig transport;
    TimerConfig timers;
    /// Names this element in Warning headers of error responses (RFC 3261 20.43 warn-agent).
    std::string agent = "ims-core";
    /// RFC 3261 18.1.1: requests larger than this go over TCP even when UDP was asked for.
    std::size_t udp_limit = 1300;
};

/// A request as the TU sees it: parsed, top Via stamped with received/rport (18.2.1, RFC 3581).
struct IncomingRequest {
    TransactionId transaction = 0;  ///< answer through respond(); 0 for an ACK to a 2xx
    Message message;
    TransportKind kind = TransportKind::udp;
    Endpoint local;
    Endpoint remote;
    ConnectionId connection = 0;
    Destination response_to;  ///< where responses go (18.2.2)
};

using RequestHandler = std::function<void(IncomingRequest)>;
/// Gets the final response of a client transaction, or a stack_errc error. Called once.
using ResponseHandler = std::function<void(Result<Message>)>;

/// Contract: created and used on the thread that runs `io` (single-threaded io_context); every
/// handler is called on that thread. stop() ends everything: pending client transactions get
/// stack_errc::stopped; no handler is called afterwards.
class SipStack {
  public:
    SipStack(boost::asio::io_context& io, StackConfig config, RequestHandler on_request);
    ~SipStack();
    SipStack(const SipStack&) = delete;
    SipStack& operator=(const SipStack&) = delete;

    /// Listens on one transport (port 0: the OS chooses). Returns the bound endpoint, which is
    /// also what our Via sent-by says for requests leaving over that transport.
    Result<Endpoint> listen(TransportKind kind, const Endpoint& at);

    /// Answers the server transaction. Content-Length is written by the encoder.
    void respond(TransactionId transaction, const Message& response);

    /// Sends a request in a new client transaction: pushes our Via (new branch, rport) and
    /// switches to TCP when it is too large for UDP. `done` gets the final response.
    void send_request(Message request, const Destination& to, ResponseHandler done);

    /// Sends bytes outside any transaction (an ACK to a 2xx, a keep-alive).
    void send_stateless(const Message& message, const Destination& to);

    void stop();

    /// Where we listen for `kind` (nullopt when not listening on it).
    std::optional<Endpoint> local_endpoint(TransportKind kind) const;
    std::size_t live_transactions() const { return layer_.size(); }

  private:
    void on_receive(ReceivedMessage received);
    void answer_malformed(const ReceivedMessage& received, std::error_code why);
    void handle_request(Message message, const ReceivedMessage& received);
    void handle_response(Message message, const ReceivedMessage& received);
    void process(LayerOutputs outputs, const IncomingRequest* current = nullptr,
                 const Message* current_response = nullptr);
    void rearm_timer();
    std::string new_branch();

    boost::asio::io_context& io_;
    StackConfig config_;
    RequestHandler on_request_;
    TransactionLayer layer_;
    SipTransport transport_;
    boost::asio::steady_timer timer_;
    std::optional<TimePoint> armed_;
    std::unordered_map<TransactionId, ResponseHandler> clients_;
    std::vector<std::pair<TransportKind, Endpoint>> locals_;
    std::mt19937_64 random_;
    bool stopped_ = false;
};

}  // namespace ims::sip

template <>
struct std::is_error_code_enum<ims::sip::stack_errc> : std::true_type {};
