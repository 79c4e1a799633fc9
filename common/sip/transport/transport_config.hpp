#pragma once
// Settings of the SIP transports; filled from the process YAML by its owner.

#include <chrono>
#include <cstddef>
#include <functional>
#include <system_error>

#include "common/sip/framer.hpp"
#include "common/sip/transport/buffer.hpp"
#include "common/sip/transport/transport_types.hpp"

namespace ims::sip {

struct TransportConfig {
    /// Size limits for received messages (framer); a UDP datagram larger than
    /// limits.max_message_size is handed up truncated, with sip_errc::message_too_large.
    Limits limits;
    /// A TCP connection with no bytes in either direction for this long is closed.
    std::chrono::milliseconds tcp_idle_timeout{std::chrono::minutes{10}};
    /// Cap on open TCP connections (accepted + opened by us); excess accepts are closed at once.
    std::size_t max_tcp_connections = 1024;
    /// Deadline for an outgoing TCP connect.
    std::chrono::milliseconds connect_timeout{std::chrono::seconds{5}};
    /// After unframeable input a TCP connection stops delivering, lets the owner's error
    /// response (400/413/513) go out, then closes; at the latest after this long.
    std::chrono::milliseconds tcp_error_linger{std::chrono::milliseconds{500}};
    /// Deadline for one queued write to reach the kernel; a peer that stops reading is closed.
    std::chrono::milliseconds tcp_write_timeout{std::chrono::seconds{30}};
    /// SO_RCVBUF asked for on UDP sockets (the kernel caps it at net.core.rmem_max); 0 keeps
    /// the system default.
    std::size_t udp_receive_buffer = 4 * 1024 * 1024;
    /// Bytes queued on one connection beyond which further sends fail (a stalled peer).
    std::size_t max_write_queue_bytes = 4 * 1024 * 1024;
};

/// What the transport hands up for every message (or unframeable input) it receives.
struct ReceivedMessage {
    /// The framed message (TCP) or the datagram (UDP). With `error` set: what was buffered, at
    /// most limits.max_message_size bytes, so the owner can try to parse the headers and answer
    /// 400/413/513 (status_code_for(error)). After a TCP framing error the connection delivers
    /// nothing more; a response sent to it within tcp_error_linger still goes out, then it closes.
    Buffer bytes;
    TransportKind kind = TransportKind::udp;
    Endpoint local;
    Endpoint remote;
    ConnectionId connection = 0;  ///< 0 for UDP
    std::error_code error;
};

/// Called with every received message, on the transport's strand (the io_context thread when
/// it runs on one thread). Must not block.
using ReceiveHandler = std::function<void(ReceivedMessage)>;

/// Completion of one send: empty error once the bytes were handed to the kernel.
using SendHandler = std::function<void(std::error_code)>;

}  // namespace ims::sip
