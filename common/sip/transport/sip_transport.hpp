#pragma once
// The SIP transports of one process: UDP sockets and TCP listeners/connections over Boost.Asio,
// IPv4 and IPv6. They only move bytes: every received message (or unframeable input) goes to one
// ReceiveHandler with where it came from; send() takes bytes and a Destination.

#include <boost/asio/io_context.hpp>
#include <functional>
#include <memory>

#include "common/core/result.hpp"
#include "common/sip/transport/transport_config.hpp"
#include "common/sip/transport/transport_errors.hpp"
#include "common/sip/transport/transport_types.hpp"

namespace ims::sip {

/// Contract:
///  - Created by the process at start-up with the io_context that owns its state; listen_udp /
///    listen_tcp are called before the io_context runs (or from its thread).
///  - The ReceiveHandler, the connection-closed handler and every SendHandler run on the
///    transport's strand (with a single-threaded io_context: the io thread), one at a time.
///  - send(), close_connection() and stop() may be called from any thread; called from a handler
///    they act at once (dispatch), otherwise they are queued to the strand.
///  - stop() drains: stops accepting and receiving, closes every connection, drops queued sends;
///    no handler (receive, closed, or the SendHandler of an earlier send) is called once it
///    returned, so the owner may be destroyed right after. Pending operations end with
///    operation_aborted, which is not reported. A send() after stop() fails at once with
///    transport_errc::stopped. The destructor calls stop(). The io_context must outlive the
///    transport's pending operations (it does when it is destroyed after the transport, as usual).
class SipTransport {
  public:
    SipTransport(boost::asio::io_context& io, TransportConfig config, ReceiveHandler on_receive);
    ~SipTransport();
    SipTransport(const SipTransport&) = delete;
    SipTransport& operator=(const SipTransport&) = delete;

    /// Binds a UDP socket (port 0: the OS chooses) and starts receiving. Returns the bound
    /// endpoint. Responses and requests to the same address family are sent from it (RFC 3581 4:
    /// responses leave from the address and port the request arrived on).
    Result<Endpoint> listen_udp(const Endpoint& at);

    /// Binds a TCP listener (port 0: the OS chooses) and starts accepting.
    Result<Endpoint> listen_tcp(const Endpoint& at);

    /// Sends `bytes` (one whole message, or a keep-alive). UDP: from the UDP socket of the
    /// destination's family. TCP: over `to.connection` if it is open, else over an open
    /// connection to `to.endpoint`, else over a new connection (subject to max_tcp_connections
    /// and connect_timeout). `done` (may be empty) gets the outcome.
    void send(Buffer bytes, const Destination& to, SendHandler done = {});

    /// Closes one TCP connection (no-op if it is gone).
    void close_connection(ConnectionId id);

    /// Called when a TCP connection closes (idle, peer, error, cap); error is empty when orderly.
    void set_connection_closed_handler(std::function<void(ConnectionId, std::error_code)> handler);

    void stop();

    /// Open TCP connections (accepted + outgoing). Safe from any thread.
    std::size_t tcp_connection_count() const;

  private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace ims::sip
