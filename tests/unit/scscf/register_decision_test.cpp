#include "cscf/scscf/register_decision.hpp"

#include <gtest/gtest.h>

namespace ims::scscf {
namespace {

ContactSpec contact_spec(std::string uri, std::optional<std::uint32_t> expires = std::nullopt) {
    ContactSpec c;
    c.uri = std::move(uri);
    c.expires = expires;
    return c;
}

using namespace std::chrono_literals;
using cx::ServerAssignmentType;

const TimePoint kT0{std::chrono::seconds(1'800'000'000)};
const RegistrarConfig kCfg{.min_expires = 60, .max_expires = 7200, .default_expires = 3600};

// A REGISTER with one contact and defaults a test can override.
RegisterRequest make_register(std::string contact = "sip:alice@192.0.2.10:5060",
                              std::optional<std::uint32_t> expires = 600) {
    RegisterRequest r;
    r.impu = "sip:alice@ims.example.org";
    r.impi = "alice@ims.example.org";
    r.call_id = "call-1";
    r.cseq = 2;
    r.expires = expires;
    r.path = {"<sip:term@pcscf.ims.example.org;lr>"};
    r.received = "udp:192.0.2.10:5060";
    if (!contact.empty()) r.contacts.push_back(contact_spec(contact));
    return r;
}

RegisterPlan plan_of(const RegisterDecision& d) {
    EXPECT_TRUE(std::holds_alternative<RegisterPlan>(d));
    return std::get<RegisterPlan>(d);
}

Rejection rejection_of(const RegisterDecision& d) {
    EXPECT_TRUE(std::holds_alternative<Rejection>(d));
    return std::get<Rejection>(d);
}

Registration registration_with(std::vector<Binding> bindings) {
    Registration reg;
    reg.impi = "alice@ims.example.org";
    reg.impus = {"sip:alice@ims.example.org", "tel:+15550100"};
    reg.bindings = std::move(bindings);
    return reg;
}

Binding binding(std::string uri, TimePoint expires, std::string call_id = "call-1",
                std::uint32_t cseq = 2) {
    Binding b;
    b.contact_uri = std::move(uri);
    b.expires = expires;
    b.call_id = std::move(call_id);
    b.cseq = cseq;
    return b;
}

TEST(DeriveImpi, StripsTheScheme) {
    EXPECT_EQ(derive_impi("sip:alice@ims.example.org"), "alice@ims.example.org");
    EXPECT_EQ(derive_impi("SIP:alice@ims.example.org"), "alice@ims.example.org");
    EXPECT_EQ(derive_impi("sips:bob@example.org"), "bob@example.org");
    EXPECT_EQ(derive_impi("tel:+15550100"), "+15550100");
    EXPECT_EQ(derive_impi("alice@ims.example.org"), "alice@ims.example.org");
}

TEST(DecideRegister, InitialRegistrationAsksForProfile) {
    const auto d = decide_register(make_register(), std::nullopt, kT0, kCfg);
    const auto& p = plan_of(d);
    EXPECT_EQ(p.kind, RegisterKind::initial);
    EXPECT_EQ(p.sar, ServerAssignmentType::registration);
    EXPECT_EQ(p.user_data, cx::UserDataAlreadyAvailable::not_available);
    ASSERT_EQ(p.bindings.size(), 1u);
    const auto& b = p.bindings[0];
    EXPECT_EQ(b.contact_uri, "sip:alice@192.0.2.10:5060");
    EXPECT_EQ(b.expires, kT0 + 600s);
    EXPECT_EQ(b.call_id, "call-1");
    EXPECT_EQ(b.cseq, 2u);
    EXPECT_EQ(b.path, std::vector<std::string>{"<sip:term@pcscf.ims.example.org;lr>"});
    EXPECT_EQ(b.received, "udp:192.0.2.10:5060");
    EXPECT_EQ(p.expires, 600u);
    EXPECT_EQ(p.added, std::vector<std::string>{"sip:alice@192.0.2.10:5060"});
}

TEST(DecideRegister, ContactExpiresParamOverridesHeader) {
    auto req = make_register("sip:alice@192.0.2.10", 600);
    req.contacts[0].expires = 1200;
    const auto& p = plan_of(decide_register(req, std::nullopt, kT0, kCfg));
    EXPECT_EQ(p.bindings[0].expires, kT0 + 1200s);
    EXPECT_EQ(p.expires, 1200u);
}

TEST(DecideRegister, NoExpiresAnywhereTakesDefault) {
    const auto& p =
        plan_of(decide_register(make_register("sip:a@h", std::nullopt), std::nullopt, kT0, kCfg));
    EXPECT_EQ(p.bindings[0].expires, kT0 + 3600s);
}

TEST(DecideRegister, OverMaximumIsClamped) {
    const auto& p =
        plan_of(decide_register(make_register("sip:a@h", 600000), std::nullopt, kT0, kCfg));
    EXPECT_EQ(p.bindings[0].expires, kT0 + 7200s);
    EXPECT_EQ(p.expires, 7200u);
}

TEST(DecideRegister, TooBriefIs423WithMinExpires) {
    const auto& r =
        rejection_of(decide_register(make_register("sip:a@h", 59), std::nullopt, kT0, kCfg));
    EXPECT_EQ(r.status, 423);
    EXPECT_EQ(r.min_expires, 60u);
}

TEST(DecideRegister, ExactlyMinimumIsAccepted) {
    const auto& p = plan_of(decide_register(make_register("sip:a@h", 60), std::nullopt, kT0, kCfg));
    EXPECT_EQ(p.bindings[0].expires, kT0 + 60s);
}

TEST(DecideRegister, OneTooBriefContactRejectsTheWholeRequest) {
    auto req = make_register("sip:a@h", 600);
    req.contacts.push_back(contact_spec("sip:b@h", 10));
    const auto& r = rejection_of(decide_register(req, std::nullopt, kT0, kCfg));
    EXPECT_EQ(r.status, 423);
}

TEST(DecideRegister, RefreshSendsReRegistrationWithProfileAvailable) {
    auto existing = registration_with({binding("sip:alice@192.0.2.10:5060", kT0 + 100s)});
    existing.profile = std::make_shared<UserProfile>();
    auto req = make_register();
    req.cseq = 3;
    const auto& p = plan_of(decide_register(req, existing, kT0, kCfg));
    EXPECT_EQ(p.kind, RegisterKind::refresh);
    EXPECT_EQ(p.sar, ServerAssignmentType::re_registration);
    EXPECT_EQ(p.user_data, cx::UserDataAlreadyAvailable::already_available);
    ASSERT_EQ(p.bindings.size(), 1u);
    EXPECT_EQ(p.bindings[0].expires, kT0 + 600s);
    EXPECT_EQ(p.bindings[0].cseq, 3u);
    EXPECT_EQ(p.refreshed.size(), 1u);
    EXPECT_TRUE(p.added.empty());
}

TEST(DecideRegister, SecondContactIsAddedAndBothListed) {
    auto existing = registration_with({binding("sip:alice@192.0.2.10:5060", kT0 + 100s)});
    auto req = make_register("sip:alice@198.51.100.7:5060");
    req.call_id = "other-device";
    req.cseq = 1;
    const auto& p = plan_of(decide_register(req, existing, kT0, kCfg));
    EXPECT_EQ(p.kind, RegisterKind::refresh);
    ASSERT_EQ(p.bindings.size(), 2u);
    EXPECT_EQ(p.bindings[0].contact_uri, "sip:alice@192.0.2.10:5060");
    EXPECT_EQ(p.bindings[0].expires, kT0 + 100s);  // untouched
    EXPECT_EQ(p.bindings[1].contact_uri, "sip:alice@198.51.100.7:5060");
}

TEST(DecideRegister, ExpiresZeroRemovesOneOfTwo) {
    auto existing =
        registration_with({binding("sip:a@1", kT0 + 100s), binding("sip:a@2", kT0 + 100s)});
    auto req = make_register("sip:a@1", 0);
    req.cseq = 5;
    const auto& p = plan_of(decide_register(req, existing, kT0, kCfg));
    EXPECT_EQ(p.kind, RegisterKind::refresh);
    EXPECT_EQ(p.sar, ServerAssignmentType::re_registration);
    ASSERT_EQ(p.bindings.size(), 1u);
    EXPECT_EQ(p.bindings[0].contact_uri, "sip:a@2");
    EXPECT_EQ(p.removed, std::vector<std::string>{"sip:a@1"});
}

TEST(DecideRegister, LastContactRemovedIsUserDeregistration) {
    auto existing = registration_with({binding("sip:a@1", kT0 + 100s)});
    auto req = make_register("sip:a@1", 0);
    req.cseq = 5;
    const auto& p = plan_of(decide_register(req, existing, kT0, kCfg));
    EXPECT_EQ(p.kind, RegisterKind::deregistration);
    EXPECT_EQ(p.sar, ServerAssignmentType::user_deregistration);
    EXPECT_TRUE(p.bindings.empty());
    EXPECT_EQ(p.expires, 0u);
}

TEST(DecideRegister, DeregisteringAnUnknownContactOfNobodySendsNoSar) {
    const auto& p = plan_of(decide_register(make_register("sip:a@1", 0), std::nullopt, kT0, kCfg));
    EXPECT_EQ(p.kind, RegisterKind::deregistration);
    EXPECT_FALSE(p.sar.has_value());
    EXPECT_TRUE(p.removed.empty());
}

TEST(DecideRegister, ExpiredBindingsCountAsAbsent) {
    auto existing = registration_with({binding("sip:a@1", kT0)});  // expires exactly now
    const auto& p = plan_of(decide_register(make_register("sip:a@1"), existing, kT0, kCfg));
    EXPECT_EQ(p.kind, RegisterKind::initial);
    EXPECT_EQ(p.sar, ServerAssignmentType::registration);
}

TEST(DecideRegister, StarWithExpiresZeroRemovesAll) {
    auto existing = registration_with(
        {binding("sip:a@1", kT0 + 100s, "x", 9), binding("sip:a@2", kT0 + 100s, "y", 9)});
    auto req = make_register("", 0);
    req.star = true;
    req.call_id = "z";
    req.cseq = 1;
    const auto& p = plan_of(decide_register(req, existing, kT0, kCfg));
    EXPECT_EQ(p.kind, RegisterKind::deregistration);
    EXPECT_EQ(p.sar, ServerAssignmentType::user_deregistration);
    EXPECT_TRUE(p.bindings.empty());
    EXPECT_EQ(p.removed.size(), 2u);
}

TEST(DecideRegister, StarWithoutExpiresZeroIs400) {
    auto req = make_register("", 600);
    req.star = true;
    EXPECT_EQ(rejection_of(decide_register(req, std::nullopt, kT0, kCfg)).status, 400);
    req.expires.reset();
    EXPECT_EQ(rejection_of(decide_register(req, std::nullopt, kT0, kCfg)).status, 400);
}

TEST(DecideRegister, StarWithAnotherContactIs400) {
    auto req = make_register("sip:a@1", 0);
    req.star = true;
    EXPECT_EQ(rejection_of(decide_register(req, std::nullopt, kT0, kCfg)).status, 400);
}

TEST(DecideRegister, StarWithOldCSeqOfSameCallIdFails) {
    auto existing = registration_with({binding("sip:a@1", kT0 + 100s, "call-1", 7)});
    auto req = make_register("", 0);
    req.star = true;
    req.cseq = 7;
    EXPECT_EQ(rejection_of(decide_register(req, existing, kT0, kCfg)).status, 500);
}

TEST(DecideRegister, SameCallIdLowerOrEqualCSeqIsOutOfOrder) {
    auto existing = registration_with({binding("sip:a@1", kT0 + 100s, "call-1", 4)});
    auto req = make_register("sip:a@1");
    req.cseq = 4;
    const auto& r = rejection_of(decide_register(req, existing, kT0, kCfg));
    EXPECT_EQ(r.status, 500);
    req.cseq = 3;
    EXPECT_EQ(rejection_of(decide_register(req, existing, kT0, kCfg)).status, 500);
}

TEST(DecideRegister, NewCallIdMayUseAnyCSeq) {
    auto existing = registration_with({binding("sip:a@1", kT0 + 100s, "call-1", 40)});
    auto req = make_register("sip:a@1");
    req.call_id = "rebooted";
    req.cseq = 1;
    const auto& p = plan_of(decide_register(req, existing, kT0, kCfg));
    EXPECT_EQ(p.bindings[0].call_id, "rebooted");
}

TEST(DecideRegister, InstanceAndRegIdReplaceBindingWithNewUri) {
    // RFC 5626: the same instance+reg-id from a new address replaces the old flow.
    Binding old = binding("sip:a@192.0.2.1:5060", kT0 + 100s, "c", 1);
    old.instance = "<urn:uuid:00000000-0000-1000-8000-000A95A0E128>";
    old.reg_id = 1;
    auto existing = registration_with({old});
    auto req = make_register("sip:a@192.0.2.99:6000");
    req.call_id = "c";
    req.cseq = 2;
    req.contacts[0].instance = old.instance;
    req.contacts[0].reg_id = 1;
    const auto& p = plan_of(decide_register(req, existing, kT0, kCfg));
    ASSERT_EQ(p.bindings.size(), 1u);
    EXPECT_EQ(p.bindings[0].contact_uri, "sip:a@192.0.2.99:6000");
    EXPECT_EQ(p.bindings[0].reg_id, 1u);
}

TEST(DecideRegister, SameInstanceDifferentRegIdAreTwoFlows) {
    Binding old = binding("sip:a@192.0.2.1:5060", kT0 + 100s, "c", 1);
    old.instance = "<urn:uuid:1>";
    old.reg_id = 1;
    auto req = make_register("sip:a@192.0.2.1:5060");
    req.call_id = "c";
    req.cseq = 2;
    req.contacts[0].instance = "<urn:uuid:1>";
    req.contacts[0].reg_id = 2;
    const auto& p = plan_of(decide_register(req, registration_with({old}), kT0, kCfg));
    EXPECT_EQ(p.bindings.size(), 2u);
}

TEST(DecideRegister, RegIdWithoutInstanceIsIgnored) {
    auto req = make_register("sip:a@1");
    req.contacts[0].reg_id = 3;
    const auto& p = plan_of(decide_register(req, std::nullopt, kT0, kCfg));
    EXPECT_EQ(p.bindings[0].reg_id, 0u);
}

TEST(DecideRegister, NoContactIsAQueryWithoutSar) {
    auto existing = registration_with({binding("sip:a@1", kT0 + 100s)});
    auto req = make_register("");
    const auto& p = plan_of(decide_register(req, existing, kT0, kCfg));
    EXPECT_EQ(p.kind, RegisterKind::query);
    EXPECT_FALSE(p.sar.has_value());
    EXPECT_EQ(p.bindings.size(), 1u);
    EXPECT_EQ(p.expires, 100u);
}

TEST(DecideRegister, ContactParamsAndQAreKept) {
    auto req = make_register("sip:a@1");
    req.contacts[0].params = ";+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel\"";
    req.contacts[0].q = 500;
    const auto& p = plan_of(decide_register(req, std::nullopt, kT0, kCfg));
    EXPECT_EQ(p.bindings[0].contact_params, req.contacts[0].params);
    EXPECT_EQ(p.bindings[0].q, 500);
}

TEST(DecideExpiry, NothingDue) {
    const auto reg = registration_with({binding("sip:a@1", kT0 + 10s)});
    const auto p = decide_expiry(reg, kT0);
    EXPECT_TRUE(p.expired.empty());
    EXPECT_FALSE(p.registration_ends);
    EXPECT_FALSE(p.sar.has_value());
    EXPECT_EQ(p.next_expiry, kT0 + 10s);
}

TEST(DecideExpiry, OneOfTwoExpires) {
    const auto reg =
        registration_with({binding("sip:a@1", kT0 + 10s), binding("sip:a@2", kT0 + 20s)});
    const auto p = decide_expiry(reg, kT0 + 10s);
    ASSERT_EQ(p.expired.size(), 1u);
    EXPECT_EQ(p.expired[0].contact_uri, "sip:a@1");
    EXPECT_EQ(p.remaining.size(), 1u);
    EXPECT_FALSE(p.registration_ends);
    EXPECT_EQ(p.next_expiry, kT0 + 20s);
}

TEST(DecideExpiry, LastBindingExpiringEndsRegistrationWithTimeoutSar) {
    const auto reg =
        registration_with({binding("sip:a@1", kT0 + 10s), binding("sip:a@2", kT0 + 20s)});
    const auto p = decide_expiry(reg, kT0 + 25s);
    EXPECT_EQ(p.expired.size(), 2u);
    EXPECT_TRUE(p.registration_ends);
    EXPECT_EQ(p.sar, ServerAssignmentType::timeout_deregistration);
    EXPECT_FALSE(p.next_expiry.has_value());
}

}  // namespace
}  // namespace ims::scscf
