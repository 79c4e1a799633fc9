#pragma once
// Helpers shared by the Cx handler files (internal to hss/lib).

#include <string>

#include "common/diameter/cx_types.hpp"
#include "hss/lib/hss_errc.hpp"
#include "hss/lib/subscriber_store.hpp"

namespace ims::hss::detail {

template <class Answer, class Request>
Answer answer_to(const Request& req, cx::Outcome outcome) {
    Answer a{};
    a.hdr.session_id = req.hdr.session_id;
    a.hdr.outcome = outcome;
    return a;
}

inline cx::Outcome missing(std::uint32_t avp_code) {
    cx::Outcome o = cx::Outcome::base(cx::result_code::missing_avp);
    o.failed_avp = avp_code;
    return o;
}

inline cx::Outcome exp(std::uint32_t code) {
    return cx::Outcome::exp(code);
}

/// A store fault is not the user's fault: TOO_BUSY when locked, else UNABLE_TO_COMPLY.
inline cx::Outcome store_failure(std::error_code ec) {
    return cx::Outcome::base(ec == hss_errc::busy ? cx::result_code::too_busy
                                                  : cx::result_code::unable_to_comply);
}

/// Resolves IMPI+IMPU to the subscription: 5001 when either is unknown, 5002 when the IMPU
/// belongs to someone else (TS 29.228 6.1.1.1 steps 1-2, 6.3.1 step 1).
struct Resolved {
    std::optional<Subscriber> sub;
    cx::Outcome failure;  // meaningful when !sub
};

inline Resolved resolve(SubscriberStore& store, const std::string& impi, const std::string& impu) {
    Resolved r;
    auto loaded = store.load(impi);
    if (!loaded) return {std::nullopt, store_failure(loaded.error())};
    if (!loaded.value()) return {std::nullopt, exp(cx::experimental_code::user_unknown)};
    if (!loaded.value()->find_impu(impu)) {
        auto owner = store.owner_of(impu);
        if (!owner) return {std::nullopt, store_failure(owner.error())};
        return {std::nullopt, exp(owner.value() ? cx::experimental_code::identities_dont_match
                                                : cx::experimental_code::user_unknown)};
    }
    r.sub = std::move(*loaded.value());
    return r;
}

}  // namespace ims::hss::detail
