#include "hss/lib/provisioning.hpp"

#include <fmt/format.h>

#include <cstring>
#include <map>
#include <set>

#include "hss/lib/credentials.hpp"

namespace ims::hss {
namespace {

using config::Node;

constexpr std::uint64_t kMaxSqn = (std::uint64_t{1} << 48) - 1;

bool valid_impu(const std::string& uri) {
    auto has_prefix = [&](const char* p) {
        return uri.rfind(p, 0) == 0 && uri.size() > std::strlen(p);
    };
    if (!(has_prefix("sip:") || has_prefix("sips:") || has_prefix("tel:"))) return false;
    return uri.find_first_of(" \t\r\n<>\"") == std::string::npos;
}

bool valid_impi(const std::string& impi) {
    return !impi.empty() && impi.find_first_of(" \t\r\n<>\",") == std::string::npos;
}

Bytes hex_field(const Node& n, std::string_view key, std::size_t bytes) {
    auto text = n.get<std::string>(key);
    auto v = from_hex(text);
    if (!v || v->size() != bytes)
        n.fail(key, fmt::format("must be {} hex digits ({} bytes)", bytes * 2, bytes));
    return *v;
}

SessionCase parse_session_case(const Node& n) {
    static const std::map<std::string, SessionCase> names = {
        {"originating", SessionCase::originating},
        {"terminating_registered", SessionCase::terminating_registered},
        {"terminating", SessionCase::terminating_registered},
        {"terminating_unregistered", SessionCase::terminating_unregistered},
        {"originating_unregistered", SessionCase::originating_unregistered},
        {"originating_cdiv", SessionCase::originating_cdiv},
    };
    auto text = n.as<std::string>();
    if (auto it = names.find(text); it != names.end()) return it->second;
    if (text.size() == 1 && text[0] >= '0' && text[0] <= '4')
        return static_cast<SessionCase>(text[0] - '0');
    n.fail(
        "must be originating, terminating_registered, terminating_unregistered, "
        "originating_unregistered, originating_cdiv or 0..4");
}

Spt parse_spt(const Node& n) {
    n.reject_unknown(
        {"method", "session_case", "header", "request_uri", "group", "groups", "negated"});
    Spt spt;
    int kinds = 0;
    if (n.has("method")) {
        spt.kind = Spt::Kind::method;
        spt.value = n.get<std::string>("method");
        ++kinds;
    }
    if (n.has("session_case")) {
        spt.kind = Spt::Kind::session_case;
        spt.session_case = parse_session_case(n.child("session_case"));
        ++kinds;
    }
    if (n.has("header")) {
        auto h = n.child("header");
        h.reject_unknown({"name", "content"});
        spt.kind = Spt::Kind::header;
        spt.header = h.get<std::string>("name");
        spt.value = h.get_or<std::string>("content", "");
        ++kinds;
    }
    if (n.has("request_uri")) {
        spt.kind = Spt::Kind::request_uri;
        spt.value = n.get<std::string>("request_uri");
        ++kinds;
    }
    if (kinds != 1) n.fail("an SPT has exactly one of method, session_case, header, request_uri");
    spt.negated = n.get_or<bool>("negated", false);
    if (n.has("groups")) {
        spt.groups.clear();
        for (const auto& g : n.child("groups").items()) spt.groups.push_back(g.as<std::uint32_t>());
        if (spt.groups.empty()) n.fail("groups", "needs at least one group");
    } else {
        spt.groups = {n.get_or<std::uint32_t>("group", 0)};
    }
    return spt;
}

InitialFilterCriteria parse_ifc(const Node& n) {
    n.reject_unknown({"priority", "trigger_point", "application_server", "profile_part_indicator"});
    InitialFilterCriteria ifc;
    ifc.priority = n.get<int>("priority");
    if (auto tp = n.child_optional("trigger_point")) {
        tp->reject_unknown({"condition_type_cnf", "spt"});
        TriggerPoint t;
        t.condition_type_cnf = tp->get_or<bool>("condition_type_cnf", false);
        for (const auto& s : tp->child("spt").items()) t.spts.push_back(parse_spt(s));
        if (t.spts.empty()) tp->fail("spt", "a trigger point needs at least one SPT");
        ifc.trigger_point = std::move(t);
    }
    auto as = n.child("application_server");
    as.reject_unknown({"server_name", "default_handling", "service_info",
                       "include_register_request", "include_register_response"});
    ifc.application_server.server_name = as.get<std::string>("server_name");
    if (ifc.application_server.server_name.rfind("sip:", 0) != 0 &&
        ifc.application_server.server_name.rfind("sips:", 0) != 0)
        as.fail("server_name", "must be a SIP URI");
    auto dh = as.get_or<std::string>("default_handling", "session_continued");
    if (dh == "session_continued" || dh == "0") {
        ifc.application_server.default_handling = DefaultHandling::session_continued;
    } else if (dh == "session_terminated" || dh == "1") {
        ifc.application_server.default_handling = DefaultHandling::session_terminated;
    } else {
        as.fail("default_handling", "must be session_continued or session_terminated");
    }
    ifc.application_server.service_info = as.get_or<std::string>("service_info", "");
    ifc.application_server.include_register_request =
        as.get_or<bool>("include_register_request", false);
    ifc.application_server.include_register_response =
        as.get_or<bool>("include_register_response", false);
    if (auto ppi = n.get_optional<std::string>("profile_part_indicator")) {
        if (*ppi == "registered" || *ppi == "0") {
            ifc.profile_part_indicator = 0;
        } else if (*ppi == "unregistered" || *ppi == "1") {
            ifc.profile_part_indicator = 1;
        } else {
            n.fail("profile_part_indicator", "must be registered or unregistered");
        }
    }
    return ifc;
}

ServiceProfile parse_profile(const Node& n) {
    n.reject_unknown({"name", "ifcs"});
    ServiceProfile p;
    p.name = n.get<std::string>("name");
    if (auto ifcs = n.child_optional("ifcs"))
        for (const auto& i : ifcs->items()) p.ifcs.push_back(parse_ifc(i));
    return p;
}

std::string domain_of(const std::string& impi) {
    auto at = impi.find('@');
    return at == std::string::npos ? std::string() : impi.substr(at + 1);
}

struct ParsedSubscriber {
    Subscriber sub;
    std::optional<std::string> password;  // template passwords are derived later
};

/// Checks a profile name exists in the document or the store.
class ProfileIndex {
  public:
    ProfileIndex(const std::vector<ServiceProfile>& doc, SubscriberStore* store) : store_(store) {
        for (const auto& p : doc) names_.insert(p.name);
    }
    void require(const Node& n, std::string_view key) {
        auto name = n.get<std::string>(key);
        if (names_.count(name)) return;
        if (store_) {
            auto found = store_->profile(name);
            if (found && found.value()) {
                names_.insert(name);
                return;
            }
        }
        n.fail(key, fmt::format("service profile '{}' is not defined (service_profiles)", name));
    }

