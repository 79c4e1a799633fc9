#include "hss/lib/profile_json.hpp"

#include <nlohmann/json.hpp>

#include "hss/lib/hss_errc.hpp"

namespace ims::hss {

using nlohmann::json;

std::string profile_to_json(const ServiceProfile& profile) {
    json ifcs = json::array();
    for (const auto& ifc : profile.ifcs) {
        json j;
        j["p"] = ifc.priority;
        if (ifc.trigger_point) {
            json spts = json::array();
            for (const auto& spt : ifc.trigger_point->spts) {
                spts.push_back({{"k", static_cast<int>(spt.kind)},
                                {"n", spt.negated},
                                {"g", spt.groups},
                                {"v", spt.value},
                                {"h", spt.header},
                                {"s", static_cast<int>(spt.session_case)}});
            }
            j["tp"] = {{"cnf", ifc.trigger_point->condition_type_cnf}, {"spt", spts}};
        }
        const auto& as = ifc.application_server;
        j["as"] = {{"name", as.server_name},
                   {"dh", static_cast<int>(as.default_handling)},
                   {"si", as.service_info},
                   {"rq", as.include_register_request},
                   {"rs", as.include_register_response}};
        if (ifc.profile_part_indicator) j["ppi"] = *ifc.profile_part_indicator;
        ifcs.push_back(std::move(j));
    }
    return json{{"ifc", ifcs}}.dump();
}

Result<ServiceProfile> profile_from_json(std::string_view name, std::string_view text) {
    auto doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object()) return make_error(hss_errc::bad_data);
    ServiceProfile profile;
    profile.name = std::string(name);
    // The JSON library reports type mismatches by exception; catch them here so that nothing
    // escapes into a freeDiameter thread.
    try {
        for (const auto& j : doc.at("ifc")) {
            InitialFilterCriteria ifc;
            ifc.priority = j.at("p").get<std::int32_t>();
            if (j.contains("tp")) {
                TriggerPoint tp;
                tp.condition_type_cnf = j["tp"].at("cnf").get<bool>();
                for (const auto& s : j["tp"].at("spt")) {
                    Spt spt;
                    spt.kind = static_cast<Spt::Kind>(s.at("k").get<int>());
                    spt.negated = s.at("n").get<bool>();
                    spt.groups = s.at("g").get<std::vector<std::uint32_t>>();
                    spt.value = s.at("v").get<std::string>();
                    spt.header = s.at("h").get<std::string>();
                    spt.session_case = static_cast<SessionCase>(s.at("s").get<int>());
                    tp.spts.push_back(std::move(spt));
                }
                ifc.trigger_point = std::move(tp);
            }
            const auto& as = j.at("as");
            ifc.application_server.server_name = as.at("name").get<std::string>();
            ifc.application_server.default_handling =
                static_cast<DefaultHandling>(as.at("dh").get<int>());
            ifc.application_server.service_info = as.at("si").get<std::string>();
            ifc.application_server.include_register_request = as.at("rq").get<bool>();
            ifc.application_server.include_register_response = as.at("rs").get<bool>();
            if (j.contains("ppi")) ifc.profile_part_indicator = j["ppi"].get<std::uint32_t>();
            profile.ifcs.push_back(std::move(ifc));
        }
    } catch (const json::exception&) {
        return make_error(hss_errc::bad_data);
    }
    return profile;
}

}  // namespace ims::hss
