#include "cscf/scscf/user_profile.hpp"

#include <algorithm>
#include <charconv>
#include <pugixml.hpp>

#include "cscf/scscf/errors.hpp"

namespace ims::scscf {
namespace {

std::string_view trim(std::string_view s) {
    const auto* ws = " \t\r\n";
    const auto b = s.find_first_not_of(ws);
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(ws);
    return s.substr(b, e - b + 1);
}

std::string text_of(const pugi::xml_node& n) {
    return std::string(trim(n.child_value()));
}

// Integer child value; `fallback` when absent, error when present but not a number.
Result<int> int_child(const pugi::xml_node& parent, const char* name, int fallback) {
    const auto n = parent.child(name);
    if (!n) return fallback;
    const auto s = trim(n.child_value());
    int v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size())
        return make_error(scscf_errc::profile_bad_value);
    return v;
}

// Compiles a TS 29.228 regular expression; std::regex throws, we return an error value.
Result<std::shared_ptr<const std::regex>> compile(const std::string& pattern) {
    try {
        return std::make_shared<const std::regex>(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error&) {
        return make_error(scscf_errc::profile_bad_regex);
    }
}

Result<Spt> parse_spt(const pugi::xml_node& node) {
    Spt spt;
    BOOST_OUTCOME_TRY(negated, int_child(node, "ConditionNegated", 0));
    spt.negated = negated != 0;
    for (auto g = node.child("Group"); g; g = g.next_sibling("Group")) {
        int v = 0;
        const auto s = trim(g.child_value());
        const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc{} || p != s.data() + s.size()) {
            return make_error(scscf_errc::profile_bad_value);
        }
        spt.groups.push_back(v);
    }
    if (spt.groups.empty()) spt.groups.push_back(0);

    if (auto n = node.child("RequestURI")) {
        spt.kind = Spt::Kind::request_uri;
        spt.value = text_of(n);
        BOOST_OUTCOME_TRY(re, compile(spt.value));
        spt.value_re = std::move(re);
    } else if (auto n = node.child("Method")) {
        spt.kind = Spt::Kind::method;
        spt.value = text_of(n);
    } else if (auto n = node.child("SIPHeader")) {
        spt.kind = Spt::Kind::header;
        spt.value = text_of(n.child("Header"));
        if (spt.value.empty()) return make_error(scscf_errc::profile_missing_element);
        if (auto c = n.child("Content")) {
            spt.content = text_of(c);
            BOOST_OUTCOME_TRY(re, compile(spt.content));
            spt.content_re = std::move(re);
        }
    } else if (auto n = node.child("SessionCase")) {
        spt.kind = Spt::Kind::session_case;
        BOOST_OUTCOME_TRY(sc, int_child(node, "SessionCase", 0));
        if (sc < 0 || sc > 4) return make_error(scscf_errc::profile_bad_value);
        spt.session_case = static_cast<SessionCase>(sc);
    } else if (auto n = node.child("SessionDescription")) {
        spt.kind = Spt::Kind::session_description;
        spt.value = text_of(n.child("Line"));
        if (auto c = n.child("Content")) {
            spt.content = text_of(c);
            BOOST_OUTCOME_TRY(re, compile(spt.content));
            spt.content_re = std::move(re);
        }
    } else {
        return make_error(scscf_errc::profile_missing_element);
    }
    // TS 29.228 annex E: a REGISTER SPT may narrow itself to registration types.
    for (auto ext = node.child("Extension"); ext; ext = ext.next_sibling("Extension")) {
        for (auto rt = ext.child("RegistrationType"); rt;
             rt = rt.next_sibling("RegistrationType")) {
            int v = -1;
            const auto s = trim(rt.child_value());
            std::from_chars(s.data(), s.data() + s.size(), v);
            if (v < 0 || v > 2) return make_error(scscf_errc::profile_bad_value);
            spt.registration_types |= static_cast<std::uint8_t>(1u << v);
        }
    }
    return spt;
}

Result<InitialFilterCriteria> parse_ifc(const pugi::xml_node& node) {
    InitialFilterCriteria ifc;
    BOOST_OUTCOME_TRY(priority, int_child(node, "Priority", 0));
    ifc.priority = priority;
    if (auto tp = node.child("TriggerPoint")) {
        TriggerPoint t;
        BOOST_OUTCOME_TRY(cnf, int_child(tp, "ConditionTypeCNF", 1));
        t.cnf = cnf != 0;
        for (auto s = tp.child("SPT"); s; s = s.next_sibling("SPT")) {
            BOOST_OUTCOME_TRY(spt, parse_spt(s));
            t.spts.push_back(std::move(spt));
        }
        ifc.trigger_point = std::move(t);
    }
    const auto as = node.child("ApplicationServer");
    if (!as) return make_error(scscf_errc::profile_missing_element);
    auto& a = ifc.application_server;
    a.server_name = text_of(as.child("ServerName"));
    if (a.server_name.empty()) return make_error(scscf_errc::profile_missing_element);
    BOOST_OUTCOME_TRY(dh, int_child(as, "DefaultHandling", 0));
    if (dh != 0 && dh != 1) return make_error(scscf_errc::profile_bad_value);
    a.default_handling = static_cast<DefaultHandling>(dh);
    a.service_info = text_of(as.child("ServiceInfo"));
    if (auto ext = as.child("Extension")) {
        a.include_register_request = static_cast<bool>(ext.child("IncludeRegisterRequest"));
        a.include_register_response = static_cast<bool>(ext.child("IncludeRegisterResponse"));
    }
    if (node.child("ProfilePartIndicator")) {
        BOOST_OUTCOME_TRY(ppi, int_child(node, "ProfilePartIndicator", 0));
        ifc.profile_part_indicator = ppi;
    }
    return ifc;
}

Result<std::shared_ptr<const IfcSet>> ifc_set_from(const pugi::xml_node& parent,
                                                   std::string canonical, IfcCache* cache) {
    if (cache != nullptr) {
        if (auto hit = cache->find(canonical)) return hit;
    }
    auto set = std::make_shared<IfcSet>();
    for (auto n = parent.child("InitialFilterCriteria"); n;
         n = n.next_sibling("InitialFilterCriteria")) {
        BOOST_OUTCOME_TRY(ifc, parse_ifc(n));
        set->ifcs.push_back(std::move(ifc));
    }
    // TS 29.228 B.2.2: a lower Priority value is evaluated first.
    std::stable_sort(set->ifcs.begin(), set->ifcs.end(),
                     [](const auto& a, const auto& b) { return a.priority < b.priority; });
    set->canonical = std::move(canonical);
    std::shared_ptr<const IfcSet> out = std::move(set);
    if (cache != nullptr) cache->insert(out);
    return out;
}

// Whitespace-normalised text of the <InitialFilterCriteria> children of `parent`.
std::string canonical_ifcs(const pugi::xml_node& parent) {
    struct Sink final : pugi::xml_writer {
        std::string text;
        void write(const void* data, size_t size) override {
            text.append(static_cast<const char*>(data), size);
        }
    } sink;
    for (auto n = parent.child("InitialFilterCriteria"); n;
         n = n.next_sibling("InitialFilterCriteria")) {
        n.print(sink, "", pugi::format_raw);
    }
    return std::move(sink.text);
}

Result<ServiceProfile> parse_service_profile(const pugi::xml_node& node, IfcCache* cache) {
    ServiceProfile sp;
    for (auto pi = node.child("PublicIdentity"); pi; pi = pi.next_sibling("PublicIdentity")) {
        PublicIdentity id;
        id.identity = text_of(pi.child("Identity"));
        if (id.identity.empty()) return make_error(scscf_errc::profile_missing_element);
        BOOST_OUTCOME_TRY(barred, int_child(pi, "BarringIndication", 0));
        id.barred = barred != 0;
        id.display_name = text_of(pi.child("DisplayName"));
        if (auto ext = pi.child("Extension")) {
            BOOST_OUTCOME_TRY(type, int_child(ext, "IdentityType", 0));
            id.identity_type = type;
        }
        sp.public_identities.push_back(std::move(id));
    }
    if (sp.public_identities.empty()) return make_error(scscf_errc::profile_missing_element);
    BOOST_OUTCOME_TRY(set, ifc_set_from(node, canonical_ifcs(node), cache));
    sp.ifc_set = std::move(set);
    return sp;
}

}  // namespace

