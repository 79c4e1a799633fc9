#pragma once
// Header field names known to the SIP core, with their compact forms (RFC 3261 7.3.3 and the
// IANA registry). Unknown names (HeaderId::other) are kept verbatim.

#include <cstdint>
#include <string_view>

namespace ims::sip {

enum class HeaderId : std::uint8_t {
    other = 0,
    via,
    from,
    to,
    call_id,
    cseq,
    max_forwards,
    contact,
    expires,
    min_expires,
    route,
    record_route,
    path,
    service_route,
    require,
    proxy_require,
    supported,
    unsupported,
    allow,
    allow_events,
    event,
    authorization,
    www_authenticate,
    proxy_authorization,
    proxy_authenticate,
    authentication_info,
    security_client,
    security_server,
    security_verify,
    content_type,
    content_length,
    content_encoding,
    content_disposition,
    accept,
    accept_contact,
    reject_contact,
    request_disposition,
    subject,
    refer_to,
    referred_by,
    session_expires,
    identity,
    user_agent,
    server,
    warning,
    date,
    timestamp,
    retry_after,
    subscription_state,
    p_associated_uri,
    p_asserted_identity,
    p_preferred_identity,
    p_access_network_info,
    p_visited_network_id,
    p_charging_vector,
    p_charging_function_addresses,
    p_called_party_id,
    count_
};

/// Case-insensitive lookup of a header name, long or compact form; HeaderId::other if unknown.
HeaderId lookup_header(std::string_view name) noexcept;

/// The canonical long name ("Call-ID", "WWW-Authenticate"); "" for HeaderId::other.
std::string_view canonical_name(HeaderId id) noexcept;

}  // namespace ims::sip
