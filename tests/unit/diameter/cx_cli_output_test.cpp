// ims-cx's rendering of answers (hss/cx_cli/cx_cli_output.cpp).

#include "hss/cx_cli/cx_cli_output.hpp"

#include <gtest/gtest.h>

namespace ims::cx::cli {
namespace {

TEST(CxCliOutput, Hex) {
    EXPECT_EQ(to_hex({0x00, 0xab, 0x10}), "00ab10");
    EXPECT_EQ(from_hex("00AB10"), (Bytes{0x00, 0xab, 0x10}));
    EXPECT_EQ(from_hex("0x00:ab 10"), (Bytes{0x00, 0xab, 0x10}));
    EXPECT_FALSE(from_hex("abc").has_value());
    EXPECT_FALSE(from_hex("zz").has_value());
}

TEST(CxCliOutput, MaaJsonCarriesBinaryAsHexAndTheClassifiedResult) {
    Maa a;
    a.hdr.outcome = Outcome::base(2001);
    a.hdr.session_id = "s;1;2";
    a.user_name = "alice";
    a.number_auth_items = 1;
    AuthDataItem it;
    it.item_number = 1;
    it.scheme = kSchemeAka;
    it.authenticate = {0x01, 0x02};
    it.integrity_key = {0xff};
    a.items.push_back(it);
    auto j = to_json(a);
    EXPECT_EQ(j["command"], "MAA");
    EXPECT_EQ(j["result"]["code"], 2001);
    EXPECT_EQ(j["result"]["result"], "success");
    EXPECT_EQ(j["items"][0]["authenticate"], "0102");
    EXPECT_EQ(j["items"][0]["integrity_key"], "ff");
    EXPECT_FALSE(j["items"][0].contains("confidentiality_key"));
    std::string text = to_text(j);
    EXPECT_NE(text.find("MAA: DIAMETER_SUCCESS (2001, Result-Code) -> success"), std::string::npos)
        << text;
}

TEST(CxCliOutput, FailedAvpIsShown) {
    Uaa a;
    a.hdr.outcome = Outcome::base(5005);
    a.hdr.outcome.failed_avp = 601;
    a.hdr.outcome.failed_avp_vendor = kVendor3gpp;
    auto j = to_json(a);
    EXPECT_EQ(j["result"]["failed_avp"]["code"], 601);
    EXPECT_EQ(j["result"]["failed_avp"]["vendor"], 10415);
    EXPECT_EQ(j["result"]["name"], "DIAMETER_MISSING_AVP");
}

}  // namespace
}  // namespace ims::cx::cli