std::shared_ptr<const IfcSet> IfcCache::find(const std::string& canonical) {
    const auto it = sets_.find(canonical);
    if (it == sets_.end()) return nullptr;
    return it->second.lock();
}

void IfcCache::insert(const std::shared_ptr<const IfcSet>& set) {
    if (sets_.size() >= prune_at_) {
        std::erase_if(sets_, [](const auto& kv) { return kv.second.expired(); });
        prune_at_ = std::max<std::size_t>(64, 2 * sets_.size());
    }
    sets_.insert_or_assign(set->canonical, set);
}

const std::vector<InitialFilterCriteria>& ServiceProfile::ifcs() const {
    static const std::vector<InitialFilterCriteria> kNone;
    return ifc_set ? ifc_set->ifcs : kNone;
}

Result<std::shared_ptr<const IfcSet>> parse_ifc_set(std::string_view canonical, IfcCache* cache) {
    if (cache != nullptr) {
        if (auto hit = cache->find(std::string(canonical))) return hit;
    }
    const std::string wrapped = "<IFCs>" + std::string(canonical) + "</IFCs>";
    pugi::xml_document doc;
    if (!doc.load_buffer(wrapped.data(), wrapped.size())) {
        return make_error(scscf_errc::profile_invalid_xml);
    }
    return ifc_set_from(doc.child("IFCs"), std::string(canonical), cache);
}

