// MAR -> MAA (TS 29.228 6.3, TS 29.229 6.1.7/6.1.8, TS 33.102 6.3 and annex C).
#include <algorithm>
#include <array>

#include "hss/lib/credentials.hpp"
#include "hss/lib/cx_common.hpp"
#include "hss/lib/cx_handlers.hpp"

namespace ims::hss {

using namespace detail;
namespace ec = cx::experimental_code;
namespace rc = cx::result_code;

namespace {

constexpr std::size_t kRandLen = 16;
constexpr std::size_t kAutsLen = 14;
constexpr int kSqnRetries = 16;

std::optional<AuthScheme> scheme_of(const std::string& name, AuthScheme fallback) {
    if (name == cx::kSchemeAka) return AuthScheme::aka;
    if (name == cx::kSchemeDigest) return AuthScheme::digest;
    // TS 29.228 6.3.1: "Unknown" asks the HSS to pick the subscriber's scheme.
    if (name.empty() || name == cx::kSchemeUnknown) return fallback;
    return std::nullopt;
}

}  // namespace

cx::Maa CxHandlers::mar(const cx::Mar& req) {
    if (req.user_name.empty()) return answer_to<cx::Maa>(req, missing(avp::user_name));
    if (req.public_identity.empty()) return answer_to<cx::Maa>(req, missing(avp::public_identity));
    if (req.server_name.empty()) return answer_to<cx::Maa>(req, missing(avp::server_name));

    auto r = resolve(store_, req.user_name, req.public_identity);
    if (!r.sub) return answer_to<cx::Maa>(req, r.failure);
    Subscriber& sub = *r.sub;

    auto scheme = scheme_of(req.auth_data.scheme, sub.default_scheme);
    if (!scheme || (*scheme == AuthScheme::aka && !sub.aka) ||
        (*scheme == AuthScheme::digest && !sub.digest)) {
        return answer_to<cx::Maa>(req, exp(ec::auth_scheme_not_supported));
    }

    // TS 29.228 8.1: a MAR naming another S-CSCF than the stored one overwrites the name (the
    // I-CSCF has selected a new S-CSCF, e.g. the old one did not answer), except a
    // resynchronisation MAR, which leaves it alone. 8.1.1: the old S-CSCF should be told
    // (on_scscf_reassigned: the daemon sends it an RTR).
    const bool resync = !req.auth_data.authorization.empty();
    if (!resync && sub.scscf_name != req.server_name) {
        RegistrationUpdate update{sub.impi, req.server_name, {}, RegState::not_registered};
        if (auto w = store_.update_registration(update); !w)
            return answer_to<cx::Maa>(req, store_failure(w.error()));
        // A first registration (no name stored yet) has nobody to tell: skip the scan then.
        if (!sub.scscf_name.empty() && settings_.on_scscf_reassigned) {
            std::vector<std::string> registered;
            for (const auto& set : sub.sets)
                for (const auto& id : set.impus)
                    if (id.state == RegState::registered) registered.push_back(id.uri);
            if (!registered.empty())
                settings_.on_scscf_reassigned(sub.impi, sub.scscf_name, registered);
        }
        sub.scscf_name = req.server_name;
    }

    return *scheme == AuthScheme::digest ? mar_digest(req, sub) : mar_aka(req, std::move(sub));
}

cx::Maa CxHandlers::mar_digest(const cx::Mar& req, const Subscriber& sub) {
    // The MAR may name the algorithm it wants in SIP-Digest-Authenticate{Digest-Algorithm}.
    std::string algorithm = "MD5";
    if (req.auth_data.digest && !req.auth_data.digest->algorithm.empty())
        algorithm = req.auth_data.digest->algorithm;
    std::string ha1;
    if (algorithm == "MD5") {
        ha1 = sub.digest->ha1_md5;
    } else if (algorithm == "SHA-256") {
        ha1 = sub.digest->ha1_sha256;
    }
    if (ha1.empty()) return answer_to<cx::Maa>(req, exp(ec::auth_scheme_not_supported));

    auto a = answer_to<cx::Maa>(req, cx::Outcome::base(rc::success));
    a.user_name = req.user_name;
    a.public_identity = req.public_identity;
    cx::AuthDataItem item;
    item.item_number = 1;
    item.scheme = cx::kSchemeDigest;
    // RFC 7616: the qop is "auth"; HA1 replaces the password, which never leaves the HSS.
    item.digest = cx::DigestAuthenticate{sub.digest->realm, algorithm, "auth", ha1};
    a.items.push_back(std::move(item));
    a.number_auth_items = 1;  // one HA1 serves every challenge
    return a;
}

cx::Maa CxHandlers::mar_aka(const cx::Mar& req, Subscriber sub) {
    const std::uint32_t wanted =
        std::clamp<std::uint32_t>(req.number_auth_items, 1, std::max(1u, settings_.max_auth_items));

    std::optional<std::uint64_t> sqn_ms;
    if (!req.auth_data.authorization.empty()) {
        // TS 29.228 6.3.1: SIP-Authorization = RAND || AUTS asks for resynchronisation.
        const auto& blob = req.auth_data.authorization;
        if (blob.size() != kRandLen + kAutsLen) {
            auto o = cx::Outcome::base(rc::invalid_avp_value);
            o.failed_avp = avp::sip_authorization;
            return answer_to<cx::Maa>(req, o);
        }
        Bytes rand(blob.begin(), blob.begin() + kRandLen);
        Bytes auts(blob.begin() + kRandLen, blob.end());
        sqn_ms = recover_sqn_ms(*sub.aka, rand, auts);
        // MAC-S does not verify: the request is not from this USIM; refuse.
        if (!sqn_ms) return answer_to<cx::Maa>(req, cx::Outcome::base(rc::authorization_rejected));
    }

    // Reserve `wanted` SQNs and persist the last one before answering (TS 33.102 C.1: an SQN
    // is never handed out twice, even across a restart). Compare-and-set: concurrent MARs for
    // the same IMPI each get their own range.
    std::vector<std::uint64_t> sqns;
    for (int attempt = 0;; ++attempt) {
        std::uint64_t current = sub.aka->sqn;
        std::uint64_t base = sqn_ms ? sqn_after_resync(current, *sqn_ms) : current;
        sqns.clear();
        std::uint64_t s = base;
        for (std::uint32_t i = 0; i < wanted; ++i) sqns.push_back(s = next_sqn(s));
        auto cas = store_.compare_and_set_sqn(sub.impi, current, sqns.back());
        if (!cas) return answer_to<cx::Maa>(req, store_failure(cas.error()));
        if (cas.value()) break;
        if (attempt + 1 >= kSqnRetries)
            return answer_to<cx::Maa>(req, cx::Outcome::base(rc::too_busy));
        auto reloaded = store_.load(sub.impi);
        if (!reloaded) return answer_to<cx::Maa>(req, store_failure(reloaded.error()));
        if (!reloaded.value() || !reloaded.value()->aka)
            return answer_to<cx::Maa>(req, exp(ec::user_unknown));
        sub = std::move(*reloaded.value());
    }

    auto a = answer_to<cx::Maa>(req, cx::Outcome::base(rc::success));
    a.user_name = req.user_name;
    a.public_identity = req.public_identity;
    for (std::uint32_t i = 0; i < wanted; ++i) {
        Bytes rand(kRandLen);
        random_.fill(rand);
        AkaVector v = make_aka_vector(*sub.aka, sqns[i], rand);
        cx::AuthDataItem item;
        item.item_number = i + 1;
        item.scheme = cx::kSchemeAka;
        item.authenticate = v.rand;
        item.authenticate.insert(item.authenticate.end(), v.autn.begin(), v.autn.end());
        item.authorization = std::move(v.xres);
        item.confidentiality_key = std::move(v.ck);
        item.integrity_key = std::move(v.ik);
        a.items.push_back(std::move(item));
    }
    a.number_auth_items = wanted;
    return a;
}

}  // namespace ims::hss
