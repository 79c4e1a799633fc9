#pragma once
// The real ResponseVerifier: common/auth's RFC 7616 / RFC 3310 computation with a
// constant-time comparison. SIP Digest uses the HA1 from the MAA; Digest-AKAv1-MD5 uses
// HA1 = MD5(username:realm:XRES) with XRES as raw bytes (RFC 3310 3.2).

#include "cscf/scscf/auth_decision.hpp"

namespace ims::scscf {

ResponseVerifier make_digest_verifier();

}  // namespace ims::scscf
