// The one mapping of Result-Code / Experimental-Result-Code (and transport errors) to CxResult.

#include "common/diameter/cx_result.hpp"

#include <gtest/gtest.h>

namespace ims::cx {
namespace {

TEST(CxResult, ExperimentalCodesOfTs29229) {
    EXPECT_EQ(classify(Outcome::exp(2001)), CxResult::first_registration);
    EXPECT_EQ(classify(Outcome::exp(2002)), CxResult::subsequent_registration);
    EXPECT_EQ(classify(Outcome::exp(2003)), CxResult::unregistered_service);
    EXPECT_EQ(classify(Outcome::exp(2004)), CxResult::success_server_name_not_stored);
    EXPECT_EQ(classify(Outcome::exp(5001)), CxResult::user_unknown);
    EXPECT_EQ(classify(Outcome::exp(5002)), CxResult::identities_dont_match);
    EXPECT_EQ(classify(Outcome::exp(5003)), CxResult::not_registered);
    EXPECT_EQ(classify(Outcome::exp(5004)), CxResult::roaming_not_allowed);
    EXPECT_EQ(classify(Outcome::exp(5005)), CxResult::already_registered);
    EXPECT_EQ(classify(Outcome::exp(5006)), CxResult::auth_scheme_unsupported);
    EXPECT_EQ(classify(Outcome::exp(5007)), CxResult::assignment_type_error);
    EXPECT_EQ(classify(Outcome::exp(5008)), CxResult::too_much_data);
    EXPECT_EQ(classify(Outcome::exp(5009)), CxResult::not_supported_user_data);
    EXPECT_EQ(classify(Outcome::exp(5011)), CxResult::feature_unsupported);
    EXPECT_EQ(classify(Outcome::exp(9999)), CxResult::other_error);
}

TEST(CxResult, SameNumberMeansDifferentThingsInResultCodeAndExperimentalResult) {
    // 5003: AUTHORIZATION_REJECTED (base) vs IDENTITY_NOT_REGISTERED (Cx); 5005 likewise.
    EXPECT_EQ(classify(Outcome::base(5003)), CxResult::authorization_rejected);
    EXPECT_EQ(classify(Outcome::exp(5003)), CxResult::not_registered);
    EXPECT_EQ(classify(Outcome::base(5005)), CxResult::missing_avp);
    EXPECT_EQ(classify(Outcome::exp(5005)), CxResult::already_registered);
    EXPECT_EQ(classify(Outcome::base(2001)), CxResult::success);
    EXPECT_EQ(classify(Outcome::exp(2001)), CxResult::first_registration);
}

TEST(CxResult, BaseCodes) {
    EXPECT_EQ(classify(Outcome::base(3001)), CxResult::command_unsupported);
    EXPECT_EQ(classify(Outcome::base(3002)), CxResult::peer_down);
    EXPECT_EQ(classify(Outcome::base(3004)), CxResult::too_busy);
    EXPECT_EQ(classify(Outcome::base(5004)), CxResult::invalid_avp_value);
    EXPECT_EQ(classify(Outcome::base(5012)), CxResult::unable_to_comply);
    EXPECT_EQ(classify(Outcome::base(2002)), CxResult::success);  // any 2xxx
    EXPECT_EQ(classify(Outcome::base(4001)), CxResult::other_error);
}

TEST(CxResult, TransportErrors) {
    EXPECT_EQ(classify(make_error_code(cx_errc::timeout)), CxResult::timeout);
    EXPECT_EQ(classify(make_error_code(cx_errc::unable_to_deliver)), CxResult::peer_down);
    EXPECT_EQ(classify(make_error_code(cx_errc::not_started)), CxResult::peer_down);
    EXPECT_EQ(classify(make_error_code(cx_errc::shutting_down)), CxResult::shutting_down);
    EXPECT_EQ(classify(std::make_error_code(std::errc::io_error)), CxResult::other_error);
}

TEST(CxResult, ClassifyAClientResult) {
    Result<Maa> ok = Maa{};
    EXPECT_EQ(classify(ok), CxResult::success);
    Maa unknown;
    unknown.hdr.outcome = Outcome::exp(5001);
    EXPECT_EQ(classify(Result<Maa>(unknown)), CxResult::user_unknown);
    EXPECT_EQ(classify(Result<Maa>(make_error_code(cx_errc::timeout))), CxResult::timeout);
}

TEST(CxResult, ToOutcomeIsTheInverseForAnswerCarriedResults) {
    for (int i = 0; i <= static_cast<int>(CxResult::command_unsupported); ++i) {
        auto r = static_cast<CxResult>(i);
        if (r == CxResult::peer_down) continue;
        EXPECT_EQ(classify(to_outcome(r)), r) << to_string(r);
    }
    EXPECT_EQ(to_outcome(CxResult::timeout), Outcome::base(5012));
}

TEST(CxResult, NamesAndSuccess) {
    EXPECT_EQ(to_string(CxResult::user_unknown), "user_unknown");
    EXPECT_EQ(code_name(Outcome::exp(5001)), "DIAMETER_ERROR_USER_UNKNOWN");
    EXPECT_EQ(code_name(Outcome::base(5005)), "DIAMETER_MISSING_AVP");
    EXPECT_TRUE(is_success(CxResult::subsequent_registration));
    EXPECT_FALSE(is_success(CxResult::user_unknown));
    EXPECT_FALSE(is_success(CxResult::timeout));
}

TEST(CxErrc, CategoryAndMessages) {
    auto ec = make_error_code(cx_errc::missing_avp);
    EXPECT_STREQ(ec.category().name(), "cx");
    EXPECT_EQ(ec.message(), "mandatory AVP missing");
    EXPECT_NE(make_error_code(cx_errc::timeout).message().find("timeout"), std::string::npos);
}

}  // namespace
}  // namespace ims::cx
