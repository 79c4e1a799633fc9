#include "common/sip/transport/sip_transport.hpp"

#include <spdlog/spdlog.h>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <map>
#include <unordered_map>
#include <vector>

#include "common/sip/errors.hpp"
#include "common/sip/transport/tcp_connection.hpp"

namespace ims::sip {
namespace asio = boost::asio;
using asio::ip::tcp;
using asio::ip::udp;

struct SipTransport::Impl : std::enable_shared_from_this<Impl> {
    using Strand = asio::strand<asio::io_context::executor_type>;

    struct UdpSocket {
        explicit UdpSocket(const Strand& s) : socket(s) {}
        udp::socket socket;
        udp::endpoint sender;
        std::vector<char> buffer;
        Endpoint local;
    };

    Impl(asio::io_context& io_, TransportConfig config_, ReceiveHandler handler)
        : io(io_),
          strand(asio::make_strand(io_)),
          config(config_),
          on_receive(std::move(handler)) {}

    asio::io_context& io;
    Strand strand;
    TransportConfig config;
    ReceiveHandler on_receive;
    std::function<void(ConnectionId, std::error_code)> on_closed;
    std::vector<std::shared_ptr<UdpSocket>> udp_sockets;
    std::vector<std::shared_ptr<tcp::acceptor>> acceptors;
    std::unordered_map<ConnectionId, std::shared_ptr<TcpConnection>> connections;
    std::map<std::pair<asio::ip::address, std::uint16_t>, ConnectionId> by_remote;
    std::unordered_map<ConnectionId, std::pair<asio::ip::address, std::uint16_t>> remote_of;
    ConnectionId next_id = 1;
    std::atomic<std::size_t> connection_count{0};
    // Set at once by stop() (any thread) so that no handler reaches the owner afterwards; the
    // sockets are closed on the strand by shutdown().
    std::atomic<bool> stopped{false};
    bool shut = false;

    // ------------------------------------------------------------------ UDP

    void receive(std::shared_ptr<UdpSocket> u) {
        u->socket.async_receive_from(
            asio::buffer(u->buffer), u->sender,
            [self = shared_from_this(), u](boost::system::error_code ec, std::size_t n) {
                if (self->stopped || ec == asio::error::operation_aborted) return;
                // Other errors (e.g. ICMP port unreachable from an earlier send) do not stop the
                // listener.
                if (!ec) self->on_datagram(*u, n);
                self->receive(u);
            });
    }

    void on_datagram(UdpSocket& u, std::size_t n) {
        std::string_view data(u.buffer.data(), n);
        // Empty datagrams and bare CRLF keep-alives carry nothing for the SIP layer (RFC 5626
        // keeps UDP flows alive with STUN; many UEs still send CRLFs).
        if (data.find_first_not_of("\r\n") == std::string_view::npos) return;
        ReceivedMessage m;
        m.kind = TransportKind::udp;
        m.local = u.local;
        m.remote = {u.sender.address(), u.sender.port()};
        if (n > config.limits.max_message_size) {
            // The buffer is one byte larger than the limit: the datagram was at least that big.
            m.error = make_error_code(sip_errc::message_too_large);
            data = data.substr(0, config.limits.max_message_size);
        }
        m.bytes = make_buffer(std::string(data));
        on_receive(std::move(m));
    }

    void send_udp(Buffer bytes, const Destination& to, SendHandler done) {
        std::shared_ptr<UdpSocket> chosen;
        for (auto& u : udp_sockets) {
            if (u->local.address.is_v6() != to.endpoint.address.is_v6()) continue;
            if (u->local == to.from) {
                chosen = u;
                break;
            }
            if (!chosen) chosen = u;
        }
        if (chosen) {
            auto& u = chosen;
            udp::endpoint target(to.endpoint.address, to.endpoint.port);
            u->socket.async_send_to(asio::buffer(*bytes), target,
                                    [self = shared_from_this(), bytes, done = std::move(done)](
                                        boost::system::error_code ec, std::size_t) {
                                        if (done && !self->stopped) done(ec);
                                    });
            return;
        }
        if (done) done(make_error_code(transport_errc::no_udp_socket));
    }

    // ------------------------------------------------------------------ TCP

