#include "common/sip/transport/transport_types.hpp"

#include <algorithm>
#include <cctype>

namespace ims::sip {

std::string_view to_string(TransportKind k) noexcept {
    switch (k) {
        case TransportKind::udp:
            return "UDP";
        case TransportKind::tcp:
            return "TCP";
    }
    return "?";
}

std::optional<TransportKind> transport_from_string(std::string_view token) noexcept {
    auto iequals = [](std::string_view a, std::string_view b) {
        return a.size() == b.size() &&
               std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
                   return std::tolower(static_cast<unsigned char>(x)) ==
                          std::tolower(static_cast<unsigned char>(y));
               });
    };
    if (iequals(token, "UDP")) return TransportKind::udp;
    if (iequals(token, "TCP")) return TransportKind::tcp;
    return std::nullopt;
}

std::string to_string(const Endpoint& e) {
    if (e.address.is_v6()) return "[" + e.address.to_string() + "]:" + std::to_string(e.port);
    return e.address.to_string() + ":" + std::to_string(e.port);
}

}  // namespace ims::sip
