#pragma once
// RFC 3261 17.1.1.1 / Table 4: the three base intervals every transaction timer derives from.

#include <chrono>

namespace ims::sip {

using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;
using Duration = std::chrono::milliseconds;

/// T1 (RTT estimate), T2 (cap on non-INVITE request and INVITE response retransmit interval) and
/// T4 (maximum time a message stays in the network). Defaults are the RFC 3261 recommendations;
/// a lab may lower them to make timeouts quick. Plain value, copied into every transaction.
struct TimerConfig {
    Duration t1{500};
    Duration t2{4000};
    Duration t4{5000};
    /// Timer D (17.1.1.2): "at least 32 seconds" on unreliable transports, independent of our own
    /// T1 because it covers the server's retransmissions of its final response.
    Duration timer_d{32000};

    /// 64*T1: Timers B, F, H and (on unreliable transports) J.
    Duration timeout() const { return 64 * t1; }
};

}  // namespace ims::sip
