#include "hss/lib/profile_xml.hpp"

#include <algorithm>

namespace ims::hss {
namespace {

void element(std::string& out, const char* name, const std::string& text) {
    out += '<';
    out += name;
    out += '>';
    out += xml_escape(text);
    out += "</";
    out += name;
    out += '>';
}

void element(std::string& out, const char* name, std::int64_t value) {
    element(out, name, std::to_string(value));
}

void write_spt(std::string& out, const Spt& spt) {
    out += "<SPT>";
    element(out, "ConditionNegated", spt.negated ? 1 : 0);
    for (auto g : spt.groups) element(out, "Group", static_cast<std::int64_t>(g));
    switch (spt.kind) {
        case Spt::Kind::method:
            element(out, "Method", spt.value);
            break;
        case Spt::Kind::request_uri:
            element(out, "RequestURI", spt.value);
            break;
        case Spt::Kind::session_case:
            element(out, "SessionCase", static_cast<std::int64_t>(spt.session_case));
            break;
        case Spt::Kind::header:
            out += "<SIPHeader>";
            element(out, "Header", spt.header);
            if (!spt.value.empty()) element(out, "Content", spt.value);
            out += "</SIPHeader>";
            break;
    }
    out += "</SPT>";
}

void write_ifc(std::string& out, const InitialFilterCriteria& ifc) {
    out += "<InitialFilterCriteria>";
    element(out, "Priority", ifc.priority);
    if (ifc.trigger_point) {
        out += "<TriggerPoint>";
        element(out, "ConditionTypeCNF", ifc.trigger_point->condition_type_cnf ? 1 : 0);
        for (const auto& spt : ifc.trigger_point->spts) write_spt(out, spt);
        out += "</TriggerPoint>";
    }
    const auto& as = ifc.application_server;
    out += "<ApplicationServer>";
    element(out, "ServerName", as.server_name);
    element(out, "DefaultHandling", static_cast<std::int64_t>(as.default_handling));
    if (!as.service_info.empty()) element(out, "ServiceInfo", as.service_info);
    if (as.include_register_request) out += "<IncludeRegisterRequest/>";
    if (as.include_register_response) out += "<IncludeRegisterResponse/>";
    out += "</ApplicationServer>";
    if (ifc.profile_part_indicator)
        element(out, "ProfilePartIndicator",
                static_cast<std::int64_t>(*ifc.profile_part_indicator));
    out += "</InitialFilterCriteria>";
}

}  // namespace

std::string xml_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string build_user_data(const std::string& impi, const std::vector<ProfileBlock>& blocks) {
    std::string out;
    out.reserve(512);
    out +=
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        "<IMSSubscription xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        "xsi:noNamespaceSchemaLocation=\"CxDataType.xsd\">";
    element(out, "PrivateID", impi);
    for (const auto& block : blocks) {
        out += "<ServiceProfile>";
        for (const auto& id : block.identities) {
            out += "<PublicIdentity>";
            // TS 29.228 annex B: BarringIndication is present when the identity is barred.
            if (id.barred) element(out, "BarringIndication", 1);
            element(out, "Identity", id.uri);
            out += "</PublicIdentity>";
        }
        std::vector<const InitialFilterCriteria*> ifcs;
        for (const auto& ifc : block.profile.ifcs) ifcs.push_back(&ifc);
        std::stable_sort(ifcs.begin(), ifcs.end(),
                         [](auto* a, auto* b) { return a->priority < b->priority; });
        for (const auto* ifc : ifcs) write_ifc(out, *ifc);
        out += "</ServiceProfile>";
    }
    out += "</IMSSubscription>";
    return out;
}

}  // namespace ims::hss
