#include "common/sip/transport/response_route.hpp"

#include "common/sip/errors.hpp"

namespace ims::sip {

std::optional<boost::asio::ip::address> parse_ip_literal(std::string_view host) {
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    boost::system::error_code ec;
    auto addr = boost::asio::ip::make_address(std::string(host), ec);
    if (ec) return std::nullopt;
    return addr;
}

ViaStamp via_stamp(const ViaRoute& via, const Endpoint& source) {
    ViaStamp stamp;
    const auto sent_by_ip = parse_ip_literal(via.sent_by_host);
    // 18.2.1: compare addresses, not strings ("::1" and "0:0::1" are the same host).
    if (via.rport || !sent_by_ip || *sent_by_ip != source.address) {
        stamp.received = source.address.to_string();  // IPv6 without brackets, as RFC 3261 25.1
    }
    if (via.rport) stamp.rport = source.port;  // RFC 3581 4
    return stamp;
}

void apply(ViaRoute& via, const ViaStamp& stamp) {
    if (stamp.received) via.received = stamp.received;
    if (stamp.rport) via.rport_value = stamp.rport;
}

namespace {

ResponseRoute to_host(TransportKind kind, std::string_view host, std::uint16_t port,
                      ConnectionId connection = 0) {
    ResponseRoute r;
    r.destination.kind = kind;
    r.destination.connection = connection;
    r.destination.endpoint.port = port;
    if (auto ip = parse_ip_literal(host)) {
        r.destination.endpoint.address = *ip;
    } else {
        r.unresolved_host = std::string(host);
    }
    return r;
}

}  // namespace

Result<ResponseRoute> route_response(const ViaRoute& via, const RequestSource& source) {
    const auto kind = transport_from_string(via.transport);
    if (!kind) return make_error_code(sip_errc::bad_via);
    const std::uint16_t port = via.sent_by_port != 0 ? via.sent_by_port : default_port(*kind);
    const std::string& host = via.received ? *via.received : via.sent_by_host;
    if (is_reliable(source.kind)) {
        // 18.2.2: back over the connection the request came on; if it is gone, open one to
        // received (or sent-by) at the sent-by port.
        return to_host(source.kind, host, port, source.connection);
    }
    if (via.maddr) return to_host(*kind, *via.maddr, port);
    // RFC 3581 4: rport with a value (we filled it) means the source port of the request.
    if (via.received && via.rport_value) return to_host(*kind, *via.received, *via.rport_value);
    return to_host(*kind, host, port);
}

TransportKind request_transport(std::size_t message_size, TransportKind preferred,
                                std::size_t udp_limit) {
    if (preferred == TransportKind::udp && message_size > udp_limit) return TransportKind::tcp;
    return preferred;
}

}  // namespace ims::sip
