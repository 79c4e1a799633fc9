#pragma once
// The stub application server: what it answers and what it records. Pure: the process around it
// (as_main.cpp) moves the messages.

#include <nlohmann/json.hpp>
#include <string>

#include "common/sip/message.hpp"
#include "common/sip/stack/sip_stack.hpp"

namespace ims::as {

struct AsBehaviour {
    int register_status =
        200;  ///< what a (third-party) REGISTER gets; failure tests set 500, 403...
    int options_status = 200;
    int other_status = 405;  ///< any other method: 405 Method Not Allowed with Allow
};

/// The response to `request` (RFC 3261 8.2.6, To tag added). An ACK gets none (nullopt).
std::optional<sip::Message> answer(const sip::Message& request, const AsBehaviour& behaviour,
                                   std::string_view to_tag);

/// One JSON object describing a received request: method, request_uri, from, to, call_id, cseq,
/// contact, expires, content_type, body, source, transport and the raw message.
nlohmann::json record(const sip::IncomingRequest& request, int answered_status);

}  // namespace ims::as
