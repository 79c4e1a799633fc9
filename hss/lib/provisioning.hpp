#pragma once
// Provisioning from YAML (`ims-hss provision --file subs.yaml`, `provisioning_file:` at start):
// parse and validate EVERYTHING first (errors name file, line and key), then write in ONE
// transaction, so a bad file leaves the store untouched.
//
//   service_profiles:
//     - name: default
//       ifcs:
//         - priority: 0
//           trigger_point:                      # optional: absent matches every request
//             condition_type_cnf: false
//             spt:
//               - { method: REGISTER, group: 0 }
//               - { session_case: terminating_unregistered, group: 1, negated: false }
//               - { header: { name: Accept-Contact, content: ".*video.*" }, group: 2 }
//               - { request_uri: "sip:voicemail@.*", group: 3 }
//           application_server:
//             server_name: sip:as.ims.mnc001.mcc001.3gppnetwork.org:7060
//             default_handling: session_continued   # or session_terminated
//             service_info: "any text"
//             include_register_request: true
//             include_register_response: false
//   subscribers:
//     - impi: alice@ims.mnc001.mcc001.3gppnetwork.org
//       default_scheme: aka                  # aka | digest (default: aka when aka is given)
//       digest: { password: secret }         # or ha1_md5 / ha1_sha256; realm: IMPI's domain
//       aka: { k: <32 hex>, opc: <32 hex>, amf: "8000", sqn: 0 }   # or op: instead of opc
//       allowed_visited_networks: [ visited.example ]             # "*": any
//       service_profile: default             # with impus: one implicit registration set
//       impus: [ "sip:alice@ims...", { uri: "tel:+15551230001", barred: false } ]
//       implicit_sets:                       # or several sets, each with its profile
//         - { service_profile: default, impus: [ ... ] }
//   generate:                                # lab bulk: N subscribers from a template
//     - count: 1000000
//       start: 1
//       width: 7                             # {n} zero-padded to 7 digits
//       impi: "user{n}@ims.mnc001.mcc001.3gppnetwork.org"
//       impus: [ "sip:user{n}@ims.mnc001.mcc001.3gppnetwork.org", "tel:+1555{n}" ]
//       service_profile: default
//       aka: { k: ..., opc: ..., amf: "8000" }
//       digest: { password: "pw{n}" }

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/config/config.hpp"
#include "hss/lib/subscriber_store.hpp"

namespace ims::hss {

/// Template for generated subscribers; `{n}` in strings is replaced by the number.
struct SubscriberTemplate {
    std::size_t count = 0;
    std::uint64_t start = 1;
    int width = 0;
    Subscriber proto;                     // strings hold "{n}"
    std::optional<std::string> password;  // "{n}" allowed; HA1 computed per subscriber
    int line = 0;
};

struct ProvisioningPlan {
    std::string file;
    std::vector<ServiceProfile> profiles;
    std::vector<Subscriber> subscribers;
    std::vector<int> subscriber_lines;  // line of each subscribers[i] in `file`
    std::vector<SubscriberTemplate> generators;

    std::size_t total() const;
};

/// Parses and validates a provisioning document. Profiles named by subscribers must be in the
/// document or already in `store` (may be null: then only the document counts).
/// Throws ims::config::ConfigError("file:line: key: message") on the first problem.
ProvisioningPlan parse_provisioning(const config::Node& root, SubscriberStore* store);
ProvisioningPlan load_provisioning_file(const std::filesystem::path& file, SubscriberStore* store);

/// Writes the plan in one transaction. On an IMPU clash with another IMPI already stored,
/// nothing is written and the error message names the file, line and key; on success returns
/// the report. Store errors are returned as error codes.
struct ApplyOutcome {
    ProvisionReport report;
    std::string error;  // non-empty: nothing was written, this says why
};
Result<ApplyOutcome> apply_provisioning(SubscriberStore& store, const ProvisioningPlan& plan);

/// The n-th subscriber of a template (0-based), credentials derived.
Subscriber instantiate(const SubscriberTemplate& t, std::size_t index);

}  // namespace ims::hss
