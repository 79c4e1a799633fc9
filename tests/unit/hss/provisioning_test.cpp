#include "hss/lib/provisioning.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "fake_subscriber_store.hpp"
#include "hss/lib/sqlite_store.hpp"
#include "test_data.hpp"

namespace ims::hss {
namespace {

using namespace test;

const char* kGood = R"(service_profiles:
  - name: default
    ifcs:
      - priority: 0
        trigger_point:
          condition_type_cnf: false
          spt:
            - { method: REGISTER }
            - { session_case: terminating_unregistered, group: 1 }
            - { header: { name: Accept-Contact, content: "video" }, groups: [2, 3], negated: true }
            - { request_uri: "sip:vm@.*" }
        application_server:
          server_name: sip:as.example:7060
          default_handling: session_terminated
          service_info: hello
          include_register_request: true
subscribers:
  - impi: alice@ims.example
    digest: { password: secret }
    aka: { k: 465b5ce8b199b49faa5f0a2ee238a6bc, op: cdc202d5123e20f62b6d676ac72cb318, amf: b9b9, sqn: 7 }
    allowed_visited_networks: [ visited.example ]
    service_profile: default
    impus: [ "sip:alice@ims.example", { uri: "tel:+1555", barred: true } ]
  - impi: bob@ims.example
    default_scheme: digest
    digest: { ha1_md5: 00112233445566778899aabbccddeeff, realm: other.realm }
    implicit_sets:
      - { service_profile: default, impus: [ "sip:bob@ims.example" ] }
      - { service_profile: default, impus: [ "sip:bob2@ims.example" ] }
generate:
  - count: 3
    start: 9
    width: 3
    impi: "user{n}@ims.example"
    impus: [ "sip:user{n}@ims.example" ]
    service_profile: default
    digest: { password: "pw{n}" }
)";

std::string error_of(const std::string& yaml, SubscriberStore* store = nullptr) {
    try {
        parse_provisioning(config::load_string(yaml, "subs.yaml"), store);
    } catch (const config::ConfigError& e) {
        return e.what();
    }
    return "";
}

TEST(Provisioning, ParsesEveryFeature) {
    auto plan = parse_provisioning(config::load_string(kGood, "subs.yaml"), nullptr);
    ASSERT_EQ(plan.profiles.size(), 1u);
    const auto& ifc = plan.profiles[0].ifcs.at(0);
    ASSERT_TRUE(ifc.trigger_point);
    ASSERT_EQ(ifc.trigger_point->spts.size(), 4u);
    EXPECT_EQ(ifc.trigger_point->spts[1].session_case, SessionCase::terminating_unregistered);
    EXPECT_EQ(ifc.trigger_point->spts[1].groups, std::vector<std::uint32_t>{1});
    EXPECT_EQ(ifc.trigger_point->spts[2].header, "Accept-Contact");
    EXPECT_EQ(ifc.trigger_point->spts[2].groups, (std::vector<std::uint32_t>{2, 3}));
    EXPECT_TRUE(ifc.trigger_point->spts[2].negated);
    EXPECT_EQ(ifc.application_server.default_handling, DefaultHandling::session_terminated);
    EXPECT_TRUE(ifc.application_server.include_register_request);
    EXPECT_FALSE(ifc.application_server.include_register_response);

    ASSERT_EQ(plan.subscribers.size(), 2u);
    const auto& a = plan.subscribers[0];
    EXPECT_EQ(a.default_scheme, AuthScheme::aka);
    // TS 35.208 set 1: OPc derived from OP.
    EXPECT_EQ(to_hex(a.aka->opc), "cd63cb71954a9f4e48a5994e37a02baf");
    EXPECT_EQ(to_hex(a.aka->amf), "b9b9");
    EXPECT_EQ(a.aka->sqn, 7u);
    EXPECT_EQ(a.digest->realm, "ims.example");
    EXPECT_EQ(a.digest->ha1_md5,
              digest_ha1(DigestAlgorithm::md5, "alice@ims.example", "ims.example", "secret"));
    EXPECT_EQ(a.sets.size(), 1u);
    EXPECT_TRUE(a.sets[0].impus[1].barred);
    const auto& b = plan.subscribers[1];
    EXPECT_EQ(b.default_scheme, AuthScheme::digest);
    EXPECT_EQ(b.digest->realm, "other.realm");
    EXPECT_EQ(b.sets.size(), 2u);
    EXPECT_FALSE(b.aka);

    ASSERT_EQ(plan.generators.size(), 1u);
    EXPECT_EQ(plan.total(), 5u);
    auto g = instantiate(plan.generators[0], 1);
    EXPECT_EQ(g.impi, "user010@ims.example");
    EXPECT_EQ(g.sets[0].impus[0].uri, "sip:user010@ims.example");
    EXPECT_EQ(g.digest->ha1_md5,
              digest_ha1(DigestAlgorithm::md5, "user010@ims.example", "ims.example", "pw010"));
}

TEST(Provisioning, RfcHa1Example) {
    // RFC 2617 3.5: HA1 of Mufasa / testrealm@host.com / Circle Of Life.
    EXPECT_EQ(digest_ha1(DigestAlgorithm::md5, "Mufasa", "testrealm@host.com", "Circle Of Life"),
              "939e7578ed9e3c518a452acee763bce9");
}

struct BadCase {
    const char* yaml;
    const char* expected;  // "file:line: key: ..." prefix
};

TEST(Provisioning, ErrorsNameFileLineAndKey) {
    const BadCase cases[] = {
        {"subscribers:\n  - impi: a@x\n    aka: { k: 1234, opc: cd63cb71954a9f4e48a5994e37a02baf "
         "}\n"
         "    impus: [ sip:a@x ]\n",
         "subs.yaml:3: subscribers[0].aka.k: must be 32 hex digits"},
        {"subscribers:\n  - impi: a@x\n    digest: { password: p }\n    impus: [ \"mailto:a@x\" "
         "]\n",
         "subs.yaml:4: subscribers[0].impus[0]: must be a sip:, sips: or tel: URI"},
        {"subscribers:\n  - impi: a@x\n    digest: { password: p }\n    service_profile: nope\n"
         "    impus: [ sip:a@x ]\n",
         "subs.yaml:4: subscribers[0].service_profile: service profile 'nope' is not defined"},
        {"subscribers:\n  - impi: a@x\n    digest: { password: p }\n    impus: [ sip:a@x ]\n"
         "  - impi: b@x\n    digest: { password: p }\n    impus: [ sip:a@x ]\n",
         "subs.yaml:7: subscribers[1].impus: IMPU sip:a@x is listed twice"},
        {"subscribers:\n  - impi: a@x\n    impus: [ sip:a@x ]\n",
         "subs.yaml:2: subscribers[0]: a subscriber needs digest and/or aka credentials"},
        {"subscribers:\n  - impi: a@x\n    digest: { password: p }\n    pasword: x\n"
         "    impus: [ sip:a@x ]\n",
         "subs.yaml:4: subscribers[0].pasword:"},
        {"subscribers:\n  - impi: a@x\n    default_scheme: aka\n    digest: { password: p }\n"
         "    impus: [ sip:a@x ]\n",
         "subs.yaml:3: subscribers[0].default_scheme: is aka but no aka credentials"},
        {"generate:\n  - count: 2\n    impi: a@x\n    digest: { password: p }\n    impus: [ "
         "\"sip:a{n}@x\" ]\n",
         "subs.yaml:3: generate[0].impi: must contain {n}"},
    };
    for (const auto& c : cases) {
        auto err = error_of(c.yaml);
        EXPECT_EQ(err.rfind(c.expected, 0), 0u) << "got: " << err << "\nwanted: " << c.expected;
    }
}

TEST(Provisioning, AProfileAlreadyInTheStoreCounts) {
    FakeSubscriberStore store;
    store.put_profile(default_profile());
    EXPECT_EQ(error_of("subscribers:\n  - impi: a@x\n    digest: { password: p }\n"
                       "    service_profile: default\n    impus: [ sip:a@x ]\n",
                       &store),
              "");
}

TEST(Provisioning, AClashWithTheStoreLeavesItUntouched) {
    namespace fs = std::filesystem;
    auto dir = fs::temp_directory_path() / ("hss-prov-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    auto store = std::move(SqliteStore::open(dir / "hss.sqlite")).value();
    auto plan = parse_provisioning(config::load_string(kGood, "subs.yaml"), store.get());
    auto first = apply_provisioning(*store, plan);
    ASSERT_TRUE(first);
    EXPECT_EQ(first.value().error, "");
    EXPECT_EQ(store->count().value(), 5u);

    // A second file: a new subscriber, then one claiming alice's IMPU.
    const char* clash =
        "subscribers:\n"
        "  - impi: new@ims.example\n    digest: { password: p }\n    service_profile: default\n"
        "    impus: [ sip:new@ims.example ]\n"
        "  - impi: mallory@ims.example\n    digest: { password: p }\n"
        "    service_profile: default\n    impus: [ \"sip:alice@ims.example\" ]\n";
    auto plan2 = parse_provisioning(config::load_string(clash, "more.yaml"), store.get());
    auto second = apply_provisioning(*store, plan2);
    ASSERT_TRUE(second);
    EXPECT_EQ(second.value().error,
              "more.yaml:6: subscribers[1].impus: IMPU sip:alice@ims.example already belongs to "
              "alice@ims.example; nothing was written");
    EXPECT_EQ(store->count().value(), 5u);
    EXPECT_FALSE(store->load("new@ims.example").value());
    store.reset();
    fs::remove_all(dir);
}

}  // namespace
}  // namespace ims::hss
