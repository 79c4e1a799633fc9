#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <vector>

#include "cscf/scscf/errors.hpp"
#include "cscf/scscf/registration_store.hpp"
#include "cscf/scscf/sqlite_registration_store.hpp"
#include "sample_profile.hpp"

namespace ims::scscf {
namespace {

using namespace std::chrono_literals;

const TimePoint kT0{std::chrono::seconds(1'800'000'000)};

Binding binding(std::string uri, TimePoint expires) {
    Binding b;
    b.contact_uri = std::move(uri);
    b.contact_params = ";+sip.instance=\"<urn:uuid:1>\";reg-id=1";
    b.expires = expires;
    b.q = 700;
    b.reg_id = 1;
    b.cseq = 42;
    b.instance = "<urn:uuid:1>";
    b.call_id = "cid@host";
    b.path = {"<sip:term@pcscf.ims.example.org;lr>", "<sip:p2@x;lr>"};
    b.received = "tcp:192.0.2.1:40000";
    return b;
}

Registration bob_at(TimePoint expires) {
    Registration r;
    r.impi = "bob";
    r.impus = {"sip:bob@ims.example.org"};
    r.bindings = {binding("sip:bob@1", expires)};
    return r;
}

Registration alice(TimePoint expires) {
    Registration r;
    r.impi = "alice@ims.example.org";
    r.impus = {"sip:alice@ims.example.org", "tel:+15550100"};
    r.bindings = {binding("sip:alice@192.0.2.1:5060", expires)};
    return r;
}

TEST(MemoryRegistrationStore, FindsBySetMember) {
    MemoryRegistrationStore s;
    ASSERT_TRUE(s.put(alice(kT0 + 60s)));
    auto by_tel = s.find("tel:+15550100");
    ASSERT_TRUE(by_tel.has_value());
    EXPECT_EQ(by_tel->key(), "sip:alice@ims.example.org");
    EXPECT_FALSE(s.find("sip:bob@ims.example.org").has_value());
    EXPECT_EQ(s.registration_count(), 1u);
    EXPECT_EQ(s.binding_count(), 1u);
}

TEST(MemoryRegistrationStore, PutReplacesAndReindexes) {
    MemoryRegistrationStore s;
    ASSERT_TRUE(s.put(alice(kT0 + 60s)));
    auto r = alice(kT0 + 120s);
    r.impus = {"sip:alice@ims.example.org"};  // the HSS shrank the set
    r.bindings.push_back(binding("sip:alice@192.0.2.2:5060", kT0 + 30s));
    ASSERT_TRUE(s.put(r));
    EXPECT_FALSE(s.find("tel:+15550100").has_value());
    EXPECT_EQ(s.binding_count(), 2u);
    EXPECT_EQ(s.next_expiry(), kT0 + 30s);
}

TEST(MemoryRegistrationStore, PutWithoutBindingsErases) {
    MemoryRegistrationStore s;
    ASSERT_TRUE(s.put(alice(kT0 + 60s)));
    auto r = alice(kT0);
    r.bindings.clear();
    ASSERT_TRUE(s.put(r));
    EXPECT_EQ(s.registration_count(), 0u);
    EXPECT_EQ(s.binding_count(), 0u);
    EXPECT_FALSE(s.next_expiry().has_value());
}

TEST(MemoryRegistrationStore, SetRegisteredUnderAnotherKeyIsAbsorbed) {
    MemoryRegistrationStore s;
    ASSERT_TRUE(s.put(alice(kT0 + 60s)));
    Registration tel;
    tel.impi = "alice@ims.example.org";
    tel.impus = {"tel:+15550100", "sip:alice@ims.example.org"};
    tel.bindings = {binding("sip:x@1", kT0 + 60s)};
    ASSERT_TRUE(s.put(tel));
    EXPECT_EQ(s.registration_count(), 1u);
    EXPECT_EQ(s.find("sip:alice@ims.example.org")->key(), "tel:+15550100");
}

TEST(MemoryRegistrationStore, DueAndErase) {
    MemoryRegistrationStore s;
    ASSERT_TRUE(s.put(alice(kT0 + 60s)));
    const Registration bob = bob_at(kT0 + 10s);
    ASSERT_TRUE(s.put(bob));
    EXPECT_TRUE(s.due(kT0 + 9s).empty());
    EXPECT_EQ(s.due(kT0 + 10s), std::vector<std::string>{"sip:bob@ims.example.org"});
    EXPECT_EQ(s.due(kT0 + 60s).size(), 2u);
    ASSERT_TRUE(s.erase("sip:bob@ims.example.org"));
    EXPECT_EQ(s.next_expiry(), kT0 + 60s);
    ASSERT_TRUE(s.erase("sip:nobody@x"));  // absent: fine
    EXPECT_EQ(s.registration_count(), 1u);
}

class SqliteStoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("scscf_store_test_" + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        path_ = (dir_ / "registrations.db").string();
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::filesystem::path dir_;
    std::string path_;
};

TEST_F(SqliteStoreTest, RestartKeepsEveryBindingAndTheProfile) {
    {
        auto store = SqliteRegistrationStore::open(path_);
        ASSERT_TRUE(store) << store.error().message();
        auto r = alice(kT0 + 600s);
        auto profile = parse_user_data(test::kProfileXml);
        ASSERT_TRUE(profile);
        r.profile = profile.value();
        ASSERT_TRUE(store.value()->put(r));
    }
    auto store = SqliteRegistrationStore::open(path_);
    ASSERT_TRUE(store);
    auto got = store.value()->find("tel:+15550100");
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->impi, "alice@ims.example.org");
    ASSERT_EQ(got->bindings.size(), 1u);
    EXPECT_EQ(got->bindings[0], binding("sip:alice@192.0.2.1:5060", kT0 + 600s));
    ASSERT_TRUE(got->profile);
    EXPECT_EQ(got->profile->private_id, "alice@ims.example.org");
    EXPECT_EQ(got->profile->service_profiles[0].ifcs().size(), 2u);
    EXPECT_EQ(got->profile->service_profiles[0].public_identities.size(), 3u);
    EXPECT_TRUE(got->profile->service_profiles[0].public_identities[2].barred);
    EXPECT_EQ(store.value()->next_expiry(), kT0 + 600s);
}

TEST_F(SqliteStoreTest, EraseAndEmptyPutAreJournaled) {
    {
        auto store = SqliteRegistrationStore::open(path_);
        ASSERT_TRUE(store);
        ASSERT_TRUE(store.value()->put(alice(kT0 + 600s)));
        Registration bob = bob_at(kT0 + 10s);
        ASSERT_TRUE(store.value()->put(bob));
        ASSERT_TRUE(store.value()->erase("tel:+15550100"));
        bob.bindings.clear();
        ASSERT_TRUE(store.value()->put(bob));
    }
    auto store = SqliteRegistrationStore::open(path_);
    ASSERT_TRUE(store);
    EXPECT_EQ(store.value()->registration_count(), 0u);
}

TEST_F(SqliteStoreTest, ExpiredWhileDownAreDueAtOnce) {
    {
        auto store = SqliteRegistrationStore::open(path_);
        ASSERT_TRUE(store);
        ASSERT_TRUE(store.value()->put(alice(kT0 + 60s)));
    }
    auto store = SqliteRegistrationStore::open(path_);
    ASSERT_TRUE(store);
    // The restart happened after expiry: the normal expiry path picks it up.
    EXPECT_EQ(store.value()->due(kT0 + 3600s),
              std::vector<std::string>{"sip:alice@ims.example.org"});
}

// Rows another connection to the journal sees: what a restart would load.
int rows_on_disk(const std::string& path) {
    sqlite3* db = nullptr;
    int n = -1;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_exec(
            db, "SELECT count(*) FROM registrations",
            [](void* out, int, char** v, char**) {
                *static_cast<int*>(out) = std::atoi(v[0]);
                return 0;
            },
            &n, nullptr);
    }
    sqlite3_close(db);
    return n;
}

TEST_F(SqliteStoreTest, GroupCommitSharesOneCommitAndHoldsWaitersUntilIt) {
    auto store = SqliteRegistrationStore::open(path_);
    ASSERT_TRUE(store);
    std::vector<std::function<void()>> deferred;
    store.value()->set_group_commit([&](std::function<void()> f) { deferred.push_back(f); });
    std::vector<bool> told;
    store.value()->when_durable([&](bool ok) { told.push_back(ok); });
    EXPECT_EQ(told, std::vector<bool>{true}) << "nothing pending: at once";

    ASSERT_TRUE(store.value()->put(alice(kT0 + 600s)));
    const Registration bob = bob_at(kT0 + 10s);
    ASSERT_TRUE(store.value()->put(bob));
    store.value()->when_durable([&](bool ok) { told.push_back(ok); });
    store.value()->when_durable([&](bool ok) { told.push_back(ok); });

    ASSERT_EQ(deferred.size(), 1u) << "one commit for the pass";
    EXPECT_EQ(told.size(), 1u) << "waiters wait for the commit";
    EXPECT_EQ(rows_on_disk(path_), 0) << "not committed yet";
    EXPECT_TRUE(store.value()->find("sip:bob@ims.example.org")) << "memory has it already";

    deferred[0]();
    EXPECT_EQ(told, (std::vector<bool>{true, true, true}));
    EXPECT_EQ(rows_on_disk(path_), 2);

    // The next write opens the next group.
    ASSERT_TRUE(store.value()->erase("sip:bob@ims.example.org"));
    ASSERT_EQ(deferred.size(), 2u);
    deferred[1]();
    EXPECT_EQ(rows_on_disk(path_), 1);
}

TEST_F(SqliteStoreTest, GroupCommitStillOpenIsFlushedOnClose) {
    std::vector<std::function<void()>> deferred;
    bool called = false;
    {
        auto store = SqliteRegistrationStore::open(path_);
        ASSERT_TRUE(store);
        store.value()->set_group_commit([&](std::function<void()> f) { deferred.push_back(f); });
        ASSERT_TRUE(store.value()->put(alice(kT0 + 600s)));
        store.value()->when_durable([&](bool) { called = true; });
    }  // the deferred commit never ran: the io_context went first
    EXPECT_FALSE(called) << "the waiter went away with its owner";
    auto store = SqliteRegistrationStore::open(path_);
    ASSERT_TRUE(store);
    EXPECT_TRUE(store.value()->find("tel:+15550100"));
}

TEST_F(SqliteStoreTest, CorruptRowIsSkippedAndDropped) {
    {
        auto store = SqliteRegistrationStore::open(path_);
        ASSERT_TRUE(store);
        ASSERT_TRUE(store.value()->put(alice(kT0 + 60s)));
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "INSERT INTO registrations VALUES('sip:x@y', '{not json')", nullptr,
                           nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
    {
        auto store = SqliteRegistrationStore::open(path_);
        ASSERT_TRUE(store);
        EXPECT_EQ(store.value()->corrupt_rows(), 1u);
        EXPECT_EQ(store.value()->registration_count(), 1u);
    }
    auto store = SqliteRegistrationStore::open(path_);
    ASSERT_TRUE(store);
    EXPECT_EQ(store.value()->corrupt_rows(), 0u);
}

TEST_F(SqliteStoreTest, UnopenablePathIsAnError) {
    auto store = SqliteRegistrationStore::open((dir_ / "no" / "such" / "dir.db").string());
    ASSERT_FALSE(store);
    EXPECT_EQ(store.error(), make_error_code(scscf_errc::store_open_failed));
}

TEST(RegistrationCodec, RejectsWrongTypes) {
    EXPECT_FALSE(
        decode_registration(R"({"impi":1,"impus":[],"state":1,"profile":"","bindings":[]})"));
    EXPECT_FALSE(
        decode_registration(R"({"impi":"a","impus":[],"state":1,"profile":"","bindings":[]})"));
    EXPECT_FALSE(decode_registration("[]"));
    auto ok = decode_registration(encode_registration(alice(kT0)));
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok.value().bindings[0], binding("sip:alice@192.0.2.1:5060", kT0));
}

}  // namespace
}  // namespace ims::scscf
