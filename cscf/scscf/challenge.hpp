#pragma once
// Building the 401 challenge (TS 24.229 5.4.1.2.1, RFC 7616, RFC 8760, RFC 3310): turn MAA
// authentication items into nonce states and render WWW-Authenticate header values.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "common/core/result.hpp"
#include "common/diameter/cx_types.hpp"
#include "cscf/scscf/auth_state.hpp"
#include "cscf/scscf/codec.hpp"

namespace ims::scscf {

/// One SIP-Auth-Data-Item of an MAA as a vector. `realm` is used when the item has none
/// (AKA items carry no realm: the S-CSCF's home domain is the realm).
Result<AuthVector> vector_from_item(const cx::AuthDataItem& item, std::string_view realm);

/// A new challenge for `vector`: AKA nonce = base64(RAND||AUTN) (RFC 3310 3.2); digest nonce =
/// base64 of 16 random bytes; opaque = 8 random bytes in hex.
NonceState issue_nonce(AuthVector vector, std::string impi, std::string impu, TimePoint now,
                       std::chrono::seconds lifetime, RandomSource& random);

/// One WWW-Authenticate value: Digest realm, nonce, algorithm, qop="auth", opaque[, stale=true]
/// [, ck, ik]. `with_keys`: TS 24.229 5.4.1.2.1 adds ck="<hex>", ik="<hex>" for AKA in the 401
/// sent towards the P-CSCF (which removes them). The value then holds keys: never log it.
std::string www_authenticate(const NonceState& state, bool stale, bool with_keys);

/// Several challenges, one header value each, strongest first (RFC 8760 2.4: SHA-256 before MD5).
std::vector<std::string> www_authenticate_all(std::vector<const NonceState*> states, bool stale,
                                              bool with_keys);

}  // namespace ims::scscf
