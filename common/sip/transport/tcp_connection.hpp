#pragma once
// One SIP-over-TCP connection: reads and frames messages (RFC 3261 18.3 via frame_stream),
// answers RFC 5626 3.5.1 CRLF keep-alives, closes itself when idle, and owns a write queue.
// Beast's chat-multi shape: the socket lives on its own strand, every operation is posted to it,
// writes go out one at a time from the queue.

#include <array>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include "common/sip/transport/transport_config.hpp"
#include "common/sip/transport/transport_errors.hpp"

namespace ims::sip {

/// Contract: created and owned (shared_ptr) by the SipTransport; every public member may be
/// called from any thread (it posts to the connection's strand). The callbacks run on the
/// connection's strand; the transport re-posts them to its own strand. After close, `on_closed`
/// is called exactly once and nothing else is.
class TcpConnection : public std::enable_shared_from_this<TcpConnection> {
  public:
    using Strand = boost::asio::strand<boost::asio::io_context::executor_type>;
    struct Callbacks {
        std::function<void(ReceivedMessage)> on_message;
        /// `error` is empty for an orderly close by the peer or by us (stop).
        std::function<void(ConnectionId, std::error_code)> on_closed;
    };

    /// `socket` must use a strand of its own as executor (accepted with make_strand).
    TcpConnection(boost::asio::ip::tcp::socket socket, ConnectionId id,
                  const TransportConfig& config, Callbacks callbacks);

    /// An accepted connection: start reading.
    void start();
    /// An outgoing connection: connect (with config.connect_timeout), then write what was queued
    /// meanwhile and read.
    void connect(const boost::asio::ip::tcp::endpoint& to);
    /// Queue `bytes`; `done` (may be empty) runs on the connection's strand once written or
    /// failed.
    void send(Buffer bytes, SendHandler done);
    /// Close now; queued sends fail with transport_errc::connection_closed.
    void close();

    ConnectionId id() const { return id_; }
    /// Not closed yet: a response on this connection (even an error answer) may still go out.
    bool alive() const { return alive_; }
    /// Alive and not winding down after bad input: new messages may use it.
    bool reusable() const { return reusable_; }

  private:
    void do_read();
    void on_read(boost::system::error_code ec, std::size_t n);
    void process_input();
    void do_write();
    void arm_idle_timer();
    void fail(std::error_code ec);
    void linger_then_close(std::error_code ec);
    void emit(Buffer bytes, std::error_code error);

    boost::asio::ip::tcp::socket socket_;
    boost::asio::steady_timer timer_;        // connect deadline, then idle / error linger
    boost::asio::steady_timer write_timer_;  // deadline of the write in flight
    ConnectionId id_;
    TransportConfig config_;
    Callbacks callbacks_;
    Endpoint local_;
    Endpoint remote_;
    bool open_ = false;    // connected (accepted, or our connect finished)
    bool closed_ = false;  // closed; on_closed was called
    bool writing_ = false;
    // After unframeable input: deliver nothing more, let queued/owner responses out, send FIN,
    // then close on the peer's EOF or at tcp_error_linger (so the peer reads our 400, no RST).
    bool closing_ = false;
    bool replied_ = false;  // something was queued after the error (the owner's response)
    bool fin_sent_ = false;
    std::error_code close_error_;
    std::atomic<bool> alive_{true};     // read from the transport's strand
    std::atomic<bool> reusable_{true};  // idem
    std::string input_;
    std::array<char, 16 * 1024> chunk_{};
    std::deque<std::pair<Buffer, SendHandler>> queue_;
    std::size_t queued_bytes_ = 0;
};

}  // namespace ims::sip
