#include "cscf/scscf/register_message.hpp"

#include <gtest/gtest.h>

namespace ims::scscf {
namespace {

sip::Message parse(const std::string& text) {
    auto m = sip::Message::parse(text);
    EXPECT_TRUE(m) << m.error().message();
    return m.value();
}

const std::string kHead =
    "REGISTER sip:ims.example.org SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-1\r\n"
    "Max-Forwards: 70\r\n"
    "From: <sip:alice@ims.example.org>;tag=1\r\n"
    "To: \"Alice\" <sip:alice@ims.example.org;user=phone>\r\n"
    "Call-ID: c1\r\n"
    "CSeq: 7 REGISTER\r\n";

TEST(ExtractRegister, ReadsEverythingTheDecisionNeeds) {
    const auto m = parse(
        kHead +
        "Contact: <sip:alice@192.0.2.10:5060;transport=tcp>;expires=300;q=0.5;"
        "+sip.instance=\"<urn:gsma:imei:35614409-003870-0>\";reg-id=1, "
        "<sip:alice@[2001:db8::1]>\r\n"
        "Expires: 600\r\n"
        "Path: <sip:term@pcscf1;lr>, <sip:p2;lr>\r\n"
        "Authorization: Digest username=\"alice-private\", realm=\"other.org\", nonce=\"n1\", "
        "uri=\"sip:ims.example.org\", response=\"r\"\r\n"
        "Authorization: Digest username=\"alice@ims.example.org\", realm=\"ims.example.org\", "
        "nonce=\"n2\", uri=\"sip:ims.example.org\", response=\"\", qop=auth, nc=00000001, "
        "cnonce=\"c\", algorithm=MD5, opaque=\"o\"\r\n"
        "Content-Length: 0\r\n\r\n");
    auto r = extract_register(m, "ims.example.org", "tcp:192.0.2.10:40000");
    ASSERT_TRUE(std::holds_alternative<ExtractedRegister>(r));
    const auto& ex = std::get<ExtractedRegister>(r);
    const auto& req = ex.request;
    EXPECT_EQ(req.impu, "sip:alice@ims.example.org");
    EXPECT_EQ(req.impi, "alice@ims.example.org");  // from the Authorization of our realm
    EXPECT_EQ(req.call_id, "c1");
    EXPECT_EQ(req.cseq, 7u);
    EXPECT_EQ(req.expires, 600u);
    ASSERT_EQ(req.contacts.size(), 2u);
    EXPECT_EQ(req.contacts[0].uri, "sip:alice@192.0.2.10:5060;transport=tcp");
    EXPECT_EQ(req.contacts[0].expires, 300u);
    EXPECT_EQ(req.contacts[0].q, 500);
    EXPECT_EQ(req.contacts[0].instance, "urn:gsma:imei:35614409-003870-0");
    EXPECT_EQ(req.contacts[0].reg_id, 1u);
    EXPECT_EQ(req.contacts[0].params.find("expires"), std::string::npos);
    EXPECT_NE(req.contacts[0].params.find("+sip.instance"), std::string::npos);
    EXPECT_FALSE(req.contacts[1].expires.has_value());
    EXPECT_EQ(req.path, (std::vector<std::string>{"<sip:term@pcscf1;lr>", "<sip:p2;lr>"}));
    EXPECT_EQ(req.received, "tcp:192.0.2.10:40000");
    ASSERT_TRUE(ex.credentials.has_value());
    EXPECT_EQ(ex.credentials->nonce, "n2");
    EXPECT_EQ(ex.credentials->qop, "auth");
    EXPECT_EQ(ex.credentials->nc, "00000001");
    EXPECT_EQ(ex.request_uri, "sip:ims.example.org");
}

TEST(ExtractRegister, StarAndDerivedImpi) {
    const auto m = parse(kHead + "Contact: *\r\nExpires: 0\r\nContent-Length: 0\r\n\r\n");
    const auto r = extract_register(m, "r", "udp:x");
    ASSERT_TRUE(std::holds_alternative<ExtractedRegister>(r));
    const auto& req = std::get<ExtractedRegister>(r).request;
    EXPECT_TRUE(req.star);
    EXPECT_TRUE(req.contacts.empty());
    EXPECT_EQ(req.impi, "alice@ims.example.org");
    EXPECT_EQ(req.expires, 0u);
}

TEST(ExtractRegister, MalformedPartsAre400) {
    for (const char* bad : {"Contact: <sip:a@b>;expires=abc\r\n", "Expires: soon\r\n"}) {
        const auto m = parse(kHead + bad + "Content-Length: 0\r\n\r\n");
        auto r = extract_register(m, "r", "udp:x");
        ASSERT_TRUE(std::holds_alternative<ExtractError>(r)) << bad;
        EXPECT_EQ(std::get<ExtractError>(r).status, 400);
    }
}

TEST(CanonicalImpu, DropsPortAndParameters) {
    EXPECT_EQ(canonical_impu(sip::Uri::parse("SIP:bob@Example.org:5070;user=phone").value()),
              "sip:bob@Example.org");
    EXPECT_EQ(canonical_impu(sip::Uri::parse("tel:+15550100;phone-context=x").value()),
              "tel:+15550100");
}

TEST(HttpDate, Rfc7231Format) {
    const auto t = std::chrono::system_clock::time_point(std::chrono::seconds(784111777));
    EXPECT_EQ(http_date(t), "Sun, 06 Nov 1994 08:49:37 GMT");
}

TEST(RegisterOk, ContactsPathServiceRouteAssociatedUris) {
    const auto req = parse(kHead + "Content-Length: 0\r\n\r\n");
    OkParams p;
    p.now = TimePoint(std::chrono::seconds(1000));
    Binding b;
    b.contact_uri = "sip:alice@192.0.2.10";
    b.contact_params = ";+sip.instance=\"<urn:uuid:1>\"";
    b.expires = p.now + std::chrono::seconds(300);
    p.bindings = {b};
    p.path = {"<sip:term@pcscf;lr>"};
    p.service_route = "<sip:orig@scscf;lr>";
    p.associated_uris = {"sip:alice@ims.example.org", "tel:+15550100"};
    const auto ok = parse(make_register_ok(req, p, "tag1").encode());
    EXPECT_EQ(ok.status(), 200);
    EXPECT_EQ(ok.value(sip::HeaderId::contact).value_or(""),
              "<sip:alice@192.0.2.10>;+sip.instance=\"<urn:uuid:1>\";expires=300");
    EXPECT_EQ(ok.value(sip::HeaderId::path).value_or(""), "<sip:term@pcscf;lr>");
    EXPECT_EQ(ok.value(sip::HeaderId::service_route).value_or(""), "<sip:orig@scscf;lr>");
    EXPECT_EQ(ok.value(sip::HeaderId::p_associated_uri).value_or(""),
              "<sip:alice@ims.example.org>, <tel:+15550100>");
    EXPECT_EQ(ok.get<sip::hdr::To>().value().tag(), "tag1");
}

TEST(ThirdPartyMessage, Ts24229Shape) {
    ThirdPartyRegister r;
    r.request_uri = "sip:as@127.0.0.1:7060";
    r.from = r.contact = "sip:scscf@127.0.0.1:6060";
    r.to = "sip:alice@ims.example.org";
    r.expires = 600;
    r.content_type = "application/3gpp-ims+xml";
    r.body = "<x/>";
    auto m = make_third_party_register(r, "cid", "ftag");
    m.add_header(sip::HeaderId::via, "SIP/2.0/UDP 127.0.0.1:6060;branch=z9hG4bK1");
    const auto parsed = parse(m.encode());
    EXPECT_EQ(parsed.method(), "REGISTER");
    EXPECT_EQ(parsed.request_uri_text(), "sip:as@127.0.0.1:7060");
    EXPECT_EQ(parsed.value(sip::HeaderId::contact).value_or(""), "<sip:scscf@127.0.0.1:6060>");
    EXPECT_EQ(parsed.get<sip::hdr::Expires>().value().seconds, 600u);
    EXPECT_EQ(parsed.value(sip::HeaderId::content_type).value_or(""), "application/3gpp-ims+xml");
    EXPECT_EQ(parsed.body(), "<x/>");
}

}  // namespace
}  // namespace ims::scscf
