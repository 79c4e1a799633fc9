// Every Cx message: struct -> freeDiameter msg -> fd_msg_bufferize -> fd_msg_parse_buffer ->
// fd_msg_parse_dict -> decode -> compare. Plus missing / invalid AVPs and the outcome AVPs.

#include "common/diameter/cx_codec.hpp"

#include <gtest/gtest.h>

#include "common/diameter/cx_dictionary.hpp"
#include "common/diameter/fd_avp.hpp"
#include "fd_test_env.hpp"

namespace ims::cx {
namespace {

using test::from_wire;
using test::kHost;
using test::kHss;
using test::kRealm;
using test::to_wire;
using test::wire_round_trip;

Bytes filled(std::size_t n, std::uint8_t start) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(start + i);
    return b;
}

RequestHeader req_hdr() {
    RequestHeader h;
    h.destination_realm = kRealm;
    h.destination_host = kHss;
    return h;
}

Mar make_mar() {
    Mar r;
    r.hdr = req_hdr();
    r.user_name = "001010000000001@ims.mnc001.mcc001.3gppnetwork.org";
    r.public_identity = "sip:001010000000001@ims.mnc001.mcc001.3gppnetwork.org";
    r.server_name = "sip:scscf.ims.mnc001.mcc001.3gppnetwork.org:6060";
    r.number_auth_items = 3;
    r.auth_data.scheme = kSchemeAka;
    r.auth_data.authorization = filled(30, 0x10);  // RAND||AUTS on resync
    return r;
}

class CxCodec : public ::testing::Test {
  protected:
    void SetUp() override { test::ensure_fd(); }

