#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "cscf/scscf/sqlite_registration_store.hpp"
#include "cscf/scscf/wal_checkpointer.hpp"

namespace ims::scscf {
namespace {

using namespace std::chrono_literals;

Registration user(int i) {
    Registration r;
    r.impi = "user" + std::to_string(i) + "@ims.example.org";
    r.impus = {"sip:user" + std::to_string(i) + "@ims.example.org"};
    Binding b;
    b.contact_uri = "sip:user" + std::to_string(i) + "@192.0.2.1:5060";
    b.expires = TimePoint(std::chrono::seconds(1'800'000'000));
    b.call_id = std::string(200, 'c') + std::to_string(i);  // rows big enough to fill pages
    r.bindings = {b};
    return r;
}

class WalCheckpointerTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("ims-wal-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        path_ = (dir_ / "registrations.db").string();
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::filesystem::path dir_;
    std::string path_;
};

TEST_F(WalCheckpointerTest, CommitsLeaveTheWalAloneAndTheThreadCopiesItBack) {
    auto store = SqliteRegistrationStore::open(path_);
    ASSERT_TRUE(store);
    ASSERT_TRUE(store.value()->leave_checkpoints_to_another_connection());
    const auto db_size = [&] { return std::filesystem::file_size(path_); };
    const auto before = db_size();
    // Well past SQLite's default autocheckpoint (1000 pages): without the pragma one of these
    // commits would have checkpointed (and grown the database file) on this thread.
    for (int i = 0; i < 6000; ++i) ASSERT_TRUE(store.value()->put(user(i)));
    EXPECT_EQ(db_size(), before) << "a commit checkpointed on the writer's thread";
    EXPECT_GT(std::filesystem::file_size(path_ + "-wal"), 4u << 20);

    auto checkpointer = WalCheckpointer::start(path_, 20ms);
    ASSERT_TRUE(checkpointer);
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (checkpointer.value()->checkpoints() == 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(10ms);
    EXPECT_GT(checkpointer.value()->checkpoints(), 0u);
    EXPECT_GT(db_size(), before + (1u << 20)) << "the rows reached the database file";
    // The writer goes on while the checkpointer runs.
    for (int i = 6000; i < 6100; ++i) ASSERT_TRUE(store.value()->put(user(i)));
    checkpointer.value().reset();
    store.value().reset();
    auto reopened = SqliteRegistrationStore::open(path_);
    ASSERT_TRUE(reopened);
    EXPECT_EQ(reopened.value()->registration_count(), 6100u);
}

TEST_F(WalCheckpointerTest, MissingDatabaseIsAnError) {
    EXPECT_FALSE(WalCheckpointer::start((dir_ / "absent" / "x.db").string(), 20ms));
}

}  // namespace
}  // namespace ims::scscf
