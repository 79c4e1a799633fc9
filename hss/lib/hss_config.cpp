#include "hss/lib/hss_config.hpp"

#include "common/config/config.hpp"

namespace ims::hss {

HssConfig load_hss_config(const std::filesystem::path& file, bool need_diameter) {
    auto root = config::load_file(file);
    root.reject_unknown({"hss", "log", "diameter"});
    HssConfig cfg;
    auto hss = root.child("hss");
    hss.reject_unknown({"database", "provisioning_file", "home_network", "max_auth_items",
                        "sqlite_synchronous", "control_socket", "server_capabilities", "charging",
                        "scscf_diameter_identities"});
    cfg.database = hss.get<std::string>("database");
    if (auto p = hss.get_optional<std::string>("provisioning_file")) cfg.provisioning_file = *p;
    cfg.settings.home_network = hss.get_or<std::string>("home_network", "");
    cfg.settings.max_auth_items = hss.get_or<std::uint32_t>("max_auth_items", 5);
    if (cfg.settings.max_auth_items == 0 || cfg.settings.max_auth_items > 32)
        hss.fail("max_auth_items", "must be 1..32");
    cfg.sqlite_synchronous = hss.get_or<std::string>("sqlite_synchronous", "normal");
    if (cfg.sqlite_synchronous != "normal" && cfg.sqlite_synchronous != "full")
        hss.fail("sqlite_synchronous", "must be normal or full");
    cfg.control_socket = hss.get_or<std::string>("control_socket", "./hss.ctl");
    if (auto caps = hss.child_optional("server_capabilities")) {
        caps->reject_unknown({"mandatory", "optional", "server_names"});
        if (auto m = caps->child_optional("mandatory"))
            for (const auto& i : m->items())
                cfg.settings.capabilities.mandatory.push_back(i.as<std::uint32_t>());
        if (auto o = caps->child_optional("optional"))
            for (const auto& i : o->items())
                cfg.settings.capabilities.optional.push_back(i.as<std::uint32_t>());
        if (auto n = caps->child_optional("server_names"))
            for (const auto& i : n->items())
                cfg.settings.capabilities.server_names.push_back(i.as<std::string>());
    }
    if (auto ch = hss.child_optional("charging")) {
        ch->reject_unknown({"primary_event_function", "secondary_event_function",
                            "primary_charging_function", "secondary_charging_function"});
        cx::ChargingInformation ci;
        ci.primary_event_function = ch->get_or<std::string>("primary_event_function", "");
        ci.secondary_event_function = ch->get_or<std::string>("secondary_event_function", "");
        ci.primary_charging_function = ch->get_or<std::string>("primary_charging_function", "");
        ci.secondary_charging_function = ch->get_or<std::string>("secondary_charging_function", "");
        cfg.settings.charging = ci;
    }
    if (auto ids = hss.child_optional("scscf_diameter_identities"))
        for (const auto& key : ids->keys())
            cfg.scscf_diameter_identities[key] = ids->get<std::string>(key);
    if (auto log = root.child_optional("log")) {
        log->reject_unknown({"level"});
        cfg.log_level = log->get_or<std::string>("level", "info");
        static const char* levels[] = {"trace", "debug", "info", "warn", "error", "off"};
        if (std::find(std::begin(levels), std::end(levels), cfg.log_level) == std::end(levels))
            log->fail("level", "must be trace, debug, info, warn, error or off");
    }
    if (need_diameter) cfg.diameter = cx::parse_diameter_config(root.child("diameter"));
    return cfg;
}

std::string scscf_identity(const HssConfig& cfg, const std::string& server_name) {
    if (auto it = cfg.scscf_diameter_identities.find(server_name);
        it != cfg.scscf_diameter_identities.end())
        return it->second;
    // sip:[user@]host[:port][;params]
    std::string rest = server_name;
    if (auto colon = rest.find(':'); colon != std::string::npos && rest.rfind("sip", 0) == 0)
        rest = rest.substr(colon + 1);
    if (auto at = rest.find('@'); at != std::string::npos) rest = rest.substr(at + 1);
    auto end = rest.find_first_of(":;>");
    return rest.substr(0, end);
}

}  // namespace ims::hss
