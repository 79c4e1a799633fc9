#include "hss/lib/subscriber.hpp"

namespace ims::hss {

const char* to_string(RegState s) {
    switch (s) {
        case RegState::not_registered:
            return "not_registered";
        case RegState::registered:
            return "registered";
        case RegState::unregistered:
            return "unregistered";
    }
    return "?";
}

const char* to_string(AuthScheme s) {
    return s == AuthScheme::aka ? "aka" : "digest";
}

bool has_unregistered_services(const ServiceProfile& profile) {
    for (const auto& ifc : profile.ifcs) {
        if (!ifc.trigger_point) continue;
        for (const auto& spt : ifc.trigger_point->spts) {
            if (spt.kind == Spt::Kind::session_case && !spt.negated &&
                spt.session_case == SessionCase::terminating_unregistered)
                return true;
        }
    }
    return false;
}

const ImplicitSet* Subscriber::set_of(const std::string& impu) const {
    for (const auto& set : sets)
        for (const auto& id : set.impus)
            if (id.uri == impu) return &set;
    return nullptr;
}

const PublicIdentity* Subscriber::find_impu(const std::string& impu) const {
    for (const auto& set : sets)
        for (const auto& id : set.impus)
            if (id.uri == impu) return &id;
    return nullptr;
}

std::vector<std::string> Subscriber::all_impus() const {
    std::vector<std::string> out;
    for (const auto& set : sets)
        for (const auto& id : set.impus) out.push_back(id.uri);
    return out;
}

}  // namespace ims::hss
