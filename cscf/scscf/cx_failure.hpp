#pragma once
// THE one place where a failed Cx exchange becomes a SIP answer to the UE (TS 24.229 5.4.1.2,
// 5.3.1.2 for the user-identity results). Callers classify the Cx result with cx::classify()
// (common/diameter/cx_result.hpp) and hand it here.

#include <string>

#include "common/diameter/cx_result.hpp"

namespace ims::scscf {

struct SipFailure {
    int status = 500;
    std::string reason;
    friend bool operator==(const SipFailure&, const SipFailure&) = default;
};

/// For a non-success CxResult. A success value maps to 500 (the caller has a bug).
SipFailure sip_failure_for(cx::CxResult r);

}  // namespace ims::scscf
