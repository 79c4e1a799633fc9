#include "cx_cli_output.hpp"

#include <sstream>

#include "common/diameter/cx_result.hpp"
#include "common/diameter/fd_avp.hpp"

namespace ims::cx::cli {

std::string to_hex(const Bytes& b) {
    static const char* digits = "0123456789abcdef";
    std::string s;
    s.reserve(b.size() * 2);
    for (auto x : b) {
        s.push_back(digits[x >> 4]);
        s.push_back(digits[x & 0xf]);
    }
    return s;
}

std::optional<Bytes> from_hex(std::string_view t) {
    if (t.starts_with("0x") || t.starts_with("0X")) t.remove_prefix(2);
    Bytes out;
    int hi = -1;
    for (char c : t) {
        if (c == ' ' || c == ':') continue;
        int v = (c >= '0' && c <= '9')   ? c - '0'
                : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                         : -1;
        if (v < 0) return std::nullopt;
        if (hi < 0) {
            hi = v;
        } else {
            out.push_back(static_cast<std::uint8_t>(hi << 4 | v));
            hi = -1;
        }
    }
    if (hi >= 0) return std::nullopt;
    return out;
}

namespace {

using nlohmann::json;

json header(const char* command, const AnswerHeader& h) {
    json j;
    j["command"] = command;
    const Outcome& o = h.outcome;
    json r;
    r["code"] = o.code;
    r["experimental"] = o.experimental;
    r["name"] = std::string(code_name(o));
    r["result"] = std::string(to_string(classify(o)));
    r["success"] = o.is_success();
    if (o.failed_avp) r["failed_avp"] = {{"code", *o.failed_avp}, {"vendor", o.failed_avp_vendor}};
    j["result"] = r;
    j["session_id"] = h.session_id;
    j["origin_host"] = h.origin_host;
    j["origin_realm"] = h.origin_realm;
    if (!h.supported_features.empty()) {
        json sf = json::array();
        for (const auto& f : h.supported_features)
            sf.push_back({{"vendor_id", f.vendor_id},
                          {"feature_list_id", f.feature_list_id},
                          {"feature_list", f.feature_list}});
        j["supported_features"] = sf;
    }
    return j;
}

json capabilities(const ServerCapabilities& c) {
    return {{"mandatory", c.mandatory}, {"optional", c.optional}, {"server_names", c.server_names}};
}

json item(const AuthDataItem& it) {
    json j;
    if (it.item_number) j["item_number"] = *it.item_number;
    j["scheme"] = it.scheme;
    if (!it.authenticate.empty()) j["authenticate"] = to_hex(it.authenticate);
    if (!it.authorization.empty()) j["authorization"] = to_hex(it.authorization);
    if (!it.confidentiality_key.empty()) j["confidentiality_key"] = to_hex(it.confidentiality_key);
    if (!it.integrity_key.empty()) j["integrity_key"] = to_hex(it.integrity_key);
    if (it.digest)
        j["digest"] = {{"realm", it.digest->realm},
                       {"algorithm", it.digest->algorithm},
                       {"qop", it.digest->qop},
                       {"ha1", it.digest->ha1}};
    return j;
}

}  // namespace

nlohmann::json to_json(const Uaa& a) {
    auto j = header("UAA", a.hdr);
    if (a.server_name) j["server_name"] = *a.server_name;
    if (a.capabilities) j["server_capabilities"] = capabilities(*a.capabilities);
    return j;
}

nlohmann::json to_json(const Lia& a) {
    auto j = header("LIA", a.hdr);
    if (a.server_name) j["server_name"] = *a.server_name;
    if (a.capabilities) j["server_capabilities"] = capabilities(*a.capabilities);
    if (a.wildcarded_public_identity)
        j["wildcarded_public_identity"] = *a.wildcarded_public_identity;
    return j;
}

nlohmann::json to_json(const Maa& a) {
    auto j = header("MAA", a.hdr);
    j["user_name"] = a.user_name;
    j["public_identity"] = a.public_identity;
    j["number_auth_items"] = a.number_auth_items;
    json items = json::array();
    for (const auto& it : a.items) items.push_back(item(it));
    j["items"] = items;
    return j;
}

nlohmann::json to_json(const Saa& a) {
    auto j = header("SAA", a.hdr);
    if (a.user_name) j["user_name"] = *a.user_name;
    if (a.user_data) j["user_data"] = *a.user_data;
    if (a.charging_information) {
        const auto& c = *a.charging_information;
        j["charging_information"] = {
            {"primary_event_function", c.primary_event_function},
            {"secondary_event_function", c.secondary_event_function},
            {"primary_charging_function", c.primary_charging_function},
            {"secondary_charging_function", c.secondary_charging_function}};
    }
    if (!a.associated_identities.empty()) j["associated_identities"] = a.associated_identities;
    return j;
}

nlohmann::json to_json(const Rta& a) {
    return header("RTA", a.hdr);
}
nlohmann::json to_json(const Ppa& a) {
    return header("PPA", a.hdr);
}

namespace {
void text_of(std::ostringstream& o, const json& j, const std::string& indent) {
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (it.key() == "command" && indent.empty()) continue;
        if (it->is_object()) {
            o << indent << it.key() << ":\n";
            text_of(o, *it, indent + "  ");
        } else if (it->is_array() && !it->empty() && it->front().is_object()) {
            std::size_t n = 0;
            for (const auto& e : *it) {
                o << indent << it.key() << "[" << n++ << "]:\n";
                text_of(o, e, indent + "  ");
            }
        } else if (it->is_string()) {
            o << indent << it.key() << ": " << it->get<std::string>() << "\n";
        } else {
            o << indent << it.key() << ": " << it->dump() << "\n";
        }
    }
}
}  // namespace

int drop_avp(struct msg* m, std::uint32_t code, std::uint32_t vendor) {
    std::vector<struct avp*> victims;
    detail::for_each_child(m, [&](const detail::AvpView& v) {
        if (v.code == code && v.vendor == vendor) victims.push_back(v.avp);
    });
    for (auto* a : victims) fd_msg_free(a);
    return static_cast<int>(victims.size());
}

std::string to_text(const nlohmann::json& answer) {
    std::ostringstream o;
    const auto& r = answer["result"];
    o << answer.value("command", "?") << ": " << r.value("name", "") << " (" << r["code"].dump()
      << (r.value("experimental", false) ? ", Experimental-Result" : ", Result-Code") << ") -> "
      << r.value("result", "") << "\n";
    text_of(o, answer, "");
    return o.str();
}

}  // namespace ims::cx::cli
