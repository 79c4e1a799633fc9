#pragma once
// Building responses to received requests (RFC 3261 8.2.6), used by every CSCF and the stub AS.

#include <optional>
#include <string_view>
#include <system_error>

#include "common/sip/message.hpp"

namespace ims::sip {

/// A response to `request` (RFC 3261 8.2.6.2): Via (all, in order), From, To, Call-ID and CSeq
/// are copied byte for byte; with a non-empty `to_tag` and no tag on the request's To, the To
/// gets ";tag=to_tag" (not for 100 Trying, 8.2.6.1, which copies Timestamp instead).
/// Empty `reason` = the standard phrase. The response shares (keeps alive) the request's buffer.
/// Add further fields (Contact, Service-Route, WWW-Authenticate...) and a body afterwards;
/// Content-Length is written by encode().
Message make_response(const Message& request, int status, std::string_view reason = {},
                      std::string_view to_tag = {});

/// The response to a received datagram/frame that failed to parse with `why` (a sip_errc):
/// status from status_code_for(why) (400, 413, 416, 505, 513), the standard reason phrase and
/// `Warning: 399 <warn_agent> "<why.message()>"` (RFC 3261 20.43). The To tag is `to_tag`, or
/// if empty a tag derived from Call-ID/From tag/branch so a retransmission gets the same one.
/// std::nullopt when no response is possible: not a request, an ACK (17.1.1.3 / 8.2.6), or
/// Via/From/To/Call-ID/CSeq cannot be found. Pure; called on the receiving transport's thread.
std::optional<Message> make_error_response(std::string_view received, std::error_code why,
                                           std::string_view warn_agent = "ims-core",
                                           std::string_view to_tag = {});

}  // namespace ims::sip