Result<std::shared_ptr<const UserProfile>> parse_user_data(std::string_view xml, IfcCache* cache) {
    pugi::xml_document doc;
    const auto parsed = doc.load_buffer(xml.data(), xml.size());
    if (!parsed) return make_error(scscf_errc::profile_invalid_xml);
    const auto root = doc.child("IMSSubscription");
    if (!root) return make_error(scscf_errc::profile_missing_element);
    auto profile = std::make_shared<UserProfile>();
    profile->private_id = text_of(root.child("PrivateID"));
    for (auto sp = root.child("ServiceProfile"); sp; sp = sp.next_sibling("ServiceProfile")) {
        BOOST_OUTCOME_TRY(parsed_sp, parse_service_profile(sp, cache));
        profile->service_profiles.push_back(std::move(parsed_sp));
    }
    if (profile->service_profiles.empty()) return make_error(scscf_errc::profile_missing_element);
    return std::shared_ptr<const UserProfile>(std::move(profile));
}

const ServiceProfile* UserProfile::profile_for(std::string_view impu) const {
    for (const auto& sp : service_profiles) {
        for (const auto& id : sp.public_identities) {
            if (id.identity == impu) return &sp;
        }
    }
    return nullptr;
}

const PublicIdentity* UserProfile::identity(std::string_view impu) const {
    for (const auto& sp : service_profiles) {
        for (const auto& id : sp.public_identities) {
            if (id.identity == impu) return &id;
        }
    }
    return nullptr;
}

std::vector<std::string> UserProfile::implicit_set(std::string_view registered) const {
    std::vector<std::string> out{std::string(registered)};
    for (const auto& sp : service_profiles) {
        for (const auto& id : sp.public_identities) {
            if (id.identity != registered) out.push_back(id.identity);
        }
    }
    return out;
}

std::vector<std::string> UserProfile::associated_uris(std::string_view registered) const {
    std::vector<std::string> out;
    for (auto& uri : implicit_set(registered)) {
        const auto* id = identity(uri);
        if (id == nullptr || !id->barred) out.push_back(std::move(uri));
    }
    return out;
}

}  // namespace ims::scscf
