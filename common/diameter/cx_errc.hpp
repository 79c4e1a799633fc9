#pragma once
// Error codes of the Diameter / Cx layer (category "cx"). Carried in ims::Result<T>.
// Protocol outcomes that arrive in an answer (user unknown, ...) are NOT errors: they are the
// answer's Outcome, classified by classify() in cx_result.hpp. These codes are for what went
// wrong around the exchange: a request we cannot decode, no answer in time, no peer, shutdown.

#include <system_error>

namespace ims::cx {

enum class cx_errc {
    ok = 0,
    missing_avp = 1,     // a mandatory AVP is absent (server answers 5005 + Failed-AVP)
    invalid_avp_value,   // an AVP has a value we cannot accept (server answers 5004)
    unexpected_command,  // decoded the wrong command code / request-vs-answer
    encode_failed,       // freeDiameter refused to build the message (bug or out of memory)
    timeout,             // no answer before request_timeout
    unable_to_deliver,   // no open peer could take the request (3002 / peer down)
    not_started,         // the Diameter core is not running
    shutting_down,       // the core stopped while the request was pending
    core_failure,        // freeDiameter start-up / configuration failed
    tls_setup_failed,    // could not create or read the TLS certificate and key
};

const std::error_category& cx_category() noexcept;

inline std::error_code make_error_code(cx_errc e) noexcept {
    return {static_cast<int>(e), cx_category()};
}

}  // namespace ims::cx

template <>
struct std::is_error_code_enum<ims::cx::cx_errc> : std::true_type {};
