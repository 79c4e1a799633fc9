#include "scenarios/as/stub_as.hpp"

#include <chrono>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "common/sip/response.hpp"

namespace ims::as {

std::optional<sip::Message> answer(const sip::Message& request, const AsBehaviour& behaviour,
                                   std::string_view to_tag) {
    const std::string_view method = request.method();
    if (method == "ACK") return std::nullopt;
    int status = behaviour.other_status;
    if (method == "REGISTER") status = behaviour.register_status;
    if (method == "OPTIONS") status = behaviour.options_status;
    sip::Message response = sip::make_response(request, status, {}, to_tag);
    if (status == 405 || method == "OPTIONS") response.add_header("Allow", "REGISTER, OPTIONS");
    if (method == "REGISTER" && status >= 200 && status < 300) {
        // Echo the registration lifetime we accepted, as a registrar would.
        if (auto expires = request.value(sip::HeaderId::expires)) {
            response.add_header(sip::HeaderId::expires, *expires);
        }
    }
    return response;
}

nlohmann::json record(const sip::IncomingRequest& request, int answered_status) {
    const sip::Message& m = request.message;
    auto text = [&](sip::HeaderId id) -> nlohmann::json {
        if (auto v = m.value(id)) return std::string(*v);
        return nullptr;
    };
    const auto now = std::chrono::system_clock::now();
    return {
        {"time", fmt::format("{:%Y-%m-%dT%H:%M:%S}", now)},
        {"method", std::string(m.method())},
        {"request_uri", std::string(m.request_uri_text())},
        {"from", text(sip::HeaderId::from)},
        {"to", text(sip::HeaderId::to)},
        {"call_id", text(sip::HeaderId::call_id)},
        {"cseq", text(sip::HeaderId::cseq)},
        {"contact", text(sip::HeaderId::contact)},
        {"expires", text(sip::HeaderId::expires)},
        {"content_type", text(sip::HeaderId::content_type)},
        {"body", std::string(m.body())},
        {"source", sip::to_string(request.remote)},
        {"transport", std::string(sip::to_string(request.kind))},
        {"answered", answered_status},
        {"raw", m.encode()},
    };
}

}  // namespace ims::as
