#include "cscf/scscf/ifc_match.hpp"

#include <strings.h>
#include <algorithm>
#include <map>

namespace ims::scscf {
namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && ::strncasecmp(a.data(), b.data(), a.size()) == 0;
}

bool raw_match(const Spt& spt, const RequestFacts& f) {
    switch (spt.kind) {
        case Spt::Kind::request_uri:
            return spt.value_re && std::regex_search(f.request_uri, *spt.value_re);
        case Spt::Kind::method:
            // SIP methods are case-sensitive (RFC 3261 7.1).
            if (spt.value != f.method) return false;
            // TS 29.228 annex E: RegistrationType narrows a REGISTER SPT; none listed: any.
            if (spt.value == "REGISTER" && spt.registration_types != 0) {
                if (!f.registration_type) return false;
                return (spt.registration_types & (1u << static_cast<int>(*f.registration_type))) !=
                       0;
            }
            return true;
        case Spt::Kind::header:
            for (const auto& [name, value] : f.headers) {
                if (!iequals(name, spt.value)) continue;
                if (!spt.content_re || std::regex_search(value, *spt.content_re)) return true;
            }
            return false;
        case Spt::Kind::session_case:
            return spt.session_case == f.session_case;
        case Spt::Kind::session_description:
            for (const auto& [line, value] : f.sdp_lines) {
                if (spt.value.size() != 1 || spt.value[0] != line) continue;
                if (!spt.content_re || std::regex_search(value, *spt.content_re)) return true;
            }
            return false;
    }
    return false;
}

}  // namespace

bool spt_matches(const Spt& spt, const RequestFacts& facts) {
    return raw_match(spt, facts) != spt.negated;
}

bool trigger_matches(const std::optional<TriggerPoint>& tp, const RequestFacts& facts) {
    if (!tp || tp->spts.empty()) return true;
    // Group number -> result of its SPTs combined with the inner operator.
    std::map<int, bool> groups;
    for (const auto& spt : tp->spts) {
        const bool m = spt_matches(spt, facts);
        for (int g : spt.groups) {
            auto [it, inserted] = groups.try_emplace(g, m);
            if (!inserted) {
                // CNF: SPTs of one group are ORed; DNF: ANDed (TS 29.228 B.2.2).
                it->second = tp->cnf ? (it->second || m) : (it->second && m);
            }
        }
    }
    if (tp->cnf) {
        return std::all_of(groups.begin(), groups.end(), [](const auto& g) { return g.second; });
    }
    return std::any_of(groups.begin(), groups.end(), [](const auto& g) { return g.second; });
}

std::vector<const InitialFilterCriteria*> matching_ifcs(const ServiceProfile& profile,
                                                        const RequestFacts& facts) {
    std::vector<const InitialFilterCriteria*> out;
    for (const auto& ifc : profile.ifcs()) {  // already sorted by priority
        if (ifc.profile_part_indicator) {
            const bool for_registered = *ifc.profile_part_indicator == 0;
            if (for_registered != facts.user_registered) continue;
        }
        if (trigger_matches(ifc.trigger_point, facts)) out.push_back(&ifc);
    }
    return out;
}

}  // namespace ims::scscf
