// The REGISTER flow end to end over fake HSS and SIP ports, with a fake clock and the real
// digest verification: TS 24.229 5.4.1 as a UE and an HSS would see it.

#include "cscf/scscf/registrar.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "common/auth/digest.hpp"
#include "common/diameter/cx_errc.hpp"
#include "cscf/scscf/codec.hpp"
#include "cscf/scscf/digest_verifier.hpp"
#include "fake_ports.hpp"
#include "fake_random.hpp"
#include "sample_profile.hpp"

namespace ims::scscf {
namespace {

using namespace std::chrono_literals;
namespace hdr = sip::hdr;

constexpr const char* kRealm = "ims.example.org";
constexpr const char* kImpi = "alice@ims.example.org";
constexpr const char* kPassword = "secret";

struct Ue {
    int cseq = 1;
    std::string call_id = "call-1@192.0.2.10";
    std::string contact = "<sip:alice@192.0.2.10:5060>";
    std::optional<std::string> expires = "600";
    std::string extra;  // more header lines

    sip::Message reg(std::string authorization = {}) {
        const int n = cseq++;
        std::string m =
            "REGISTER sip:ims.example.org SIP/2.0\r\n"
            "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-" +
            std::to_string(n) +
            ";rport\r\n"
            "Max-Forwards: 70\r\n"
            "From: <sip:alice@ims.example.org>;tag=ue1\r\n"
            "To: <sip:alice@ims.example.org>\r\n"
            "Call-ID: " +
            call_id + "\r\nCSeq: " + std::to_string(n) + " REGISTER\r\n";
        if (!contact.empty()) m += "Contact: " + contact + "\r\n";
        if (expires) m += "Expires: " + *expires + "\r\n";
        m += "Path: <sip:term@pcscf.ims.example.org;lr>\r\n";
        if (!authorization.empty()) m += "Authorization: " + authorization + "\r\n";
        m += extra;
        m += "Content-Length: 0\r\n\r\n";
        auto parsed = sip::Message::parse(m);
        EXPECT_TRUE(parsed) << parsed.error().message();
        return parsed.value();
    }
};

// The parameters of the challenge in a 401.
struct Challenge {
    std::string nonce, opaque, algorithm, realm, ck, ik;
    bool stale = false;
};

Challenge challenge_of(const sip::Message& m, std::size_t index = 0) {
    auto all = m.get_all<hdr::WwwAuthenticate>();
    EXPECT_TRUE(all);
    EXPECT_GT(all.value().size(), index);
    const auto& a = all.value()[index];
    Challenge c;
    c.nonce = a.param_text("nonce").value_or("");
    c.opaque = a.param_text("opaque").value_or("");
    c.algorithm = a.param_text("algorithm").value_or("");
    c.realm = a.param_text("realm").value_or("");
    c.ck = a.param_text("ck").value_or("");
    c.ik = a.param_text("ik").value_or("");
    c.stale = a.param("stale").has_value();
    return c;
}

std::string authorization(const Challenge& c, const std::string& ha1, std::string nc = "00000001",
                          std::string username = kImpi) {
    auth::DigestCredentials d;
    d.username = username;
    d.realm = c.realm;
    d.nonce = c.nonce;
    d.uri = "sip:ims.example.org";
    d.algorithm = c.algorithm;
    d.cnonce = "0a4f113b";
    d.nc = nc;
    d.qop = "auth";
    d.opaque = c.opaque;
    const auto response = auth::compute_response(ha1, d, "REGISTER").value();
    return "Digest username=\"" + d.username + "\", realm=\"" + d.realm + "\", nonce=\"" + d.nonce +
           "\", uri=\"" + d.uri + "\", response=\"" + response + "\", algorithm=" + d.algorithm +
           ", cnonce=\"" + d.cnonce + "\", opaque=\"" + d.opaque + "\", qop=auth, nc=" + d.nc;
}

std::string md5_ha1(std::string_view password = kPassword) {
    return auth::compute_ha1(auth::DigestHash::md5, kImpi, kRealm, password);
}

cx::Maa digest_maa(std::string algorithm = "MD5") {
    cx::Maa maa;
    maa.hdr.outcome = cx::Outcome::base(cx::result_code::success);
    cx::AuthDataItem item;
    item.scheme = cx::kSchemeDigest;
    const auto hash = algorithm == "SHA-256" ? auth::DigestHash::sha256 : auth::DigestHash::md5;
    item.digest = cx::DigestAuthenticate{kRealm, algorithm, "auth",
                                         auth::compute_ha1(hash, kImpi, kRealm, kPassword)};
    maa.items.push_back(item);
    maa.number_auth_items = 1;
    return maa;
}

const std::vector<std::uint8_t> kXres{0xa5, 0x42, 0x11, 0xd5, 0xe3, 0xba, 0x50, 0xbf};

cx::Maa aka_maa() {
    cx::Maa maa;
    cx::AuthDataItem item;
    item.scheme = cx::kSchemeAka;
    for (int i = 0; i < 32; ++i) item.authenticate.push_back(static_cast<std::uint8_t>(0x10 + i));
    item.authorization = kXres;
    item.confidentiality_key = std::vector<std::uint8_t>(16, 0xb4);
    item.integrity_key = std::vector<std::uint8_t>(16, 0xf7);
    maa.items.push_back(item);
    return maa;
}

class RegistrarTest : public ::testing::Test {
  protected:
    RegistrarTest() {
        settings_.realm = kRealm;
        settings_.server_name = "sip:scscf.ims.example.org:6060";
        settings_.service_route = "<sip:orig@scscf.ims.example.org:6060;lr>";
        settings_.schemes = {AuthScheme::aka_v1_md5, AuthScheme::digest_md5};
        settings_.expiry = RegistrarConfig{60, 7200, 3600};
        hss_.on_mar = [](const cx::Mar&) { return Result<cx::Maa>(digest_maa()); };
        hss_.on_sar = [](const cx::Sar& sar) {
            cx::Saa saa;
            if (sar.assignment_type == cx::ServerAssignmentType::registration ||
                sar.user_data_already_available == cx::UserDataAlreadyAvailable::not_available) {
                saa.user_data = test::kProfileXml;
            }
            return Result<cx::Saa>(saa);
        };
    }

