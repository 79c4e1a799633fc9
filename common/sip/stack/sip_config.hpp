#pragma once
// The `sip:` section every SIP process shares in its YAML:
//
//   sip:
//     listen:                 # one entry per address; each gets UDP and/or TCP
//       - { address: 127.0.0.1, port: 5060, transports: [udp, tcp] }
//     tcp_idle_timeout: 10m
//     max_tcp_connections: 1024
//     max_message_size: 65536
//     timers: { t1: 500ms, t2: 4s, t4: 5s }
//     udp_limit: 1300         # RFC 3261 18.1.1: larger requests go over TCP
//     udp_receive_buffer: 4194304   # SO_RCVBUF for UDP (capped by net.core.rmem_max); 0: default

#include <vector>

#include "common/config/config.hpp"
#include "common/sip/stack/sip_stack.hpp"

namespace ims::sip {

struct ListenConfig {
    TransportKind kind = TransportKind::udp;
    Endpoint endpoint;
};

struct SipConfig {
    StackConfig stack;
    std::vector<ListenConfig> listen;
};

/// Reads the `sip:` section; throws config::ConfigError naming file, line and key.
SipConfig parse_sip_config(const config::Node& sip, std::string agent);

/// Starts listening on every configured address; throws std::runtime_error naming the address
/// that could not be bound (start-up only).
void listen_all(SipStack& stack, const SipConfig& config);

}  // namespace ims::sip
