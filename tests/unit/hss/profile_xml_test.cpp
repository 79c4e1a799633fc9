#include "hss/lib/profile_xml.hpp"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include "test_data.hpp"

namespace ims::hss {
namespace {

ProfileBlock block_with_all_spt_kinds() {
    ProfileBlock b;
    b.identities = {{"sip:alice@ims.example", false, RegState::not_registered},
                    {"tel:+15551230001", true, RegState::not_registered}};
    b.profile.name = "p";
    InitialFilterCriteria low;
    low.priority = 20;
    low.application_server.server_name = "sip:as2.example";
    low.application_server.default_handling = DefaultHandling::session_terminated;
    InitialFilterCriteria high;
    high.priority = 1;
    TriggerPoint tp;
    tp.condition_type_cnf = true;
    Spt method{Spt::Kind::method, false, {0}, "INVITE", "", SessionCase::originating};
    Spt sc{Spt::Kind::session_case, true, {0, 1}, "", "", SessionCase::terminating_unregistered};
    Spt header{Spt::Kind::header,       false, {1}, "video & <audio>", "Accept-Contact",
               SessionCase::originating};
    Spt ruri{Spt::Kind::request_uri, false, {2}, "sip:vm@.*", "", SessionCase::originating};
    tp.spts = {method, sc, header, ruri};
    high.trigger_point = tp;
    high.application_server = {"sip:as1.example:7060", DefaultHandling::session_continued, "<info>",
                               true, true};
    high.profile_part_indicator = 0;
    b.profile.ifcs = {low, high};  // out of order on purpose
    return b;
}

TEST(ProfileXml, ParsesBackWithTheAnnexElements) {
    auto xml = build_user_data("alice@ims.example", {block_with_all_spt_kinds()});
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(xml.c_str())) << xml;
    auto root = doc.child("IMSSubscription");
    ASSERT_TRUE(root);
    EXPECT_STREQ(root.child_value("PrivateID"), "alice@ims.example");
    auto sp = root.child("ServiceProfile");
    ASSERT_TRUE(sp);
    auto ids = sp.children("PublicIdentity");
    std::vector<pugi::xml_node> idv(ids.begin(), ids.end());
    ASSERT_EQ(idv.size(), 2u);
    EXPECT_STREQ(idv[0].child_value("Identity"), "sip:alice@ims.example");
    EXPECT_FALSE(idv[0].child("BarringIndication"));
    EXPECT_STREQ(idv[1].child_value("Identity"), "tel:+15551230001");
    EXPECT_STREQ(idv[1].child_value("BarringIndication"), "1");

    auto ifcs = sp.children("InitialFilterCriteria");
    std::vector<pugi::xml_node> ifcv(ifcs.begin(), ifcs.end());
    ASSERT_EQ(ifcv.size(), 2u);
    EXPECT_STREQ(ifcv[0].child_value("Priority"), "1");  // sorted by priority
    EXPECT_STREQ(ifcv[1].child_value("Priority"), "20");
    EXPECT_FALSE(ifcv[1].child("TriggerPoint"));

    auto tp = ifcv[0].child("TriggerPoint");
    EXPECT_STREQ(tp.child_value("ConditionTypeCNF"), "1");
    std::vector<pugi::xml_node> spts(tp.children("SPT").begin(), tp.children("SPT").end());
    ASSERT_EQ(spts.size(), 4u);
    EXPECT_STREQ(spts[0].child_value("ConditionNegated"), "0");
    EXPECT_STREQ(spts[0].child_value("Group"), "0");
    EXPECT_STREQ(spts[0].child_value("Method"), "INVITE");
    EXPECT_STREQ(spts[1].child_value("ConditionNegated"), "1");
    EXPECT_EQ(std::distance(spts[1].children("Group").begin(), spts[1].children("Group").end()), 2);
    EXPECT_STREQ(spts[1].child_value("SessionCase"), "2");
    EXPECT_STREQ(spts[2].child("SIPHeader").child_value("Header"), "Accept-Contact");
    EXPECT_STREQ(spts[2].child("SIPHeader").child_value("Content"), "video & <audio>");
    EXPECT_STREQ(spts[3].child_value("RequestURI"), "sip:vm@.*");

    auto as = ifcv[0].child("ApplicationServer");
    EXPECT_STREQ(as.child_value("ServerName"), "sip:as1.example:7060");
    EXPECT_STREQ(as.child_value("DefaultHandling"), "0");
    EXPECT_STREQ(as.child_value("ServiceInfo"), "<info>");
    EXPECT_TRUE(as.child("IncludeRegisterRequest"));
    EXPECT_TRUE(as.child("IncludeRegisterResponse"));
    EXPECT_STREQ(ifcv[0].child_value("ProfilePartIndicator"), "0");

    auto as2 = ifcv[1].child("ApplicationServer");
    EXPECT_STREQ(as2.child_value("DefaultHandling"), "1");
    EXPECT_FALSE(as2.child("IncludeRegisterRequest"));
    EXPECT_FALSE(as2.child("ServiceInfo"));
}

TEST(ProfileXml, ExactTextOfAMinimalDocument) {
    ProfileBlock b;
    b.identities = {{"sip:a@x", false, RegState::registered}};
    b.profile.name = "empty";
    EXPECT_EQ(build_user_data("a@x", {b}),
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?><IMSSubscription "
              "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
              "xsi:noNamespaceSchemaLocation=\"CxDataType.xsd\"><PrivateID>a@x</PrivateID>"
              "<ServiceProfile><PublicIdentity><Identity>sip:a@x</Identity></PublicIdentity>"
              "</ServiceProfile></IMSSubscription>");
}

TEST(ProfileXml, EscapesMarkup) {
    EXPECT_EQ(xml_escape("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&apos;");
}

}  // namespace
}  // namespace ims::hss
