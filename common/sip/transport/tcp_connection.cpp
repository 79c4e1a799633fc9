#include "common/sip/transport/tcp_connection.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include "common/sip/errors.hpp"

namespace ims::sip {
namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

Endpoint to_endpoint(const tcp::endpoint& e) {
    return {e.address(), e.port()};
}

const Buffer& pong() {
    // RFC 5626 3.5.1: the answer to a "\r\n\r\n" ping is a single "\r\n" pong.
    static const Buffer b = make_buffer("\r\n");
    return b;
}

}  // namespace

TcpConnection::TcpConnection(tcp::socket socket, ConnectionId id, const TransportConfig& config,
                             Callbacks callbacks)
    : socket_(std::move(socket)),
      timer_(socket_.get_executor()),
      write_timer_(socket_.get_executor()),
      id_(id),
      config_(config),
      callbacks_(std::move(callbacks)) {}

void TcpConnection::start() {
    asio::post(socket_.get_executor(), [self = shared_from_this()] {
        boost::system::error_code ec;
        self->local_ = to_endpoint(self->socket_.local_endpoint(ec));
        self->remote_ = to_endpoint(self->socket_.remote_endpoint(ec));
        self->open_ = true;
        self->arm_idle_timer();
        self->do_read();
        self->do_write();  // anything queued before the strand got here
    });
}

void TcpConnection::connect(const tcp::endpoint& to) {
    asio::post(socket_.get_executor(), [self = shared_from_this(), to] {
        self->remote_ = to_endpoint(to);
        // The connect has its own deadline; the idle timer takes over once connected.
        self->timer_.expires_after(self->config_.connect_timeout);
        self->timer_.async_wait([self](boost::system::error_code ec) {
            if (ec || self->open_ || self->closed_) return;
            self->fail(make_error_code(transport_errc::connect_timeout));
        });
        self->socket_.async_connect(to, [self](boost::system::error_code ec) {
            if (self->closed_) return;
            if (ec) {
                self->fail(ec);
                return;
            }
            boost::system::error_code ignored;
            self->local_ = to_endpoint(self->socket_.local_endpoint(ignored));
            self->open_ = true;
            self->arm_idle_timer();
            self->do_read();
            self->do_write();
        });
    });
}

void TcpConnection::send(Buffer bytes, SendHandler done) {
    asio::post(socket_.get_executor(), [self = shared_from_this(), bytes = std::move(bytes),
                                        done = std::move(done)]() mutable {
        if (self->closed_ || self->fin_sent_) {
            if (done) done(make_error_code(transport_errc::connection_closed));
            return;
        }
        if (self->queued_bytes_ + bytes->size() > self->config_.max_write_queue_bytes) {
            if (done) done(make_error_code(transport_errc::write_queue_full));
            return;
        }
        self->queued_bytes_ += bytes->size();
        if (self->closing_) self->replied_ = true;
        self->queue_.emplace_back(std::move(bytes), std::move(done));
        if (self->open_ && !self->writing_) self->do_write();
    });
}

void TcpConnection::close() {
    asio::post(socket_.get_executor(), [self = shared_from_this()] { self->fail({}); });
}

void TcpConnection::do_read() {
    socket_.async_read_some(asio::buffer(chunk_),
                            [self = shared_from_this()](boost::system::error_code ec,
                                                        std::size_t n) { self->on_read(ec, n); });
}

void TcpConnection::on_read(boost::system::error_code ec, std::size_t n) {
    if (closed_) return;
    if (ec) {
        // EOF is the peer closing in order; anything else is a connection error.
        if (closing_) {
            fail(close_error_);
        } else {
            fail(ec == asio::error::eof ? std::error_code{} : std::error_code(ec));
        }
        return;
    }
    if (closing_) {
        do_read();  // discard: reading on avoids an RST that could destroy our error response
        return;
    }
    input_.append(chunk_.data(), n);
    arm_idle_timer();
    process_input();
    if (!closed_) do_read();
}

