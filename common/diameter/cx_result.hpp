#pragma once
// Domain view of a Cx exchange: THE one place where Result-Code / Experimental-Result-Code values
// (and transport failures) become words the CSCFs and the HSS reason with.
//
//   auto r = co_await cx.mar(req);
//   switch (cx::classify(r)) { case CxResult::success: ...; case CxResult::user_unknown: ... }
//
// Pure functions, callable from any thread.

#include <cstdint>
#include <string_view>
#include <system_error>

#include "common/core/result.hpp"
#include "common/diameter/cx_errc.hpp"
#include "common/diameter/cx_types.hpp"

namespace ims::cx {

enum class CxResult {
    // Success (2xxx)
    success,                         // Result-Code 2001 DIAMETER_SUCCESS
    first_registration,              // Exp 2001
    subsequent_registration,         // Exp 2002
    unregistered_service,            // Exp 2003
    success_server_name_not_stored,  // Exp 2004
    // Cx permanent failures (Experimental-Result, vendor 10415)
    user_unknown,             // Exp 5001
    identities_dont_match,    // Exp 5002
    not_registered,           // Exp 5003 ERROR_IDENTITY_NOT_REGISTERED
    roaming_not_allowed,      // Exp 5004
    already_registered,       // Exp 5005
    auth_scheme_unsupported,  // Exp 5006
    assignment_type_error,    // Exp 5007
    too_much_data,            // Exp 5008
    not_supported_user_data,  // Exp 5009
    feature_unsupported,      // Exp 5011 / 5012
    // Base protocol failures (Result-Code)
    authorization_rejected,  // 5003
    missing_avp,             // 5005
    invalid_avp_value,       // 5004
    unable_to_comply,        // 5012
    too_busy,                // 3004
    command_unsupported,     // 3001
    // Transport / local
    timeout,        // no answer in time
    peer_down,      // 3002 DIAMETER_UNABLE_TO_DELIVER or no open peer
    shutting_down,  // core stopped while pending
    other_error,    // anything else (see the code / error for detail)
};

/// The outcome carried by an answer (Result-Code or Experimental-Result-Code).
CxResult classify(const Outcome& outcome) noexcept;
/// A transport/local error of a Cx exchange (cx_errc values; other categories -> other_error).
CxResult classify(std::error_code ec) noexcept;
/// Either of the above, for a client result.
template <class Answer>
CxResult classify(const Result<Answer>& r) noexcept {
    return r ? classify(r.value().hdr.outcome) : classify(r.error());
}

/// True for the 2xxx family.
inline bool is_success(CxResult r) noexcept {
    return r == CxResult::success || r == CxResult::first_registration ||
           r == CxResult::subsequent_registration || r == CxResult::unregistered_service ||
           r == CxResult::success_server_name_not_stored;
}

/// Stable snake_case name ("user_unknown"), for logs and JSON.
std::string_view to_string(CxResult r) noexcept;

/// The outcome a server puts in its answer for a domain result (inverse of classify for the
/// answer-carried values; timeout/peer_down/shutting_down/other_error give 5012 UNABLE_TO_COMPLY).
Outcome to_outcome(CxResult r) noexcept;

/// Readable name of a code ("DIAMETER_MISSING_AVP", "DIAMETER_ERROR_USER_UNKNOWN") or "".
std::string_view code_name(const Outcome& outcome) noexcept;

}  // namespace ims::cx
