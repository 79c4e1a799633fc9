#include "common/diameter/cx_dictionary.hpp"

#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdcore.h>

#include <mutex>

#include <spdlog/spdlog.h>

#include "common/diameter/cx_errc.hpp"
#include "common/diameter/cx_types.hpp"

namespace ims::cx {
namespace {

CxDictionary g_dict;

// Every object is looked up first and created only if absent, so loading twice (or after an
// extension that defined the same AVP identically) is harmless.

dict_object* find_base_avp(const char* name) {
    dict_object* obj = nullptr;
    fd_dict_search(fd_g_config->cnf_dict, DICT_AVP, AVP_BY_NAME, name, &obj, ENOENT);
    if (!obj) spdlog::error("diameter: base dictionary lacks AVP {}", name);
    return obj;
}

dict_object* find_type(const char* name) {
    dict_object* obj = nullptr;
    fd_dict_search(fd_g_config->cnf_dict, DICT_TYPE, TYPE_BY_NAME, name, &obj, ENOENT);
    return obj;  // optional: only used for nicer dumps
}

enum class Kind { utf8, octets, u32, i32, grouped };

dict_object* define_avp(std::uint32_t code, std::uint32_t vendor, const char* name, Kind kind,
                        bool mandatory, dict_object* utf8_type) {
    dict_avp_request req{};
    req.avp_vendor = vendor;
    req.avp_code = code;
    dict_object* obj = nullptr;
    fd_dict_search(fd_g_config->cnf_dict, DICT_AVP, AVP_BY_CODE_AND_VENDOR, &req, &obj, ENOENT);
    if (obj) return obj;

    dict_avp_data data{};
    data.avp_code = code;
    data.avp_vendor = vendor;
    data.avp_name = const_cast<char*>(name);
    data.avp_flag_mask = AVP_FLAG_VENDOR | AVP_FLAG_MANDATORY;
    data.avp_flag_val = static_cast<std::uint8_t>((vendor ? AVP_FLAG_VENDOR : 0) |
                                                  (mandatory ? AVP_FLAG_MANDATORY : 0));
    dict_object* type = nullptr;
    switch (kind) {
        case Kind::utf8:
            data.avp_basetype = AVP_TYPE_OCTETSTRING;
            type = utf8_type;
            break;
        case Kind::octets:
            data.avp_basetype = AVP_TYPE_OCTETSTRING;
            break;
        case Kind::u32:
            data.avp_basetype = AVP_TYPE_UNSIGNED32;
            break;
        case Kind::i32:
            data.avp_basetype = AVP_TYPE_INTEGER32;
            break;
        case Kind::grouped:
            data.avp_basetype = AVP_TYPE_GROUPED;
            break;
    }
    int rc = fd_dict_new(fd_g_config->cnf_dict, DICT_AVP, &data, type, &obj);
    if (rc != 0) {
        spdlog::error("diameter: cannot define AVP {} ({}/{}): {}", name, vendor, code,
                      strerror(rc));
        return nullptr;
    }
    return obj;
}

dict_object* define_command(std::uint32_t code, const char* name, bool request, dict_object* app) {
    // freeDiameter indexes commands by code and R bit only (not per application): reuse a
    // command another dictionary already defined with this code.
    dict_object* obj = nullptr;
    command_code_t cc = code;
    fd_dict_search(fd_g_config->cnf_dict, DICT_COMMAND, request ? CMD_BY_CODE_R : CMD_BY_CODE_A,
                   &cc, &obj, ENOENT);
    if (obj) return obj;
    dict_cmd_data data{};
    data.cmd_code = code;
    data.cmd_name = const_cast<char*>(name);
    // TS 29.229 6.1: all Cx commands are proxiable. The E bit is left free so error answers
    // (RFC 6733 7.2) still match the answer model.
    data.cmd_flag_mask = CMD_FLAG_REQUEST | CMD_FLAG_PROXIABLE;
    data.cmd_flag_val =
        static_cast<std::uint8_t>(CMD_FLAG_PROXIABLE | (request ? CMD_FLAG_REQUEST : 0));
    int rc = fd_dict_new(fd_g_config->cnf_dict, DICT_COMMAND, &data, app, &obj);
    if (rc != 0) {
        spdlog::error("diameter: cannot define command {}: {}", name, strerror(rc));
        return nullptr;
    }
    return obj;
}

bool load_all() {
    CxDictionary d;
    dictionary* dict = fd_g_config->cnf_dict;

    {  // Vendor 3GPP
        vendor_id_t vid = kVendor3gpp;
        fd_dict_search(dict, DICT_VENDOR, VENDOR_BY_ID, &vid, &d.vendor_3gpp, ENOENT);
        if (!d.vendor_3gpp) {
            dict_vendor_data v{kVendor3gpp, const_cast<char*>("3GPP")};
            if (fd_dict_new(dict, DICT_VENDOR, &v, nullptr, &d.vendor_3gpp) != 0) return false;
        }
    }
    {  // Application Cx/Dx, TS 29.229 6.1
        application_id_t aid = kCxApplicationId;
        fd_dict_search(dict, DICT_APPLICATION, APPLICATION_BY_ID, &aid, &d.application, ENOENT);
        if (!d.application) {
            dict_application_data a{kCxApplicationId, const_cast<char*>("3GPP Cx/Dx")};
            if (fd_dict_new(dict, DICT_APPLICATION, &a, d.vendor_3gpp, &d.application) != 0)
                return false;
        }
    }

    d.uar = define_command(300, "User-Authorization-Request", true, d.application);
    d.uaa = define_command(300, "User-Authorization-Answer", false, d.application);
    d.sar = define_command(301, "Server-Assignment-Request", true, d.application);
    d.saa = define_command(301, "Server-Assignment-Answer", false, d.application);
    d.lir = define_command(302, "Location-Info-Request", true, d.application);
    d.lia = define_command(302, "Location-Info-Answer", false, d.application);
    d.mar = define_command(303, "Multimedia-Auth-Request", true, d.application);
    d.maa = define_command(303, "Multimedia-Auth-Answer", false, d.application);
    d.rtr = define_command(304, "Registration-Termination-Request", true, d.application);
    d.rta = define_command(304, "Registration-Termination-Answer", false, d.application);
    d.ppr = define_command(305, "Push-Profile-Request", true, d.application);
    d.ppa = define_command(305, "Push-Profile-Answer", false, d.application);

    d.session_id = find_base_avp("Session-Id");
    d.origin_host = find_base_avp("Origin-Host");
    d.origin_realm = find_base_avp("Origin-Realm");
    d.destination_host = find_base_avp("Destination-Host");
    d.destination_realm = find_base_avp("Destination-Realm");
    d.auth_session_state = find_base_avp("Auth-Session-State");
    d.vendor_specific_application_id = find_base_avp("Vendor-Specific-Application-Id");
    d.vendor_id = find_base_avp("Vendor-Id");
    d.auth_application_id = find_base_avp("Auth-Application-Id");
    d.result_code = find_base_avp("Result-Code");
    d.experimental_result = find_base_avp("Experimental-Result");
    d.experimental_result_code = find_base_avp("Experimental-Result-Code");
    d.failed_avp = find_base_avp("Failed-AVP");
    d.error_message = find_base_avp("Error-Message");
    d.user_name = find_base_avp("User-Name");

    dict_object* utf8 = find_type("UTF8String");
    const auto V = kVendor3gpp;
    // RFC 4740 9.x: Digest AVPs, no vendor, M bit set.
    d.digest_realm = define_avp(104, 0, "Digest-Realm", Kind::utf8, true, utf8);
    d.digest_qop = define_avp(110, 0, "Digest-QoP", Kind::utf8, true, utf8);
    d.digest_algorithm = define_avp(111, 0, "Digest-Algorithm", Kind::utf8, true, utf8);
    d.digest_ha1 = define_avp(121, 0, "Digest-HA1", Kind::utf8, true, utf8);

    // TS 29.229 table 6.3.1. The AVPs added after Rel-6 (628-635) are sent without the M bit.
    d.visited_network_identifier =
        define_avp(600, V, "Visited-Network-Identifier", Kind::octets, true, utf8);
    d.public_identity = define_avp(601, V, "Public-Identity", Kind::utf8, true, utf8);
    d.server_name = define_avp(602, V, "Server-Name", Kind::utf8, true, utf8);
    d.server_capabilities = define_avp(603, V, "Server-Capabilities", Kind::grouped, true, utf8);
    d.mandatory_capability = define_avp(604, V, "Mandatory-Capability", Kind::u32, true, utf8);
    d.optional_capability = define_avp(605, V, "Optional-Capability", Kind::u32, true, utf8);
    d.user_data = define_avp(606, V, "User-Data", Kind::octets, true, utf8);
    d.sip_number_auth_items = define_avp(607, V, "SIP-Number-Auth-Items", Kind::u32, true, utf8);
    d.sip_authentication_scheme =
        define_avp(608, V, "SIP-Authentication-Scheme", Kind::utf8, true, utf8);
    d.sip_authenticate = define_avp(609, V, "SIP-Authenticate", Kind::octets, true, utf8);
    d.sip_authorization = define_avp(610, V, "SIP-Authorization", Kind::octets, true, utf8);
    d.sip_authentication_context =
        define_avp(611, V, "SIP-Authentication-Context", Kind::octets, true, utf8);
    d.sip_auth_data_item = define_avp(612, V, "SIP-Auth-Data-Item", Kind::grouped, true, utf8);
    d.sip_item_number = define_avp(613, V, "SIP-Item-Number", Kind::u32, true, utf8);
    d.server_assignment_type = define_avp(614, V, "Server-Assignment-Type", Kind::i32, true, utf8);
    d.deregistration_reason =
        define_avp(615, V, "Deregistration-Reason", Kind::grouped, true, utf8);
    d.reason_code = define_avp(616, V, "Reason-Code", Kind::i32, true, utf8);
    d.reason_info = define_avp(617, V, "Reason-Info", Kind::utf8, true, utf8);
    d.charging_information = define_avp(618, V, "Charging-Information", Kind::grouped, true, utf8);
    d.primary_event_charging_function_name =
        define_avp(619, V, "Primary-Event-Charging-Function-Name", Kind::utf8, true, utf8);
    d.secondary_event_charging_function_name =
        define_avp(620, V, "Secondary-Event-Charging-Function-Name", Kind::utf8, true, utf8);
    d.primary_charging_collection_function_name =
        define_avp(621, V, "Primary-Charging-Collection-Function-Name", Kind::utf8, true, utf8);
    d.secondary_charging_collection_function_name =
        define_avp(622, V, "Secondary-Charging-Collection-Function-Name", Kind::utf8, true, utf8);
    d.user_authorization_type =
        define_avp(623, V, "User-Authorization-Type", Kind::i32, true, utf8);
    d.user_data_already_available =
        define_avp(624, V, "User-Data-Already-Available", Kind::i32, true, utf8);
    d.confidentiality_key = define_avp(625, V, "Confidentiality-Key", Kind::octets, true, utf8);
    d.integrity_key = define_avp(626, V, "Integrity-Key", Kind::octets, true, utf8);
    d.supported_features = define_avp(628, V, "Supported-Features", Kind::grouped, false, utf8);
    d.feature_list_id = define_avp(629, V, "Feature-List-ID", Kind::u32, false, utf8);
    d.feature_list = define_avp(630, V, "Feature-List", Kind::u32, false, utf8);
    d.associated_identities =
        define_avp(632, V, "Associated-Identities", Kind::grouped, false, utf8);
    d.originating_request = define_avp(633, V, "Originating-Request", Kind::i32, true, utf8);
    d.wildcarded_public_identity =
        define_avp(634, V, "Wildcarded-Public-Identity", Kind::utf8, false, utf8);
    d.sip_digest_authenticate =
        define_avp(635, V, "SIP-Digest-Authenticate", Kind::grouped, false, utf8);

    // Every pointer must be set.
    static_assert(sizeof(CxDictionary) % sizeof(dict_object*) == 0);
    auto* p = reinterpret_cast<dict_object* const*>(&d);
    for (std::size_t i = 0; i < sizeof(CxDictionary) / sizeof(dict_object*); ++i) {
        if (!p[i]) {
            spdlog::error("diameter: Cx dictionary object #{} could not be defined", i);
            return false;
        }
    }
    g_dict = d;
    return true;
}

std::mutex g_mutex;
bool g_loaded = false;

}  // namespace

Result<const CxDictionary*> load_cx_dictionary() {
    std::lock_guard lock(g_mutex);
    if (g_loaded) return &g_dict;
    if (!fd_g_config || !fd_g_config->cnf_dict) return make_error_code(cx_errc::not_started);
    if (!load_all()) return make_error_code(cx_errc::core_failure);
    g_loaded = true;
    return &g_dict;
}

const CxDictionary& cx_dictionary() noexcept {
    return g_dict;
}

}  // namespace ims::cx
