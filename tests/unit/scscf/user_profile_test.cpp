#include "cscf/scscf/user_profile.hpp"

#include <gtest/gtest.h>

#include "cscf/scscf/errors.hpp"
#include "cscf/scscf/ifc_match.hpp"
#include "sample_profile.hpp"

namespace ims::scscf {
namespace {

std::shared_ptr<const UserProfile> sample() {
    auto p = parse_user_data(test::kProfileXml);
    EXPECT_TRUE(p) << p.error().message();
    return p.value();
}

TEST(ParseUserData, IdentitiesBarringAndImplicitSet) {
    const auto p = sample();
    EXPECT_EQ(p->private_id, "alice@ims.example.org");
    ASSERT_EQ(p->service_profiles.size(), 1u);
    const auto& ids = p->service_profiles[0].public_identities;
    ASSERT_EQ(ids.size(), 3u);
    EXPECT_FALSE(ids[0].barred);
    EXPECT_TRUE(ids[2].barred);
    EXPECT_EQ(p->implicit_set("tel:+15550100"),
              (std::vector<std::string>{"tel:+15550100", "sip:alice@ims.example.org",
                                        "sip:alice-barred@ims.example.org"}));
    EXPECT_EQ(p->associated_uris("sip:alice@ims.example.org"),
              (std::vector<std::string>{"sip:alice@ims.example.org", "tel:+15550100"}));
    EXPECT_NE(p->profile_for("tel:+15550100"), nullptr);
    EXPECT_EQ(p->profile_for("sip:bob@x"), nullptr);
    EXPECT_TRUE(p->identity("sip:alice-barred@ims.example.org")->barred);
}

TEST(ParseUserData, IfcsSortedByPriorityWithAsDetails) {
    const auto p = sample();
    const auto& ifcs = p->service_profiles[0].ifcs();
    ASSERT_EQ(ifcs.size(), 2u);
    EXPECT_EQ(ifcs[0].priority, 10);
    EXPECT_EQ(ifcs[1].priority, 20);
    const auto& as = ifcs[0].application_server;
    EXPECT_EQ(as.server_name, "sip:as@127.0.0.1:7060");
    EXPECT_EQ(as.default_handling, DefaultHandling::session_terminated);
    EXPECT_EQ(as.service_info, "hello & welcome");
    EXPECT_TRUE(as.include_register_request);
    EXPECT_TRUE(as.include_register_response);
    EXPECT_EQ(ifcs[0].profile_part_indicator, 0);
    ASSERT_TRUE(ifcs[0].trigger_point);
    EXPECT_TRUE(ifcs[0].trigger_point->cnf);
    EXPECT_EQ(ifcs[0].trigger_point->spts.size(), 2u);
    EXPECT_FALSE(ifcs[1].trigger_point->cnf);
    EXPECT_FALSE(ifcs[1].application_server.include_register_request);
}

TEST(ParseUserData, IdenticalIfcSetsAreSharedThroughTheCache) {
    IfcCache cache;
    auto a = parse_user_data(test::kProfileXml, &cache);
    std::string bob = test::kProfileXml;
    bob.replace(bob.find("alice@ims"), 5, "bob");  // other identities, same services
    auto b = parse_user_data(bob, &cache);
    ASSERT_TRUE(a);
    ASSERT_TRUE(b);
    EXPECT_EQ(a.value()->service_profiles[0].ifc_set, b.value()->service_profiles[0].ifc_set);
    EXPECT_EQ(cache.size(), 1u);
    // Without a cache each parse has its own set.
    auto c = parse_user_data(test::kProfileXml);
    EXPECT_NE(c.value()->service_profiles[0].ifc_set, a.value()->service_profiles[0].ifc_set);
    // The canonical text parses back to the same iFCs.
    auto again = parse_ifc_set(a.value()->service_profiles[0].ifc_set->canonical);
    ASSERT_TRUE(again);
    ASSERT_EQ(again.value()->ifcs.size(), 2u);
    EXPECT_EQ(again.value()->ifcs[0].application_server.server_name, "sip:as@127.0.0.1:7060");
}

TEST(ParseUserData, Errors) {
    auto err = [](const char* xml) {
        auto r = parse_user_data(xml);
        EXPECT_FALSE(r) << xml;
        return r ? std::error_code{} : r.error();
    };
    EXPECT_EQ(err("<IMSSubscription><ServiceProfile>"),
              make_error_code(scscf_errc::profile_invalid_xml));
    EXPECT_EQ(err("<Other/>"), make_error_code(scscf_errc::profile_missing_element));
    EXPECT_EQ(err("<IMSSubscription/>"), make_error_code(scscf_errc::profile_missing_element));
    EXPECT_EQ(err("<IMSSubscription><ServiceProfile/></IMSSubscription>"),
              make_error_code(scscf_errc::profile_missing_element));
    EXPECT_EQ(err("<IMSSubscription><ServiceProfile><PublicIdentity><Identity>sip:a@b</Identity>"
                  "<BarringIndication>x</BarringIndication></PublicIdentity></ServiceProfile>"
                  "</IMSSubscription>"),
              make_error_code(scscf_errc::profile_bad_value));
    EXPECT_EQ(
        err("<IMSSubscription><ServiceProfile><PublicIdentity><Identity>sip:a@b</Identity>"
            "</PublicIdentity><InitialFilterCriteria><TriggerPoint><SPT><RequestURI>(["
            "</RequestURI></SPT></TriggerPoint><ApplicationServer><ServerName>sip:as</ServerName>"
            "</ApplicationServer></InitialFilterCriteria></ServiceProfile></IMSSubscription>"),
        make_error_code(scscf_errc::profile_bad_regex));
    EXPECT_EQ(err("<IMSSubscription><ServiceProfile><PublicIdentity><Identity>sip:a@b</Identity>"
                  "</PublicIdentity><InitialFilterCriteria><ApplicationServer/>"
                  "</InitialFilterCriteria></ServiceProfile></IMSSubscription>"),
              make_error_code(scscf_errc::profile_missing_element));
}

// ---- trigger point evaluation -------------------------------------------------------------

Spt method(std::string m, int group, bool negated = false) {
    Spt s;
    s.kind = Spt::Kind::method;
    s.value = std::move(m);
    s.groups = {group};
    s.negated = negated;
    return s;
}

Spt header(std::string name, std::string content, int group) {
    Spt s;
    s.kind = Spt::Kind::header;
    s.value = std::move(name);
    s.content = std::move(content);
    if (!s.content.empty()) s.content_re = std::make_shared<const std::regex>(s.content);
    s.groups = {group};
    return s;
}

Spt session_case(SessionCase sc, int group) {
    Spt s;
    s.kind = Spt::Kind::session_case;
    s.session_case = sc;
    s.groups = {group};
    return s;
}

RequestFacts register_facts(RegistrationType t = RegistrationType::initial) {
    RequestFacts f;
    f.method = "REGISTER";
    f.request_uri = "sip:ims.example.org";
    f.registration_type = t;
    f.headers = {{"User-Agent", "Handset/1.0"}, {"Contact", "<sip:a@1>"}};
    return f;
}

TEST(TriggerPoint, AbsentMatchesEverything) {
    EXPECT_TRUE(trigger_matches(std::nullopt, register_facts()));
}

TEST(TriggerPoint, CnfIsAndOfOredGroups) {
    TriggerPoint tp{.cnf = true,
                    .spts = {method("REGISTER", 0), method("INVITE", 0),
                             session_case(SessionCase::originating, 1)}};
    EXPECT_TRUE(trigger_matches(tp, register_facts()));
    auto f = register_facts();
    f.session_case = SessionCase::terminating_registered;
    EXPECT_FALSE(trigger_matches(tp, f));
    f = register_facts();
    f.method = "MESSAGE";
    EXPECT_FALSE(trigger_matches(tp, f));
}

TEST(TriggerPoint, DnfIsOrOfAndedGroups) {
    TriggerPoint tp{.cnf = false,
                    .spts = {method("INVITE", 0), session_case(SessionCase::originating, 0),
                             method("REGISTER", 1)}};
    EXPECT_TRUE(trigger_matches(tp, register_facts()));  // group 1
    auto f = register_facts();
    f.method = "INVITE";
    EXPECT_TRUE(trigger_matches(tp, f));  // group 0
    f.session_case = SessionCase::terminating_registered;
    EXPECT_FALSE(trigger_matches(tp, f));
}

TEST(TriggerPoint, NegationAndSptInSeveralGroups) {
    auto not_invite = method("INVITE", 0, true);
    not_invite.groups = {0, 1};
    TriggerPoint tp{.cnf = true, .spts = {not_invite, header("User-Agent", "^Handset", 1)}};
    EXPECT_TRUE(trigger_matches(tp, register_facts()));
    auto f = register_facts();
    f.headers = {{"user-agent", "Other"}};
    EXPECT_TRUE(trigger_matches(tp, f));  // group 1 still ORs in not_invite
    f.method = "INVITE";
    EXPECT_FALSE(trigger_matches(tp, f));
}

TEST(TriggerPoint, HeaderPresenceAndContent) {
    TriggerPoint presence{.cnf = true, .spts = {header("p-access-network-info", "", 0)}};
    EXPECT_FALSE(trigger_matches(presence, register_facts()));
    auto f = register_facts();
    f.headers.emplace_back("P-Access-Network-Info", "3GPP-E-UTRAN-FDD");
    EXPECT_TRUE(trigger_matches(presence, f));
    TriggerPoint content{.cnf = true, .spts = {header("User-Agent", "Softphone", 0)}};
    EXPECT_FALSE(trigger_matches(content, f));
}

TEST(TriggerPoint, RequestUriRegex) {
    Spt s;
    s.kind = Spt::Kind::request_uri;
    s.value = "ims\\.example\\.org$";
    s.value_re = std::make_shared<const std::regex>(s.value);
    s.groups = {0};
    TriggerPoint tp{.cnf = true, .spts = {s}};
    EXPECT_TRUE(trigger_matches(tp, register_facts()));
    auto f = register_facts();
    f.request_uri = "sip:other.org";
    EXPECT_FALSE(trigger_matches(tp, f));
}

TEST(TriggerPoint, RegistrationTypeNarrowsRegisterSpt) {
    auto s = method("REGISTER", 0);
    s.registration_types = (1u << 0) | (1u << 2);  // initial and de-registration
    TriggerPoint tp{.cnf = true, .spts = {s}};
    EXPECT_TRUE(trigger_matches(tp, register_facts(RegistrationType::initial)));
    EXPECT_FALSE(trigger_matches(tp, register_facts(RegistrationType::re_registration)));
    EXPECT_TRUE(trigger_matches(tp, register_facts(RegistrationType::de_registration)));
}

TEST(TriggerPoint, RegistrationTypeParsedFromExtension) {
    auto p = parse_user_data(
        "<IMSSubscription><ServiceProfile><PublicIdentity><Identity>sip:a@b</Identity>"
        "</PublicIdentity><InitialFilterCriteria><TriggerPoint><ConditionTypeCNF>1</"
        "ConditionTypeCNF>"
        "<SPT><Group>0</Group><Method>REGISTER</Method><Extension><RegistrationType>1"
        "</RegistrationType></Extension></SPT></TriggerPoint><ApplicationServer><ServerName>"
        "sip:as</ServerName></ApplicationServer></InitialFilterCriteria></ServiceProfile>"
        "</IMSSubscription>");
    ASSERT_TRUE(p);
    const auto& tp = p.value()->service_profiles[0].ifcs()[0].trigger_point;
    EXPECT_FALSE(trigger_matches(tp, register_facts(RegistrationType::initial)));
    EXPECT_TRUE(trigger_matches(tp, register_facts(RegistrationType::re_registration)));
}

TEST(MatchingIfcs, PriorityOrderAndProfilePart) {
    const auto p = sample();
    const auto& sp = p->service_profiles[0];
    auto m = matching_ifcs(sp, register_facts());
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0]->application_server.server_name, "sip:as@127.0.0.1:7060");
    auto f = register_facts();
    f.user_registered = false;  // the REGISTER iFC is for the registered part only
    EXPECT_TRUE(matching_ifcs(sp, f).empty());
}

}  // namespace
}  // namespace ims::scscf
