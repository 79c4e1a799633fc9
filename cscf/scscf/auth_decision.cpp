#include "cscf/scscf/auth_decision.hpp"

#include <strings.h>
#include <charconv>

#include "cscf/scscf/codec.hpp"

namespace ims::scscf {

std::string_view algorithm_token(AuthScheme s) {
    switch (s) {
        case AuthScheme::digest_md5:
            return "MD5";
        case AuthScheme::digest_sha256:
            return "SHA-256";
        case AuthScheme::aka_v1_md5:
            return "AKAv1-MD5";
    }
    return "MD5";
}

std::string_view scheme_name(AuthScheme s) {
    switch (s) {
        case AuthScheme::digest_md5:
            return "md5";
        case AuthScheme::digest_sha256:
            return "sha-256";
        case AuthScheme::aka_v1_md5:
            return "aka";
    }
    return "md5";
}

std::optional<AuthScheme> scheme_from_name(std::string_view name) {
    if (name == "md5") return AuthScheme::digest_md5;
    if (name == "sha-256" || name == "sha256") return AuthScheme::digest_sha256;
    if (name == "aka" || name == "akav1-md5") return AuthScheme::aka_v1_md5;
    return std::nullopt;
}

namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && ::strncasecmp(a.data(), b.data(), a.size()) == 0;
}

AuthDecision reject(int status, std::string reason, bool consume = false) {
    AuthDecision d;
    d.action = AuthAction::reject;
    d.status = status;
    d.reason = std::move(reason);
    d.consume_nonce = consume;
    return d;
}

AuthDecision challenge(bool stale) {
    AuthDecision d;
    d.action = AuthAction::challenge;
    d.stale = stale;
    return d;
}

}  // namespace

AuthDecision decide_auth(const std::optional<DigestCredentials>& creds, const NonceState* state,
                         std::string_view method, std::string_view request_uri, TimePoint now,
                         const ResponseVerifier& verify) {
    // TS 24.229 5.4.1.2.1: no credentials, or the UE's initial REGISTER carrying an
    // Authorization with an empty nonce (TS 24.229 5.1.1.2.1), means: challenge.
    if (!creds || creds->nonce.empty()) return challenge(false);
    // A nonce we never issued or already forgot (e.g. before a restart): fresh challenge.
    if (state == nullptr) return challenge(false);

    const auto& c = *creds;
    const bool aka = state->vector.scheme == AuthScheme::aka_v1_md5;
    if (c.username != state->impi) return reject(403, "Forbidden - username does not match");
    if (c.realm != state->vector.realm) return reject(403, "Forbidden - realm does not match");

    if (c.auts) {
        // RFC 3310 3.4 / TS 33.203 6.1.2: the UE saw an SQN out of range; hand RAND||AUTS to
        // the HSS for resynchronisation (MAR), then challenge with the new vector.
        if (!aka) return reject(400, "Bad Request - auts without AKA");
        auto auts = base64_decode(*c.auts);
        if (!auts || auts.value().size() != 14) return reject(400, "Bad Request - malformed auts");
        AuthDecision d;
        d.action = AuthAction::resync;
        d.resync_info = state->vector.rand;
        d.resync_info.insert(d.resync_info.end(), auts.value().begin(), auts.value().end());
        d.consume_nonce = true;
        return d;
    }

    if (state->stale(now)) return challenge(true);

    // RFC 7616 3.4.6 / RFC 2617 3.2.2.5: a uri that is not the Request-URI is a 400.
    if (c.uri.empty() || !iequals(c.uri, request_uri)) {
        return reject(400, "Bad Request - digest uri does not match Request-URI");
    }
    // Absent algorithm means MD5 (RFC 7616 3.3); it must be the one this nonce was issued for.
    const std::string_view algorithm = c.algorithm.empty() ? "MD5" : std::string_view(c.algorithm);
    if (!iequals(algorithm, algorithm_token(state->vector.scheme))) {
        return reject(403, "Forbidden - algorithm does not match the challenge");
    }
    // We always offer qop="auth" (RFC 7616 3.3): the answer must use it, with cnonce and nc.
    if (!iequals(c.qop, "auth")) return reject(400, "Bad Request - qop=auth required");
    if (c.cnonce.empty()) return reject(400, "Bad Request - cnonce missing");
    std::uint32_t nc = 0;
    {
        const auto* b = c.nc.data();
        const auto* e = b + c.nc.size();
        const auto [p, ec] = std::from_chars(b, e, nc, 16);
        if (c.nc.size() != 8 || ec != std::errc{} || p != e || nc == 0) {
            return reject(400, "Bad Request - malformed nc");
        }
    }
    if (!c.opaque.empty() && c.opaque != state->opaque) {
        return reject(403, "Forbidden - opaque does not match");
    }
    // RFC 7616 3.4: a nonce count is accepted once; a repeat is a replay. Re-challenge with
    // stale=true so an honest client simply retries with a fresh nonce.
    if (nc <= state->highest_nc) return challenge(true);

    // TS 24.229 5.4.1.2.3: the UE found the network unauthentic (MAC failure) and sent an
    // empty response; or the response is wrong: 403, the attempt failed.
    if (c.response.empty()) return reject(403, "Forbidden - authentication failed", aka);
    if (!verify(ResponseCheck{c, state->vector, method})) {
        return reject(403, "Forbidden - authentication failed", aka);
    }
    AuthDecision d;
    d.action = AuthAction::accept;
    d.nc = nc;
    d.consume_nonce = aka;  // TS 33.203: an AKA vector is used once
    return d;
}

}  // namespace ims::scscf
