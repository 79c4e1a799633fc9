#include "hss/lib/cx_handlers.hpp"

#include <gtest/gtest.h>

#include "common/auth/aka.hpp"
#include "fake_subscriber_store.hpp"
#include "test_data.hpp"

namespace ims::hss {
namespace {

using namespace test;
namespace ec = cx::experimental_code;
namespace rc = cx::result_code;
using Sat = cx::ServerAssignmentType;

/// Deterministic RAND: 0x01 0x02 ... continuing across calls.
class FakeRandom final : public Random {
  public:
    void fill(std::span<std::uint8_t> out) override {
        for (auto& b : out) b = ++counter_;
    }

  private:
    std::uint8_t counter_ = 0;
};

class CxHandlersTest : public ::testing::Test {
  protected:
    CxHandlersTest() : cx_(store_, random_, settings()) {
        store_.put(alice());
        store_.put(bob());
        store_.put_profile(default_profile());
    }
    static HssSettings settings() {
        HssSettings s;
        s.home_network = kRealm;
        s.max_auth_items = 5;
        s.capabilities.mandatory = {1};
        s.capabilities.optional = {2};
        s.capabilities.server_names = {kScscf};
        s.charging = cx::ChargingInformation{"aaa://ccf1", "", "aaa://ocs1", ""};
        return s;
    }
    cx::Uar uar(std::string impi, std::string impu, std::string visited = kRealm) {
        cx::Uar r;
        r.hdr.session_id = "sess;uar";
        r.user_name = std::move(impi);
        r.public_identity = std::move(impu);
        r.visited_network_id = std::move(visited);
        return r;
    }
    cx::Mar mar(std::string impi, std::string impu, std::string scheme, std::uint32_t n = 1) {
        cx::Mar r;
        r.hdr.session_id = "sess;mar";
        r.user_name = std::move(impi);
        r.public_identity = std::move(impu);
        r.server_name = kScscf;
        r.number_auth_items = n;
        r.auth_data.scheme = std::move(scheme);
        return r;
    }
    cx::Sar sar(Sat type, std::optional<std::string> impi, std::vector<std::string> impus,
                std::string server = kScscf) {
        cx::Sar r;
        r.hdr.session_id = "sess;sar";
        r.user_name = std::move(impi);
        r.public_identities = std::move(impus);
        r.server_name = std::move(server);
        r.assignment_type = type;
        return r;
    }
    cx::Lir lir(std::string impu) {
        cx::Lir r;
        r.public_identity = std::move(impu);
        return r;
    }
    void register_alice(const char* server = kScscf) {
        auto a = cx_.sar(sar(Sat::registration, kAlice, {kAliceSip}, server));
        ASSERT_EQ(a.hdr.outcome, cx::Outcome::base(rc::success));
    }

