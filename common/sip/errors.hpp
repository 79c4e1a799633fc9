#pragma once
// Error codes of the SIP message core (framer, parser, typed headers, URIs).
// Every rejection of a received message carries one of these; status_code_for() turns it into the
// response a UAS/proxy sends back (RFC 3261 8.2.6 / 21.4.1 / 21.4.13 / 21.4.16 / 21.5.14).

#include <string_view>
#include <system_error>

namespace ims::sip {

enum class sip_errc {
    // Structure of the message.
    empty_message = 1,
    bad_start_line,
    bad_method,
    bad_sip_version,
    bad_status_code,
    bad_reason_phrase,
    bad_header_line,
    bad_header_name,
    incomplete_header_section,
    header_starts_with_whitespace,
    // Sizes and framing (RFC 3261 18.3).
    message_too_large,
    body_too_large,
    too_many_headers,
    header_line_too_long,
    missing_content_length,
    bad_content_length,
    conflicting_content_length,
    body_shorter_than_content_length,
    // URIs and addresses (RFC 3261 19.1, 20.10, 25.1; RFC 3966).
    bad_uri,
    unsupported_uri_scheme,
    bad_host,
    bad_port,
    bad_escape,
    bad_name_addr,
    bad_params,
    bad_quoted_string,
    // Header values.
    missing_header,
    duplicate_header,
    bad_via,
    bad_from,
    bad_to,
    bad_call_id,
    bad_cseq,
    cseq_method_mismatch,
    bad_max_forwards,
    bad_expires,
    bad_contact,
    bad_route,
    bad_option_tags,
    bad_auth,
    bad_security_mechanism,
    bad_content_type,
    bad_header_value,
};

/// The category of sip_errc; message() is a short human reason, usable as a reason phrase or in
/// a Warning header (it never contains user data).
const std::error_category& sip_category() noexcept;

inline std::error_code make_error_code(sip_errc e) noexcept {
    return {static_cast<int>(e), sip_category()};
}

/// Status code to answer a request rejected with `e`: 400 Bad Request in general,
/// 413 Request Entity Too Large for a body beyond our limit (21.4.13), 513 Message Too Large for a
/// message (or header section) beyond our capabilities (21.5.14, 18.1.1), 416 Unsupported URI
/// Scheme for a Request-URI scheme we do not handle (21.4.16, 8.2.2.1), 505 Version Not Supported
/// for a SIP version other than 2.0 (21.5.6, 8.2.2.2 is silent; RFC 4475 3.1.2.15 badvers).
/// Codes of other categories map to 500.
int status_code_for(std::error_code e) noexcept;

/// The standard reason phrase of a status code ("Bad Request"), "" if unknown.
std::string_view default_reason_phrase(int status) noexcept;

}  // namespace ims::sip

template <>
struct std::is_error_code_enum<ims::sip::sip_errc> : std::true_type {};
