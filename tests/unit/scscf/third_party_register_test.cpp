#include "cscf/scscf/third_party_register.hpp"

#include <gtest/gtest.h>

#include "sample_profile.hpp"

namespace ims::scscf {
namespace {

RequestFacts register_facts(RegistrationType t) {
    RequestFacts f;
    f.method = "REGISTER";
    f.request_uri = "sip:ims.example.org";
    f.registration_type = t;
    return f;
}

ThirdPartyContext context(std::uint32_t expires) {
    ThirdPartyContext c;
    c.scscf_uri = "sip:scscf.ims.example.org:6060";
    c.impu = "sip:alice@ims.example.org";
    c.expires = expires;
    c.original_request = "REGISTER sip:ims.example.org SIP/2.0\r\n\r\n";
    c.original_response = "SIP/2.0 200 OK\r\n\r\n";
    return c;
}

TEST(ThirdPartyRegister, Ts24229Fields) {
    const auto p = parse_user_data(test::kProfileXml).value();
    const auto out = plan_third_party_registers(
        p->service_profiles[0], register_facts(RegistrationType::initial), context(600));
    ASSERT_EQ(out.size(), 1u);
    const auto& r = out[0];
    EXPECT_EQ(r.request_uri, "sip:as@127.0.0.1:7060");
    EXPECT_EQ(r.from, "sip:scscf.ims.example.org:6060");
    EXPECT_EQ(r.to, "sip:alice@ims.example.org");
    EXPECT_EQ(r.contact, "sip:scscf.ims.example.org:6060");
    EXPECT_EQ(r.expires, 600u);
    EXPECT_EQ(r.default_handling, DefaultHandling::session_terminated);
    // service info + REGISTER + 200 OK: three parts.
    EXPECT_EQ(r.content_type, std::string("multipart/mixed;boundary=") + kThirdPartyBoundary);
    EXPECT_NE(r.body.find("Content-Type: application/3gpp-ims+xml"), std::string::npos);
    EXPECT_NE(r.body.find("<service-info>hello &amp; welcome</service-info>"), std::string::npos);
    EXPECT_NE(r.body.find("Content-Type: message/sip\r\n\r\nREGISTER sip:ims.example.org"),
              std::string::npos);
    EXPECT_NE(r.body.find("Content-Type: message/sip\r\n\r\nSIP/2.0 200 OK"), std::string::npos);
    EXPECT_NE(r.body.rfind(std::string("--") + kThirdPartyBoundary + "--\r\n"), std::string::npos);
}

TEST(ThirdPartyRegister, DeregistrationHasExpiresZero) {
    const auto p = parse_user_data(test::kProfileXml).value();
    auto ctx = context(0);
    ctx.original_request.clear();
    ctx.original_response.clear();
    const auto out = plan_third_party_registers(
        p->service_profiles[0], register_facts(RegistrationType::de_registration), ctx);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].expires, 0u);
    // Only the service info is left: a single application/3gpp-ims+xml body.
    EXPECT_EQ(out[0].content_type, "application/3gpp-ims+xml");
}

TEST(ThirdPartyRegister, NoBodyWithoutServiceInfoOrIncludes) {
    ApplicationServer as;
    as.server_name = "sip:as";
    ThirdPartyRegister r;
    build_third_party_body(as, context(600), r);
    EXPECT_TRUE(r.content_type.empty());
    EXPECT_TRUE(r.body.empty());
    as.include_register_response = true;
    build_third_party_body(as, context(600), r);
    EXPECT_EQ(r.content_type, "message/sip");
    EXPECT_EQ(r.body, "SIP/2.0 200 OK\r\n\r\n");
}

TEST(ThirdPartyRegister, SameAsTwiceIsContactedOnce) {
    ServiceProfile sp;
    sp.public_identities = {{"sip:a@b", false, 0, ""}};
    InitialFilterCriteria a;
    a.priority = 1;
    a.application_server.server_name = "sip:as@x";
    InitialFilterCriteria b = a;
    b.priority = 2;
    InitialFilterCriteria c = a;
    c.priority = 3;
    c.application_server.server_name = "sip:other@x";
    auto set = std::make_shared<IfcSet>();
    set->ifcs = {a, b, c};
    sp.ifc_set = set;
    const auto out =
        plan_third_party_registers(sp, register_facts(RegistrationType::initial), context(600));
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].request_uri, "sip:as@x");
    EXPECT_EQ(out[1].request_uri, "sip:other@x");
}

TEST(ThirdPartyRegister, NonMatchingIfcSendsNothing) {
    const auto p = parse_user_data(test::kProfileXml).value();
    auto f = register_facts(RegistrationType::initial);
    f.session_case = SessionCase::terminating_registered;
    EXPECT_TRUE(plan_third_party_registers(p->service_profiles[0], f, context(600)).empty());
}

}  // namespace
}  // namespace ims::scscf
