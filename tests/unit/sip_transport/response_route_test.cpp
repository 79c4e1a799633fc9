// RFC 3261 18.2.1 / 18.2.2, RFC 3581 4 and 18.1.1 as pure functions.

#include "common/sip/transport/response_route.hpp"

#include <gtest/gtest.h>

#include "common/sip/errors.hpp"

namespace ims::sip {
namespace {

using boost::asio::ip::make_address;

Endpoint ep(const char* ip, std::uint16_t port) {
    return {make_address(ip), port};
}

ViaRoute via(std::string transport, std::string host, std::uint16_t port = 0) {
    ViaRoute v;
    v.transport = std::move(transport);
    v.sent_by_host = std::move(host);
    v.sent_by_port = port;
    return v;
}

TEST(ViaStamp, NoReceivedWhenSentByIsTheSourceAddress) {
    EXPECT_TRUE(via_stamp(via("UDP", "192.0.2.1", 5060), ep("192.0.2.1", 5060)).empty());
    // Compared as addresses, not strings.
    EXPECT_TRUE(via_stamp(via("UDP", "[2001:db8:0::1]"), ep("2001:db8::1", 5060)).empty());
}

TEST(ViaStamp, ReceivedWhenSentByDiffersOrIsADomainName) {
    auto s = via_stamp(via("UDP", "192.0.2.1", 5060), ep("198.51.100.7", 5060));
    ASSERT_TRUE(s.received);
    EXPECT_EQ(*s.received, "198.51.100.7");
    EXPECT_FALSE(s.rport);
    s = via_stamp(via("TCP", "ue.example.com"), ep("2001:db8::5", 40000));
    ASSERT_TRUE(s.received);
    EXPECT_EQ(*s.received, "2001:db8::5");
}

TEST(ViaStamp, Rfc3581RportAlwaysAddsReceivedAndPort) {
    auto v = via("UDP", "10.0.0.1", 5060);
    v.rport = true;
    auto s = via_stamp(v, ep("10.0.0.1", 5060));  // even when identical (RFC 3581 4)
    ASSERT_TRUE(s.received);
    EXPECT_EQ(*s.received, "10.0.0.1");
    ASSERT_TRUE(s.rport);
    EXPECT_EQ(*s.rport, 5060);
}

TEST(RouteResponse, UdpWithReceivedAndRportGoesToSourceAddressAndPort) {
    auto v = via("UDP", "10.0.0.1", 5060);
    v.rport = true;
    const RequestSource src{TransportKind::udp, ep("203.0.113.9", 61000), 0};
    apply(v, via_stamp(v, src.remote));
    auto r = route_response(v, src);
    ASSERT_TRUE(r);
    EXPECT_EQ(r.value().destination.kind, TransportKind::udp);
    EXPECT_EQ(r.value().destination.endpoint, ep("203.0.113.9", 61000));
}

TEST(RouteResponse, UdpWithReceivedOnlyUsesSentByPort) {
    auto v = via("UDP", "10.0.0.1", 5070);
    const RequestSource src{TransportKind::udp, ep("203.0.113.9", 61000), 0};
    apply(v, via_stamp(v, src.remote));
    auto r = route_response(v, src);
    ASSERT_TRUE(r);
    EXPECT_EQ(r.value().destination.endpoint, ep("203.0.113.9", 5070));
}

TEST(RouteResponse, UdpWithoutReceivedUsesSentByAndDefaultPort) {
    auto r = route_response(via("UDP", "192.0.2.1"), {TransportKind::udp, ep("192.0.2.1", 5060)});
    ASSERT_TRUE(r);
    EXPECT_EQ(r.value().destination.endpoint, ep("192.0.2.1", 5060));
}

TEST(RouteResponse, UdpMaddrWins) {
    auto v = via("UDP", "192.0.2.1", 5080);
    v.maddr = "239.255.255.1";
    v.received = "198.51.100.7";
    auto r = route_response(v, {TransportKind::udp, ep("198.51.100.7", 5080)});
    ASSERT_TRUE(r);
    EXPECT_EQ(r.value().destination.endpoint, ep("239.255.255.1", 5080));
}

TEST(RouteResponse, TcpUsesTheConnectionWithReceivedAndSentByPortAsFallback) {
    auto v = via("TCP", "ue.example.com", 5062);
    v.rport = true;
    const RequestSource src{TransportKind::tcp, ep("2001:db8::5", 40000), 42};
    apply(v, via_stamp(v, src.remote));
    auto r = route_response(v, src);
    ASSERT_TRUE(r);
    EXPECT_EQ(r.value().destination.kind, TransportKind::tcp);
    EXPECT_EQ(r.value().destination.connection, 42u);
    // If connection 42 closed, the transport connects to received at the sent-by port.
    EXPECT_EQ(r.value().destination.endpoint, ep("2001:db8::5", 5062));
    EXPECT_TRUE(r.value().unresolved_host.empty());
}

TEST(RouteResponse, DomainNameNeedsResolution) {
    auto r = route_response(via("UDP", "proxy.example.com", 5060),
                            {TransportKind::udp, ep("192.0.2.1", 5060)});
    ASSERT_TRUE(r);
    EXPECT_EQ(r.value().unresolved_host, "proxy.example.com");
}

TEST(RouteResponse, UnknownTransportIsBadVia) {
    auto r = route_response(via("SCTP", "192.0.2.1"), {TransportKind::udp, ep("192.0.2.1", 5060)});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), sip_errc::bad_via);
}

TEST(RequestTransport, LargeUdpRequestsMoveToTcp) {
    EXPECT_EQ(request_transport(1300, TransportKind::udp), TransportKind::udp);
    EXPECT_EQ(request_transport(1301, TransportKind::udp), TransportKind::tcp);
    EXPECT_EQ(request_transport(100, TransportKind::tcp), TransportKind::tcp);
    EXPECT_EQ(request_transport(600, TransportKind::udp, 500), TransportKind::tcp);
}

TEST(ParseIpLiteral, AcceptsBracketedV6AndRejectsNames) {
    EXPECT_EQ(parse_ip_literal("[::1]"), make_address("::1"));
    EXPECT_EQ(parse_ip_literal("127.0.0.1"), make_address("127.0.0.1"));
    EXPECT_FALSE(parse_ip_literal("example.com"));
}

}  // namespace
}  // namespace ims::sip