    /// A request as the server receives it.
    template <class Req>
    MsgPtr received(const Req& r) {
        auto m = encode(r);
        EXPECT_TRUE(m) << m.error().message();
        return wire_round_trip(std::move(m).value());
    }
    /// The answer as the client receives it.
    template <class Req, class Ans>
    MsgPtr answered(const Req& r, const Ans& a) {
        auto ans = encode_answer(received(r), a);
        EXPECT_TRUE(ans) << ans.error().message();
        return wire_round_trip(std::move(ans).value());
    }
};

void expect_same_header(const RequestHeader& got, const RequestHeader& sent) {
    EXPECT_FALSE(got.session_id.empty());
    if (!sent.session_id.empty()) {
        EXPECT_EQ(got.session_id, sent.session_id);
    }
    EXPECT_EQ(got.origin_host, sent.origin_host.empty() ? kHost : sent.origin_host);
    EXPECT_EQ(got.origin_realm, sent.origin_realm.empty() ? kRealm : sent.origin_realm);
    EXPECT_EQ(got.destination_realm, sent.destination_realm);
    EXPECT_EQ(got.destination_host, sent.destination_host);
    EXPECT_EQ(got.supported_features, sent.supported_features);
}

// ---- requests -------------------------------------------------------------------------------

TEST_F(CxCodec, UarRoundTrip) {
    Uar r;
    r.hdr = req_hdr();
    r.hdr.session_id = "icscf.ims;1;42";
    r.hdr.supported_features.push_back({kVendor3gpp, 1, 0x3});
    r.user_name = "alice@ims.example";
    r.public_identity = "sip:alice@ims.example";
    r.visited_network_id = "ims.example";
    r.authorization_type = UserAuthorizationType::registration_and_capabilities;
    auto m = received(r);
    auto d = decode_uar(m.get());
    ASSERT_TRUE(d) << d.error().message();
    expect_same_header(d.value().hdr, r.hdr);
    EXPECT_EQ(d.value().user_name, r.user_name);
    EXPECT_EQ(d.value().public_identity, r.public_identity);
    EXPECT_EQ(d.value().visited_network_id, r.visited_network_id);
    EXPECT_EQ(d.value().authorization_type, r.authorization_type);
}

TEST_F(CxCodec, MarRoundTripWithResync) {
    Mar r = make_mar();
    auto m = received(r);
    auto d = decode_mar(m.get());
    ASSERT_TRUE(d) << d.error().message();
    expect_same_header(d.value().hdr, r.hdr);
    EXPECT_EQ(d.value().user_name, r.user_name);
    EXPECT_EQ(d.value().public_identity, r.public_identity);
    EXPECT_EQ(d.value().server_name, r.server_name);
    EXPECT_EQ(d.value().number_auth_items, 3u);
    EXPECT_EQ(d.value().auth_data, r.auth_data);
}

TEST_F(CxCodec, MarDigestAlgorithmRequest) {
    Mar r = make_mar();
    r.auth_data = AuthDataItem{};
    r.auth_data.scheme = kSchemeDigest;
    r.auth_data.digest = DigestAuthenticate{"", "SHA-256", "", ""};
    auto d = decode_mar(received(r).get());
    ASSERT_TRUE(d);
    EXPECT_EQ(d.value().auth_data, r.auth_data);
}

TEST_F(CxCodec, SarRoundTrip) {
    Sar r;
    r.hdr = req_hdr();
    r.user_name = "alice@ims.example";
    r.public_identities = {"sip:alice@ims.example", "tel:+15551234"};
    r.wildcarded_public_identity = "sip:!.*!@ims.example";
    r.server_name = "sip:scscf.ims.example";
    r.assignment_type = ServerAssignmentType::user_deregistration_store_server_name;
    r.user_data_already_available = UserDataAlreadyAvailable::already_available;
    auto d = decode_sar(received(r).get());
    ASSERT_TRUE(d) << d.error().message();
    expect_same_header(d.value().hdr, r.hdr);
    EXPECT_EQ(d.value().user_name, r.user_name);
    EXPECT_EQ(d.value().public_identities, r.public_identities);
    EXPECT_EQ(d.value().wildcarded_public_identity, r.wildcarded_public_identity);
    EXPECT_EQ(d.value().server_name, r.server_name);
    EXPECT_EQ(d.value().assignment_type, r.assignment_type);
    EXPECT_EQ(d.value().user_data_already_available, r.user_data_already_available);
}

TEST_F(CxCodec, SarWithoutUserNameForUnregisteredUser) {
    Sar r;
    r.hdr = req_hdr();
    r.public_identities = {"sip:bob@ims.example"};
    r.server_name = "sip:scscf.ims.example";
    r.assignment_type = ServerAssignmentType::unregistered_user;
    auto d = decode_sar(received(r).get());
    ASSERT_TRUE(d);
    EXPECT_FALSE(d.value().user_name.has_value());
    EXPECT_EQ(d.value().assignment_type, ServerAssignmentType::unregistered_user);
}

TEST_F(CxCodec, LirRoundTrip) {
    Lir r;
    r.hdr = req_hdr();
    r.public_identity = "tel:+15551234";
    r.originating_request = 0;
    auto d = decode_lir(received(r).get());
    ASSERT_TRUE(d);
    expect_same_header(d.value().hdr, r.hdr);
    EXPECT_EQ(d.value().public_identity, r.public_identity);
    EXPECT_EQ(d.value().originating_request, r.originating_request);
}

TEST_F(CxCodec, RtrRoundTrip) {
    Rtr r;
    r.hdr = req_hdr();
    r.hdr.destination_host = "scscf.ims.example";
    r.user_name = "alice@ims.example";
    r.public_identities = {"sip:alice@ims.example"};
    r.reason = {ReasonCode::server_change, "moved"};
    auto d = decode_rtr(received(r).get());
    ASSERT_TRUE(d) << d.error().message();
    expect_same_header(d.value().hdr, r.hdr);
    EXPECT_EQ(d.value().user_name, r.user_name);
    EXPECT_EQ(d.value().public_identities, r.public_identities);
    EXPECT_EQ(d.value().reason, r.reason);
}

TEST_F(CxCodec, PprRoundTrip) {
    Ppr r;
    r.hdr = req_hdr();
    r.user_name = "alice@ims.example";
    r.user_data = "<IMSSubscription><PrivateID>alice@ims.example</PrivateID></IMSSubscription>";
    r.charging_information = ChargingInformation{"aaa://ecf1", "aaa://ecf2", "aaa://ccf1", ""};
    auto d = decode_ppr(received(r).get());
    ASSERT_TRUE(d) << d.error().message();
    EXPECT_EQ(d.value().user_name, r.user_name);
    EXPECT_EQ(d.value().user_data, r.user_data);
    EXPECT_EQ(d.value().charging_information, r.charging_information);
}

TEST_F(CxCodec, RequestHeadCarriesCxApplicationAndFlags) {
    auto m = received(make_mar());
    MsgInfo info = msg_info(m.get());
    EXPECT_EQ(info.command, 303u);
    EXPECT_EQ(info.application, kCxApplicationId);
    EXPECT_TRUE(info.request);
    EXPECT_FALSE(info.error_bit);
    const CxDictionary& d = cx_dictionary();
    struct avp* a = nullptr;
    ASSERT_EQ(fd_msg_search_avp(m.get(), d.auth_session_state, &a), 0);
    ASSERT_NE(a, nullptr);
    struct avp_hdr* h = nullptr;
    fd_msg_avp_hdr(a, &h);
    EXPECT_EQ(h->avp_value->i32, 1);  // NO_STATE_MAINTAINED
    ASSERT_EQ(fd_msg_search_avp(m.get(), d.public_identity, &a), 0);
    fd_msg_avp_hdr(a, &h);
    EXPECT_EQ(h->avp_flags & (AVP_FLAG_VENDOR | AVP_FLAG_MANDATORY),
              AVP_FLAG_VENDOR | AVP_FLAG_MANDATORY);
    EXPECT_EQ(h->avp_vendor, kVendor3gpp);
}

TEST_F(CxCodec, GeneratedSessionIdsAreDistinctAndStartWithOriginHost) {
    auto a = decode_mar(received(make_mar()).get());
    auto b = decode_mar(received(make_mar()).get());
    ASSERT_TRUE(a && b);
    EXPECT_NE(a.value().hdr.session_id, b.value().hdr.session_id);
    EXPECT_EQ(a.value().hdr.session_id.rfind(std::string(kHost) + ";", 0), 0u);
}

// ---- answers --------------------------------------------------------------------------------

TEST_F(CxCodec, UaaRoundTripWithCapabilities) {
    Uaa a;
    a.hdr.outcome = Outcome::exp(experimental_code::first_registration);
    a.capabilities = ServerCapabilities{{1, 2}, {7}, {"sip:scscf1.ims.example"}};
    Uar r;
    r.hdr = req_hdr();
    r.user_name = "u";
    r.public_identity = "sip:u@x";
    r.visited_network_id = "x";
    auto d = decode_uaa(answered(r, a).get());
    ASSERT_TRUE(d) << d.error().message();
    EXPECT_EQ(d.value().hdr.outcome, a.hdr.outcome);
    EXPECT_EQ(d.value().hdr.origin_host, kHost);
    EXPECT_FALSE(d.value().server_name.has_value());
    EXPECT_EQ(d.value().capabilities, a.capabilities);
}

TEST_F(CxCodec, AnswerKeepsTheRequestSessionId) {
    Mar r = make_mar();
    r.hdr.session_id = "scscf.ims;7;7";
    Maa a;
    auto d = decode_maa(answered(r, a).get());
    ASSERT_TRUE(d);
    EXPECT_EQ(d.value().hdr.session_id, "scscf.ims;7;7");
}

TEST_F(CxCodec, MaaRoundTripAkaVectors) {
    Maa a;
    a.hdr.outcome = Outcome::base(result_code::success);
    a.hdr.supported_features.push_back({kVendor3gpp, 1, 1});
    a.user_name = "alice@ims.example";
    a.public_identity = "sip:alice@ims.example";
    a.number_auth_items = 2;
    for (std::uint32_t i = 1; i <= 2; ++i) {
        AuthDataItem it;
        it.item_number = i;
        it.scheme = kSchemeAka;
        it.authenticate = filled(32, static_cast<std::uint8_t>(i));
        it.authorization = filled(8, 0xa0);
        it.confidentiality_key = filled(16, 0xc0);
        it.integrity_key = filled(16, 0xd0);
        a.items.push_back(it);
    }
    auto d = decode_maa(answered(make_mar(), a).get());
    ASSERT_TRUE(d) << d.error().message();
    EXPECT_EQ(d.value().hdr.outcome, a.hdr.outcome);
    EXPECT_EQ(d.value().hdr.supported_features, a.hdr.supported_features);
    EXPECT_EQ(d.value().user_name, a.user_name);
    EXPECT_EQ(d.value().public_identity, a.public_identity);
    EXPECT_EQ(d.value().number_auth_items, 2u);
    EXPECT_EQ(d.value().items, a.items);
}

TEST_F(CxCodec, MaaRoundTripSipDigest) {
    Maa a;
    a.user_name = "bob@ims.example";
    a.public_identity = "sip:bob@ims.example";
    a.number_auth_items = 1;
    AuthDataItem it;
    it.scheme = kSchemeDigest;
    it.digest =
        DigestAuthenticate{"ims.example", "MD5", "auth", "0123456789abcdef0123456789abcdef"};
    a.items.push_back(it);
    auto d = decode_maa(answered(make_mar(), a).get());
    ASSERT_TRUE(d);
    ASSERT_EQ(d.value().items.size(), 1u);
    EXPECT_EQ(d.value().items[0], it);
}

TEST_F(CxCodec, SaaRoundTripFull) {
    Saa a;
    a.hdr.outcome = Outcome::base(result_code::success);
    a.user_name = "alice@ims.example";
    a.user_data = "<?xml version=\"1.0\"?><IMSSubscription/>";
    a.charging_information = ChargingInformation{"e1", "e2", "c1", "c2"};
    a.associated_identities = {"alice2@ims.example", "alice3@ims.example"};
    Sar r;
    r.hdr = req_hdr();
    r.server_name = "sip:scscf";
    auto d = decode_saa(answered(r, a).get());
    ASSERT_TRUE(d) << d.error().message();
    EXPECT_EQ(d.value().user_name, a.user_name);
    EXPECT_EQ(d.value().user_data, a.user_data);
    EXPECT_EQ(d.value().charging_information, a.charging_information);
    EXPECT_EQ(d.value().associated_identities, a.associated_identities);
}

TEST_F(CxCodec, LiaRoundTrip) {
    Lia a;
    a.hdr.outcome = Outcome::exp(experimental_code::unregistered_service);
    a.server_name = "sip:scscf1.ims.example:6060";
    a.wildcarded_public_identity = "sip:!.*!@x";
    Lir r;
    r.hdr = req_hdr();
    r.public_identity = "sip:u@x";
    auto d = decode_lia(answered(r, a).get());
    ASSERT_TRUE(d);
    EXPECT_EQ(d.value().hdr.outcome, a.hdr.outcome);
    EXPECT_EQ(d.value().server_name, a.server_name);
    EXPECT_EQ(d.value().wildcarded_public_identity, a.wildcarded_public_identity);
}

TEST_F(CxCodec, RtaAndPpaRoundTrip) {
    Rtr rtr;
    rtr.hdr = req_hdr();
    rtr.user_name = "u";
    Rta rta;
    auto d1 = decode_rta(answered(rtr, rta).get());
    ASSERT_TRUE(d1);
    EXPECT_EQ(d1.value().hdr.outcome, Outcome::base(2001));
    Ppr ppr;
    ppr.hdr = req_hdr();
    ppr.user_name = "u";
    Ppa ppa;
    ppa.hdr.outcome = Outcome::exp(experimental_code::user_unknown);
    auto d2 = decode_ppa(answered(ppr, ppa).get());
    ASSERT_TRUE(d2);
    EXPECT_EQ(d2.value().hdr.outcome, ppa.hdr.outcome);
}

// ---- Result-Code / Experimental-Result ------------------------------------------------------

TEST_F(CxCodec, ExperimentalResultIsTheOnlyOutcomeAvp) {
    Maa a;
    a.hdr.outcome = Outcome::exp(experimental_code::user_unknown);
    auto m = answered(make_mar(), a);
    const CxDictionary& d = cx_dictionary();
    struct avp* avp = nullptr;
    fd_msg_search_avp(m.get(), d.result_code, &avp);
    EXPECT_EQ(avp, nullptr);
    fd_msg_search_avp(m.get(), d.experimental_result, &avp);
    ASSERT_NE(avp, nullptr);
    auto dec = decode_maa(m.get());
    ASSERT_TRUE(dec);
    EXPECT_TRUE(dec.value().hdr.outcome.experimental);
    EXPECT_EQ(dec.value().hdr.outcome.code, 5001u);
    EXPECT_FALSE(dec.value().hdr.outcome.is_success());
}

TEST_F(CxCodec, ResultCodeIsTheOnlyOutcomeAvp) {
    Maa a;
    a.hdr.outcome = Outcome::base(result_code::unable_to_comply);
    auto m = answered(make_mar(), a);
    const CxDictionary& d = cx_dictionary();
    struct avp* avp = nullptr;
    fd_msg_search_avp(m.get(), d.experimental_result, &avp);
    EXPECT_EQ(avp, nullptr);
    auto dec = decode_maa(m.get());
    ASSERT_TRUE(dec);
    EXPECT_EQ(dec.value().hdr.outcome, Outcome::base(5012));
}

TEST_F(CxCodec, ErrorAnswerMissingAvpCarriesFailedAvp) {
    FailedAvp f{601, kVendor3gpp, std::nullopt};
    auto ans = encode_error_answer(received(make_mar()), Outcome::base(result_code::missing_avp),
                                   "Public-Identity missing", &f);
    ASSERT_TRUE(ans);
    auto m = wire_round_trip(std::move(ans).value());
    EXPECT_FALSE(msg_info(m.get()).error_bit);  // 5xxx: no E bit (RFC 6733 7.2)
    auto d = decode_maa(m.get());
    ASSERT_TRUE(d);
    EXPECT_EQ(d.value().hdr.outcome.code, 5005u);
    EXPECT_FALSE(d.value().hdr.outcome.experimental);
    EXPECT_EQ(d.value().hdr.outcome.failed_avp, 601u);
    EXPECT_EQ(d.value().hdr.outcome.failed_avp_vendor, kVendor3gpp);
}

TEST_F(CxCodec, ProtocolErrorAnswerSetsEBit) {
    auto ans = encode_error_answer(received(make_mar()), Outcome::base(result_code::too_busy));
    ASSERT_TRUE(ans);
    auto m = wire_round_trip(std::move(ans).value());
    EXPECT_TRUE(msg_info(m.get()).error_bit);
    auto d = decode_maa(m.get());
    ASSERT_TRUE(d);
    EXPECT_EQ(d.value().hdr.outcome.code, 3004u);
}

TEST_F(CxCodec, AnswerWithoutOutcomeIsMissingAvp) {
    // Drop the Result-Code of an otherwise valid answer.
    auto ans = encode_answer(received(make_mar()), Maa{});
    ASSERT_TRUE(ans);
    struct avp* rc = nullptr;
    fd_msg_search_avp(ans.value().get(), cx_dictionary().result_code, &rc);
    ASSERT_NE(rc, nullptr);
    fd_msg_free(rc);
    auto d = decode_maa(wire_round_trip(std::move(ans).value()).get());
    ASSERT_FALSE(d);
    EXPECT_EQ(d.error(), make_error_code(cx_errc::missing_avp));
}

TEST_F(CxCodec, WrongCommandIsRejected) {
    auto m = received(make_mar());
    auto d = decode_sar(m.get());
    ASSERT_FALSE(d);
    EXPECT_EQ(d.error(), make_error_code(cx_errc::unexpected_command));
    auto a = decode_maa(m.get());  // a request is not an answer
    ASSERT_FALSE(a);
    EXPECT_EQ(a.error(), make_error_code(cx_errc::unexpected_command));
}

// ---- missing and invalid AVPs in requests ---------------------------------------------------

struct MissingCase {
    const char* name;
    std::uint32_t code;
    std::uint32_t vendor;
};

class MarMissingAvp : public CxCodec, public ::testing::WithParamInterface<MissingCase> {};

dict_object* model_of(std::uint32_t code, std::uint32_t vendor) {
    dict_avp_request req{};
    req.avp_vendor = vendor;
    req.avp_code = code;
    dict_object* model = nullptr;
    fd_dict_search(fd_g_config->cnf_dict, DICT_AVP, AVP_BY_CODE_AND_VENDOR, &req, &model, ENOENT);
    return model;
}

TEST_P(MarMissingAvp, DecodeNamesTheMissingAvp) {
    auto m = encode(make_mar());
    ASSERT_TRUE(m);
    struct avp* a = nullptr;
    ASSERT_EQ(fd_msg_search_avp(m.value().get(), model_of(GetParam().code, GetParam().vendor), &a),
              0);
    ASSERT_NE(a, nullptr) << GetParam().name;
    fd_msg_free(a);
    auto parsed = wire_round_trip(std::move(m).value());
    FailedAvp failed;
    auto d = decode_mar(parsed.get(), &failed);
    ASSERT_FALSE(d) << GetParam().name;
    EXPECT_EQ(d.error(), make_error_code(cx_errc::missing_avp));
    EXPECT_EQ(failed.code, GetParam().code);
    EXPECT_EQ(failed.vendor, GetParam().vendor);
}

INSTANTIATE_TEST_SUITE_P(
    EveryMandatoryAvp, MarMissingAvp,
    ::testing::Values(MissingCase{"Session_Id", 263, 0}, MissingCase{"Origin_Host", 264, 0},
                      MissingCase{"Origin_Realm", 296, 0}, MissingCase{"Destination_Realm", 283, 0},
                      MissingCase{"Vendor_Specific_Application_Id", 260, 0},
                      MissingCase{"Auth_Session_State", 277, 0}, MissingCase{"User_Name", 1, 0},
                      MissingCase{"Public_Identity", 601, kVendor3gpp},
                      MissingCase{"SIP_Number_Auth_Items", 607, kVendor3gpp},
                      MissingCase{"SIP_Auth_Data_Item", 612, kVendor3gpp},
                      MissingCase{"Server_Name", 602, kVendor3gpp}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(CxCodec, UarMissingVisitedNetwork) {
    Uar r;
    r.hdr = req_hdr();
    r.user_name = "u";
    r.public_identity = "sip:u@x";
    auto m = encode(r);
    ASSERT_TRUE(m);
    struct avp* a = nullptr;
    fd_msg_search_avp(m.value().get(), cx_dictionary().visited_network_identifier, &a);
    ASSERT_NE(a, nullptr);
    fd_msg_free(a);
    FailedAvp failed;
    auto d = decode_uar(wire_round_trip(std::move(m).value()).get(), &failed);
    ASSERT_FALSE(d);
    EXPECT_EQ(failed.code, 600u);
}

TEST_F(CxCodec, SarMissingServerAssignmentType) {
    Sar r;
    r.hdr = req_hdr();
    r.server_name = "sip:s";
    auto m = encode(r);
    ASSERT_TRUE(m);
    struct avp* a = nullptr;
    fd_msg_search_avp(m.value().get(), cx_dictionary().server_assignment_type, &a);
    fd_msg_free(a);
    FailedAvp failed;
    auto d = decode_sar(wire_round_trip(std::move(m).value()).get(), &failed);
    ASSERT_FALSE(d);
    EXPECT_EQ(d.error(), make_error_code(cx_errc::missing_avp));
    EXPECT_EQ(failed.code, 614u);
    EXPECT_EQ(failed.vendor, kVendor3gpp);
}

TEST_F(CxCodec, SarInvalidAssignmentTypeIsInvalidValue) {
    Sar r;
    r.hdr = req_hdr();
    r.server_name = "sip:s";
    r.assignment_type = static_cast<ServerAssignmentType>(42);
    FailedAvp failed;
    auto d = decode_sar(received(r).get(), &failed);
    ASSERT_FALSE(d);
    EXPECT_EQ(d.error(), make_error_code(cx_errc::invalid_avp_value));
    EXPECT_EQ(failed.code, 614u);
    EXPECT_EQ(failed.value, 42u);
}

TEST_F(CxCodec, RtrMissingReasonCodeInsideDeregistrationReason) {
    Rtr r;
    r.hdr = req_hdr();
    r.user_name = "u";
    auto m = encode(r);
    ASSERT_TRUE(m);
    struct avp* g = nullptr;
    fd_msg_search_avp(m.value().get(), cx_dictionary().deregistration_reason, &g);
    ASSERT_NE(g, nullptr);
    struct avp* child = nullptr;
    detail::browse(g, MSG_BRW_FIRST_CHILD, &child);
    ASSERT_NE(child, nullptr);
    fd_msg_free(child);
    FailedAvp failed;
    auto d = decode_rtr(wire_round_trip(std::move(m).value()).get(), &failed);
    ASSERT_FALSE(d);
    EXPECT_EQ(failed.code, 616u);
}

TEST_F(CxCodec, UnknownAvpsAreIgnored) {
    // A vendor AVP we do not know, without the M bit, must not disturb decoding.
    auto m = encode(make_mar());
    ASSERT_TRUE(m);
    auto wire = to_wire(m.value().get());
    // Append AVP code 9999 vendor 10415, flags V, length 12+4, value "abcd".
    const std::uint8_t extra[] = {0, 0, 0x27, 0x0f, 0x80, 0,   0,   16,
                                  0, 0, 0x28, 0xaf, 'a',  'b', 'c', 'd'};
    wire.insert(wire.end(), std::begin(extra), std::end(extra));
    std::uint32_t len = static_cast<std::uint32_t>(wire.size());
    wire[1] = static_cast<std::uint8_t>(len >> 16);
    wire[2] = static_cast<std::uint8_t>(len >> 8);
    wire[3] = static_cast<std::uint8_t>(len);
    auto parsed = from_wire(wire);
    auto d = decode_mar(parsed.get());
    ASSERT_TRUE(d) << d.error().message();
    EXPECT_EQ(d.value().user_name, make_mar().user_name);
}

}  // namespace
}  // namespace ims::cx
