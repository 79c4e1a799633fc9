#include "cscf/scscf/cx_failure.hpp"

#include <gtest/gtest.h>

namespace ims::scscf {
namespace {

using cx::CxResult;

TEST(CxFailure, HssUnreachableIs504) {
    for (auto r :
         {CxResult::timeout, CxResult::peer_down, CxResult::too_busy, CxResult::shutting_down}) {
        EXPECT_EQ(sip_failure_for(r).status, 504) << static_cast<int>(r);
    }
}

TEST(CxFailure, IdentityProblemsAre403) {
    for (auto r :
         {CxResult::user_unknown, CxResult::identities_dont_match, CxResult::not_registered,
          CxResult::roaming_not_allowed, CxResult::auth_scheme_unsupported,
          CxResult::authorization_rejected, CxResult::already_registered}) {
        EXPECT_EQ(sip_failure_for(r).status, 403) << static_cast<int>(r);
    }
    EXPECT_EQ(sip_failure_for(CxResult::user_unknown).reason, "Forbidden - user unknown");
}

TEST(CxFailure, ProtocolAndDataProblemsAre500) {
    for (auto r : {CxResult::assignment_type_error, CxResult::too_much_data,
                   CxResult::not_supported_user_data, CxResult::feature_unsupported,
                   CxResult::missing_avp, CxResult::invalid_avp_value, CxResult::unable_to_comply,
                   CxResult::command_unsupported, CxResult::other_error, CxResult::success}) {
        EXPECT_EQ(sip_failure_for(r).status, 500) << static_cast<int>(r);
    }
}

}  // namespace
}  // namespace ims::scscf
