#pragma once
// What the HSS sends when an operator asks (TS 29.228 6.1.3 administrative de-registration
// with RTR, 6.2.2 profile update with PPR): built from the store, pure; the daemon sends them.

#include <string>
#include <vector>

#include "common/diameter/cx_types.hpp"
#include "hss/lib/cx_handlers.hpp"
#include "hss/lib/subscriber_store.hpp"

namespace ims::hss {

struct OperatorRequest {
    std::string error;       // non-empty: nothing to send, this says why
    std::string scscf_name;  // the serving S-CSCF (its Server-Name)
    cx::Rtr rtr;             // filled by build_rtr
    cx::Ppr ppr;             // filled by build_ppr
};

/// RTR for `impi`: the named IMPUs' implicit sets, or every registered/unregistered identity.
/// Error when the user is unknown or no S-CSCF serves it.
OperatorRequest build_rtr(SubscriberStore& store, const std::string& impi,
                          const std::vector<std::string>& impus, cx::ReasonCode reason,
                          const std::string& reason_info);

/// PPR for `impi` with the full IMS subscription (every implicit set) and charging info.
OperatorRequest build_ppr(SubscriberStore& store, const HssSettings& settings,
                          const std::string& impi);

/// After a successful RTA: the identities named in the RTR become not registered and the
/// S-CSCF name is cleared when nothing else of the IMPI remains registered.
Result<void> apply_rta(SubscriberStore& store, const cx::Rtr& rtr);

}  // namespace ims::hss
