#include "hss/lib/operator_requests.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "common/config/config.hpp"
#include "fake_subscriber_store.hpp"
#include "hss/lib/hss_config.hpp"
#include "test_data.hpp"

namespace ims::hss {
namespace {

using namespace test;

class OperatorRequestsTest : public ::testing::Test {
  protected:
    OperatorRequestsTest() {
        store_.put(alice());
        store_.put_profile(default_profile());
    }
    void register_set0() {
        ASSERT_TRUE(store_.update_registration(
            {kAlice, std::string(kScscf), {kAliceSip, kAliceTel}, RegState::registered}));
    }
    FakeSubscriberStore store_;
};

TEST_F(OperatorRequestsTest, RtrNeedsAKnownServedUser) {
    EXPECT_EQ(build_rtr(store_, "nobody@x", {}, cx::ReasonCode::permanent_termination, "").error,
              "unknown IMPI nobody@x");
    EXPECT_NE(build_rtr(store_, kAlice, {}, cx::ReasonCode::permanent_termination, "")
                  .error.find("no assigned S-CSCF"),
              std::string::npos);
}

TEST_F(OperatorRequestsTest, RtrNamesTheRegisteredIdentities) {
    register_set0();
    auto op = build_rtr(store_, kAlice, {}, cx::ReasonCode::remove_scscf, "maintenance");
    ASSERT_EQ(op.error, "");
    EXPECT_EQ(op.scscf_name, kScscf);
    EXPECT_EQ(op.rtr.user_name, kAlice);
    EXPECT_EQ(op.rtr.public_identities, (std::vector<std::string>{kAliceSip, kAliceTel}));
    EXPECT_EQ(op.rtr.reason,
              (cx::DeregistrationReason{cx::ReasonCode::remove_scscf, "maintenance"}));
    // Naming one identity selects its whole implicit set.
    auto one = build_rtr(store_, kAlice, {kAliceTel}, cx::ReasonCode::permanent_termination, "");
    EXPECT_EQ(one.rtr.public_identities, (std::vector<std::string>{kAliceSip, kAliceTel}));
    EXPECT_NE(build_rtr(store_, kAlice, {kBobSip}, cx::ReasonCode::permanent_termination, "")
                  .error.find("does not belong"),
              std::string::npos);
}

TEST_F(OperatorRequestsTest, RtaClearsTheRegistration) {
    register_set0();
    auto op = build_rtr(store_, kAlice, {}, cx::ReasonCode::permanent_termination, "");
    ASSERT_TRUE(apply_rta(store_, op.rtr));
    auto s = store_.get(kAlice);
    EXPECT_EQ(s.scscf_name, "");
    EXPECT_EQ(s.find_impu(kAliceSip)->state, RegState::not_registered);
}

TEST_F(OperatorRequestsTest, PprCarriesTheWholeSubscription) {
    register_set0();
    HssSettings settings;
    settings.charging = cx::ChargingInformation{"aaa://ccf", "", "", ""};
    auto op = build_ppr(store_, settings, kAlice);
    ASSERT_EQ(op.error, "");
    ASSERT_TRUE(op.ppr.user_data);
    EXPECT_NE(op.ppr.user_data->find(kAliceWork), std::string::npos);  // every set
    EXPECT_NE(op.ppr.user_data->find(kAliceTel), std::string::npos);
    EXPECT_EQ(op.ppr.charging_information, settings.charging);
}

TEST(HssConfig, LoadsAndDerivesScscfIdentities) {
    namespace fs = std::filesystem;
    auto file = fs::temp_directory_path() / ("hss-config-" + std::to_string(::getpid()) + ".yaml");
    std::ofstream(file)
        << "hss:\n  database: /tmp/x.sqlite\n  max_auth_items: 3\n"
           "  server_capabilities: { mandatory: [1], server_names: [ \"sip:s\" ] }\n"
           "  scscf_diameter_identities: { \"sip:a:6060\": a.diameter }\n"
           "diameter:\n  identity: hss.x\n  realm: x\n";
    auto cfg = load_hss_config(file, true);
    EXPECT_EQ(cfg.database, "/tmp/x.sqlite");
    EXPECT_EQ(cfg.settings.max_auth_items, 3u);
    EXPECT_EQ(cfg.settings.capabilities.mandatory, std::vector<std::uint32_t>{1});
    ASSERT_TRUE(cfg.diameter);
    EXPECT_EQ(cfg.diameter->identity, "hss.x");
    EXPECT_EQ(scscf_identity(cfg, "sip:a:6060"), "a.diameter");
    EXPECT_EQ(scscf_identity(cfg, "sip:scscf.example.org:6060;transport=tcp"), "scscf.example.org");
    EXPECT_EQ(scscf_identity(cfg, "sip:user@scscf.example.org"), "scscf.example.org");

    std::ofstream(file) << "hss:\n  database: /tmp/x.sqlite\n  max_auth_items: 0\n";
    try {
        load_hss_config(file, false);
        FAIL() << "max_auth_items 0 accepted";
    } catch (const config::ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find(":3: hss.max_auth_items: must be 1..32"),
                  std::string::npos)
            << e.what();
    }
    fs::remove(file);
}

}  // namespace
}  // namespace ims::hss
