#pragma once
// Fills the plain structs of the transaction layer and of response routing from a parsed
// message, and writes RFC 3261 18.2.1 / RFC 3581 stamps back into it. The rules themselves live
// in transaction_key.hpp and response_route.hpp; this file only reads and writes fields.

#include "common/core/result.hpp"
#include "common/sip/message.hpp"
#include "common/sip/transaction/transaction_key.hpp"
#include "common/sip/transport/response_route.hpp"

namespace ims::sip {

/// The fields transaction matching looks at (17.1.3 / 17.2.3). Fails when the top Via or the
/// CSeq cannot be parsed.
Result<MatchFields> match_fields(const Message& m);

/// The top Via, as response routing needs it.
Result<ViaRoute> via_route(const Message& m);

/// Adds received / rport to the top Via of a received request (a bare `rport` gets its value).
/// Untouched when the stamp is empty. Fails when the top Via cannot be parsed.
Result<void> stamp_top_via(Message& m, const ViaStamp& stamp);

}  // namespace ims::sip
