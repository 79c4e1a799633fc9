#pragma once
// The ims-hss YAML file:
//
//   hss:
//     database: ./hss.sqlite              # created on first start
//     provisioning_file: ./subs.yaml      # optional, applied at start (one transaction)
//     home_network: ims.mnc001.mcc001.3gppnetwork.org   # Visited-Network-Identifier of home
//     max_auth_items: 5                   # cap on SIP-Number-Auth-Items
//     sqlite_synchronous: normal          # normal | full
//     control_socket: ./hss.ctl           # Unix socket for `ims-hss rtr|ppr`
//     server_capabilities: { mandatory: [], optional: [], server_names: [sip:scscf...:6060] }
//     charging: { primary_event_function: ..., secondary_event_function: ...,
//                 primary_charging_function: ..., secondary_charging_function: ... }
//     scscf_diameter_identities:          # Server-Name -> Diameter identity, for RTR/PPR
//       "sip:scscf.ims.mnc001.mcc001.3gppnetwork.org:6060": scscf.ims.mnc001.mcc001.3gppnetwork.org
//   log: { level: info }                  # trace|debug|info|warn|error
//   diameter: { ... }                     # see common/diameter/diameter_config.hpp

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "common/diameter/diameter_config.hpp"
#include "hss/lib/cx_handlers.hpp"

namespace ims::hss {

struct HssConfig {
    std::filesystem::path database = "./hss.sqlite";
    std::optional<std::filesystem::path> provisioning_file;
    std::string sqlite_synchronous = "normal";
    std::filesystem::path control_socket = "./hss.ctl";
    std::map<std::string, std::string> scscf_diameter_identities;
    std::string log_level = "info";
    HssSettings settings;
    std::optional<cx::DiameterConfig> diameter;  // absent when only the store is needed
};

/// Throws ims::config::ConfigError. `need_diameter`: the daemon needs the diameter section;
/// the store commands do not.
HssConfig load_hss_config(const std::filesystem::path& file, bool need_diameter);

/// Diameter identity of the S-CSCF behind a Server-Name: the configured mapping, else the SIP
/// URI's host part (sip:scscf.example.org:6060 -> scscf.example.org).
std::string scscf_identity(const HssConfig& cfg, const std::string& server_name);

}  // namespace ims::hss
