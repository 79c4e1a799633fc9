#include "cscf/scscf/cx_failure.hpp"

namespace ims::scscf {

SipFailure sip_failure_for(cx::CxResult r) {
    using cx::CxResult;
    switch (r) {
        // The HSS is unreachable or late: the UE may retry later (RFC 3261 21.5.5).
        case CxResult::timeout:
        case CxResult::peer_down:
        case CxResult::too_busy:
        case CxResult::shutting_down:
            return {504, "Server Time-out - HSS unreachable"};
        // Identity problems: 403, as TS 24.229 5.3.1.2 prescribes for the same Cx results.
        case CxResult::user_unknown:
            return {403, "Forbidden - user unknown"};
        case CxResult::identities_dont_match:
            return {403, "Forbidden - identities do not match"};
        case CxResult::not_registered:
            return {403, "Forbidden - identity not registered"};
        case CxResult::roaming_not_allowed:
            return {403, "Forbidden - roaming not allowed"};
        case CxResult::already_registered:
            return {403, "Forbidden - identity already registered"};
        case CxResult::auth_scheme_unsupported:
            return {403, "Forbidden - authentication scheme not supported"};
        case CxResult::authorization_rejected:
            return {403, "Forbidden - authorization rejected"};
        // The HSS and we disagree on the protocol or the data: our side's fault for the UE.
        case CxResult::assignment_type_error:
        case CxResult::too_much_data:
        case CxResult::not_supported_user_data:
        case CxResult::feature_unsupported:
        case CxResult::missing_avp:
        case CxResult::invalid_avp_value:
        case CxResult::unable_to_comply:
        case CxResult::command_unsupported:
        case CxResult::other_error:
            return {500, "Server Internal Error - HSS error"};
        case CxResult::success:
        case CxResult::first_registration:
        case CxResult::subsequent_registration:
        case CxResult::unregistered_service:
        case CxResult::success_server_name_not_stored:
            break;
    }
    return {500, "Server Internal Error"};
}

}  // namespace ims::scscf
