#include "cscf/scscf/digest_verifier.hpp"

#include "common/auth/digest.hpp"

namespace ims::scscf {

ResponseVerifier make_digest_verifier() {
    return [](const ResponseCheck& check) {
        const auto& c = check.creds;
        auth::DigestCredentials creds;
        creds.username = c.username;
        creds.realm = c.realm;
        creds.nonce = c.nonce;
        creds.uri = c.uri;
        creds.response = c.response;
        creds.algorithm = c.algorithm;
        creds.cnonce = c.cnonce;
        creds.nc = c.nc;
        creds.qop = c.qop;
        creds.opaque = c.opaque;
        std::string ha1;
        if (check.vector.scheme == AuthScheme::aka_v1_md5) {
            ha1 = auth::compute_ha1(auth::DigestHash::md5, c.username, c.realm,
                                    std::span<const std::uint8_t>(check.vector.xres));
        } else {
            ha1 = check.vector.ha1;
        }
        return static_cast<bool>(auth::verify_response(ha1, creds, check.method));
    };
}

}  // namespace ims::scscf
