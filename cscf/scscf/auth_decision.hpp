#pragma once
// The authentication decision for one REGISTER (TS 24.229 5.4.1.2, RFC 3261 22, RFC 7616,
// RFC 3310): given the Authorization credentials and the state of the nonce they name,
// challenge, resynchronise, accept or reject. Pure; the response check is a seam so that
// common/auth's digest code (HA1 / XRES-as-password, constant-time compare) plugs in.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cscf/scscf/auth_state.hpp"

namespace ims::scscf {

/// Digest credentials from an Authorization header (RFC 7616 3.4), unquoted.
struct DigestCredentials {
    std::string username, realm, nonce, uri, response, algorithm, cnonce, opaque, qop, nc;
    std::optional<std::string> auts;  // RFC 3310 3.4: SQN resynchronisation
};

enum class AuthAction : std::uint8_t {
    challenge,  // MAR for a fresh vector, then 401 (stale=true if `stale`)
    resync,     // MAR with SIP-Authorization = RAND||AUTS, then 401 with the new vector
    accept,     // authenticated: go on with the registration
    reject,     // answer `status` `reason` (no MAR)
};

struct AuthDecision {
    AuthAction action = AuthAction::challenge;
    bool stale = false;
    int status = 0;
    std::string reason;
    std::vector<std::uint8_t> resync_info;  // RAND||AUTS (30 bytes)
    std::uint32_t nc = 0;                   // accepted nonce count to record
    bool consume_nonce = false;             // AKA: the vector is spent
};

/// Inputs the response check needs (RFC 7616 3.4.1 with qop=auth).
struct ResponseCheck {
    const DigestCredentials& creds;
    const AuthVector& vector;
    std::string_view method;
};
/// true when `response` is right. Must compare in constant time.
using ResponseVerifier = std::function<bool(const ResponseCheck&)>;

/// `state` is the stored state for creds->nonce (nullptr when unknown). `request_uri` is the
/// REGISTER's Request-URI, compared with the `uri` parameter (RFC 7616 3.4.6).
AuthDecision decide_auth(const std::optional<DigestCredentials>& creds, const NonceState* state,
                         std::string_view method, std::string_view request_uri, TimePoint now,
                         const ResponseVerifier& verify);

}  // namespace ims::scscf