    FakeSubscriberStore store_;
    FakeRandom random_;
    CxHandlers cx_;
};

cx::Outcome missing(std::uint32_t avp) {
    auto o = cx::Outcome::base(rc::missing_avp);
    o.failed_avp = avp;
    return o;
}

// ---- UAR ---------------------------------------------------------------------------------------

TEST_F(CxHandlersTest, UarFirstRegistrationGivesCapabilities) {
    auto a = cx_.uar(uar(kAlice, kAliceSip));
    EXPECT_EQ(a.hdr.outcome, cx::Outcome::exp(ec::first_registration));
    EXPECT_EQ(a.hdr.session_id, "sess;uar");
    ASSERT_TRUE(a.capabilities);
    EXPECT_EQ(a.capabilities->server_names, std::vector<std::string>{kScscf});
    EXPECT_FALSE(a.server_name);
}

TEST_F(CxHandlersTest, UarSubsequentRegistrationGivesServerName) {
    register_alice();
    auto a = cx_.uar(uar(kAlice, kAliceTel));  // same implicit set
    EXPECT_EQ(a.hdr.outcome, cx::Outcome::exp(ec::subsequent_registration));
    EXPECT_EQ(a.server_name, std::optional<std::string>(kScscf));
}

TEST_F(CxHandlersTest, UarStoredServerNameWhileNotRegisteredIsSubsequent) {
    ASSERT_TRUE(cx_.sar(sar(Sat::registration, kAlice, {kAliceSip})).hdr.outcome.is_success());
    ASSERT_TRUE(cx_.sar(sar(Sat::user_deregistration_store_server_name, kAlice, {kAliceSip}))
                    .hdr.outcome.is_success());
    auto a = cx_.uar(uar(kAlice, kAliceSip));
    EXPECT_EQ(a.hdr.outcome, cx::Outcome::exp(ec::subsequent_registration));
    EXPECT_EQ(a.server_name, std::optional<std::string>(kScscf));
}

TEST_F(CxHandlersTest, UarUnknownUserMismatchAndMissing) {
    EXPECT_EQ(cx_.uar(uar("nobody@x", kAliceSip)).hdr.outcome, cx::Outcome::exp(ec::user_unknown));
    EXPECT_EQ(cx_.uar(uar(kAlice, "sip:nobody@x")).hdr.outcome, cx::Outcome::exp(ec::user_unknown));
    EXPECT_EQ(cx_.uar(uar(kAlice, kBobSip)).hdr.outcome,
              cx::Outcome::exp(ec::identities_dont_match));
    EXPECT_EQ(cx_.uar(uar("", kAliceSip)).hdr.outcome, missing(avp::user_name));
    EXPECT_EQ(cx_.uar(uar(kAlice, "")).hdr.outcome, missing(avp::public_identity));
}

TEST_F(CxHandlersTest, UarBarredSetIsAuthorizationRejected) {
    auto s = alice();
    s.sets[1].impus[0].barred = true;  // the work set has only this identity
    s.sets[0].impus[1].barred = true;  // tel barred, sip not
    store_.put(s);
    // TS 29.228 6.1.1.1: barred, no non-barred identity in its set -> base 5003.
    EXPECT_EQ(cx_.uar(uar(kAlice, kAliceWork)).hdr.outcome,
              cx::Outcome::base(rc::authorization_rejected));
    // Barred, but the set holds a non-barred identity: registration proceeds.
    EXPECT_EQ(cx_.uar(uar(kAlice, kAliceTel)).hdr.outcome,
              cx::Outcome::exp(ec::first_registration));
}

TEST_F(CxHandlersTest, UarRoaming) {
    EXPECT_EQ(cx_.uar(uar(kAlice, kAliceSip, "visited.example.net")).hdr.outcome,
              cx::Outcome::exp(ec::first_registration));
    EXPECT_EQ(cx_.uar(uar(kAlice, kAliceSip, "evil.example.net")).hdr.outcome,
              cx::Outcome::exp(ec::roaming_not_allowed));
    EXPECT_EQ(cx_.uar(uar(kBob, kBobSip, "visited.example.net")).hdr.outcome,
              cx::Outcome::exp(ec::roaming_not_allowed));
    EXPECT_EQ(cx_.uar(uar(kBob, kBobSip, "")).hdr.outcome,
              cx::Outcome::exp(ec::first_registration));
    auto s = bob();
    s.allowed_visited_networks = {"*"};
    store_.put(s);
    EXPECT_EQ(cx_.uar(uar(kBob, kBobSip, "anywhere.net")).hdr.outcome,
              cx::Outcome::exp(ec::first_registration));
}

TEST_F(CxHandlersTest, UarDeregistration) {
    auto r = uar(kAlice, kAliceSip, "evil.example.net");  // roaming not checked on de-reg
    r.authorization_type = cx::UserAuthorizationType::de_registration;
    EXPECT_EQ(cx_.uar(r).hdr.outcome, cx::Outcome::exp(ec::identity_not_registered));
    register_alice();
    auto a = cx_.uar(r);
    EXPECT_EQ(a.hdr.outcome, cx::Outcome::base(rc::success));
    EXPECT_EQ(a.server_name, std::optional<std::string>(kScscf));
}

TEST_F(CxHandlersTest, UarRegistrationAndCapabilities) {
    register_alice();
    auto r = uar(kAlice, kAliceSip);
    r.authorization_type = cx::UserAuthorizationType::registration_and_capabilities;
    auto a = cx_.uar(r);
    EXPECT_EQ(a.hdr.outcome, cx::Outcome::exp(ec::first_registration));
    EXPECT_TRUE(a.capabilities);
}

TEST_F(CxHandlersTest, StoreFailuresAreUnableToComplyOrTooBusy) {
    store_.fail_with = make_error_code(hss_errc::store);
    EXPECT_EQ(cx_.uar(uar(kAlice, kAliceSip)).hdr.outcome, cx::Outcome::base(rc::unable_to_comply));
    store_.fail_with = make_error_code(hss_errc::busy);
    EXPECT_EQ(cx_.mar(mar(kAlice, kAliceSip, cx::kSchemeAka)).hdr.outcome,
              cx::Outcome::base(rc::too_busy));
}

// ---- MAR ---------------------------------------------------------------------------------------

auth::Milenage usim_milenage() {
    auth::Key128 k{}, opc{};
    auto kb = k1(), ob = opc1();
    std::copy(kb.begin(), kb.end(), k.begin());
    std::copy(ob.begin(), ob.end(), opc.begin());
    return std::move(auth::Milenage::create(k, opc)).value();
}

auth::UsimResult check_with_usim(const cx::AuthDataItem& item) {
    auto usim = usim_milenage();
    auto parts = auth::split_sip_authenticate(item.authenticate);
    EXPECT_TRUE(parts);
    auto r = auth::usim_authenticate(usim, parts.value().rand, parts.value().autn);
    EXPECT_TRUE(r) << "AUTN does not verify";
    return r.value();
}

TEST_F(CxHandlersTest, MarAkaOneVectorVerifiesAtTheUsimAndPersistsSqn) {
    auto a = cx_.mar(mar(kAlice, kAliceSip, cx::kSchemeAka));
    ASSERT_EQ(a.hdr.outcome, cx::Outcome::base(rc::success));
    ASSERT_EQ(a.items.size(), 1u);
    EXPECT_EQ(a.number_auth_items, 1u);
    const auto& item = a.items[0];
    EXPECT_EQ(item.scheme, cx::kSchemeAka);
    EXPECT_EQ(item.item_number, std::optional<std::uint32_t>(1));
    ASSERT_EQ(item.authenticate.size(), 32u);
    EXPECT_EQ(item.authenticate[0], 1);  // RAND from the fake: 01 02 03 ...
    auto usim = check_with_usim(item);
    EXPECT_EQ(usim.sqn, auth::next_sqn(0));
    EXPECT_EQ(item.authorization, Bytes(usim.res.begin(), usim.res.end()));
    EXPECT_EQ(item.confidentiality_key, Bytes(usim.ck.begin(), usim.ck.end()));
    EXPECT_EQ(item.integrity_key, Bytes(usim.ik.begin(), usim.ik.end()));
    auto stored = store_.get(kAlice);
    EXPECT_EQ(stored.aka->sqn, usim.sqn);  // persisted before answering
    EXPECT_EQ(stored.scscf_name, kScscf);  // TS 29.228 6.3.1: name stored, not registered
}

TEST_F(CxHandlersTest, MarAkaSeveralVectorsAndTheCap) {
    auto a = cx_.mar(mar(kAlice, kAliceSip, cx::kSchemeAka, 3));
    ASSERT_EQ(a.items.size(), 3u);
    EXPECT_EQ(a.number_auth_items, 3u);
    std::uint64_t previous = 0;
    for (std::uint32_t i = 0; i < 3; ++i) {
        EXPECT_EQ(a.items[i].item_number, std::optional<std::uint32_t>(i + 1));
        auto sqn = check_with_usim(a.items[i]).sqn;
        EXPECT_EQ(sqn, auth::next_sqn(previous));
        previous = sqn;
    }
    EXPECT_NE(a.items[0].authenticate, a.items[1].authenticate);
    EXPECT_EQ(store_.get(kAlice).aka->sqn, previous);
    EXPECT_EQ(cx_.mar(mar(kAlice, kAliceSip, cx::kSchemeAka, 50)).items.size(), 5u);
    EXPECT_EQ(cx_.mar(mar(kAlice, kAliceSip, cx::kSchemeAka, 0)).items.size(), 1u);
}

TEST_F(CxHandlersTest, MarAkaRetriesWhenAnotherRequestTookTheSqn) {
    store_.cas_conflicts = 2;
    auto a = cx_.mar(mar(kAlice, kAliceSip, cx::kSchemeAka));
    ASSERT_EQ(a.hdr.outcome, cx::Outcome::base(rc::success));
    EXPECT_EQ(check_with_usim(a.items[0]).sqn, auth::next_sqn(64));
}

TEST_F(CxHandlersTest, MarDigestMd5AndSha256) {
    auto a = cx_.mar(mar(kAlice, kAliceSip, cx::kSchemeDigest));
    ASSERT_EQ(a.hdr.outcome, cx::Outcome::base(rc::success));
    ASSERT_EQ(a.items.size(), 1u);
    ASSERT_TRUE(a.items[0].digest);
    EXPECT_EQ(a.items[0].scheme, cx::kSchemeDigest);
    EXPECT_EQ(a.items[0].digest->realm, kRealm);
    EXPECT_EQ(a.items[0].digest->algorithm, "MD5");
    EXPECT_EQ(a.items[0].digest->qop, "auth");
    EXPECT_EQ(a.items[0].digest->ha1, digest_ha1(DigestAlgorithm::md5, kAlice, kRealm, "secret"));
    EXPECT_TRUE(a.items[0].authenticate.empty());

    auto r = mar(kAlice, kAliceSip, cx::kSchemeDigest);
    r.auth_data.digest = cx::DigestAuthenticate{"", "SHA-256", "", ""};
    auto s = cx_.mar(r);
    ASSERT_EQ(s.hdr.outcome, cx::Outcome::base(rc::success));
    EXPECT_EQ(s.items[0].digest->algorithm, "SHA-256");
    EXPECT_EQ(s.items[0].digest->ha1,
              digest_ha1(DigestAlgorithm::sha256, kAlice, kRealm, "secret"));
    EXPECT_EQ(s.items[0].digest->ha1.size(), 64u);

    r.auth_data.digest->algorithm = "MD5-sess";
    EXPECT_EQ(cx_.mar(r).hdr.outcome, cx::Outcome::exp(ec::auth_scheme_not_supported));
    // Bob was provisioned with an MD5 HA1 only.
    auto rb = mar(kBob, kBobSip, cx::kSchemeDigest);
    rb.auth_data.digest = cx::DigestAuthenticate{"", "SHA-256", "", ""};
    EXPECT_EQ(cx_.mar(rb).hdr.outcome, cx::Outcome::exp(ec::auth_scheme_not_supported));
}

TEST_F(CxHandlersTest, MarUnknownSchemeUsesTheSubscribersDefault) {
    EXPECT_EQ(cx_.mar(mar(kAlice, kAliceSip, cx::kSchemeUnknown)).items.at(0).scheme,
              cx::kSchemeAka);
    EXPECT_EQ(cx_.mar(mar(kBob, kBobSip, "")).items.at(0).scheme, cx::kSchemeDigest);
}

TEST_F(CxHandlersTest, MarUnsupportedSchemes) {
    EXPECT_EQ(cx_.mar(mar(kAlice, kAliceSip, "Digest-AKAv2-SHA-256")).hdr.outcome,
              cx::Outcome::exp(ec::auth_scheme_not_supported));
    EXPECT_EQ(cx_.mar(mar(kBob, kBobSip, cx::kSchemeAka)).hdr.outcome,
              cx::Outcome::exp(ec::auth_scheme_not_supported));
}

TEST_F(CxHandlersTest, MarErrors) {
    EXPECT_EQ(cx_.mar(mar("nobody@x", kAliceSip, cx::kSchemeAka)).hdr.outcome,
              cx::Outcome::exp(ec::user_unknown));
    EXPECT_EQ(cx_.mar(mar(kAlice, kBobSip, cx::kSchemeAka)).hdr.outcome,
              cx::Outcome::exp(ec::identities_dont_match));
    EXPECT_EQ(cx_.mar(mar("", kAliceSip, cx::kSchemeAka)).hdr.outcome, missing(avp::user_name));
    EXPECT_EQ(cx_.mar(mar(kAlice, "", cx::kSchemeAka)).hdr.outcome, missing(avp::public_identity));
    auto r = mar(kAlice, kAliceSip, cx::kSchemeAka);
    r.server_name.clear();
    EXPECT_EQ(cx_.mar(r).hdr.outcome, missing(avp::server_name));
}

TEST_F(CxHandlersTest, MarFromANewScscfReportsTheOldOneForAnRtr) {
    std::vector<std::string> calls;
    HssSettings s = settings();
    s.on_scscf_reassigned = [&](const std::string& impi, const std::string& old_scscf,
                                const std::vector<std::string>& impus) {
        calls.push_back(impi + "|" + old_scscf + "|" + std::to_string(impus.size()));
    };
    CxHandlers cx(store_, random_, s);
    auto r = mar(kAlice, kAliceSip, cx::kSchemeAka);
    ASSERT_TRUE(cx.mar(r).hdr.outcome.is_success());  // first name: nothing to cancel
    EXPECT_TRUE(calls.empty());
    ASSERT_TRUE(cx.sar(sar(Sat::registration, kAlice, {kAliceSip})).hdr.outcome.is_success());
    r.server_name = kScscf2;
    ASSERT_TRUE(cx.mar(r).hdr.outcome.is_success());
    EXPECT_EQ(calls, std::vector<std::string>{std::string(kAlice) + "|" + kScscf + "|2"});
}

TEST_F(CxHandlersTest, MarFromANewScscfOverwritesTheNameButAResyncDoesNot) {
    register_alice(kScscf);
    // TS 29.228 8.1: the I-CSCF re-selected an S-CSCF; its MAR overwrites the name.
    auto r = mar(kAlice, kAliceSip, cx::kSchemeAka);
    r.server_name = kScscf2;
    ASSERT_TRUE(cx_.mar(r).hdr.outcome.is_success());
    EXPECT_EQ(store_.get(kAlice).scscf_name, kScscf2);
    // Its SAR now matches; the old S-CSCF's SARs are refused.
    EXPECT_EQ(cx_.sar(sar(Sat::re_registration, kAlice, {kAliceSip}, kScscf)).hdr.outcome,
              cx::Outcome::base(rc::unable_to_comply));
    register_alice(kScscf2);
    // A resynchronisation MAR leaves the name alone.
    auto usim = usim_milenage();
    auth::Rand rand{};
    rand.fill(7);
    auto auts = auth::make_auts(usim, rand, auth::make_sqn(100, 1)).value();
    auto joined = auth::join_resync_authorization(rand, auts);
    auto resync = mar(kAlice, kAliceSip, cx::kSchemeAka);
    resync.auth_data.authorization.assign(joined.begin(), joined.end());
    ASSERT_TRUE(cx_.mar(resync).hdr.outcome.is_success());
    EXPECT_EQ(store_.get(kAlice).scscf_name, kScscf2);
}

cx::Mar with_auts(cx::Mar r, const auth::Rand& rand, const auth::Auts& auts) {
    auto joined = auth::join_resync_authorization(rand, auts);
    r.auth_data.authorization.assign(joined.begin(), joined.end());
    return r;
}

TEST_F(CxHandlersTest, MarResyncAdoptsSqnMsAndReturnsFreshVectors) {
    auto s = alice();
    s.aka->sqn = auth::make_sqn(5, 5);  // HSS behind the USIM
    store_.put(s);
    auto usim = usim_milenage();
    const auth::Sqn sqn_ms = auth::make_sqn(1000, 3);
    auth::Rand rand{};
    rand.fill(0x42);
    auto auts = auth::make_auts(usim, rand, sqn_ms).value();
    auto a = cx_.mar(with_auts(mar(kAlice, kAliceSip, cx::kSchemeAka, 2), rand, auts));
    ASSERT_EQ(a.hdr.outcome, cx::Outcome::base(rc::success));
    ASSERT_EQ(a.items.size(), 2u);
    auto first = check_with_usim(a.items[0]).sqn;
    EXPECT_TRUE(auth::sqn_acceptable(first, sqn_ms));
    EXPECT_EQ(first, auth::next_sqn(sqn_ms));
    EXPECT_EQ(store_.get(kAlice).aka->sqn, check_with_usim(a.items[1]).sqn);
}

TEST_F(CxHandlersTest, MarResyncWithBadMacSIsRejectedAndLeavesSqn) {
    auto usim = usim_milenage();
    auth::Rand rand{};
    rand.fill(0x42);
    auto auts = auth::make_auts(usim, rand, auth::make_sqn(1000, 3)).value();
    auts[13] ^= 0x01;  // corrupt MAC-S
    auto a = cx_.mar(with_auts(mar(kAlice, kAliceSip, cx::kSchemeAka), rand, auts));
    EXPECT_EQ(a.hdr.outcome, cx::Outcome::base(rc::authorization_rejected));
    EXPECT_TRUE(a.items.empty());
    EXPECT_EQ(store_.get(kAlice).aka->sqn, 0u);

    auto r = mar(kAlice, kAliceSip, cx::kSchemeAka);
    r.auth_data.authorization = Bytes(7, 0);
    auto bad = cx::Outcome::base(rc::invalid_avp_value);
    bad.failed_avp = avp::sip_authorization;
    EXPECT_EQ(cx_.mar(r).hdr.outcome, bad);
}

// ---- SAR ---------------------------------------------------------------------------------------

TEST_F(CxHandlersTest, SarRegistrationRecordsServerAndReturnsProfile) {
    auto a = cx_.sar(sar(Sat::registration, kAlice, {kAliceSip}));
    ASSERT_EQ(a.hdr.outcome, cx::Outcome::base(rc::success));
    EXPECT_EQ(a.user_name, std::optional<std::string>(kAlice));
    ASSERT_TRUE(a.user_data);
    const auto& xml = *a.user_data;
    EXPECT_NE(xml.find("<PrivateID>alice@ims.mnc001.mcc001.3gppnetwork.org</PrivateID>"),
              std::string::npos);
    EXPECT_NE(xml.find(std::string("<Identity>") + kAliceSip + "</Identity>"), std::string::npos);
    EXPECT_NE(xml.find(std::string("<Identity>") + kAliceTel + "</Identity>"), std::string::npos);
    EXPECT_EQ(xml.find(kAliceWork), std::string::npos);  // another implicit set
    EXPECT_NE(xml.find("<Method>REGISTER</Method>"), std::string::npos);
    EXPECT_NE(xml.find("<IncludeRegisterRequest/>"), std::string::npos);
    ASSERT_TRUE(a.charging_information);
    EXPECT_EQ(a.charging_information->primary_event_function, "aaa://ccf1");
    auto s = store_.get(kAlice);
    EXPECT_EQ(s.scscf_name, kScscf);
    EXPECT_EQ(s.find_impu(kAliceSip)->state, RegState::registered);
    EXPECT_EQ(s.find_impu(kAliceTel)->state, RegState::registered);
    EXPECT_EQ(s.find_impu(kAliceWork)->state, RegState::not_registered);
}

TEST_F(CxHandlersTest, SarReRegistrationWithDataAlreadyAvailable) {
    register_alice();
    auto r = sar(Sat::re_registration, kAlice, {kAliceSip});
    r.user_data_already_available = cx::UserDataAlreadyAvailable::already_available;
    const int writes = store_.registration_writes;
    auto a = cx_.sar(r);
    EXPECT_EQ(a.hdr.outcome, cx::Outcome::base(rc::success));
    EXPECT_FALSE(a.user_data);
    EXPECT_EQ(store_.registration_writes, writes) << "nothing changed: nothing written";
    EXPECT_EQ(store_.get(kAlice).find_impu(kAliceTel)->state, RegState::registered);
    // A change is still written: de-registration, then registration again.
    EXPECT_EQ(cx_.sar(sar(Sat::user_deregistration, kAlice, {kAliceSip})).hdr.outcome,
              cx::Outcome::base(rc::success));
    EXPECT_EQ(store_.registration_writes, writes + 1);
    EXPECT_EQ(store_.get(kAlice).find_impu(kAliceSip)->state, RegState::not_registered);
    EXPECT_EQ(cx_.sar(sar(Sat::re_registration, kAlice, {kAliceSip})).hdr.outcome,
              cx::Outcome::base(rc::success));
    EXPECT_EQ(store_.registration_writes, writes + 2);
    EXPECT_EQ(store_.get(kAlice).find_impu(kAliceSip)->state, RegState::registered);
}

TEST_F(CxHandlersTest, SarFromAnotherScscfDoesNotOverwrite) {
    register_alice(kScscf);
    // TS 29.228 8.1: only a MAR moves the user; a SAR naming another S-CSCF is an error.
    EXPECT_EQ(cx_.sar(sar(Sat::registration, kAlice, {kAliceSip}, kScscf2)).hdr.outcome,
              cx::Outcome::base(rc::unable_to_comply));
    EXPECT_EQ(store_.get(kAlice).scscf_name, kScscf);
}

TEST_F(CxHandlersTest, SarUnregisteredUser) {
    auto a = cx_.sar(sar(Sat::unregistered_user, std::nullopt, {kAliceTel}));
    ASSERT_EQ(a.hdr.outcome, cx::Outcome::base(rc::success));
    EXPECT_TRUE(a.user_data);
    EXPECT_EQ(a.user_name, std::optional<std::string>(kAlice));
    auto s = store_.get(kAlice);
    EXPECT_EQ(s.scscf_name, kScscf);
    EXPECT_EQ(s.find_impu(kAliceTel)->state, RegState::unregistered);
    EXPECT_EQ(cx_.lir(lir(kAliceTel)).server_name, std::optional<std::string>(kScscf));
}

TEST_F(CxHandlersTest, SarUnregisteredUserWhileRegisteredElsewhere) {
    register_alice(kScscf);
    EXPECT_EQ(cx_.sar(sar(Sat::unregistered_user, std::nullopt, {kAliceSip}, kScscf2)).hdr.outcome,
              cx::Outcome::exp(ec::identity_already_registered));
}

TEST_F(CxHandlersTest, SarNoAssignment) {
    register_alice();
    auto a = cx_.sar(sar(Sat::no_assignment, kAlice, {kAliceSip}));
    EXPECT_EQ(a.hdr.outcome, cx::Outcome::base(rc::success));
    EXPECT_TRUE(a.user_data);
    EXPECT_EQ(cx_.sar(sar(Sat::no_assignment, kAlice, {kAliceSip}, kScscf2)).hdr.outcome,
              cx::Outcome::base(rc::unable_to_comply));
}

TEST_F(CxHandlersTest, SarDeregistrationsClearOrKeepTheName) {
    for (auto type : {Sat::user_deregistration, Sat::timeout_deregistration,
                      Sat::administrative_deregistration, Sat::deregistration_too_much_data}) {
        register_alice();
        auto a = cx_.sar(sar(type, kAlice, {kAliceSip}));
        EXPECT_EQ(a.hdr.outcome, cx::Outcome::base(rc::success));
        EXPECT_FALSE(a.user_data);
        auto s = store_.get(kAlice);
        EXPECT_EQ(s.scscf_name, "") << static_cast<int>(type);
        EXPECT_EQ(s.find_impu(kAliceTel)->state, RegState::not_registered);
    }
    for (auto type : {Sat::user_deregistration_store_server_name,
                      Sat::timeout_deregistration_store_server_name}) {
        register_alice();
        EXPECT_EQ(cx_.sar(sar(type, kAlice, {kAliceSip})).hdr.outcome,
                  cx::Outcome::base(rc::success));
        auto s = store_.get(kAlice);
        EXPECT_EQ(s.scscf_name, kScscf);
        EXPECT_EQ(s.find_impu(kAliceSip)->state, RegState::not_registered);
    }
}

TEST_F(CxHandlersTest, SarDeregisteringOneSetKeepsTheNameForTheOther) {
    register_alice();
    ASSERT_TRUE(cx_.sar(sar(Sat::registration, kAlice, {kAliceWork})).hdr.outcome.is_success());
    ASSERT_TRUE(
        cx_.sar(sar(Sat::timeout_deregistration, kAlice, {kAliceSip})).hdr.outcome.is_success());
    auto s = store_.get(kAlice);
    EXPECT_EQ(s.scscf_name, kScscf);
    EXPECT_EQ(s.find_impu(kAliceWork)->state, RegState::registered);
    // Without Public-Identity, the whole IMPI goes.
    ASSERT_TRUE(
        cx_.sar(sar(Sat::administrative_deregistration, kAlice, {})).hdr.outcome.is_success());
    EXPECT_EQ(store_.get(kAlice).scscf_name, "");
    EXPECT_EQ(store_.get(kAlice).find_impu(kAliceWork)->state, RegState::not_registered);
    // A de-registration from an S-CSCF that does not serve the user changes nothing.
    register_alice(kScscf);
    EXPECT_EQ(cx_.sar(sar(Sat::user_deregistration, kAlice, {kAliceSip}, kScscf2)).hdr.outcome,
              cx::Outcome::base(rc::unable_to_comply));
    EXPECT_EQ(store_.get(kAlice).scscf_name, kScscf);
}

TEST_F(CxHandlersTest, SarAuthenticationFailureDropsTheMarName) {
    ASSERT_TRUE(cx_.mar(mar(kAlice, kAliceSip, cx::kSchemeAka)).hdr.outcome.is_success());
    EXPECT_EQ(store_.get(kAlice).scscf_name, kScscf);
    ASSERT_EQ(cx_.sar(sar(Sat::authentication_failure, kAlice, {kAliceSip})).hdr.outcome,
              cx::Outcome::base(rc::success));
    EXPECT_EQ(store_.get(kAlice).scscf_name, "");
    // A registered user keeps everything on an authentication timeout (re-registration).
    register_alice();
    ASSERT_EQ(cx_.sar(sar(Sat::authentication_timeout, kAlice, {kAliceSip})).hdr.outcome,
              cx::Outcome::base(rc::success));
    EXPECT_EQ(store_.get(kAlice).scscf_name, kScscf);
    EXPECT_EQ(store_.get(kAlice).find_impu(kAliceSip)->state, RegState::registered);
}

TEST_F(CxHandlersTest, SarErrors) {
    EXPECT_EQ(cx_.sar(sar(Sat::registration, "nobody@x", {kAliceSip})).hdr.outcome,
              cx::Outcome::exp(ec::user_unknown));
    EXPECT_EQ(cx_.sar(sar(Sat::registration, kAlice, {kBobSip})).hdr.outcome,
              cx::Outcome::exp(ec::identities_dont_match));
    EXPECT_EQ(cx_.sar(sar(Sat::registration, kAlice, {"sip:ghost@x"})).hdr.outcome,
              cx::Outcome::exp(ec::user_unknown));
    EXPECT_EQ(cx_.sar(sar(Sat::unregistered_user, std::nullopt, {"sip:ghost@x"})).hdr.outcome,
              cx::Outcome::exp(ec::user_unknown));
    EXPECT_EQ(cx_.sar(sar(Sat::registration, std::nullopt, {kAliceSip})).hdr.outcome,
              missing(avp::user_name));
    EXPECT_EQ(cx_.sar(sar(Sat::unregistered_user, std::nullopt, {})).hdr.outcome,
              missing(avp::public_identity));
    EXPECT_EQ(cx_.sar(sar(Sat::registration, kAlice, {kAliceSip}, "")).hdr.outcome,
              missing(avp::server_name));
    auto bad = cx::Outcome::base(rc::invalid_avp_value);
    bad.failed_avp = avp::server_assignment_type;
    EXPECT_EQ(cx_.sar(sar(static_cast<Sat>(77), kAlice, {kAliceSip})).hdr.outcome, bad);
}

// ---- LIR ---------------------------------------------------------------------------------------

TEST_F(CxHandlersTest, LirOutcomes) {
    EXPECT_EQ(cx_.lir(lir("sip:ghost@x")).hdr.outcome, cx::Outcome::exp(ec::user_unknown));
    EXPECT_EQ(cx_.lir(lir("")).hdr.outcome, missing(avp::public_identity));
    // Not registered, no services for the unregistered state.
    EXPECT_EQ(cx_.lir(lir(kAliceSip)).hdr.outcome, cx::Outcome::exp(ec::identity_not_registered));
    register_alice();
    auto a = cx_.lir(lir(kAliceTel));
    EXPECT_EQ(a.hdr.outcome, cx::Outcome::base(rc::success));
    EXPECT_EQ(a.server_name, std::optional<std::string>(kScscf));
}

TEST_F(CxHandlersTest, LirUnregisteredServices) {
    auto p = default_profile();
    Spt sc;
    sc.kind = Spt::Kind::session_case;
    sc.session_case = SessionCase::terminating_unregistered;
    p.ifcs[0].trigger_point->spts.push_back(sc);
    store_.put_profile(p);
    auto a = cx_.lir(lir(kBobSip));
    EXPECT_EQ(a.hdr.outcome, cx::Outcome::exp(ec::unregistered_service));
    EXPECT_TRUE(a.capabilities);
    EXPECT_FALSE(a.server_name);
    // With a stored S-CSCF name (de-registered, name kept) the LIA names it.
    ASSERT_TRUE(cx_.sar(sar(Sat::registration, kBob, {kBobSip})).hdr.outcome.is_success());
    ASSERT_TRUE(cx_.sar(sar(Sat::timeout_deregistration_store_server_name, kBob, {kBobSip}))
                    .hdr.outcome.is_success());
    auto b = cx_.lir(lir(kBobSip));
    EXPECT_EQ(b.hdr.outcome, cx::Outcome::exp(ec::unregistered_service));
    EXPECT_EQ(b.server_name, std::optional<std::string>(kScscf));
}

}  // namespace
}  // namespace ims::hss
