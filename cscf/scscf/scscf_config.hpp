#pragma once
// ims-scscf's YAML configuration (keys documented in README.md). Start-up only: parsing throws
// config::ConfigError naming file, line and key.

#include <chrono>
#include <optional>
#include <string>

#include "common/diameter/diameter_config.hpp"
#include "common/sip/stack/sip_config.hpp"
#include "cscf/scscf/registrar.hpp"

namespace ims::config {
class Node;
}

namespace ims::scscf {

struct HssTarget {
    std::string destination_realm;                     // empty: the Diameter realm
    std::optional<std::string> destination_host;       // the HSS's Diameter identity
    std::optional<std::chrono::milliseconds> timeout;  // default: diameter.request_timeout
};

struct ScscfConfig {
    sip::SipConfig sip;
    RegistrarSettings registrar;
    std::string state_file;  // empty: no journal (memory only)
    // How often one "scscf: stats" line (registrations, bindings, transactions, heap) is
    // logged; zero: never.
    std::chrono::seconds stats_interval{60};
    HssTarget hss;
    cx::DiameterConfig diameter;
    std::string log_level = "info";
};

ScscfConfig parse_scscf_config(const config::Node& root);
ScscfConfig load_scscf_config(const std::string& path);

}  // namespace ims::scscf