void TcpConnection::process_input() {
    std::size_t pos = 0;
    while (!closed_ && pos < input_.size()) {
        const std::string_view rest = std::string_view(input_).substr(pos);
        if (rest.starts_with("\r\n")) {
            if (rest.starts_with("\r\n\r\n")) {
                // RFC 5626 3.5.1 ping.
                pos += 4;
                send(pong(), {});
                continue;
            }
            if (rest.size() < 4 && std::string_view("\r\n\r\n").starts_with(rest)) {
                break;  // maybe the start of a ping: wait for more
            }
            // A lone CRLF: a pong from the peer, or an empty line before a message (RFC 3261
            // 7.5: ignored).
            pos += 2;
            continue;
        }
        const FrameResult frame = frame_stream(rest, config_.limits);
        if (frame.status == FrameStatus::need_more) break;
        if (frame.status == FrameStatus::complete) {
            emit(make_buffer(std::string(rest.substr(0, frame.length))), {});
            pos += frame.length;
            continue;
        }
        // Unframeable: hand up what we have (the owner may still read the headers and answer
        // 400/413/513), then close: without a trustworthy Content-Length we cannot find the next
        // message (RFC 3261 18.3).
        emit(make_buffer(std::string(rest.substr(0, config_.limits.max_message_size))),
             frame.error);
        linger_then_close(frame.error);
        return;
    }
    input_.erase(0, pos);
    if (!closed_ && !closing_ && input_.size() > config_.limits.max_message_size) {
        // The framer should have refused this already; never buffer without bound.
        const auto err = make_error_code(sip_errc::message_too_large);
        emit(make_buffer(input_.substr(0, config_.limits.max_message_size)), err);
        linger_then_close(err);
    }
}

void TcpConnection::emit(Buffer bytes, std::error_code error) {
    ReceivedMessage m;
    m.bytes = std::move(bytes);
    m.kind = TransportKind::tcp;
    m.local = local_;
    m.remote = remote_;
    m.connection = id_;
    m.error = error;
    if (callbacks_.on_message) callbacks_.on_message(std::move(m));
}

void TcpConnection::do_write() {
    if (closed_ || queue_.empty()) {
        writing_ = false;
        if (closing_ && replied_ && !closed_ && !fin_sent_) {
            // Our error response (if any) is out: FIN now, close on EOF or at the linger end.
            fin_sent_ = true;
            boost::system::error_code ignored;
            socket_.shutdown(tcp::socket::shutdown_send, ignored);
        }
        return;
    }
    writing_ = true;
    // The handler keeps the bytes alive even if close() empties the queue meanwhile.
    Buffer front = queue_.front().first;
    write_timer_.expires_after(config_.tcp_write_timeout);
    write_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        if (ec || self->closed_) return;  // operation_aborted: the write finished in time
        self->fail(make_error_code(transport_errc::write_timeout));
    });
    asio::async_write(
        socket_, asio::buffer(*front),
        [self = shared_from_this(), front](boost::system::error_code ec, std::size_t) {
            if (self->closed_) return;
            self->write_timer_.cancel();
            auto [bytes, done] = std::move(self->queue_.front());
            self->queue_.pop_front();
            self->queued_bytes_ -= bytes->size();
            if (done) done(ec);
            if (ec) {
                self->fail(ec);
                return;
            }
            self->arm_idle_timer();
            self->do_write();
        });
}

void TcpConnection::linger_then_close(std::error_code ec) {
    closing_ = true;
    reusable_ = false;
    close_error_ = ec;
    input_.clear();
    timer_.expires_after(config_.tcp_error_linger);
    timer_.async_wait([self = shared_from_this()](boost::system::error_code wait_ec) {
        if (wait_ec || self->closed_) return;
        self->fail(self->close_error_);
    });
}

void TcpConnection::arm_idle_timer() {
    if (closing_) return;  // the linger deadline owns the timer now
    // Re-arming cancels the pending wait (its handler sees operation_aborted and returns).
    timer_.expires_after(config_.tcp_idle_timeout);
    timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        if (ec || self->closed_) return;
        self->fail(make_error_code(std::errc::timed_out));
    });
}

void TcpConnection::fail(std::error_code ec) {
    if (closed_) return;
    closed_ = true;
    alive_ = false;
    reusable_ = false;
    boost::system::error_code ignored;
    timer_.cancel();
    write_timer_.cancel();
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    // Sends still queued will never go out.
    auto queue = std::move(queue_);
    queue_.clear();
    queued_bytes_ = 0;
    for (auto& [bytes, done] : queue) {
        if (done) done(make_error_code(transport_errc::connection_closed));
    }
    if (callbacks_.on_closed) callbacks_.on_closed(id_, ec);
}

}  // namespace ims::sip
