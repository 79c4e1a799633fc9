#include "common/sip/transport/transport_errors.hpp"

#include <string>

namespace ims::sip {
namespace {

class TransportCategory final : public std::error_category {
  public:
    const char* name() const noexcept override { return "sip.transport"; }
    std::string message(int ev) const override {
        switch (static_cast<transport_errc>(ev)) {
            case transport_errc::stopped:
                return "Transport stopped";
            case transport_errc::connection_limit:
                return "TCP connection limit reached";
            case transport_errc::no_udp_socket:
                return "No UDP socket for this address family";
            case transport_errc::write_queue_full:
                return "Connection write queue full";
            case transport_errc::connection_closed:
                return "Connection closed";
            case transport_errc::connect_timeout:
                return "TCP connect timed out";
            case transport_errc::write_timeout:
                return "TCP write timed out (peer not reading)";
            case transport_errc::unresolved_destination:
                return "Destination has no IP address";
        }
        return "Unknown transport error " + std::to_string(ev);
    }
};

}  // namespace

const std::error_category& transport_category() noexcept {
    static const TransportCategory category;
    return category;
}

}  // namespace ims::sip
