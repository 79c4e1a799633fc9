// UAR and LIR (TS 29.228 6.1.1, 6.1.4) and the shared plumbing of CxHandlers.
#include "hss/lib/cx_handlers.hpp"

#include <openssl/rand.h>

#include <algorithm>

#include "hss/lib/cx_common.hpp"

namespace ims::hss {

using namespace detail;
namespace ec = cx::experimental_code;
namespace rc = cx::result_code;

void OpenSslRandom::fill(std::span<std::uint8_t> out) {
    if (RAND_bytes(out.data(), static_cast<int>(out.size())) != 1) {
        // The CSPRNG failing is not recoverable in a meaningful way; never hand out a
        // predictable RAND.
        std::abort();
    }
}

CxHandlers::CxHandlers(SubscriberStore& store, Random& random, HssSettings settings)
    : store_(store), random_(random), settings_(std::move(settings)) {}

bool CxHandlers::roaming_allowed(const Subscriber& sub, const std::string& visited) const {
    if (visited.empty() || visited == settings_.home_network) return true;
    const auto& allowed = sub.allowed_visited_networks;
    return std::find(allowed.begin(), allowed.end(), visited) != allowed.end() ||
           std::find(allowed.begin(), allowed.end(), "*") != allowed.end();
}

cx::Uaa CxHandlers::uar(const cx::Uar& req) {
    if (req.user_name.empty()) return answer_to<cx::Uaa>(req, missing(avp::user_name));
    if (req.public_identity.empty()) return answer_to<cx::Uaa>(req, missing(avp::public_identity));

    auto r = resolve(store_, req.user_name, req.public_identity);
    if (!r.sub) return answer_to<cx::Uaa>(req, r.failure);
    const Subscriber& sub = *r.sub;
    const ImplicitSet& set = *sub.set_of(req.public_identity);
    const PublicIdentity& id = *sub.find_impu(req.public_identity);

    // TS 29.228 6.1.1.1 step 3: a barred identity is refused (DIAMETER_AUTHORIZATION_REJECTED,
    // a base Result-Code) unless its implicit set holds a non-barred identity to register.
    if (id.barred && std::all_of(set.impus.begin(), set.impus.end(),
                                 [](const PublicIdentity& p) { return p.barred; })) {
        return answer_to<cx::Uaa>(req, cx::Outcome::base(rc::authorization_rejected));
    }

    const auto type = req.authorization_type.value_or(cx::UserAuthorizationType::registration);
    // Step 4: roaming applies to (re-)registration, not to de-registration.
    if (type != cx::UserAuthorizationType::de_registration &&
        !roaming_allowed(sub, req.visited_network_id)) {
        return answer_to<cx::Uaa>(req, exp(ec::roaming_not_allowed));
    }

    // Step 5: the answer depends on the registration state and on a stored S-CSCF name.
    const bool assigned = !sub.scscf_name.empty();
    const bool has_state = id.state != RegState::not_registered;
    switch (type) {
        case cx::UserAuthorizationType::de_registration: {
            if (has_state && assigned) {
                auto a = answer_to<cx::Uaa>(req, cx::Outcome::base(rc::success));
                a.server_name = sub.scscf_name;
                return a;
            }
            return answer_to<cx::Uaa>(req, exp(ec::identity_not_registered));
        }
        case cx::UserAuthorizationType::registration_and_capabilities: {
            // The I-CSCF asks to (re)select an S-CSCF: give capabilities whatever the state.
            auto a = answer_to<cx::Uaa>(req, exp(ec::first_registration));
            a.capabilities = settings_.capabilities;
            return a;
        }
        case cx::UserAuthorizationType::registration:
        default: {
            if (assigned) {
                auto a = answer_to<cx::Uaa>(req, exp(ec::subsequent_registration));
                a.server_name = sub.scscf_name;
                return a;
            }
            auto a = answer_to<cx::Uaa>(req, exp(ec::first_registration));
            a.capabilities = settings_.capabilities;
            return a;
        }
    }
}

cx::Lia CxHandlers::lir(const cx::Lir& req) {
    if (req.public_identity.empty()) return answer_to<cx::Lia>(req, missing(avp::public_identity));
    auto owner = store_.owner_of(req.public_identity);
    if (!owner) return answer_to<cx::Lia>(req, store_failure(owner.error()));
    if (!owner.value()) return answer_to<cx::Lia>(req, exp(ec::user_unknown));
    auto loaded = store_.load(*owner.value());
    if (!loaded) return answer_to<cx::Lia>(req, store_failure(loaded.error()));
    if (!loaded.value()) return answer_to<cx::Lia>(req, exp(ec::user_unknown));
    const Subscriber& sub = *loaded.value();
    const PublicIdentity* id = sub.find_impu(req.public_identity);
    const ImplicitSet* set = sub.set_of(req.public_identity);
    if (!id || !set) return answer_to<cx::Lia>(req, exp(ec::user_unknown));

    // TS 29.228 6.1.4.1: registered or unregistered (S-CSCF assigned) -> its name.
    if (id->state != RegState::not_registered && !sub.scscf_name.empty()) {
        auto a = answer_to<cx::Lia>(req, cx::Outcome::base(rc::success));
        a.server_name = sub.scscf_name;
        return a;
    }
    // Not registered: services for the unregistered user (or an originating request) give
    // DIAMETER_UNREGISTERED_SERVICE with the stored S-CSCF name, else capabilities.
    bool unregistered_services = req.originating_request.has_value();
    if (!unregistered_services) {
        auto profile = store_.profile(set->service_profile);
        if (!profile) return answer_to<cx::Lia>(req, store_failure(profile.error()));
        unregistered_services = profile.value() && has_unregistered_services(*profile.value());
    }
    if (!unregistered_services) return answer_to<cx::Lia>(req, exp(ec::identity_not_registered));
    auto a = answer_to<cx::Lia>(req, exp(ec::unregistered_service));
    if (!sub.scscf_name.empty()) {
        a.server_name = sub.scscf_name;
    } else {
        a.capabilities = settings_.capabilities;
    }
    return a;
}

}  // namespace ims::hss
