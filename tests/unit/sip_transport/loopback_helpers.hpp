#pragma once
// Helpers for transport tests over real loopback sockets: run the io_context until a condition
// holds (with a deadline, never a fixed sleep), build small valid SIP messages, and a raw TCP peer
// that writes arbitrary bytes and collects what comes back.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "common/sip/transport/transport_types.hpp"

namespace ims::sip::test {

/// Runs `io` until `done()` or `limit` elapsed; returns done().
template <class Pred>
bool run_until(boost::asio::io_context& io, Pred done,
               std::chrono::milliseconds limit = std::chrono::milliseconds{1500}) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline) return false;
        io.restart();
        io.run_one_for(deadline - now);
    }
    return true;
}

/// Runs `io` for `d` (to show that something does NOT happen within it).
inline void run_for(boost::asio::io_context& io, std::chrono::milliseconds d) {
    io.restart();
    io.run_for(d);
}

/// A small valid request with a body.
inline std::string sip_request(const std::string& method, const std::string& body = {},
                               const std::string& call_id = "c1") {
    return method + " sip:ims.example.com SIP/2.0\r\n" +
           "Via: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-" + call_id + "\r\n" +
           "Call-ID: " + call_id + "\r\n" + "CSeq: 1 " + method + "\r\n" +
           "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

/// A raw TCP client (not our transport) to send partial, pipelined or broken input.
class RawTcpPeer {
  public:
    RawTcpPeer(boost::asio::io_context& io, const Endpoint& to) : socket_(io) {
        socket_.connect({to.address, to.port});  // the kernel completes it from the backlog
        read();
    }
    void write(const std::string& bytes) {
        boost::asio::write(socket_, boost::asio::buffer(bytes));
    }
    const std::string& received() const { return received_; }
    bool closed() const { return closed_; }

  private:
    void read() {
        socket_.async_read_some(boost::asio::buffer(chunk_),
                                [this](boost::system::error_code ec, std::size_t n) {
                                    if (ec) {
                                        closed_ = true;  // and close our side, as a peer would
                                        boost::system::error_code ignored;
                                        socket_.close(ignored);
                                        return;
                                    }
                                    received_.append(chunk_, n);
                                    read();
                                });
    }
    boost::asio::ip::tcp::socket socket_;
    char chunk_[4096];
    std::string received_;
    bool closed_ = false;
};

}  // namespace ims::sip::test