    Registrar& registrar() {
        if (!registrar_) {
            registrar_ = std::make_unique<Registrar>(
                io_.get_executor(), settings_, store_override_ ? *store_override_ : store_, hss_,
                sip_, random_, [this] { return now_; }, make_digest_verifier());
        }
        return *registrar_;
    }

    /// Hands `m` to the registrar and runs until everything it started is done.
    const sip::Message& send(const sip::Message& m) {
        registrar().on_register(IncomingRegister{++tid_, m, "udp:192.0.2.10:5060"});
        io_.restart();
        io_.run();
        return sip_.last_final();
    }

    /// 401 then an authenticated REGISTER: returns the final answer to the second.
    const sip::Message& register_with_digest(Ue& ue) {
        const auto& challenge = send(ue.reg());
        EXPECT_EQ(challenge.status(), 401);
        return send(ue.reg(authorization(challenge_of(challenge), md5_ha1())));
    }

    boost::asio::io_context io_;
    RegistrarSettings settings_;
    MemoryRegistrationStore store_;
    RegistrationStore* store_override_ = nullptr;  // set before the first registrar() call
    test::FakeHss hss_;
    test::FakeSipPort sip_;
    test::FakeRandom random_;
    TimePoint now_{std::chrono::seconds(1'800'000'000)};
    std::uint64_t tid_ = 0;
    std::unique_ptr<Registrar> registrar_;
};

TEST_F(RegistrarTest, FirstRegisterIsChallengedAfter100Trying) {
    Ue ue;
    const auto& r = send(ue.reg());
    ASSERT_EQ(sip_.responses.size(), 2u);
    EXPECT_EQ(sip_.responses[0].second.status(), 100);
    EXPECT_EQ(r.status(), 401);
    ASSERT_EQ(hss_.mars.size(), 1u);
    EXPECT_EQ(hss_.mars[0].user_name, kImpi);  // derived from the IMPU (no Authorization)
    EXPECT_EQ(hss_.mars[0].public_identity, "sip:alice@ims.example.org");
    EXPECT_EQ(hss_.mars[0].server_name, "sip:scscf.ims.example.org:6060");
    EXPECT_EQ(hss_.mars[0].auth_data.scheme, cx::kSchemeUnknown);
    const auto c = challenge_of(r);
    EXPECT_EQ(c.realm, kRealm);
    EXPECT_EQ(c.algorithm, "MD5");
    EXPECT_FALSE(c.nonce.empty());
    EXPECT_FALSE(c.opaque.empty());
    EXPECT_TRUE(hss_.sars.empty());
    EXPECT_TRUE(r.get<hdr::To>().value().tag().size() > 0);
}

TEST_F(RegistrarTest, AuthenticatedRegisterIsStoredAndAnsweredPerTs24229) {
    Ue ue;
    const auto& ok = register_with_digest(ue);
    ASSERT_EQ(ok.status(), 200);
    ASSERT_EQ(hss_.sars.size(), 1u);
    EXPECT_EQ(hss_.sars[0].assignment_type, cx::ServerAssignmentType::registration);
    EXPECT_EQ(hss_.sars[0].user_data_already_available,
              cx::UserDataAlreadyAvailable::not_available);
    EXPECT_EQ(hss_.sars[0].public_identities,
              std::vector<std::string>{"sip:alice@ims.example.org"});

    auto contacts = ok.get_all<hdr::Contact>();
    ASSERT_TRUE(contacts);
    ASSERT_EQ(contacts.value().size(), 1u);
    EXPECT_EQ(contacts.value()[0].uri.to_string(), "sip:alice@192.0.2.10:5060");
    EXPECT_EQ(contacts.value()[0].expires().value(), 600u);
    EXPECT_EQ(ok.value(sip::HeaderId::service_route).value_or(""),
              "<sip:orig@scscf.ims.example.org:6060;lr>");
    EXPECT_EQ(ok.value(sip::HeaderId::path).value_or(""), "<sip:term@pcscf.ims.example.org;lr>");
    // The implicit set without the barred identity.
    EXPECT_EQ(ok.value(sip::HeaderId::p_associated_uri).value_or(""),
              "<sip:alice@ims.example.org>, <tel:+15550100>");
    EXPECT_TRUE(ok.value(sip::HeaderId::date).has_value());

    auto reg = store_.find("tel:+15550100");
    ASSERT_TRUE(reg.has_value());
    EXPECT_EQ(reg->bindings.size(), 1u);
    EXPECT_EQ(reg->bindings[0].expires, now_ + 600s);
    EXPECT_EQ(reg->bindings[0].path,
              std::vector<std::string>{"<sip:term@pcscf.ims.example.org;lr>"});
    EXPECT_EQ(reg->bindings[0].received, "udp:192.0.2.10:5060");

    // Third-party REGISTER to the AS of the REGISTER iFC (TS 24.229 5.4.1.7).
    ASSERT_EQ(sip_.requests.size(), 1u);
    const auto& [tp, dest] = sip_.requests[0];
    EXPECT_EQ(tp.request_uri_text(), "sip:as@127.0.0.1:7060");
    EXPECT_EQ(tp.get<hdr::From>().value().uri.to_string(), "sip:scscf.ims.example.org:6060");
    EXPECT_EQ(tp.get<hdr::To>().value().uri.to_string(), "sip:alice@ims.example.org");
    EXPECT_EQ(tp.get<hdr::Expires>().value().seconds, 600u);
    EXPECT_EQ(dest.endpoint.port, 7060);
    EXPECT_EQ(dest.endpoint.address.to_string(), "127.0.0.1");
    EXPECT_NE(tp.body().find("REGISTER sip:ims.example.org"), std::string::npos);
    EXPECT_NE(tp.body().find("SIP/2.0 200 OK"), std::string::npos);
}

// A location service whose writes become durable only when the test says so (as the SQLite
// journal's group commit does at the end of an io pass).
class HeldCommitStore final : public RegistrationStore {
  public:
    std::optional<Registration> find(std::string_view impu) const override {
        return memory.find(impu);
    }
    Result<void> put(Registration reg) override { return memory.put(std::move(reg)); }
    Result<void> erase(std::string_view impu) override { return memory.erase(impu); }
    std::vector<std::string> due(TimePoint now) const override { return memory.due(now); }
    std::optional<TimePoint> next_expiry() const override { return memory.next_expiry(); }
    std::size_t registration_count() const override { return memory.registration_count(); }
    std::size_t binding_count() const override { return memory.binding_count(); }
    std::vector<std::string> keys() const override { return memory.keys(); }
    void when_durable(std::function<void(bool)> then) override { held.push_back(then); }
    void release(bool ok) {
        auto h = std::move(held);
        held.clear();
        for (auto& then : h) then(ok);
    }

    MemoryRegistrationStore memory;
    std::vector<std::function<void(bool)>> held;
};

TEST_F(RegistrarTest, The200WaitsUntilTheBindingIsDurable) {
    HeldCommitStore store;
    store_override_ = &store;
    Ue ue;
    const auto& challenge = send(ue.reg());
    ASSERT_EQ(challenge.status(), 401);
    // Not send(): the flow stays suspended on the commit, so run only what is ready.
    registrar().on_register(IncomingRegister{
        ++tid_, ue.reg(authorization(challenge_of(challenge), md5_ha1())), "udp:192.0.2.10:5060"});
    io_.restart();
    while (io_.poll() > 0) {
    }
    ASSERT_EQ(store.held.size(), 1u);
    EXPECT_EQ(sip_.responses.back().second.status(), 100) << "no final answer before the commit";
    EXPECT_TRUE(sip_.requests.empty()) << "no third-party REGISTER before the commit either";
    store.release(true);
    io_.restart();
    io_.run();
    EXPECT_EQ(sip_.last_final().status(), 200);
    EXPECT_EQ(sip_.requests.size(), 1u);
}

TEST_F(RegistrarTest, AFailedCommitIs500) {
    HeldCommitStore store;
    store_override_ = &store;
    Ue ue;
    const auto& challenge = send(ue.reg());
    registrar().on_register(IncomingRegister{
        ++tid_, ue.reg(authorization(challenge_of(challenge), md5_ha1())), "udp:192.0.2.10:5060"});
    io_.restart();
    while (io_.poll() > 0) {
    }
    ASSERT_EQ(store.held.size(), 1u);
    store.release(false);
    io_.restart();
    io_.run();
    EXPECT_EQ(sip_.last_final().status(), 500);
    EXPECT_TRUE(sip_.requests.empty());
}

TEST_F(RegistrarTest, WrongPasswordIs403AndNothingStored) {
    Ue ue;
    const auto& challenge = send(ue.reg());
    const auto& r = send(ue.reg(authorization(challenge_of(challenge), md5_ha1("wrong"))));
    EXPECT_EQ(r.status(), 403);
    EXPECT_TRUE(hss_.sars.empty());
    EXPECT_EQ(store_.registration_count(), 0u);
}

TEST_F(RegistrarTest, ReplayedNonceCountIsRechallengedStale) {
    Ue ue;
    const auto& challenge = send(ue.reg());
    const auto c = challenge_of(challenge);
    ASSERT_EQ(send(ue.reg(authorization(c, md5_ha1()))).status(), 200);
    const auto& again = send(ue.reg(authorization(c, md5_ha1())));  // nc 1 once more
    EXPECT_EQ(again.status(), 401);
    EXPECT_TRUE(challenge_of(again).stale);
    // A higher nc with the same nonce is a valid refresh.
    EXPECT_EQ(send(ue.reg(authorization(c, md5_ha1(), "00000002"))).status(), 200);
    EXPECT_EQ(hss_.sars.back().assignment_type, cx::ServerAssignmentType::re_registration);
    EXPECT_EQ(hss_.sars.back().user_data_already_available,
              cx::UserDataAlreadyAvailable::already_available);
}

TEST_F(RegistrarTest, HssTimeoutIs504AndServiceResumes) {
    hss_.on_mar = [](const cx::Mar&) {
        return Result<cx::Maa>(make_error_code(cx::cx_errc::timeout));
    };
    Ue ue;
    EXPECT_EQ(send(ue.reg()).status(), 504);
    hss_.on_mar = [](const cx::Mar&) {
        return Result<cx::Maa>(make_error_code(cx::cx_errc::unable_to_deliver));
    };
    EXPECT_EQ(send(ue.reg()).status(), 504);
    hss_.on_mar = [](const cx::Mar&) { return Result<cx::Maa>(digest_maa()); };
    EXPECT_EQ(register_with_digest(ue).status(), 200);
}

TEST_F(RegistrarTest, UnknownUserIs403) {
    hss_.on_mar = [](const cx::Mar&) {
        cx::Maa maa;
        maa.hdr.outcome = cx::Outcome::exp(cx::experimental_code::user_unknown);
        return Result<cx::Maa>(maa);
    };
    Ue ue;
    const auto& r = send(ue.reg());
    EXPECT_EQ(r.status(), 403);
    EXPECT_EQ(r.reason(), "Forbidden - user unknown");
}

TEST_F(RegistrarTest, SarFailureIsMappedAndNothingStored) {
    hss_.on_sar = [](const cx::Sar&) {
        return Result<cx::Saa>(make_error_code(cx::cx_errc::timeout));
    };
    Ue ue;
    EXPECT_EQ(register_with_digest(ue).status(), 504);
    EXPECT_EQ(store_.registration_count(), 0u);
}

TEST_F(RegistrarTest, TooBriefIs423WithMinExpiresAfterAuthentication) {
    Ue ue;
    ue.expires = "30";
    const auto& r = register_with_digest(ue);
    EXPECT_EQ(r.status(), 423);
    EXPECT_EQ(r.get<hdr::MinExpires>().value().seconds, 60u);
    EXPECT_TRUE(hss_.sars.empty());
}

TEST_F(RegistrarTest, OverMaximumIsClampedInThe200) {
    Ue ue;
    ue.expires = "600000";
    const auto& ok = register_with_digest(ue);
    ASSERT_EQ(ok.status(), 200);
    EXPECT_EQ(ok.get_all<hdr::Contact>().value()[0].expires().value(), 7200u);
}

TEST_F(RegistrarTest, DeregistrationIsAuthenticatedAndTellsHssAndAs) {
    Ue ue;
    ASSERT_EQ(register_with_digest(ue).status(), 200);
    ue.expires = "0";
    const auto& ok = register_with_digest(ue);
    ASSERT_EQ(ok.status(), 200);
    EXPECT_FALSE(ok.has<hdr::Contact>());
    EXPECT_EQ(hss_.sars.back().assignment_type, cx::ServerAssignmentType::user_deregistration);
    EXPECT_EQ(store_.registration_count(), 0u);
    ASSERT_EQ(sip_.requests.size(), 2u);
    EXPECT_EQ(sip_.requests[1].first.get<hdr::Expires>().value().seconds, 0u);
}

TEST_F(RegistrarTest, ExpiryTriggersTimeoutDeregistration) {
    Ue ue;
    ASSERT_EQ(register_with_digest(ue).status(), 200);
    now_ += 599s;
    registrar().sweep();
    io_.restart();
    io_.run();
    EXPECT_EQ(store_.registration_count(), 1u);
    now_ += 1s;
    registrar().sweep();
    io_.restart();
    io_.run();
    EXPECT_EQ(store_.registration_count(), 0u);
    EXPECT_EQ(hss_.sars.back().assignment_type, cx::ServerAssignmentType::timeout_deregistration);
    ASSERT_EQ(sip_.requests.size(), 2u);
    EXPECT_EQ(sip_.requests[1].first.get<hdr::Expires>().value().seconds, 0u);
    // The sweep does not fire twice.
    registrar().sweep();
    io_.restart();
    io_.run();
    EXPECT_EQ(hss_.sars.size(), 2u);
}

TEST_F(RegistrarTest, AkaChallengeCarriesKeysAndXresAuthenticates) {
    hss_.on_mar = [](const cx::Mar&) { return Result<cx::Maa>(aka_maa()); };
    Ue ue;
    const auto& challenge = send(ue.reg());
    ASSERT_EQ(challenge.status(), 401);
    const auto c = challenge_of(challenge);
    EXPECT_EQ(c.algorithm, "AKAv1-MD5");
    EXPECT_EQ(c.ck, "b4b4b4b4b4b4b4b4b4b4b4b4b4b4b4b4");
    EXPECT_EQ(c.ik, "f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7");
    EXPECT_EQ(base64_decode(c.nonce).value().size(), 32u);
    const auto ha1 = auth::compute_ha1(auth::DigestHash::md5, kImpi, kRealm,
                                       std::span<const std::uint8_t>(kXres));
    EXPECT_EQ(send(ue.reg(authorization(c, ha1))).status(), 200);
    EXPECT_EQ(registrar().nonces_in_flight(), 0u);  // AKA vectors are used once
}

TEST_F(RegistrarTest, AutsAsksTheHssToResynchronise) {
    hss_.on_mar = [](const cx::Mar&) { return Result<cx::Maa>(aka_maa()); };
    Ue ue;
    const auto c = challenge_of(send(ue.reg()));
    const std::vector<std::uint8_t> auts(14, 0x77);
    std::string a = "Digest username=\"" + std::string(kImpi) + "\", realm=\"" + kRealm +
                    "\", nonce=\"" + c.nonce +
                    "\", uri=\"sip:ims.example.org\", response=\"\", algorithm=AKAv1-MD5, auts=\"" +
                    base64_encode(auts) + "\"";
    const auto& r = send(ue.reg(a));
    EXPECT_EQ(r.status(), 401);
    ASSERT_EQ(hss_.mars.size(), 2u);
    EXPECT_EQ(hss_.mars[1].auth_data.scheme, cx::kSchemeAka);
    const auto& info = hss_.mars[1].auth_data.authorization;
    ASSERT_EQ(info.size(), 30u);
    EXPECT_EQ(info[0], 0x10);   // RAND first
    EXPECT_EQ(info[16], 0x77);  // then AUTS
}

TEST_F(RegistrarTest, AlgorithmHintSelectsScheme) {
    Ue ue;
    const std::string hint = "Digest username=\"" + std::string(kImpi) + "\", realm=\"" + kRealm +
                             "\", nonce=\"\", uri=\"sip:ims.example.org\", response=\"\", "
                             "algorithm=AKAv1-MD5";
    hss_.on_mar = [](const cx::Mar&) { return Result<cx::Maa>(aka_maa()); };
    send(ue.reg(hint));
    ASSERT_EQ(hss_.mars.size(), 1u);
    EXPECT_EQ(hss_.mars[0].auth_data.scheme, cx::kSchemeAka);
}

TEST_F(RegistrarTest, Sha256AndMd5OfferedTogetherSha256First) {
    settings_.schemes = {AuthScheme::digest_md5, AuthScheme::digest_sha256};
    hss_.on_mar = [](const cx::Mar& mar) {
        const bool sha = mar.auth_data.digest && mar.auth_data.digest->algorithm == "SHA-256";
        return Result<cx::Maa>(digest_maa(sha ? "SHA-256" : "MD5"));
    };
    Ue ue;
    const auto& r = send(ue.reg());
    ASSERT_EQ(r.status(), 401);
    EXPECT_EQ(hss_.mars.size(), 2u);
    EXPECT_EQ(challenge_of(r, 0).algorithm, "SHA-256");
    EXPECT_EQ(challenge_of(r, 1).algorithm, "MD5");
    const auto sha = challenge_of(r, 0);
    const auto ha1 = auth::compute_ha1(auth::DigestHash::sha256, kImpi, kRealm, kPassword);
    EXPECT_EQ(send(ue.reg(authorization(sha, ha1))).status(), 200);
}

TEST_F(RegistrarTest, FailingAsWithSessionTerminatedDeregisters) {
    sip_.on_request = [](const sip::Message&) {
        return Result<sip::Message>(sip::Message::make_status(500));
    };
    Ue ue;
    ASSERT_EQ(register_with_digest(ue).status(), 200);
    EXPECT_EQ(store_.registration_count(), 0u);
    EXPECT_EQ(hss_.sars.back().assignment_type,
              cx::ServerAssignmentType::administrative_deregistration);
}

TEST_F(RegistrarTest, MalformedContactIs400) {
    Ue ue;
    ue.contact = "<sip:alice@192.0.2.10>;expires=never";
    const auto& r = send(ue.reg());
    EXPECT_EQ(r.status(), 400);
    EXPECT_TRUE(hss_.mars.empty());
}

TEST_F(RegistrarTest, TwoContactsBothListedWithTheirExpires) {
    Ue ue;
    ASSERT_EQ(register_with_digest(ue).status(), 200);
    Ue other;
    other.call_id = "call-2@198.51.100.7";
    other.contact = "<sip:alice@198.51.100.7:5060>;expires=1200";
    now_ += 100s;
    const auto& ok = register_with_digest(other);
    ASSERT_EQ(ok.status(), 200);
    auto contacts = ok.get_all<hdr::Contact>().value();
    ASSERT_EQ(contacts.size(), 2u);
    EXPECT_EQ(contacts[0].expires().value(), 500u);
    EXPECT_EQ(contacts[1].expires().value(), 1200u);
    EXPECT_EQ(hss_.sars.back().assignment_type, cx::ServerAssignmentType::re_registration);
}

TEST_F(RegistrarTest, RtrDropsTheRegistrationAndTellsTheAs) {
    Ue ue;
    ASSERT_EQ(register_with_digest(ue).status(), 200);
    cx::Rtr rtr;
    rtr.user_name = kImpi;  // no IMPU listed: every registration of the IMPI
    rtr.reason.code = cx::ReasonCode::permanent_termination;
    EXPECT_EQ(registrar().on_rtr(rtr), 1u);
    io_.restart();
    io_.run();
    EXPECT_EQ(store_.registration_count(), 0u);
    ASSERT_EQ(sip_.requests.size(), 2u);
    EXPECT_EQ(sip_.requests[1].first.get<hdr::Expires>().value().seconds, 0u);
    EXPECT_EQ(registrar().on_rtr(rtr), 0u);  // nothing left
}

}  // namespace
}  // namespace ims::scscf