    void accept(std::shared_ptr<tcp::acceptor> acceptor) {
        acceptor->async_accept(
            asio::make_strand(io),
            [self = shared_from_this(), acceptor](boost::system::error_code ec, tcp::socket s) {
                if (self->stopped || ec == asio::error::operation_aborted) return;
                if (!ec) {
                    if (self->connections.size() >= self->config.max_tcp_connections) {
                        // Over the cap: refuse by closing at once; the listener goes on.
                        boost::system::error_code ignored;
                        const auto peer = s.remote_endpoint(ignored);
                        spdlog::warn(
                            "sip.tcp: refused connection from {}: max_tcp_connections "
                            "({}) reached",
                            to_string(Endpoint{peer.address(), peer.port()}),
                            self->config.max_tcp_connections);
                        s.close(ignored);
                    } else {
                        boost::system::error_code rec;
                        auto remote = s.remote_endpoint(rec);
                        if (!rec) {
                            auto conn = self->add_connection(std::move(s), remote);
                            spdlog::debug("sip.tcp: connection #{} from {} accepted", conn->id(),
                                          to_string(Endpoint{remote.address(), remote.port()}));
                            conn->start();
                        }
                    }
                }
                self->accept(acceptor);
            });
    }

    std::shared_ptr<TcpConnection> add_connection(tcp::socket s, const tcp::endpoint& remote) {
        const ConnectionId id = next_id++;
        std::weak_ptr<Impl> weak = weak_from_this();
        TcpConnection::Callbacks callbacks;
        callbacks.on_message = [weak](ReceivedMessage m) {
            if (auto self = weak.lock()) {
                asio::post(self->strand, [self, m = std::move(m)]() mutable {
                    if (!self->stopped && self->on_receive) self->on_receive(std::move(m));
                });
            }
        };
        callbacks.on_closed = [weak](ConnectionId cid, std::error_code ec) {
            if (auto self = weak.lock()) {
                asio::post(self->strand, [self, cid, ec] { self->forget(cid, ec); });
            }
        };
        auto conn = std::make_shared<TcpConnection>(std::move(s), id, config, std::move(callbacks));
        connections.emplace(id, conn);
        const auto key = std::make_pair(remote.address(), remote.port());
        by_remote[key] = id;
        remote_of[id] = key;
        connection_count = connections.size();
        return conn;
    }

    void forget(ConnectionId id, std::error_code ec) {
        if (connections.erase(id) == 0) return;
        if (auto it = remote_of.find(id); it != remote_of.end()) {
            const std::string peer = to_string(Endpoint{it->second.first, it->second.second});
            if (ec && ec != std::errc::timed_out) {
                spdlog::info("sip.tcp: connection #{} with {} closed: {}", id, peer, ec.message());
            } else {
                spdlog::debug("sip.tcp: connection #{} with {} closed{}", id, peer,
                              ec ? " (idle)" : "");
            }
            if (auto r = by_remote.find(it->second); r != by_remote.end() && r->second == id) {
                by_remote.erase(r);
            }
            remote_of.erase(it);
        }
        connection_count = connections.size();
        if (!stopped && on_closed) on_closed(id, ec);
    }

    /// `done` for a TCP send runs on the connection's strand; bring it back to ours.
    SendHandler on_strand(SendHandler done) {
        if (!done) return {};
        return [self = shared_from_this(), done = std::move(done)](std::error_code ec) {
            asio::post(self->strand, [self, done, ec] {
                if (!self->stopped) done(ec);
            });
        };
    }

    void send_tcp(Buffer bytes, const Destination& to, SendHandler done) {
        if (to.connection != 0) {
            auto it = connections.find(to.connection);
            if (it != connections.end() && it->second->alive()) {
                it->second->send(std::move(bytes), on_strand(std::move(done)));
                return;
            }
        }
        if (to.endpoint.address.is_unspecified() || to.endpoint.port == 0) {
            if (done) done(make_error_code(transport_errc::unresolved_destination));
            return;
        }
        const auto key = std::make_pair(to.endpoint.address, to.endpoint.port);
        if (auto it = by_remote.find(key); it != by_remote.end()) {
            auto& conn = connections.at(it->second);
            if (conn->reusable()) {
                conn->send(std::move(bytes), on_strand(std::move(done)));
                return;
            }
        }
        if (connections.size() >= config.max_tcp_connections) {
            if (done) done(make_error_code(transport_errc::connection_limit));
            return;
        }
        tcp::endpoint target(to.endpoint.address, to.endpoint.port);
        auto conn = add_connection(tcp::socket(asio::make_strand(io)), target);
        conn->connect(target);
        conn->send(std::move(bytes), on_strand(std::move(done)));
    }

