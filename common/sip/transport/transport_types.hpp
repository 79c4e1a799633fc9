#pragma once
// Plain value types shared by the transports, the response routing rules and the transaction
// layer: which transport, which peer, which connection.

#include <boost/asio/ip/address.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ims::sip {

enum class TransportKind { udp, tcp };

/// RFC 3261 17.1.1.2 / 18: TCP (and later TLS) are reliable; UDP is not.
constexpr bool is_reliable(TransportKind k) noexcept {
    return k != TransportKind::udp;
}

/// "UDP" / "TCP", as written in a Via sent-protocol.
std::string_view to_string(TransportKind k) noexcept;

/// Parses a Via transport token ("UDP", "tcp"); nullopt for transports we do not implement.
std::optional<TransportKind> transport_from_string(std::string_view token) noexcept;

/// RFC 3261 19.1.2 default ports: 5060 for UDP and TCP (5061 would be TLS).
constexpr std::uint16_t default_port(TransportKind) noexcept {
    return 5060;
}

/// An IP address and port (IPv4 or IPv6).
struct Endpoint {
    boost::asio::ip::address address;
    std::uint16_t port = 0;

    friend bool operator==(const Endpoint&, const Endpoint&) = default;
};

/// "192.0.2.1:5060" or "[2001:db8::1]:5060".
std::string to_string(const Endpoint& e);

/// Identifies one TCP connection for its lifetime; 0 means "no connection" (UDP).
using ConnectionId = std::uint64_t;

/// Where to send a message: over `connection` when it is non-zero and still open, else to
/// `endpoint` over `kind` (the transport opens or reuses a TCP connection to it).
/// `from` (UDP only, optional): send from the socket bound to this endpoint, e.g. the `local` a
/// request arrived on, so its response leaves from there (RFC 3581 4); when unset or unknown,
/// the first UDP socket of the destination's address family is used.
struct Destination {
    TransportKind kind = TransportKind::udp;
    Endpoint endpoint;
    ConnectionId connection = 0;
    Endpoint from{};

    friend bool operator==(const Destination&, const Destination&) = default;
};

}  // namespace ims::sip
