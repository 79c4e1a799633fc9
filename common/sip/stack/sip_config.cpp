#include "common/sip/stack/sip_config.hpp"

#include <stdexcept>

namespace ims::sip {

SipConfig parse_sip_config(const config::Node& sip, std::string agent) {
    sip.reject_unknown({"listen", "tcp_idle_timeout", "max_tcp_connections", "max_message_size",
                        "timers", "udp_limit", "udp_receive_buffer"});
    SipConfig out;
    out.stack.agent = std::move(agent);
    auto& transport = out.stack.transport;
    transport.tcp_idle_timeout = sip.get_or("tcp_idle_timeout", transport.tcp_idle_timeout);
    transport.max_tcp_connections = static_cast<std::size_t>(sip.get_or<std::uint32_t>(
        "max_tcp_connections", static_cast<std::uint32_t>(transport.max_tcp_connections)));
    transport.limits.max_message_size = sip.get_or<std::uint32_t>(
        "max_message_size", static_cast<std::uint32_t>(transport.limits.max_message_size));
    transport.udp_receive_buffer = sip.get_or<std::uint32_t>(
        "udp_receive_buffer", static_cast<std::uint32_t>(transport.udp_receive_buffer));
    out.stack.udp_limit =
        sip.get_or<std::uint32_t>("udp_limit", static_cast<std::uint32_t>(out.stack.udp_limit));
    if (auto timers = sip.child_optional("timers")) {
        timers->reject_unknown({"t1", "t2", "t4"});
        out.stack.timers.t1 = timers->get_or("t1", out.stack.timers.t1);
        out.stack.timers.t2 = timers->get_or("t2", out.stack.timers.t2);
        out.stack.timers.t4 = timers->get_or("t4", out.stack.timers.t4);
    }
    for (const config::Node& entry : sip.child("listen").items()) {
        entry.reject_unknown({"address", "port", "transports"});
        boost::system::error_code ec;
        const auto address = boost::asio::ip::make_address(entry.get<std::string>("address"), ec);
        if (ec) entry.fail("address", "not an IP address");
        const auto port = entry.get<std::uint16_t>("port");
        std::vector<std::string> kinds{"udp", "tcp"};
        if (auto list = entry.child_optional("transports")) {
            kinds.clear();
            for (const config::Node& k : list->items()) kinds.push_back(k.as<std::string>());
        }
        for (const std::string& k : kinds) {
            auto kind = transport_from_string(k);
            if (!kind) entry.fail("transports", "unknown transport '" + k + "' (udp or tcp)");
            out.listen.push_back({*kind, Endpoint{address, port}});
        }
    }
    if (out.listen.empty()) sip.fail("listen", "needs at least one address");
    return out;
}

void listen_all(SipStack& stack, const SipConfig& config) {
    for (const ListenConfig& l : config.listen) {
        auto bound = stack.listen(l.kind, l.endpoint);
        if (!bound) {
            throw std::runtime_error("cannot listen on " + to_string(l.endpoint) + "/" +
                                     std::string(to_string(l.kind)) + ": " +
                                     bound.error().message());
        }
    }
}

}  // namespace ims::sip
