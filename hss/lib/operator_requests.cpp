#include "hss/lib/operator_requests.hpp"

#include <algorithm>

#include "hss/lib/profile_xml.hpp"

namespace ims::hss {

namespace {

OperatorRequest failed(std::string why) {
    OperatorRequest r;
    r.error = std::move(why);
    return r;
}

}  // namespace

OperatorRequest build_rtr(SubscriberStore& store, const std::string& impi,
                          const std::vector<std::string>& impus, cx::ReasonCode reason,
                          const std::string& reason_info) {
    auto loaded = store.load(impi);
    if (!loaded) return failed("store error: " + loaded.error().message());
    if (!loaded.value()) return failed("unknown IMPI " + impi);
    const Subscriber& sub = *loaded.value();
    if (sub.scscf_name.empty()) return failed(impi + " has no assigned S-CSCF");
    OperatorRequest r;
    r.scscf_name = sub.scscf_name;
    r.rtr.user_name = impi;
    for (const auto& set : sub.sets) {
        bool named = impus.empty();
        for (const auto& id : set.impus)
            if (std::find(impus.begin(), impus.end(), id.uri) != impus.end()) named = true;
        if (!named) continue;
        for (const auto& id : set.impus)
            if (!impus.empty() || id.state != RegState::not_registered)
                r.rtr.public_identities.push_back(id.uri);
    }
    for (const auto& uri : impus)
        if (!sub.find_impu(uri)) return failed(uri + " does not belong to " + impi);
    r.rtr.reason = cx::DeregistrationReason{reason, reason_info};
    return r;
}

OperatorRequest build_ppr(SubscriberStore& store, const HssSettings& settings,
                          const std::string& impi) {
    auto loaded = store.load(impi);
    if (!loaded) return failed("store error: " + loaded.error().message());
    if (!loaded.value()) return failed("unknown IMPI " + impi);
    const Subscriber& sub = *loaded.value();
    if (sub.scscf_name.empty()) return failed(impi + " has no assigned S-CSCF");
    std::vector<ProfileBlock> blocks;
    for (const auto& set : sub.sets) {
        ProfileBlock b;
        b.identities = set.impus;
        auto p = store.profile(set.service_profile);
        if (!p) return failed("store error: " + p.error().message());
        if (p.value()) b.profile = std::move(*p.value());
        blocks.push_back(std::move(b));
    }
    OperatorRequest r;
    r.scscf_name = sub.scscf_name;
    r.ppr.user_name = impi;
    r.ppr.user_data = build_user_data(impi, blocks);
    r.ppr.charging_information = settings.charging;
    return r;
}

Result<void> apply_rta(SubscriberStore& store, const cx::Rtr& rtr) {
    BOOST_OUTCOME_TRY(loaded, store.load(rtr.user_name));
    if (!loaded) return success();
    RegistrationUpdate u{rtr.user_name, std::nullopt, rtr.public_identities,
                         RegState::not_registered};
    bool others = false;
    for (const auto& set : loaded->sets)
        for (const auto& id : set.impus)
            if (id.state != RegState::not_registered &&
                std::find(u.impus.begin(), u.impus.end(), id.uri) == u.impus.end())
                others = true;
    if (!others) u.scscf_name = "";
    return store.update_registration(u);
}

}  // namespace ims::hss
