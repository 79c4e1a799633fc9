#pragma once
// HTTP Digest as SIP uses it: RFC 2617 / RFC 7616 computation, RFC 8760 SHA-256 in SIP, and
// Digest-AKAv1-MD5 (RFC 3310), where the "password" is XRES as raw bytes.
//
// Who calls: the S-CSCF (verifying an Authorization header against the HA1 from the HSS), the
// HSS (HA1 for SIP Digest subscribers), the scenario runner (computing a UE's response).
// Pure functions, any thread. Hex results are lowercase (RFC 7616 3.4.1). Never log HA1 or a
// password; fingerprint() them.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/auth/types.hpp"
#include "common/core/result.hpp"

namespace ims::auth {

enum class DigestHash { md5, sha256 };

/// The algorithm= values we implement. "-sess" variants follow RFC 7616 3.4.2.
enum class DigestAlgorithm { md5, md5_sess, sha256, sha256_sess, aka_v1_md5 };

/// Parses algorithm= (case-insensitive). An empty value means MD5 (RFC 7616 3.3 default).
/// "SHA-256" / "SHA-256-sess" / "MD5" / "MD5-sess" / "AKAv1-MD5"; anything else -> nullopt.
std::optional<DigestAlgorithm> parse_digest_algorithm(std::string_view text) noexcept;
/// The canonical spelling for a WWW-Authenticate header ("MD5", "SHA-256", "AKAv1-MD5"...).
std::string_view to_string(DigestAlgorithm algorithm) noexcept;
DigestHash hash_of(DigestAlgorithm algorithm) noexcept;

/// Lowercase hex of H(data): MD5 (32 digits) or SHA-256 (64 digits).
std::string digest_hash_hex(DigestHash hash, std::string_view data);

/// HA1 = H(username ":" realm ":" password) (RFC 7616 3.4.2, non-sess form).
std::string compute_ha1(DigestHash hash, std::string_view username, std::string_view realm,
                        std::string_view password);
/// HA1 with a binary password: AKAv1-MD5 uses XRES bytes (RFC 3310 3.2), so MD5 over
/// username ":" realm ":" followed by the raw octets.
std::string compute_ha1(DigestHash hash, std::string_view username, std::string_view realm,
                        std::span<const std::uint8_t> password);
/// Convenience for AKA: MD5 HA1 with password = XRES.
std::string compute_aka_ha1(std::string_view username, std::string_view realm, const Res& xres);

/// The parameters of an Authorization / Proxy-Authorization header, already unquoted. Who
/// parses the header (common/sip) fills this; strings are copies so it may outlive the message.
struct DigestCredentials {
    std::string username;
    std::string realm;
    std::string nonce;
    std::string uri;
    std::string response;
    std::string algorithm;  ///< as received; empty = MD5
    std::string cnonce;
    std::string nc;   ///< 8 hex digits when qop is present
    std::string qop;  ///< "" (RFC 2069 compatibility) or "auth"
    std::string opaque;
    std::string auts;  ///< AKA resynchronisation only (RFC 3310 3.4)
};

/// request-digest (RFC 7616 3.4.1) from an HA1 given as lowercase hex (as the HSS hands it out):
///   qop=auth : H(HA1 ":" nonce ":" nc ":" cnonce ":" qop ":" H(method ":" uri))
///   no qop   : H(HA1 ":" nonce ":" H(method ":" uri))            (RFC 2617 3.2.2.1)
/// For a -sess algorithm HA1 is first replaced by H(HA1 ":" nonce ":" cnonce).
/// Errors: unsupported_algorithm, unsupported_qop (auth-int and others), missing_parameter
/// (qop without cnonce or nc).
Result<std::string> compute_response(std::string_view ha1_hex, const DigestCredentials& creds,
                                     std::string_view method);

/// Checks creds.response against the one computed from `ha1_hex` for `method`, in constant
/// time. Success, or response_mismatch / the errors of compute_response / invalid_parameter
/// (nc not 8 hex digits). Nonce freshness, realm and username checks are the caller's (it knows
/// which nonce it issued to whom).
Result<void> verify_response(std::string_view ha1_hex, const DigestCredentials& creds,
                             std::string_view method);

}  // namespace ims::auth
