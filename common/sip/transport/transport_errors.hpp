#pragma once
// Error codes of the SIP transports (failures to send, refused connections). Socket errors
// themselves stay boost::system / std error codes.

#include <system_error>

namespace ims::sip {

enum class transport_errc {
    stopped = 1,             ///< the transport is shutting down
    connection_limit,        ///< max_tcp_connections reached; nothing new is opened
    no_udp_socket,           ///< no UDP socket of the destination's address family
    write_queue_full,        ///< the connection's write queue exceeded its byte limit
    connection_closed,       ///< the connection closed before the bytes were written
    connect_timeout,         ///< the TCP connect did not finish within connect_timeout
    unresolved_destination,  ///< the destination has no IP address (DNS is not done here)
    write_timeout,           ///< a write did not complete within tcp_write_timeout
};

const std::error_category& transport_category() noexcept;

inline std::error_code make_error_code(transport_errc e) noexcept {
    return {static_cast<int>(e), transport_category()};
}

}  // namespace ims::sip

template <>
struct std::is_error_code_enum<ims::sip::transport_errc> : std::true_type {};
