// DiameterCore + CxClient in one process without a reachable peer: start/stop, the generated
// files, and the client's completion rules (exactly once, on the caller's executor, never on a
// freeDiameter thread). freeDiameter allows one core per process: the suite shares one.

#include "common/diameter/diameter_core.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "common/diameter/cx_client.hpp"
#include "common/diameter/cx_result.hpp"
#include "common/diameter/gnutls_send_guard.hpp"

namespace ims::cx {
namespace {

constexpr const char* kPeer = "hss.nowhere.example.org";

class DiameterCoreTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = std::filesystem::temp_directory_path() /
               ("ims-core-test-" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir_);
        DiameterConfig cfg;
        cfg.identity = "scscf.test.example.org";
        cfg.realm = "test.example.org";
        cfg.listen_port = 0;
        cfg.peers = {{kPeer, "127.0.0.1", 1}};  // nobody listens on port 1
        cfg.state_dir = dir_;
        cfg.request_timeout = std::chrono::milliseconds(500);
        auto c = DiameterCore::start(cfg);
        ASSERT_TRUE(c) << c.error().message();
        core_ = std::move(c).value().release();
    }
    static void TearDownTestSuite() {
        delete core_;
        std::filesystem::remove_all(dir_);
    }
    static Mar mar() {
        Mar m;
        m.user_name = "alice@test.example.org";
        m.public_identity = "sip:alice@test.example.org";
        m.server_name = "sip:scscf.test.example.org";
        m.auth_data.scheme = kSchemeAka;
        return m;
    }
    static inline DiameterCore* core_ = nullptr;
    static inline std::filesystem::path dir_;
};

TEST_F(DiameterCoreTest, StartWritesConfAndSelfSignedCredentials) {
    ASSERT_NE(core_, nullptr);
    EXPECT_TRUE(core_->running());
    std::ifstream conf(dir_ / "freediameter.conf");
    std::stringstream text;
    text << conf.rdbuf();
    EXPECT_NE(text.str().find("Identity = \"scscf.test.example.org\";"), std::string::npos);
    EXPECT_NE(text.str().find("ConnectPeer = \"hss.nowhere.example.org\""), std::string::npos);
    EXPECT_TRUE(std::filesystem::exists(dir_ / "tls-cert.pem"));
    EXPECT_TRUE(std::filesystem::exists(dir_ / "tls-key.pem"));
}

TEST_F(DiameterCoreTest, OnlyOneCorePerProcess) {
    DiameterConfig cfg;
    cfg.identity = "other.test.example.org";
    cfg.realm = "test.example.org";
    cfg.state_dir = dir_ / "other";
    auto second = DiameterCore::start(cfg);
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error(), make_error_code(cx_errc::core_failure));
}

TEST_F(DiameterCoreTest, UnreachablePeerIsNotOpen) {
    EXPECT_FALSE(core_->peer_open(kPeer));
    EXPECT_EQ(core_->peer_status("not.configured.example.org"), DiameterCore::PeerStatus::unknown);
    auto t0 = std::chrono::steady_clock::now();
    EXPECT_FALSE(core_->wait_peer_open(kPeer, std::chrono::milliseconds(100)));
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));

    boost::asio::io_context io;
    std::optional<bool> open;
    core_->async_wait_peer_open(io.get_executor(), kPeer, std::chrono::milliseconds(100),
                                [&](bool o) { open = o; });
    io.run();
    ASSERT_TRUE(open.has_value());
    EXPECT_FALSE(*open);
}

TEST_F(DiameterCoreTest, NoOpenPeerIsUnableToDeliverPostedToTheCallersThread) {
    boost::asio::io_context io;
    CxClient client(*core_, io.get_executor());
    int calls = 0;
    std::thread::id where;
    std::optional<Result<Maa>> got;
    client.async_mar(mar(), [&](Result<Maa> r) {
        ++calls;
        where = std::this_thread::get_id();
        got = std::move(r);
    });
    EXPECT_EQ(calls, 0);  // never inline
    io.run();             // returns once the (single) completion ran
    ASSERT_EQ(calls, 1);
    EXPECT_EQ(where, std::this_thread::get_id());
    ASSERT_TRUE(got.has_value());
    ASSERT_FALSE(got->has_value());
    EXPECT_EQ(got->error(), make_error_code(cx_errc::unable_to_deliver));
    EXPECT_EQ(classify(*got), CxResult::peer_down);
}

TEST_F(DiameterCoreTest, AwaitableFlavour) {
    boost::asio::io_context io;
    CxClient client(*core_, io.get_executor());
    std::optional<CxResult> result;
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
            auto r = co_await client.mar(mar());
            result = classify(r);
        },
        boost::asio::detached);
    io.run();
    EXPECT_EQ(result, CxResult::peer_down);
}

TEST_F(DiameterCoreTest, ManyConcurrentRequestsCompleteExactlyOnceEach) {
    boost::asio::io_context io;
    CxClient client(*core_, io.get_executor());
    int calls = 0;
    for (int i = 0; i < 200; ++i) client.async_mar(mar(), [&](Result<Maa>) { ++calls; });
    io.run();
    EXPECT_EQ(calls, 200);
    EXPECT_EQ(pending_registry().size(), 0u);
}

// Keep last: it stops the shared core.
// libfdcore resolves gnutls_record_send and gnutls_bye through the process's global scope; in
// an executable linking ims_diameter that must be the guarded pair, not GnuTLS's own.
TEST(GnutlsSendGuard, FreeDiameterResolvesTlsSendsToTheGuard) {
    EXPECT_TRUE(gnutls_send_guard_active());
}

TEST_F(DiameterCoreTest, ZzAfterStopRequestsFailWithNotStarted) {
    core_->stop();
    EXPECT_FALSE(core_->running());
    core_->stop();  // idempotent
    boost::asio::io_context io;
    CxClient client(*core_, io.get_executor());
    std::optional<Result<Maa>> got;
    client.async_mar(mar(), [&](Result<Maa> r) { got = std::move(r); });
    io.run();
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->error(), make_error_code(cx_errc::not_started));
}

}  // namespace
}  // namespace ims::cx
