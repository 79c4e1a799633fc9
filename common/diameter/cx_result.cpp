#include "common/diameter/cx_result.hpp"

namespace ims::cx {

// TS 29.229 6.2 (Experimental-Result-Code, vendor 10415) and RFC 6733 7.1 (Result-Code).
CxResult classify(const Outcome& o) noexcept {
    namespace ec = experimental_code;
    namespace rc = result_code;
    if (o.experimental) {
        switch (o.code) {
            case ec::first_registration:
                return CxResult::first_registration;
            case ec::subsequent_registration:
                return CxResult::subsequent_registration;
            case ec::unregistered_service:
                return CxResult::unregistered_service;
            case ec::success_server_name_not_stored:
                return CxResult::success_server_name_not_stored;
            case ec::user_unknown:
                return CxResult::user_unknown;
            case ec::identities_dont_match:
                return CxResult::identities_dont_match;
            case ec::identity_not_registered:
                return CxResult::not_registered;
            case ec::roaming_not_allowed:
                return CxResult::roaming_not_allowed;
            case ec::identity_already_registered:
                return CxResult::already_registered;
            case ec::auth_scheme_not_supported:
                return CxResult::auth_scheme_unsupported;
            case ec::in_assignment_type:
                return CxResult::assignment_type_error;
            case ec::too_much_data:
                return CxResult::too_much_data;
            case ec::not_supported_user_data:
                return CxResult::not_supported_user_data;
            case ec::feature_unsupported:
            case ec::serving_node_feature_unsupported:
                return CxResult::feature_unsupported;
            default:
                return CxResult::other_error;
        }
    }
    switch (o.code) {
        case rc::success:
            return CxResult::success;
        case rc::command_unsupported:
            return CxResult::command_unsupported;
        case rc::unable_to_deliver:
            return CxResult::peer_down;
        case rc::too_busy:
            return CxResult::too_busy;
        case rc::authorization_rejected:
            return CxResult::authorization_rejected;
        case rc::invalid_avp_value:
            return CxResult::invalid_avp_value;
        case rc::missing_avp:
            return CxResult::missing_avp;
        case rc::unable_to_comply:
            return CxResult::unable_to_comply;
        default:
            // Any other 2xxx is still a success (RFC 6733 7.1.2); the rest we do not name.
            return (o.code >= 2000 && o.code < 3000) ? CxResult::success : CxResult::other_error;
    }
}

CxResult classify(std::error_code ec) noexcept {
    if (!ec) return CxResult::success;
    if (ec.category() != cx_category()) return CxResult::other_error;
    switch (static_cast<cx_errc>(ec.value())) {
        case cx_errc::timeout:
            return CxResult::timeout;
        case cx_errc::unable_to_deliver:
        case cx_errc::not_started:
            return CxResult::peer_down;
        case cx_errc::shutting_down:
            return CxResult::shutting_down;
        case cx_errc::missing_avp:
            return CxResult::missing_avp;
        case cx_errc::invalid_avp_value:
            return CxResult::invalid_avp_value;
        default:
            return CxResult::other_error;
    }
}

std::string_view to_string(CxResult r) noexcept {
    switch (r) {
        case CxResult::success:
            return "success";
        case CxResult::first_registration:
            return "first_registration";
        case CxResult::subsequent_registration:
            return "subsequent_registration";
        case CxResult::unregistered_service:
            return "unregistered_service";
        case CxResult::success_server_name_not_stored:
            return "success_server_name_not_stored";
        case CxResult::user_unknown:
            return "user_unknown";
        case CxResult::identities_dont_match:
            return "identities_dont_match";
        case CxResult::not_registered:
            return "not_registered";
        case CxResult::roaming_not_allowed:
            return "roaming_not_allowed";
        case CxResult::already_registered:
            return "already_registered";
        case CxResult::auth_scheme_unsupported:
            return "auth_scheme_unsupported";
        case CxResult::assignment_type_error:
            return "assignment_type_error";
        case CxResult::too_much_data:
            return "too_much_data";
        case CxResult::not_supported_user_data:
            return "not_supported_user_data";
        case CxResult::feature_unsupported:
            return "feature_unsupported";
        case CxResult::authorization_rejected:
            return "authorization_rejected";
        case CxResult::missing_avp:
            return "missing_avp";
        case CxResult::invalid_avp_value:
            return "invalid_avp_value";
        case CxResult::unable_to_comply:
            return "unable_to_comply";
        case CxResult::too_busy:
            return "too_busy";
        case CxResult::command_unsupported:
            return "command_unsupported";
        case CxResult::timeout:
            return "timeout";
        case CxResult::peer_down:
            return "peer_down";
        case CxResult::shutting_down:
            return "shutting_down";
        case CxResult::other_error:
            return "other_error";
    }
    return "other_error";
}

Outcome to_outcome(CxResult r) noexcept {
    namespace ec = experimental_code;
    namespace rc = result_code;
    switch (r) {
        case CxResult::success:
            return Outcome::base(rc::success);
        case CxResult::first_registration:
            return Outcome::exp(ec::first_registration);
        case CxResult::subsequent_registration:
            return Outcome::exp(ec::subsequent_registration);
        case CxResult::unregistered_service:
            return Outcome::exp(ec::unregistered_service);
        case CxResult::success_server_name_not_stored:
            return Outcome::exp(ec::success_server_name_not_stored);
        case CxResult::user_unknown:
            return Outcome::exp(ec::user_unknown);
        case CxResult::identities_dont_match:
            return Outcome::exp(ec::identities_dont_match);
        case CxResult::not_registered:
            return Outcome::exp(ec::identity_not_registered);
        case CxResult::roaming_not_allowed:
            return Outcome::exp(ec::roaming_not_allowed);
        case CxResult::already_registered:
            return Outcome::exp(ec::identity_already_registered);
        case CxResult::auth_scheme_unsupported:
            return Outcome::exp(ec::auth_scheme_not_supported);
        case CxResult::assignment_type_error:
            return Outcome::exp(ec::in_assignment_type);
        case CxResult::too_much_data:
            return Outcome::exp(ec::too_much_data);
        case CxResult::not_supported_user_data:
            return Outcome::exp(ec::not_supported_user_data);
        case CxResult::feature_unsupported:
            return Outcome::exp(ec::feature_unsupported);
        case CxResult::authorization_rejected:
            return Outcome::base(rc::authorization_rejected);
        case CxResult::missing_avp:
            return Outcome::base(rc::missing_avp);
        case CxResult::invalid_avp_value:
            return Outcome::base(rc::invalid_avp_value);
        case CxResult::too_busy:
            return Outcome::base(rc::too_busy);
        case CxResult::command_unsupported:
            return Outcome::base(rc::command_unsupported);
        case CxResult::peer_down:
            return Outcome::base(rc::unable_to_deliver);
        case CxResult::unable_to_comply:
        case CxResult::timeout:
        case CxResult::shutting_down:
        case CxResult::other_error:
            return Outcome::base(rc::unable_to_comply);
    }
    return Outcome::base(rc::unable_to_comply);
}

std::string_view code_name(const Outcome& o) noexcept {
    if (o.experimental) {
        switch (o.code) {
            case 2001:
                return "DIAMETER_FIRST_REGISTRATION";
            case 2002:
                return "DIAMETER_SUBSEQUENT_REGISTRATION";
            case 2003:
                return "DIAMETER_UNREGISTERED_SERVICE";
            case 2004:
                return "DIAMETER_SUCCESS_SERVER_NAME_NOT_STORED";
            case 5001:
                return "DIAMETER_ERROR_USER_UNKNOWN";
            case 5002:
                return "DIAMETER_ERROR_IDENTITIES_DONT_MATCH";
            case 5003:
                return "DIAMETER_ERROR_IDENTITY_NOT_REGISTERED";
            case 5004:
                return "DIAMETER_ERROR_ROAMING_NOT_ALLOWED";
            case 5005:
                return "DIAMETER_ERROR_IDENTITY_ALREADY_REGISTERED";
            case 5006:
                return "DIAMETER_ERROR_AUTH_SCHEME_NOT_SUPPORTED";
            case 5007:
                return "DIAMETER_ERROR_IN_ASSIGNMENT_TYPE";
            case 5008:
                return "DIAMETER_ERROR_TOO_MUCH_DATA";
            case 5009:
                return "DIAMETER_ERROR_NOT_SUPPORTED_USER_DATA";
            case 5011:
                return "DIAMETER_ERROR_FEATURE_UNSUPPORTED";
            case 5012:
                return "DIAMETER_ERROR_SERVING_NODE_FEATURE_UNSUPPORTED";
            default:
                return "";
        }
    }
    switch (o.code) {
        case 2001:
            return "DIAMETER_SUCCESS";
        case 3001:
            return "DIAMETER_COMMAND_UNSUPPORTED";
        case 3002:
            return "DIAMETER_UNABLE_TO_DELIVER";
        case 3003:
            return "DIAMETER_REALM_NOT_SERVED";
        case 3004:
            return "DIAMETER_TOO_BUSY";
        case 3007:
            return "DIAMETER_APPLICATION_UNSUPPORTED";
        case 5001:
            return "DIAMETER_AVP_UNSUPPORTED";
        case 5003:
            return "DIAMETER_AUTHORIZATION_REJECTED";
        case 5004:
            return "DIAMETER_INVALID_AVP_VALUE";
        case 5005:
            return "DIAMETER_MISSING_AVP";
        case 5012:
            return "DIAMETER_UNABLE_TO_COMPLY";
        default:
            return "";
    }
}

}  // namespace ims::cx
