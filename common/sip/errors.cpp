#include "common/sip/errors.hpp"

#include <string>

namespace ims::sip {
namespace {

class SipCategory final : public std::error_category {
  public:
    const char* name() const noexcept override { return "sip"; }

    std::string message(int ev) const override {
        switch (static_cast<sip_errc>(ev)) {
            case sip_errc::empty_message:
                return "Empty message";
            case sip_errc::bad_start_line:
                return "Malformed start line";
            case sip_errc::bad_method:
                return "Malformed method";
            case sip_errc::bad_sip_version:
                return "Unsupported SIP version";
            case sip_errc::bad_status_code:
                return "Malformed status code";
            case sip_errc::bad_reason_phrase:
                return "Malformed reason phrase";
            case sip_errc::bad_header_line:
                return "Malformed header line";
            case sip_errc::bad_header_name:
                return "Malformed header name";
            case sip_errc::incomplete_header_section:
                return "Header section not terminated by an empty line";
            case sip_errc::header_starts_with_whitespace:
                return "Header section starts with a continuation line";
            case sip_errc::message_too_large:
                return "Message too large";
            case sip_errc::body_too_large:
                return "Message body too large";
            case sip_errc::too_many_headers:
                return "Too many header fields";
            case sip_errc::header_line_too_long:
                return "Header line too long";
            case sip_errc::missing_content_length:
                return "Missing Content-Length";
            case sip_errc::bad_content_length:
                return "Malformed Content-Length";
            case sip_errc::conflicting_content_length:
                return "Conflicting Content-Length";
            case sip_errc::body_shorter_than_content_length:
                return "Body shorter than Content-Length";
            case sip_errc::bad_uri:
                return "Malformed URI";
            case sip_errc::unsupported_uri_scheme:
                return "Unsupported URI scheme";
            case sip_errc::bad_host:
                return "Malformed host";
            case sip_errc::bad_port:
                return "Malformed port";
            case sip_errc::bad_escape:
                return "Malformed escape sequence";
            case sip_errc::bad_name_addr:
                return "Malformed name-addr";
            case sip_errc::bad_params:
                return "Malformed parameters";
            case sip_errc::bad_quoted_string:
                return "Malformed quoted string";
            case sip_errc::missing_header:
                return "Missing mandatory header field";
            case sip_errc::duplicate_header:
                return "Duplicate header field";
            case sip_errc::bad_via:
                return "Malformed Via";
            case sip_errc::bad_from:
                return "Malformed From";
            case sip_errc::bad_to:
                return "Malformed To";
            case sip_errc::bad_call_id:
                return "Malformed Call-ID";
            case sip_errc::bad_cseq:
                return "Malformed CSeq";
            case sip_errc::cseq_method_mismatch:
                return "CSeq method does not match request method";
            case sip_errc::bad_max_forwards:
                return "Malformed Max-Forwards";
            case sip_errc::bad_expires:
                return "Malformed Expires";
            case sip_errc::bad_contact:
                return "Malformed Contact";
            case sip_errc::bad_route:
                return "Malformed Route";
            case sip_errc::bad_option_tags:
                return "Malformed option tags";
            case sip_errc::bad_auth:
                return "Malformed authentication header";
            case sip_errc::bad_security_mechanism:
                return "Malformed security mechanism";
            case sip_errc::bad_content_type:
                return "Malformed Content-Type";
            case sip_errc::bad_header_value:
                return "Malformed header value";
        }
        return "Unknown SIP error " + std::to_string(ev);
    }
};

}  // namespace

const std::error_category& sip_category() noexcept {
    static const SipCategory category;
    return category;
}

int status_code_for(std::error_code e) noexcept {
    if (e.category() != sip_category()) return 500;
    switch (static_cast<sip_errc>(e.value())) {
        case sip_errc::body_too_large:
            return 413;
        // RFC 3261 21.5.14: the message length exceeded the server's capabilities.
        case sip_errc::message_too_large:
        case sip_errc::too_many_headers:
        case sip_errc::header_line_too_long:
            return 513;
        case sip_errc::unsupported_uri_scheme:
            return 416;
        case sip_errc::bad_sip_version:
            return 505;
        default:
            return 400;
    }
}

std::string_view default_reason_phrase(int status) noexcept {
    switch (status) {
        case 100:
            return "Trying";
        case 180:
            return "Ringing";
        case 181:
            return "Call Is Being Forwarded";
        case 182:
            return "Queued";
        case 183:
            return "Session Progress";
        case 200:
            return "OK";
        case 202:
            return "Accepted";
        case 300:
            return "Multiple Choices";
        case 301:
            return "Moved Permanently";
        case 302:
            return "Moved Temporarily";
        case 305:
            return "Use Proxy";
        case 380:
            return "Alternative Service";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 402:
            return "Payment Required";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 406:
            return "Not Acceptable";
        case 407:
            return "Proxy Authentication Required";
        case 408:
            return "Request Timeout";
        case 410:
            return "Gone";
        case 413:
            return "Request Entity Too Large";
        case 414:
            return "Request-URI Too Long";
        case 415:
            return "Unsupported Media Type";
        case 416:
            return "Unsupported URI Scheme";
        case 420:
            return "Bad Extension";
        case 421:
            return "Extension Required";
        case 423:
            return "Interval Too Brief";
        case 480:
            return "Temporarily Unavailable";
        case 481:
            return "Call/Transaction Does Not Exist";
        case 482:
            return "Loop Detected";
        case 483:
            return "Too Many Hops";
        case 484:
            return "Address Incomplete";
        case 485:
            return "Ambiguous";
        case 486:
            return "Busy Here";
        case 487:
            return "Request Terminated";
        case 488:
            return "Not Acceptable Here";
        case 489:
            return "Bad Event";
        case 491:
            return "Request Pending";
        case 493:
            return "Undecipherable";
        case 494:
            return "Security Agreement Required";
        case 500:
            return "Server Internal Error";
        case 501:
            return "Not Implemented";
        case 502:
            return "Bad Gateway";
        case 503:
            return "Service Unavailable";
        case 504:
            return "Server Time-out";
        case 505:
            return "Version Not Supported";
        case 513:
            return "Message Too Large";
        case 600:
            return "Busy Everywhere";
        case 603:
            return "Decline";
        case 604:
            return "Does Not Exist Anywhere";
        case 606:
            return "Not Acceptable";
        default:
            return {};
    }
}

}  // namespace ims::sip
