#include "cscf/scscf/challenge.hpp"

#include <strings.h>
#include <algorithm>
#include <array>

#include "cscf/scscf/errors.hpp"

namespace ims::scscf {

Result<AuthVector> vector_from_item(const cx::AuthDataItem& item, std::string_view realm) {
    AuthVector v;
    v.realm = std::string(realm);
    if (item.scheme == cx::kSchemeAka) {
        // RAND (16) || AUTN (16) in SIP-Authenticate (TS 29.229 6.3.9).
        if (item.authenticate.size() != 32 || item.authorization.empty()) {
            return make_error(scscf_errc::bad_auth_vector);
        }
        v.scheme = AuthScheme::aka_v1_md5;
        v.rand.assign(item.authenticate.begin(), item.authenticate.begin() + 16);
        v.autn.assign(item.authenticate.begin() + 16, item.authenticate.end());
        v.xres = item.authorization;
        v.ck = item.confidentiality_key;
        v.ik = item.integrity_key;
        return v;
    }
    if (item.scheme == cx::kSchemeDigest || item.digest) {
        if (!item.digest || item.digest->ha1.empty())
            return make_error(scscf_errc::bad_auth_vector);
        const auto& d = *item.digest;
        if (d.algorithm.empty() || ::strcasecmp(d.algorithm.c_str(), "MD5") == 0) {
            v.scheme = AuthScheme::digest_md5;
        } else if (::strcasecmp(d.algorithm.c_str(), "SHA-256") == 0) {
            v.scheme = AuthScheme::digest_sha256;
        } else {
            return make_error(scscf_errc::bad_auth_vector);
        }
        if (!d.realm.empty()) v.realm = d.realm;
        v.ha1 = d.ha1;
        return v;
    }
    return make_error(scscf_errc::bad_auth_vector);
}

NonceState issue_nonce(AuthVector vector, std::string impi, std::string impu, TimePoint now,
                       std::chrono::seconds lifetime, RandomSource& random) {
    NonceState s;
    if (vector.scheme == AuthScheme::aka_v1_md5) {
        std::vector<std::uint8_t> ra = vector.rand;
        ra.insert(ra.end(), vector.autn.begin(), vector.autn.end());
        s.nonce = base64_encode(ra);
    } else {
        std::array<std::uint8_t, 16> bytes{};
        random.fill(bytes);
        s.nonce = base64_encode(bytes);
    }
    std::array<std::uint8_t, 8> op{};
    random.fill(op);
    s.opaque = hex_encode(op);
    s.impi = std::move(impi);
    s.impu = std::move(impu);
    s.vector = std::move(vector);
    s.created = now;
    s.lifetime = lifetime;
    return s;
}

std::string www_authenticate(const NonceState& s, bool stale, bool with_keys) {
    std::string v = "Digest realm=\"" + s.vector.realm + "\", nonce=\"" + s.nonce +
                    "\", algorithm=" + std::string(algorithm_token(s.vector.scheme)) +
                    ", qop=\"auth\", opaque=\"" + s.opaque + "\"";
    if (stale) v += ", stale=true";
    if (with_keys && s.vector.scheme == AuthScheme::aka_v1_md5) {
        v += ", ck=\"" + hex_encode(s.vector.ck) + "\", ik=\"" + hex_encode(s.vector.ik) + "\"";
    }
    return v;
}

std::vector<std::string> www_authenticate_all(std::vector<const NonceState*> states, bool stale,
                                              bool with_keys) {
    auto rank = [](const NonceState* s) {
        switch (s->vector.scheme) {
            case AuthScheme::digest_sha256:
                return 0;
            case AuthScheme::aka_v1_md5:
                return 1;
            case AuthScheme::digest_md5:
                return 2;
        }
        return 3;
    };
    std::stable_sort(states.begin(), states.end(),
                     [&](const auto* a, const auto* b) { return rank(a) < rank(b); });
    std::vector<std::string> out;
    for (const auto* s : states) out.push_back(www_authenticate(*s, stale, with_keys));
    return out;
}

}  // namespace ims::scscf
