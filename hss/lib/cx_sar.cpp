// SAR -> SAA (TS 29.228 6.1.2, TS 29.229 6.1.3/6.1.4): record or clear the serving S-CSCF,
// move implicit sets between registration states, download the IMS subscription.
#include <algorithm>
#include <set>

#include "hss/lib/cx_common.hpp"
#include "hss/lib/cx_handlers.hpp"
#include "hss/lib/profile_xml.hpp"

namespace ims::hss {

using namespace detail;
namespace ec = cx::experimental_code;
namespace rc = cx::result_code;
using Sat = cx::ServerAssignmentType;

namespace {

bool is_registration(Sat t) {
    return t == Sat::registration || t == Sat::re_registration;
}

bool is_deregistration(Sat t) {
    return t == Sat::timeout_deregistration || t == Sat::user_deregistration ||
           t == Sat::administrative_deregistration || t == Sat::deregistration_too_much_data ||
           t == Sat::timeout_deregistration_store_server_name ||
           t == Sat::user_deregistration_store_server_name;
}

bool keeps_server_name(Sat t) {
    return t == Sat::timeout_deregistration_store_server_name ||
           t == Sat::user_deregistration_store_server_name;
}

bool known_type(Sat t) {
    return static_cast<std::uint32_t>(t) <=
           static_cast<std::uint32_t>(Sat::deregistration_too_much_data);
}

}  // namespace

cx::Saa CxHandlers::sar(const cx::Sar& req) {
    const Sat type = req.assignment_type;
    if (!known_type(type)) {
        auto o = cx::Outcome::base(rc::invalid_avp_value);
        o.failed_avp = avp::server_assignment_type;
        return answer_to<cx::Saa>(req, o);
    }
    if (req.server_name.empty()) return answer_to<cx::Saa>(req, missing(avp::server_name));
    const bool has_impi = req.user_name && !req.user_name->empty();
    // TS 29.229 6.1.3: User-Name is present except for UNREGISTERED_USER (and may be absent
    // on de-registration by public identity); registration needs it.
    if (!has_impi && (is_registration(type) || type == Sat::authentication_failure ||
                      type == Sat::authentication_timeout))
        return answer_to<cx::Saa>(req, missing(avp::user_name));
    if (!has_impi && req.public_identities.empty())
        return answer_to<cx::Saa>(req, missing(avp::public_identity));

    // TS 29.228 6.1.2.1 step 1: identities known and belonging together.
    std::optional<Subscriber> sub;
    if (has_impi) {
        auto loaded = store_.load(*req.user_name);
        if (!loaded) return answer_to<cx::Saa>(req, store_failure(loaded.error()));
        if (!loaded.value()) return answer_to<cx::Saa>(req, exp(ec::user_unknown));
        sub = std::move(*loaded.value());
    } else {
        auto owner = store_.owner_of(req.public_identities.front());
        if (!owner) return answer_to<cx::Saa>(req, store_failure(owner.error()));
        if (!owner.value()) return answer_to<cx::Saa>(req, exp(ec::user_unknown));
        auto loaded = store_.load(*owner.value());
        if (!loaded) return answer_to<cx::Saa>(req, store_failure(loaded.error()));
        if (!loaded.value()) return answer_to<cx::Saa>(req, exp(ec::user_unknown));
        sub = std::move(*loaded.value());
    }
    for (const auto& impu : req.public_identities) {
        if (impu.empty()) return answer_to<cx::Saa>(req, missing(avp::public_identity));
        if (sub->find_impu(impu)) continue;
        auto owner = store_.owner_of(impu);
        if (!owner) return answer_to<cx::Saa>(req, store_failure(owner.error()));
        return answer_to<cx::Saa>(
            req, exp(owner.value() ? ec::identities_dont_match : ec::user_unknown));
    }

    // The implicit sets concerned: those of the named identities, or all of the IMPI's.
    std::vector<const ImplicitSet*> sets;
    for (const auto& set : sub->sets) {
        bool named = req.public_identities.empty();
        for (const auto& id : set.impus)
            if (std::find(req.public_identities.begin(), req.public_identities.end(), id.uri) !=
                req.public_identities.end())
                named = true;
        if (named) sets.push_back(&set);
    }
    auto impus_of = [&](auto&& keep) {
        std::vector<std::string> out;
        for (const auto* set : sets)
            for (const auto& id : set->impus)
                if (keep(id)) out.push_back(id.uri);
        return out;
    };
    auto any_impu = [&](auto&& pred) {
        for (const auto* set : sets)
            for (const auto& id : set->impus)
                if (pred(id)) return true;
        return false;
    };
    // Would any identity outside the concerned sets still be registered or unregistered?
    auto others_keep_scscf = [&]() {
        for (const auto& set : sub->sets) {
            if (std::find(sets.begin(), sets.end(), &set) != sets.end()) continue;
            for (const auto& id : set.impus)
                if (id.state != RegState::not_registered) return true;
        }
        return false;
    };

    // TS 29.228 8.1: a command other than MAR naming another S-CSCF than the stored one does
    // not overwrite it; the HSS answers with an error. (The MAR of a re-selected S-CSCF has
    // already stored the new name, so its SAR matches.) UNREGISTERED_USER gets
    // DIAMETER_ERROR_IDENTITY_ALREADY_REGISTERED, every other type DIAMETER_UNABLE_TO_COMPLY.
    if (!sub->scscf_name.empty() && sub->scscf_name != req.server_name) {
        return answer_to<cx::Saa>(req, type == Sat::unregistered_user
                                           ? exp(ec::identity_already_registered)
                                           : cx::Outcome::base(rc::unable_to_comply));
    }
    RegistrationUpdate update{sub->impi, std::nullopt, {}, RegState::not_registered};
    bool download = false;

    switch (type) {
        case Sat::registration:
        case Sat::re_registration:
            // TS 29.228 6.1.2.1: the HSS stores the S-CSCF name and marks the implicit set
            // registered.
            update.scscf_name = req.server_name;
            update.impus = impus_of([](const PublicIdentity&) { return true; });
            update.state = RegState::registered;
            download =
                req.user_data_already_available == cx::UserDataAlreadyAvailable::not_available;
            break;
        case Sat::unregistered_user:
            // Terminating request for a not registered user: this S-CSCF becomes the serving
            // one and the identities (not already registered) become unregistered.
            update.scscf_name = req.server_name;
            update.impus =
                impus_of([](const PublicIdentity& id) { return id.state != RegState::registered; });
            update.state = RegState::unregistered;
            download =
                req.user_data_already_available == cx::UserDataAlreadyAvailable::not_available;
            break;
        case Sat::no_assignment:
            // Only the assigned S-CSCF may fetch the profile this way.
            if (sub->scscf_name != req.server_name)
                return answer_to<cx::Saa>(req, cx::Outcome::base(rc::unable_to_comply));
            download = true;
            break;
        case Sat::authentication_failure:
        case Sat::authentication_timeout:
            // A failed first registration drops the name stored at MAR time; a registered
            // user keeps its registration.
            if (!any_impu([](const PublicIdentity& id) {
                    return id.state != RegState::not_registered;
                }) &&
                !others_keep_scscf())
                update.scscf_name = "";
            break;
        default:
            if (!is_deregistration(type)) break;
            update.impus = impus_of([](const PublicIdentity&) { return true; });
            update.state = RegState::not_registered;
            // The _STORE_SERVER_NAME variants ask the HSS to keep the name (we do: 2001, not
            // 2004 DIAMETER_SUCCESS_SERVER_NAME_NOT_STORED).
            if (!keeps_server_name(type) && !others_keep_scscf()) update.scscf_name = "";
            break;
    }

    // A re-registration usually changes nothing the HSS keeps: skip the write (and its commit)
    // then. Refreshes are most of a core's SAR traffic.
    const bool name_changes = update.scscf_name && *update.scscf_name != sub->scscf_name;
    const bool state_changes = any_impu([&](const PublicIdentity& id) {
        return id.state != update.state &&
               std::find(update.impus.begin(), update.impus.end(), id.uri) != update.impus.end();
    });
    if (name_changes || state_changes) {
        if (auto w = store_.update_registration(update); !w)
            return answer_to<cx::Saa>(req, store_failure(w.error()));
    }

    auto a = answer_to<cx::Saa>(req, cx::Outcome::base(rc::success));
    a.user_name = sub->impi;
    if (download) {
        std::vector<ProfileBlock> blocks;
        for (const auto* set : sets) {
            auto profile = store_.profile(set->service_profile);
            if (!profile) return answer_to<cx::Saa>(req, store_failure(profile.error()));
            ProfileBlock block;
            block.identities = set->impus;
            if (profile.value()) block.profile = std::move(*profile.value());
            blocks.push_back(std::move(block));
        }
        a.user_data = build_user_data(sub->impi, blocks);
    }
    if (download || is_registration(type)) a.charging_information = settings_.charging;
    return a;
}

}  // namespace ims::hss
