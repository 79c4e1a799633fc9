#pragma once
// The Cx application in freeDiameter's dictionary (TS 29.229 6.1-6.3): vendor 3GPP (10415),
// application 16777216, the six command pairs and every AVP they carry, defined with fd_dict_new
// (we do not load dict_dcca_3gpp.fdx / dict_sip.fdx: see README.md). The dictionary objects are
// looked up ONCE and cached here; codecs never call fd_dict_search per message.
//
// Thread: load_cx_dictionary() is idempotent and thread-safe; call it after fd_core_initialize
// (init_freediameter_library() does both). After it succeeded, cx_dictionary() is read-only.

#include <cstdint>

#include "common/core/result.hpp"

struct dict_object;

namespace ims::cx {

struct CxDictionary {
    dict_object* vendor_3gpp = nullptr;
    dict_object* application = nullptr;

    // Commands: request / answer models.
    dict_object* uar = nullptr;
    dict_object* uaa = nullptr;
    dict_object* sar = nullptr;
    dict_object* saa = nullptr;
    dict_object* lir = nullptr;
    dict_object* lia = nullptr;
    dict_object* mar = nullptr;
    dict_object* maa = nullptr;
    dict_object* rtr = nullptr;
    dict_object* rta = nullptr;
    dict_object* ppr = nullptr;
    dict_object* ppa = nullptr;

    // Base protocol AVPs (RFC 6733), from freeDiameter's built-in dictionary.
    dict_object* session_id = nullptr;
    dict_object* origin_host = nullptr;
    dict_object* origin_realm = nullptr;
    dict_object* destination_host = nullptr;
    dict_object* destination_realm = nullptr;
    dict_object* auth_session_state = nullptr;
    dict_object* vendor_specific_application_id = nullptr;
    dict_object* vendor_id = nullptr;
    dict_object* auth_application_id = nullptr;
    dict_object* result_code = nullptr;
    dict_object* experimental_result = nullptr;
    dict_object* experimental_result_code = nullptr;
    dict_object* failed_avp = nullptr;
    dict_object* error_message = nullptr;
    dict_object* user_name = nullptr;

    // RFC 4740 Digest AVPs (vendor 0), defined by us.
    dict_object* digest_realm = nullptr;      // 104
    dict_object* digest_qop = nullptr;        // 110
    dict_object* digest_algorithm = nullptr;  // 111
    dict_object* digest_ha1 = nullptr;        // 121

    // 3GPP Cx AVPs (vendor 10415).
    dict_object* visited_network_identifier = nullptr;                   // 600
    dict_object* public_identity = nullptr;                              // 601
    dict_object* server_name = nullptr;                                  // 602
    dict_object* server_capabilities = nullptr;                          // 603
    dict_object* mandatory_capability = nullptr;                         // 604
    dict_object* optional_capability = nullptr;                          // 605
    dict_object* user_data = nullptr;                                    // 606
    dict_object* sip_number_auth_items = nullptr;                        // 607
    dict_object* sip_authentication_scheme = nullptr;                    // 608
    dict_object* sip_authenticate = nullptr;                             // 609
    dict_object* sip_authorization = nullptr;                            // 610
    dict_object* sip_authentication_context = nullptr;                   // 611
    dict_object* sip_auth_data_item = nullptr;                           // 612
    dict_object* sip_item_number = nullptr;                              // 613
    dict_object* server_assignment_type = nullptr;                       // 614
    dict_object* deregistration_reason = nullptr;                        // 615
    dict_object* reason_code = nullptr;                                  // 616
    dict_object* reason_info = nullptr;                                  // 617
    dict_object* charging_information = nullptr;                         // 618
    dict_object* primary_event_charging_function_name = nullptr;         // 619
    dict_object* secondary_event_charging_function_name = nullptr;       // 620
    dict_object* primary_charging_collection_function_name = nullptr;    // 621
    dict_object* secondary_charging_collection_function_name = nullptr;  // 622
    dict_object* user_authorization_type = nullptr;                      // 623
    dict_object* user_data_already_available = nullptr;                  // 624
    dict_object* confidentiality_key = nullptr;                          // 625
    dict_object* integrity_key = nullptr;                                // 626
    dict_object* supported_features = nullptr;                           // 628
    dict_object* feature_list_id = nullptr;                              // 629
    dict_object* feature_list = nullptr;                                 // 630
    dict_object* associated_identities = nullptr;                        // 632
    dict_object* originating_request = nullptr;                          // 633
    dict_object* wildcarded_public_identity = nullptr;                   // 634
    dict_object* sip_digest_authenticate = nullptr;                      // 635
};

/// Defines (or finds, if already defined identically) every Cx object; caches them.
Result<const CxDictionary*> load_cx_dictionary();

/// The cached objects. Precondition: load_cx_dictionary() succeeded.
const CxDictionary& cx_dictionary() noexcept;

/// fd_core_initialize() once per process (freeDiameter keeps ONE global core), route
/// freeDiameter's log into spdlog, then load_cx_dictionary(). Idempotent, thread-safe.
/// Enough for codec use (unit tests); DiameterCore::start does the rest.
Result<const CxDictionary*> init_freediameter_library();

}  // namespace ims::cx