  private:
    std::set<std::string> names_;
    SubscriberStore* store_;
};

ImplicitSet parse_set(const Node& n, const Node& impus, ProfileIndex& profiles) {
    ImplicitSet set;
    // No profile: the set has no iFCs (an empty <ServiceProfile> apart from identities).
    if (n.has("service_profile")) {
        profiles.require(n, "service_profile");
        set.service_profile = n.get<std::string>("service_profile");
    }
    for (const auto& item : impus.items()) {
        PublicIdentity id;
        if (item.is_map()) {
            item.reject_unknown({"uri", "barred"});
            id.uri = item.get<std::string>("uri");
            id.barred = item.get_or<bool>("barred", false);
        } else {
            id.uri = item.as<std::string>();
        }
        if (!valid_impu(id.uri)) item.fail("must be a sip:, sips: or tel: URI");
        set.impus.push_back(std::move(id));
    }
    if (set.impus.empty()) impus.fail("an implicit registration set needs at least one IMPU");
    return set;
}

ParsedSubscriber parse_subscriber(const Node& n, ProfileIndex& profiles, bool is_template) {
    ParsedSubscriber out;
    Subscriber& s = out.sub;
    s.impi = n.get<std::string>("impi");
    if (!valid_impi(s.impi)) n.fail("impi", "must be a non-empty identity without spaces");

    if (auto d = n.child_optional("digest")) {
        d->reject_unknown({"password", "ha1_md5", "ha1_sha256", "realm"});
        DigestCredentials dc;
        dc.realm = d->get_or<std::string>("realm", domain_of(s.impi));
        if (dc.realm.empty()) d->fail("realm", "required when the IMPI has no @domain");
        if (d->has("password")) {
            if (d->has("ha1_md5") || d->has("ha1_sha256"))
                d->fail("password", "give either password or ha1_md5/ha1_sha256, not both");
            out.password = d->get<std::string>("password");
            if (!is_template) {
                dc.ha1_md5 = digest_ha1(DigestAlgorithm::md5, s.impi, dc.realm, *out.password);
                dc.ha1_sha256 =
                    digest_ha1(DigestAlgorithm::sha256, s.impi, dc.realm, *out.password);
            }
        } else {
            if (d->has("ha1_md5")) dc.ha1_md5 = to_hex(hex_field(*d, "ha1_md5", 16));
            if (d->has("ha1_sha256")) dc.ha1_sha256 = to_hex(hex_field(*d, "ha1_sha256", 32));
            if (dc.ha1_md5.empty() && dc.ha1_sha256.empty())
                d->fail("needs password, ha1_md5 or ha1_sha256");
        }
        s.digest = std::move(dc);
    }
    if (auto a = n.child_optional("aka")) {
        a->reject_unknown({"k", "opc", "op", "amf", "sqn"});
        AkaCredentials ac;
        ac.k = hex_field(*a, "k", 16);
        if (a->has("opc") == a->has("op")) a->fail("give exactly one of opc and op");
        ac.opc =
            a->has("opc") ? hex_field(*a, "opc", 16) : derive_opc(ac.k, hex_field(*a, "op", 16));
        ac.amf = a->has("amf") ? hex_field(*a, "amf", 2) : Bytes{0x80, 0x00};
        ac.sqn = a->get_or<std::uint64_t>("sqn", 0);
        if (ac.sqn > kMaxSqn) a->fail("sqn", "must fit in 48 bits");
        s.aka = std::move(ac);
    }
    if (!s.digest && !s.aka) n.fail("a subscriber needs digest and/or aka credentials");

    auto scheme = n.get_or<std::string>("default_scheme", s.aka ? "aka" : "digest");
    if (scheme == "aka") {
        s.default_scheme = AuthScheme::aka;
        if (!s.aka) n.fail("default_scheme", "is aka but no aka credentials are given");
    } else if (scheme == "digest") {
        s.default_scheme = AuthScheme::digest;
        if (!s.digest) n.fail("default_scheme", "is digest but no digest credentials are given");
    } else {
        n.fail("default_scheme", "must be aka or digest");
    }

    if (auto v = n.child_optional("allowed_visited_networks"))
        for (const auto& item : v->items()) {
            auto name = item.as<std::string>();
            if (name.empty() || name.find(',') != std::string::npos)
                item.fail("must be a non-empty network name without commas");
            s.allowed_visited_networks.push_back(name);
        }

    if (n.has("impus") && n.has("implicit_sets"))
        n.fail("implicit_sets", "give either impus (one set) or implicit_sets, not both");
    if (auto impus = n.child_optional("impus")) {
        s.sets.push_back(parse_set(n, *impus, profiles));
    } else if (auto sets = n.child_optional("implicit_sets")) {
        for (const auto& set : sets->items()) {
            set.reject_unknown({"service_profile", "impus"});
            s.sets.push_back(parse_set(set, set.child("impus"), profiles));
        }
    }
    if (s.sets.empty()) n.fail("impus", "a subscriber needs at least one public identity");
    return out;
}

std::string substitute(const std::string& text, const std::string& number) {
    std::string out;
    std::size_t pos = 0;
    for (;;) {
        auto at = text.find("{n}", pos);
        if (at == std::string::npos) break;
        out.append(text, pos, at - pos);
        out += number;
        pos = at + 3;
    }
    out.append(text, pos, std::string::npos);
    return out;
}

}  // namespace

std::size_t ProvisioningPlan::total() const {
    std::size_t n = subscribers.size();
    for (const auto& g : generators) n += g.count;
    return n;
}

Subscriber instantiate(const SubscriberTemplate& t, std::size_t index) {
    auto number = fmt::format("{:0{}}", t.start + index, t.width);
    Subscriber s = t.proto;
    s.impi = substitute(t.proto.impi, number);
    for (auto& set : s.sets)
        for (auto& id : set.impus) id.uri = substitute(id.uri, number);
    if (s.digest && t.password) {
        auto password = substitute(*t.password, number);
        s.digest->ha1_md5 = digest_ha1(DigestAlgorithm::md5, s.impi, s.digest->realm, password);
        s.digest->ha1_sha256 =
            digest_ha1(DigestAlgorithm::sha256, s.impi, s.digest->realm, password);
    }
    return s;
}

ProvisioningPlan parse_provisioning(const config::Node& root, SubscriberStore* store) {
    ProvisioningPlan plan;
    plan.file = root.file();
    root.reject_unknown({"service_profiles", "subscribers", "generate"});
    std::set<std::string> profile_names;
    if (auto profiles = root.child_optional("service_profiles")) {
        for (const auto& p : profiles->items()) {
            plan.profiles.push_back(parse_profile(p));
            if (!profile_names.insert(plan.profiles.back().name).second)
                p.fail("name", "duplicate service profile name");
        }
    }
    ProfileIndex index(plan.profiles, store);
    std::map<std::string, std::string> impu_owner;  // within the document
    std::set<std::string> impis;
    if (auto subs = root.child_optional("subscribers")) {
        for (const auto& n : subs->items()) {
            n.reject_unknown({"impi", "default_scheme", "digest", "aka", "allowed_visited_networks",
                              "service_profile", "impus", "implicit_sets"});
            if (n.has("service_profile") && !n.has("impus"))
                n.fail("service_profile", "goes with impus (use implicit_sets otherwise)");
            auto parsed = parse_subscriber(n, index, false);
            if (!impis.insert(parsed.sub.impi).second)
                n.fail("impi", fmt::format("duplicate IMPI {}", parsed.sub.impi));
            for (const auto& uri : parsed.sub.all_impus()) {
                auto [it, fresh] = impu_owner.emplace(uri, parsed.sub.impi);
                if (!fresh)
                    n.fail(n.has("impus") ? "impus" : "implicit_sets",
                           fmt::format("IMPU {} is listed twice (also under {})", uri, it->second));
            }
            plan.subscribers.push_back(std::move(parsed.sub));
            plan.subscriber_lines.push_back(n.line());
        }
    }
    if (auto gens = root.child_optional("generate")) {
        for (const auto& g : gens->items()) {
            g.reject_unknown({"count", "start", "width", "impi", "default_scheme", "digest", "aka",
                              "allowed_visited_networks", "service_profile", "impus"});
            SubscriberTemplate t;
            t.count = g.get<std::uint64_t>("count");
            t.start = g.get_or<std::uint64_t>("start", 1);
            t.width = g.get_or<int>("width", 0);
            if (t.width < 0 || t.width > 18) g.fail("width", "must be 0..18");
            t.line = g.line();
            auto parsed = parse_subscriber(g, index, true);
            if (t.count > 1 && parsed.sub.impi.find("{n}") == std::string::npos)
                g.fail("impi", "must contain {n} when count > 1");
            for (const auto& uri : parsed.sub.all_impus())
                if (t.count > 1 && uri.find("{n}") == std::string::npos)
                    g.fail("impus", fmt::format("{} must contain {{n}} when count > 1", uri));
            t.proto = std::move(parsed.sub);
            t.password = parsed.password;
            plan.generators.push_back(std::move(t));
        }
    }
    return plan;
}

ProvisioningPlan load_provisioning_file(const std::filesystem::path& file, SubscriberStore* store) {
    return parse_provisioning(config::load_file(file), store);
}

Result<ApplyOutcome> apply_provisioning(SubscriberStore& store, const ProvisioningPlan& plan) {
    std::size_t explicit_i = 0, gen_i = 0, gen_n = 0;
    auto next = [&](Subscriber& out) -> bool {
        if (explicit_i < plan.subscribers.size()) {
            out = plan.subscribers[explicit_i++];
            return true;
        }
        while (gen_i < plan.generators.size()) {
            if (gen_n < plan.generators[gen_i].count) {
                out = instantiate(plan.generators[gen_i], gen_n++);
                return true;
            }
            ++gen_i;
            gen_n = 0;
        }
        return false;
    };
    BOOST_OUTCOME_TRY(report, store.provision(plan.profiles, next));
    ApplyOutcome outcome{report, {}};
    if (report.conflict_index) {
        // Locate the offending entry for the message: an explicit subscriber or a generator.
        std::size_t i = *report.conflict_index;
        std::string where;
        if (i < plan.subscribers.size()) {
            where =
                fmt::format("{}:{}: subscribers[{}].impus", plan.file, plan.subscriber_lines[i], i);
        } else {
            i -= plan.subscribers.size();
            for (std::size_t g = 0; g < plan.generators.size(); ++g) {
                if (i < plan.generators[g].count) {
                    where = fmt::format("{}:{}: generate[{}].impus", plan.file,
                                        plan.generators[g].line, g);
                    break;
                }
                i -= plan.generators[g].count;
            }
        }
        outcome.error = fmt::format("{}: IMPU {} already belongs to {}; nothing was written", where,
                                    report.conflict_impu, report.conflict_owner);
    }
    return outcome;
}

}  // namespace ims::hss
