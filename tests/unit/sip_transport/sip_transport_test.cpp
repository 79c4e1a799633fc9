// SipTransport over real loopback sockets (127.0.0.1 and ::1, ports chosen by the OS).

#include "common/sip/transport/sip_transport.hpp"

#include <gtest/gtest.h>

#include <boost/asio/ip/udp.hpp>
#include <optional>
#include <vector>

#include "common/sip/errors.hpp"
#include "tests/unit/sip_transport/loopback_helpers.hpp"

namespace ims::sip {
namespace {

using namespace std::chrono_literals;
using test::RawTcpPeer;
using test::run_for;
using test::run_until;
using test::sip_request;

/// One transport plus everything it handed up.
struct Node {
    Node(boost::asio::io_context& io, TransportConfig cfg = {})
        : transport(io, cfg, [this](ReceivedMessage m) { received.push_back(std::move(m)); }) {
        transport.set_connection_closed_handler(
            [this](ConnectionId id, std::error_code) { closed.push_back(id); });
    }
    SipTransport transport;
    std::vector<ReceivedMessage> received;
    std::vector<ConnectionId> closed;
};

class TransportLoopback : public ::testing::TestWithParam<const char*> {
  protected:
    Endpoint any_port() const { return {boost::asio::ip::make_address(GetParam()), 0}; }
    boost::asio::io_context io_;
};

TEST_P(TransportLoopback, UdpRequestAndResponse) {
    Node server(io_), client(io_);
    auto server_at = server.transport.listen_udp(any_port());
    auto client_at = client.transport.listen_udp(any_port());
    ASSERT_TRUE(server_at) << server_at.error().message();
    ASSERT_TRUE(client_at);
    EXPECT_NE(server_at.value().port, 0);

    std::optional<std::error_code> sent;
    client.transport.send(make_buffer(sip_request("OPTIONS")),
                          {TransportKind::udp, server_at.value(), 0},
                          [&](std::error_code ec) { sent = ec; });
    ASSERT_TRUE(run_until(io_, [&] { return server.received.size() == 1; }));
    ASSERT_TRUE(sent.has_value());
    EXPECT_FALSE(*sent);
    const auto& req = server.received[0];
    EXPECT_EQ(*req.bytes, sip_request("OPTIONS"));
    EXPECT_EQ(req.kind, TransportKind::udp);
    EXPECT_EQ(req.remote, client_at.value());
    EXPECT_EQ(req.local, server_at.value());
    EXPECT_EQ(req.connection, 0u);
    EXPECT_FALSE(req.error);

    server.transport.send(make_buffer("SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n"),
                          {TransportKind::udp, req.remote, 0});
    ASSERT_TRUE(run_until(io_, [&] { return client.received.size() == 1; }));
    EXPECT_EQ(client.received[0].remote, server_at.value());  // from the listening socket
}

TEST_P(TransportLoopback, TcpRequestAndResponseReuseTheConnection) {
    Node server(io_), client(io_);
    auto server_at = server.transport.listen_tcp(any_port());
    ASSERT_TRUE(server_at) << server_at.error().message();

    std::optional<std::error_code> sent;
    client.transport.send(make_buffer(sip_request("REGISTER")),
                          {TransportKind::tcp, server_at.value(), 0},
                          [&](std::error_code ec) { sent = ec; });
    ASSERT_TRUE(run_until(io_, [&] { return server.received.size() == 1; }));
    ASSERT_TRUE(run_until(io_, [&] { return sent.has_value(); }));
    EXPECT_FALSE(*sent);
    const auto req = server.received[0];
    EXPECT_EQ(*req.bytes, sip_request("REGISTER"));
    EXPECT_EQ(req.kind, TransportKind::tcp);
    EXPECT_NE(req.connection, 0u);
    EXPECT_EQ(req.local, server_at.value());

    // RFC 3261 18.2.2: the response goes back over the connection the request came on.
    server.transport.send(make_buffer("SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n"),
                          {TransportKind::tcp, req.remote, req.connection});
    ASSERT_TRUE(run_until(io_, [&] { return client.received.size() == 1; }));
    EXPECT_EQ(client.received[0].remote, server_at.value());

    // A second request to the same peer reuses the open connection.
    client.transport.send(make_buffer(sip_request("REGISTER", "", "c2")),
                          {TransportKind::tcp, server_at.value(), 0});
    ASSERT_TRUE(run_until(io_, [&] { return server.received.size() == 2; }));
    EXPECT_EQ(server.received[1].connection, req.connection);
    EXPECT_EQ(client.transport.tcp_connection_count(), 1u);
    EXPECT_EQ(server.transport.tcp_connection_count(), 1u);
}

TEST_P(TransportLoopback, TcpResponseFallsBackToANewConnectionWhenTheOldOneClosed) {
    Node server(io_), client(io_);
    auto server_at = server.transport.listen_tcp(any_port());
    auto client_at = client.transport.listen_tcp(any_port());
    ASSERT_TRUE(server_at);
    ASSERT_TRUE(client_at);
    client.transport.send(make_buffer(sip_request("INVITE")),
                          {TransportKind::tcp, server_at.value(), 0});
    ASSERT_TRUE(run_until(io_, [&] { return server.received.size() == 1; }));
    const ConnectionId old = server.received[0].connection;
    server.transport.close_connection(old);
    ASSERT_TRUE(run_until(io_, [&] { return client.transport.tcp_connection_count() == 0; }));
    // RFC 3261 18.2.2: connection gone -> connect to received/sent-by (here the client's
    // listener, as response_route() computes it).
    server.transport.send(make_buffer("SIP/2.0 486 Busy Here\r\nContent-Length: 0\r\n\r\n"),
                          {TransportKind::tcp, client_at.value(), old});
    ASSERT_TRUE(run_until(io_, [&] { return client.received.size() == 1; }));
    EXPECT_NE(client.received[0].connection, 0u);
    EXPECT_EQ(client.received[0].local, client_at.value());
}

TEST_P(TransportLoopback, TcpSplitAndPipelinedFrames) {
    Node server(io_);
    auto at = server.transport.listen_tcp(any_port());
    ASSERT_TRUE(at);
    RawTcpPeer peer(io_, at.value());
    const std::string a = sip_request("MESSAGE", "hello", "a");
    const std::string b = sip_request("MESSAGE", "", "b");
    const std::string c = sip_request("MESSAGE", "third body", "c");

    // One message in three pieces, cut inside the headers and inside the body.
    peer.write(a.substr(0, 10));
    run_for(io_, 20ms);
    peer.write(a.substr(10, a.size() - 13));
    run_for(io_, 20ms);
    EXPECT_TRUE(server.received.empty());
    peer.write(a.substr(a.size() - 3));
    ASSERT_TRUE(run_until(io_, [&] { return server.received.size() == 1; }));
    EXPECT_EQ(*server.received[0].bytes, a);

    // Two whole messages and half a third in one write, then the rest.
    peer.write(b + c + a.substr(0, a.size() / 2));
    ASSERT_TRUE(run_until(io_, [&] { return server.received.size() == 3; }));
    peer.write(a.substr(a.size() / 2));
    ASSERT_TRUE(run_until(io_, [&] { return server.received.size() == 4; }));
    EXPECT_EQ(*server.received[1].bytes, b);
    EXPECT_EQ(*server.received[2].bytes, c);
    EXPECT_EQ(*server.received[3].bytes, a);
    for (const auto& m : server.received) EXPECT_FALSE(m.error);
}

TEST_P(TransportLoopback, TcpKeepAlivePingGetsPong) {
    Node server(io_);
    auto at = server.transport.listen_tcp(any_port());
    ASSERT_TRUE(at);
    RawTcpPeer peer(io_, at.value());
    peer.write("\r\n\r\n");  // RFC 5626 3.5.1 ping
    ASSERT_TRUE(run_until(io_, [&] { return !peer.received().empty(); }));
    run_for(io_, 20ms);
    EXPECT_EQ(peer.received(), "\r\n");
    // Pings between messages do not disturb framing.
    peer.write("\r\n\r\n" + sip_request("OPTIONS") + "\r\n\r\n");
    ASSERT_TRUE(run_until(io_, [&] { return server.received.size() == 1; }));
    ASSERT_TRUE(run_until(io_, [&] { return peer.received() == "\r\n\r\n\r\n"; }));
    EXPECT_EQ(*server.received[0].bytes, sip_request("OPTIONS"));
    EXPECT_FALSE(peer.closed());
}

TEST_P(TransportLoopback, TcpIdleTimeoutClosesTheConnection) {
    TransportConfig cfg;
    cfg.tcp_idle_timeout = 100ms;
    Node server(io_, cfg);
    auto at = server.transport.listen_tcp(any_port());
    ASSERT_TRUE(at);
    RawTcpPeer peer(io_, at.value());
    ASSERT_TRUE(run_until(io_, [&] { return server.transport.tcp_connection_count() == 1; }));
    const auto opened = std::chrono::steady_clock::now();
    ASSERT_TRUE(run_until(io_, [&] { return peer.closed(); }));
    EXPECT_GE(std::chrono::steady_clock::now() - opened, 80ms);
    ASSERT_TRUE(run_until(io_, [&] { return server.closed.size() == 1; }));
    EXPECT_EQ(server.transport.tcp_connection_count(), 0u);
}

TEST_P(TransportLoopback, TcpPeerThatStopsReadingIsClosedAtTheWriteDeadline) {
    TransportConfig cfg;
    cfg.tcp_write_timeout = 200ms;
    cfg.max_write_queue_bytes = 256 * 1024 * 1024;
    Node server(io_, cfg);
    auto at = server.transport.listen_tcp(any_port());
    ASSERT_TRUE(at);
    boost::asio::ip::tcp::socket silent(io_);  // connects, then never reads
    silent.connect({at.value().address, at.value().port});
    ASSERT_TRUE(run_until(io_, [&] { return server.transport.tcp_connection_count() == 1; }));
    const ConnectionId id = 1;  // the first connection of this transport
    // Far more than the loopback socket buffers hold: the writes stall.
    const Buffer chunk = make_buffer(std::string(1024 * 1024, 'x'));
    std::optional<std::error_code> last;
    for (int i = 0; i < 64; ++i) {
        server.transport.send(chunk, {TransportKind::tcp, {}, id},
                              [&](std::error_code ec) { last = ec; });
    }
    ASSERT_TRUE(run_until(
        io_, [&] { return server.closed.size() == 1; }, 1500ms));
    EXPECT_EQ(server.transport.tcp_connection_count(), 0u);
    ASSERT_TRUE(run_until(io_, [&] { return last.has_value(); }));
    EXPECT_TRUE(*last);  // the queued sends failed
}

TEST_P(TransportLoopback, TcpConnectionCapRefusesExcessConnections) {
    TransportConfig cfg;
    cfg.max_tcp_connections = 2;
    Node server(io_, cfg);
    auto at = server.transport.listen_tcp(any_port());
    ASSERT_TRUE(at);
    RawTcpPeer first(io_, at.value());
    RawTcpPeer second(io_, at.value());
    ASSERT_TRUE(run_until(io_, [&] { return server.transport.tcp_connection_count() == 2; }));
    RawTcpPeer third(io_, at.value());
    ASSERT_TRUE(run_until(io_, [&] { return third.closed(); }));
    EXPECT_FALSE(first.closed());
    EXPECT_EQ(server.transport.tcp_connection_count(), 2u);
    first.write(sip_request("OPTIONS"));
    ASSERT_TRUE(run_until(io_, [&] { return server.received.size() == 1; }));
    // Our own outgoing connections count too.
    std::optional<std::error_code> refused;
    server.transport.send(make_buffer(sip_request("OPTIONS")),
                          {TransportKind::tcp, {at.value().address, 9}, 0},
                          [&](std::error_code ec) { refused = ec; });
    ASSERT_TRUE(run_until(io_, [&] { return refused.has_value(); }));
    EXPECT_EQ(*refused, transport_errc::connection_limit);
}

TEST_P(TransportLoopback, TcpGarbageIsHandedUpAnsweredAndTheListenerKeepsServing) {
    Node server(io_);
    auto at = server.transport.listen_tcp(any_port());
    ASSERT_TRUE(at);
    RawTcpPeer bad(io_, at.value());
    // No Content-Length: the valid message behind it cannot be found any more.
    bad.write("OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\n\r\n" +
              sip_request("OPTIONS"));
    ASSERT_TRUE(run_until(io_, [&] { return server.received.size() == 1; }));
    const auto& m = server.received[0];
    EXPECT_EQ(m.error, sip_errc::missing_content_length);
    EXPECT_NE(m.bytes->find("Via:"), std::string::npos);  // readable headers
    // The owner answers 400 on the connection; it reaches the peer before the close (the
    // connection cannot resynchronise without a Content-Length).
    const std::string answer = "SIP/2.0 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
    server.transport.send(make_buffer(answer), {TransportKind::tcp, m.remote, m.connection});
    ASSERT_TRUE(run_until(io_, [&] { return bad.closed(); }));
    EXPECT_EQ(bad.received(), answer);
    ASSERT_TRUE(run_until(io_, [&] { return server.transport.tcp_connection_count() == 0; }));
    EXPECT_EQ(server.received.size(), 1u);  // nothing more came from that connection

    RawTcpPeer good(io_, at.value());
    good.write(sip_request("OPTIONS"));
    ASSERT_TRUE(run_until(io_, [&] { return server.received.size() == 2; }));
    EXPECT_FALSE(server.received[1].error);
    EXPECT_EQ(*server.received[1].bytes, sip_request("OPTIONS"));
}

TEST_P(TransportLoopback, TcpGarbageWithoutAnswerClosesAfterTheLinger) {
    TransportConfig cfg;
    cfg.tcp_error_linger = 50ms;
    Node server(io_, cfg);
    auto at = server.transport.listen_tcp(any_port());
    ASSERT_TRUE(at);
    RawTcpPeer bad(io_, at.value());
    bad.write("\x01\x02 not sip at all\r\n\r\n");
    ASSERT_TRUE(run_until(io_, [&] { return server.received.size() == 1; }));
    EXPECT_TRUE(server.received[0].error);
    ASSERT_TRUE(run_until(io_, [&] { return bad.closed(); }));
    EXPECT_TRUE(bad.received().empty());
    ASSERT_TRUE(run_until(io_, [&] { return server.closed.size() == 1; }));
}

TEST_P(TransportLoopback, TcpOversizeIsHandedUpWithItsErrorAndClosed) {
    TransportConfig cfg;
    cfg.limits.max_message_size = 1024;
    cfg.tcp_error_linger = 50ms;  // nobody answers here
    Node server(io_, cfg);
    auto at = server.transport.listen_tcp(any_port());
    ASSERT_TRUE(at);
    RawTcpPeer big_body(io_, at.value());
    big_body.write(sip_request("MESSAGE", std::string(2000, 'x')));
    ASSERT_TRUE(run_until(io_, [&] { return server.received.size() == 1; }));
    EXPECT_EQ(server.received[0].error, sip_errc::body_too_large);
    EXPECT_EQ(status_code_for(server.received[0].error), 413);
    EXPECT_LE(server.received[0].bytes->size(), 1024u);
    ASSERT_TRUE(run_until(io_, [&] { return big_body.closed(); }));

    RawTcpPeer endless(io_, at.value());  // headers that never end
    endless.write("OPTIONS sip:x SIP/2.0\r\nX: " + std::string(3000, 'y'));
    ASSERT_TRUE(run_until(io_, [&] { return server.received.size() == 2; }));
    EXPECT_TRUE(server.received[1].error);
    ASSERT_TRUE(run_until(io_, [&] { return endless.closed(); }));

    RawTcpPeer good(io_, at.value());
    good.write(sip_request("OPTIONS"));
    ASSERT_TRUE(run_until(io_, [&] { return server.received.size() == 3; }));
    EXPECT_FALSE(server.received[2].error);
}

TEST_P(TransportLoopback, UdpGarbageAndOversizeAreHandedUpAndTheSocketKeepsServing) {
    TransportConfig cfg;
    cfg.limits.max_message_size = 1024;
    Node server(io_, cfg), client(io_);
    auto at = server.transport.listen_udp(any_port());
    ASSERT_TRUE(at);
    ASSERT_TRUE(client.transport.listen_udp(any_port()));
    const Destination to{TransportKind::udp, at.value(), 0};
    client.transport.send(make_buffer("\r\n\r\n"), to);  // keep-alive: nothing handed up
    client.transport.send(make_buffer("garbage"), to);
    client.transport.send(make_buffer(std::string(1500, 'z')), to);
    client.transport.send(make_buffer(sip_request("OPTIONS")), to);
    ASSERT_TRUE(run_until(io_, [&] { return server.received.size() == 3; }));
    run_for(io_, 20ms);
    ASSERT_EQ(server.received.size(), 3u);
    // The owner decides 400 or drop for what it cannot parse.
    EXPECT_EQ(*server.received[0].bytes, "garbage");
    EXPECT_FALSE(server.received[0].error);
    EXPECT_EQ(server.received[1].error, sip_errc::message_too_large);
    EXPECT_EQ(server.received[1].bytes->size(), 1024u);
    EXPECT_EQ(*server.received[2].bytes, sip_request("OPTIONS"));
}

TEST_P(TransportLoopback, TcpConnectFailureIsReported) {
    Node client(io_);
    // Bind then close a listener to get a port with (almost surely) nothing listening.
    Endpoint dead;
    {
        boost::asio::ip::tcp::acceptor a(io_, {any_port().address, 0});
        dead = {a.local_endpoint().address(), a.local_endpoint().port()};
    }
    std::optional<std::error_code> result;
    client.transport.send(make_buffer(sip_request("OPTIONS")), {TransportKind::tcp, dead, 0},
                          [&](std::error_code ec) { result = ec; });
    ASSERT_TRUE(run_until(io_, [&] { return result.has_value(); }));
    EXPECT_TRUE(*result);
    ASSERT_TRUE(run_until(io_, [&] { return client.transport.tcp_connection_count() == 0; }));
}

TEST_P(TransportLoopback, StopDrainsQuietly) {
    Node server(io_), client(io_);
    auto at = server.transport.listen_tcp(any_port());
    ASSERT_TRUE(at);
    ASSERT_TRUE(server.transport.listen_udp(any_port()));
    client.transport.send(make_buffer(sip_request("OPTIONS")), {TransportKind::tcp, at.value(), 0});
    ASSERT_TRUE(run_until(io_, [&] { return server.received.size() == 1; }));
    server.transport.stop();
    ASSERT_TRUE(run_until(io_, [&] { return client.transport.tcp_connection_count() == 0; }));
    EXPECT_TRUE(server.closed.empty());  // no handler after stop
    EXPECT_EQ(server.transport.tcp_connection_count(), 0u);
    std::optional<std::error_code> after;
    server.transport.send(make_buffer("x"), {TransportKind::udp, at.value(), 0},
                          [&](std::error_code ec) { after = ec; });
    ASSERT_TRUE(run_until(io_, [&] { return after.has_value(); }));
    EXPECT_EQ(*after, transport_errc::stopped);
    // Nothing is left running: the io_context runs out of work.
    io_.restart();
    client.transport.stop();
    io_.run_for(500ms);
    EXPECT_TRUE(io_.stopped());
}

TEST_P(TransportLoopback, UdpResponseLeavesFromTheSocketTheRequestArrivedOn) {
    Node server(io_), client(io_);
    auto first = server.transport.listen_udp(any_port());
    auto second = server.transport.listen_udp(any_port());
    ASSERT_TRUE(first);
    ASSERT_TRUE(second);
    ASSERT_TRUE(client.transport.listen_udp(any_port()));
    client.transport.send(make_buffer(sip_request("OPTIONS")),
                          {TransportKind::udp, second.value(), 0});
    ASSERT_TRUE(run_until(io_, [&] { return server.received.size() == 1; }));
    const auto& req = server.received[0];
    EXPECT_EQ(req.local, second.value());
    server.transport.send(make_buffer("SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n"),
                          {TransportKind::udp, req.remote, 0, req.local});
    ASSERT_TRUE(run_until(io_, [&] { return client.received.size() == 1; }));
    EXPECT_EQ(client.received[0].remote, second.value());
}

INSTANTIATE_TEST_SUITE_P(Ipv4AndIpv6, TransportLoopback, ::testing::Values("127.0.0.1", "::1"),
                         [](const auto& info) {
                             return std::string(info.param[0] == ':' ? "ipv6" : "ipv4");
                         });

}  // namespace
}  // namespace ims::sip
