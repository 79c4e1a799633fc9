#pragma once
// RFC 3261 18.2.1 / 18.2.2 and RFC 3581: what a server adds to the top Via of a received request
// (received, rport) and where the responses to it go. Pure functions over a plain struct that the
// adapter fills from the parsed top Via, so the rules are testable without the parser.
// Also RFC 3261 18.1.1: which transport a request of a given size must take.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "common/core/result.hpp"
#include "common/sip/transport/transport_types.hpp"

namespace ims::sip {

/// The parts of a top Via that response routing needs.
struct ViaRoute {
    std::string transport;           ///< sent-protocol transport token: "UDP", "TCP"
    std::string sent_by_host;        ///< host of sent-by (IP literal or domain name; IPv6 with [])
    std::uint16_t sent_by_port = 0;  ///< 0 when sent-by has no port
    std::optional<std::string> received;
    bool rport = false;                        ///< the rport parameter is present (RFC 3581 3)
    std::optional<std::uint16_t> rport_value;  ///< its value, once a server filled it in
    std::optional<std::string> maddr;
};

/// Where a request came from (what the transport reported with it).
struct RequestSource {
    TransportKind kind = TransportKind::udp;
    Endpoint remote;
    ConnectionId connection = 0;
};

/// Parameters the server must add to the top Via of a received request.
struct ViaStamp {
    std::optional<std::string> received;  ///< value for ;received=
    std::optional<std::uint16_t> rport;   ///< value for ;rport=
    bool empty() const { return !received && !rport; }
};

/// 18.2.1: `received` when sent-by is a domain name or an IP different from the packet's source;
/// RFC 3581 4: with an empty `rport`, always `received` and `rport` = the source port.
ViaStamp via_stamp(const ViaRoute& via, const Endpoint& source);

/// Copies a stamp into the struct (what the adapter also writes into the message).
void apply(ViaRoute& via, const ViaStamp& stamp);

/// Where the response goes. When `unresolved_host` is not empty the target is a domain name
/// (RFC 3263 5 resolution needed; not done here) and `destination.endpoint` is unset; a reliable
/// destination can still use `destination.connection` while it is open.
struct ResponseRoute {
    Destination destination;
    std::string unresolved_host;
};

/// 18.2.2 (with RFC 3581 4), given the top Via as it is in the response (already stamped) and
/// where the request came from:
///  - reliable: the connection the request arrived on; if it closed, received (else sent-by
///    host) at the sent-by port (default 5060);
///  - unreliable with maddr: maddr at the sent-by port (multicast TTL not supported);
///  - unreliable with received and rport: received:rport (from the address we received on);
///  - unreliable with received: received at the sent-by port;
///  - otherwise the sent-by host and port.
/// Error (sip_errc::bad_via) when the Via transport is one we do not implement.
Result<ResponseRoute> route_response(const ViaRoute& via, const RequestSource& source);

/// 18.1.1: a request larger than `udp_limit` (1300 by default; path MTU unknown) MUST go over a
/// congestion-controlled transport. Returns TCP for such a request meant for UDP, else
/// `preferred`. The caller must then say TCP in the top Via (the token has the same length, so
/// the size does not change).
TransportKind request_transport(std::size_t message_size, TransportKind preferred,
                                std::size_t udp_limit = 1300);

/// Parses an IP literal as it appears in sent-by, received or maddr ("192.0.2.1", "[::1]",
/// "::1"); nullopt for a domain name.
std::optional<boost::asio::ip::address> parse_ip_literal(std::string_view host);

}  // namespace ims::sip
