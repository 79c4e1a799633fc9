#include "hss/lib/sqlite_store.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <thread>

#include "common/auth/aka.hpp"
#include "hss/lib/cx_handlers.hpp"

#include "test_data.hpp"

namespace ims::hss {
namespace {

namespace fs = std::filesystem;
using namespace test;

class SqliteStoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("hss-store-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        file_ = dir_ / "hss.sqlite";
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::unique_ptr<SqliteStore> open() {
        auto s = SqliteStore::open(file_);
        EXPECT_TRUE(s) << s.error().message();
        return std::move(s).value();
    }
    static Result<ProvisionReport> provision(SubscriberStore& store, std::vector<Subscriber> subs,
                                             std::vector<ServiceProfile> profiles = {
                                                 default_profile()}) {
        std::size_t i = 0;
        return store.provision(profiles, [&](Subscriber& out) {
            if (i == subs.size()) return false;
            out = subs[i++];
            return true;
        });
    }

    fs::path dir_, file_;
};

TEST_F(SqliteStoreTest, CreatesTheFileAndRoundTripsASubscriber) {
    auto store = open();
    EXPECT_TRUE(fs::exists(file_));
    auto r = provision(*store, {alice(), bob()});
    ASSERT_TRUE(r);
    EXPECT_EQ(r.value().subscribers, 2u);
    EXPECT_EQ(r.value().profiles, 1u);
    auto loaded = store->load(kAlice);
    ASSERT_TRUE(loaded && loaded.value());
    EXPECT_EQ(*loaded.value(), alice());
    auto b = store->load(kBob);
    ASSERT_TRUE(b && b.value());
    EXPECT_EQ(*b.value(), bob());
    EXPECT_EQ(store->owner_of(kAliceTel).value(), std::optional<std::string>(kAlice));
    EXPECT_FALSE(store->owner_of("sip:nobody@x").value());
    EXPECT_FALSE(store->load("nobody@x").value());
    auto p = store->profile("default");
    ASSERT_TRUE(p && p.value());
    EXPECT_EQ(*p.value(), default_profile());
    EXPECT_EQ(store->count().value(), 2u);
    EXPECT_EQ(store->list(0, 10).value(), (std::vector<std::string>{kAlice, kBob}));
    EXPECT_EQ(store->list(1, 10).value(), (std::vector<std::string>{kBob}));
}

TEST_F(SqliteStoreTest, SqnSurvivesAReopenAndCasRefusesStaleValues) {
    {
        auto store = open();
        ASSERT_TRUE(provision(*store, {alice()}));
        EXPECT_TRUE(store->compare_and_set_sqn(kAlice, 0, 0x41).value());
        EXPECT_FALSE(store->compare_and_set_sqn(kAlice, 0, 0x99).value());  // stale
    }
    auto store = open();
    EXPECT_EQ(store->load(kAlice).value()->aka->sqn, 0x41u);
}

TEST_F(SqliteStoreTest, AssignmentAndStateSurviveAReopen) {
    {
        auto store = open();
        ASSERT_TRUE(provision(*store, {alice()}));
        ASSERT_TRUE(store->update_registration(
            {kAlice, std::string(kScscf), {kAliceSip, kAliceTel}, RegState::registered}));
    }
    auto store = open();
    auto sub = store->load(kAlice).value();
    EXPECT_EQ(sub->scscf_name, kScscf);
    EXPECT_EQ(sub->find_impu(kAliceSip)->state, RegState::registered);
    EXPECT_EQ(sub->find_impu(kAliceTel)->state, RegState::registered);
    EXPECT_EQ(sub->find_impu(kAliceWork)->state, RegState::not_registered);
}

TEST_F(SqliteStoreTest, ReprovisioningKeepsHigherSqnServerAndState) {
    auto store = open();
    ASSERT_TRUE(provision(*store, {alice()}));
    ASSERT_TRUE(store->compare_and_set_sqn(kAlice, 0, 500).value());
    ASSERT_TRUE(store->update_registration(
        {kAlice, std::string(kScscf), {kAliceSip, kAliceTel}, RegState::registered}));
    auto changed = alice();
    changed.aka->sqn = 100;            // lower than stored: must not go back
    changed.sets[0].impus.pop_back();  // drop the tel URI
    changed.sets[0].impus[0].barred = true;
    ASSERT_TRUE(provision(*store, {changed}));
    auto sub = store->load(kAlice).value();
    EXPECT_EQ(sub->aka->sqn, 500u);
    EXPECT_EQ(sub->scscf_name, kScscf);
    EXPECT_EQ(sub->find_impu(kAliceSip)->state, RegState::registered);
    EXPECT_TRUE(sub->find_impu(kAliceSip)->barred);
    EXPECT_FALSE(sub->find_impu(kAliceTel));
    EXPECT_FALSE(store->owner_of(kAliceTel).value());
}

TEST_F(SqliteStoreTest, AnImpuOfAnotherImpiRollsBackEverything) {
    auto store = open();
    ASSERT_TRUE(provision(*store, {alice()}));
    auto thief = bob();
    thief.sets[0].impus.push_back({kAliceTel, false, RegState::not_registered});
    auto carol = bob();
    carol.impi = "carol@x";
    carol.sets[0].impus = {{"sip:carol@x", false, RegState::not_registered}};
    auto r = provision(*store, {carol, thief});
    ASSERT_TRUE(r);
    ASSERT_TRUE(r.value().conflict_index);
    EXPECT_EQ(*r.value().conflict_index, 1u);
    EXPECT_EQ(r.value().conflict_impu, kAliceTel);
    EXPECT_EQ(r.value().conflict_owner, kAlice);
    EXPECT_FALSE(store->load("carol@x").value());  // rolled back
    EXPECT_FALSE(store->load(kBob).value());
    EXPECT_EQ(store->owner_of(kAliceTel).value(), std::optional<std::string>(kAlice));
}

TEST_F(SqliteStoreTest, RemoveDeletesTheImpiAndItsImpus) {
    auto store = open();
    ASSERT_TRUE(provision(*store, {alice(), bob()}));
    EXPECT_TRUE(store->remove(kAlice).value());
    EXPECT_FALSE(store->remove(kAlice).value());
    EXPECT_FALSE(store->load(kAlice).value());
    EXPECT_FALSE(store->owner_of(kAliceSip).value());
    EXPECT_EQ(store->count().value(), 1u);
}

TEST_F(SqliteStoreTest, TwoConnectionsSeeEachOthersWrites) {
    auto a = open();
    auto b = open();  // the daemon and the CLI share the file
    ASSERT_TRUE(provision(*a, {alice()}));
    EXPECT_TRUE(b->load(kAlice).value());
    ASSERT_TRUE(b->compare_and_set_sqn(kAlice, 0, 64).value());
    EXPECT_EQ(a->load(kAlice).value()->aka->sqn, 64u);
}

TEST_F(SqliteStoreTest, ConcurrentMarsOnFreeDiameterLikeThreadsNeverShareAnSqn) {
    auto store = open();
    ASSERT_TRUE(provision(*store, {alice()}));
    OpenSslRandom random;
    CxHandlers cx(*store, random, HssSettings{});
    auto usim = std::move(auth::Milenage::create(
                              [] {
                                  auth::Key128 k{};
                                  auto b = k1();
                                  std::copy(b.begin(), b.end(), k.begin());
                                  return k;
                              }(),
                              [] {
                                  auth::Key128 k{};
                                  auto b = opc1();
                                  std::copy(b.begin(), b.end(), k.begin());
                                  return k;
                              }()))
                    .value();
    std::mutex mutex;
    std::vector<Bytes> authenticates;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 25; ++i) {
                cx::Mar m;
                m.user_name = kAlice;
                m.public_identity = kAliceSip;
                m.server_name = kScscf;
                m.number_auth_items = 2;
                m.auth_data.scheme = cx::kSchemeAka;
                auto a = cx.mar(m);
                std::lock_guard lock(mutex);
                ASSERT_EQ(a.items.size(), 2u);
                for (const auto& item : a.items) authenticates.push_back(item.authenticate);
            }
        });
    }
    for (auto& t : threads) t.join();
    std::set<auth::Sqn> sqns;
    for (const auto& auth_bytes : authenticates) {
        auto parts = auth::split_sip_authenticate(auth_bytes).value();
        sqns.insert(auth::usim_authenticate(usim, parts.rand, parts.autn).value().sqn);
    }
    EXPECT_EQ(sqns.size(), 200u);  // all distinct
    EXPECT_EQ(store->load(kAlice).value()->aka->sqn, *sqns.rbegin());
}

}  // namespace
}  // namespace ims::hss
