// The server-side exchange without the network: decode, handler, answer; 5005 / 5004 / 5012.

#include "common/diameter/cx_server.hpp"

#include <gtest/gtest.h>

#include "common/diameter/cx_dictionary.hpp"
#include "fd_test_env.hpp"

namespace ims::cx {
namespace {

using test::wire_round_trip;

class CxServerAnswer : public ::testing::Test {
  protected:
    void SetUp() override { test::ensure_fd(); }

    static Mar mar() {
        Mar r;
        r.hdr.destination_realm = test::kRealm;
        r.user_name = "alice@ims.example";
        r.public_identity = "sip:alice@ims.example";
        r.server_name = "sip:scscf";
        r.auth_data.scheme = kSchemeAka;
        return r;
    }
    static MsgPtr received(MsgPtr m) { return wire_round_trip(std::move(m)); }
};

TEST_F(CxServerAnswer, HandlerSeesTheDecodedRequestAndItsAnswerIsSent) {
    Mar seen;
    CxHandler<Mar> handler = [&](const Mar& r) {
        seen = r;
        Maa a;
        a.hdr.outcome = Outcome::exp(experimental_code::user_unknown);
        return a;
    };
    auto ans = answer_request<Mar>(received(encode(mar()).value()), handler);
    ASSERT_TRUE(ans);
    auto d = decode_maa(wire_round_trip(std::move(ans).value()).get());
    ASSERT_TRUE(d);
    EXPECT_EQ(seen.user_name, "alice@ims.example");
    EXPECT_EQ(d.value().hdr.outcome, Outcome::exp(5001));
    EXPECT_EQ(d.value().hdr.origin_host, test::kHost);  // filled from the local identity
    EXPECT_EQ(d.value().hdr.session_id, seen.hdr.session_id);
}

TEST_F(CxServerAnswer, MissingAvpIsAnswered5005WithFailedAvpAndHandlerNotCalled) {
    auto req = encode(mar());
    ASSERT_TRUE(req);
    struct avp* a = nullptr;
    fd_msg_search_avp(req.value().get(), cx_dictionary().public_identity, &a);
    ASSERT_NE(a, nullptr);
    fd_msg_free(a);
    bool called = false;
    CxHandler<Mar> handler = [&](const Mar&) {
        called = true;
        return Maa{};
    };
    auto ans = answer_request<Mar>(received(std::move(req).value()), handler);
    ASSERT_TRUE(ans);
    auto d = decode_maa(wire_round_trip(std::move(ans).value()).get());
    ASSERT_TRUE(d);
    EXPECT_FALSE(called);
    EXPECT_EQ(d.value().hdr.outcome.code, result_code::missing_avp);
    EXPECT_FALSE(d.value().hdr.outcome.experimental);
    EXPECT_EQ(d.value().hdr.outcome.failed_avp, 601u);
    EXPECT_EQ(d.value().hdr.outcome.failed_avp_vendor, kVendor3gpp);
}

TEST_F(CxServerAnswer, InvalidEnumeratedValueIsAnswered5004) {
    Sar s;
    s.hdr.destination_realm = test::kRealm;
    s.server_name = "sip:scscf";
    s.assignment_type = static_cast<ServerAssignmentType>(77);
    CxHandler<Sar> handler = [](const Sar&) { return Saa{}; };
    auto ans = answer_request<Sar>(received(encode(s).value()), handler);
    ASSERT_TRUE(ans);
    auto d = decode_saa(wire_round_trip(std::move(ans).value()).get());
    ASSERT_TRUE(d);
    EXPECT_EQ(d.value().hdr.outcome.code, result_code::invalid_avp_value);
    EXPECT_EQ(d.value().hdr.outcome.failed_avp, 614u);
}

TEST_F(CxServerAnswer, ThrowingHandlerIsAnswered5012) {
    CxHandler<Mar> handler = [](const Mar&) -> Maa { throw std::runtime_error("db down"); };
    auto ans = answer_request<Mar>(received(encode(mar()).value()), handler);
    ASSERT_TRUE(ans);
    auto d = decode_maa(wire_round_trip(std::move(ans).value()).get());
    ASSERT_TRUE(d);
    EXPECT_EQ(d.value().hdr.outcome, Outcome::base(result_code::unable_to_comply));
}

}  // namespace
}  // namespace ims::cx