    void shutdown() {
        if (shut) return;
        shut = true;
        stopped = true;
        boost::system::error_code ignored;
        for (auto& a : acceptors) a->close(ignored);
        for (auto& u : udp_sockets) u->socket.close(ignored);
        for (auto& [id, conn] : connections) conn->close();
        acceptors.clear();
        udp_sockets.clear();
        connections.clear();
        by_remote.clear();
        remote_of.clear();
        connection_count = 0;
    }
};

SipTransport::SipTransport(asio::io_context& io, TransportConfig config, ReceiveHandler on_receive)
    : impl_(std::make_shared<Impl>(io, config, std::move(on_receive))) {}

SipTransport::~SipTransport() {
    stop();
}

Result<Endpoint> SipTransport::listen_udp(const Endpoint& at) {
    auto u = std::make_shared<Impl::UdpSocket>(impl_->strand);
    boost::system::error_code ec;
    const udp::endpoint ep(at.address, at.port);
    u->socket.open(ep.protocol(), ec);
    if (!ec && ep.address().is_v6()) u->socket.set_option(asio::ip::v6_only(true), ec);
    if (!ec) u->socket.bind(ep, ec);
    // A registrar under load receives bursts of datagrams; the kernel's default buffer (~200 KiB)
    // overflows and the lost requests come back only with the UE's 500 ms retransmission.
    // The kernel caps the value at net.core.rmem_max; failing to raise it is not an error.
    if (!ec && impl_->config.udp_receive_buffer > 0) {
        boost::system::error_code ignored;
        u->socket.set_option(asio::socket_base::receive_buffer_size(
                                 static_cast<int>(impl_->config.udp_receive_buffer)),
                             ignored);
    }
    if (ec) return std::error_code(ec);
    const auto local = u->socket.local_endpoint(ec);
    if (ec) return std::error_code(ec);
    u->local = {local.address(), local.port()};
    u->buffer.resize(impl_->config.limits.max_message_size + 1);
    asio::dispatch(impl_->strand, [impl = impl_, u] {
        if (impl->stopped) return;
        impl->udp_sockets.push_back(u);
        impl->receive(u);
    });
    return u->local;
}

Result<Endpoint> SipTransport::listen_tcp(const Endpoint& at) {
    auto a = std::make_shared<tcp::acceptor>(impl_->strand);
    boost::system::error_code ec;
    const tcp::endpoint ep(at.address, at.port);
    a->open(ep.protocol(), ec);
    if (!ec) a->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec && ep.address().is_v6()) a->set_option(asio::ip::v6_only(true), ec);
    if (!ec) a->bind(ep, ec);
    if (!ec) a->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return std::error_code(ec);
    const auto local = a->local_endpoint(ec);
    if (ec) return std::error_code(ec);
    asio::dispatch(impl_->strand, [impl = impl_, a] {
        if (impl->stopped) return;
        impl->acceptors.push_back(a);
        impl->accept(a);
    });
    return Endpoint{local.address(), local.port()};
}

void SipTransport::send(Buffer bytes, const Destination& to, SendHandler done) {
    asio::dispatch(impl_->strand,
                   [impl = impl_, bytes = std::move(bytes), to, done = std::move(done)]() mutable {
                       if (impl->stopped) {
                           if (done) done(make_error_code(transport_errc::stopped));
                           return;
                       }
                       if (to.kind == TransportKind::udp) {
                           impl->send_udp(std::move(bytes), to, std::move(done));
                       } else {
                           impl->send_tcp(std::move(bytes), to, std::move(done));
                       }
                   });
}

void SipTransport::close_connection(ConnectionId id) {
    asio::dispatch(impl_->strand, [impl = impl_, id] {
        if (auto it = impl->connections.find(id); it != impl->connections.end()) {
            it->second->close();
        }
    });
}

void SipTransport::set_connection_closed_handler(
    std::function<void(ConnectionId, std::error_code)> handler) {
    asio::dispatch(impl_->strand,
                   [impl = impl_, handler = std::move(handler)] { impl->on_closed = handler; });
}

void SipTransport::stop() {
    impl_->stopped = true;
    asio::dispatch(impl_->strand, [impl = impl_] { impl->shutdown(); });
}

std::size_t SipTransport::tcp_connection_count() const {
    return impl_->connection_count;
}

}  // namespace ims::sip
