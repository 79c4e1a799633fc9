// Typed header views: parse and encode are symmetric (parse(encode(x)) == x).
#include "common/sip/headers.hpp"

#include <gtest/gtest.h>

#include "common/sip/errors.hpp"

namespace ims::sip::hdr {
namespace {

using namespace std::string_view_literals;

template <class H>
std::string encoded(const H& h) {
    std::string s;
    h.encode(s);
    return s;
}

template <class H>
void expect_round_trip(std::string_view text) {
    const auto a = H::parse(text);
    ASSERT_TRUE(a) << text << ": " << a.error().message();
    const std::string once = encoded(a.value());
    const auto b = H::parse(once);
    ASSERT_TRUE(b) << once;
    EXPECT_EQ(encoded(b.value()), once);
    EXPECT_TRUE(a.value() == b.value()) << text;
}

TEST(Headers, Via) {
    const Via v = Via::parse(
                      "SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bK776;rport=5062;received="
                      "2001:db8::9;maddr=224.2.0.1;ttl=16")
                      .value();
    EXPECT_EQ(v.transport, "UDP");
    EXPECT_EQ(v.host, "[2001:db8::1]");
    EXPECT_EQ(v.port, 5060);
    EXPECT_EQ(v.branch(), "z9hG4bK776");
    EXPECT_EQ(v.rport(), 5062);
    EXPECT_EQ(v.received(), "2001:db8::9"sv);
    EXPECT_EQ(v.maddr(), "224.2.0.1"sv);
    EXPECT_EQ(v.ttl(), 16);
    expect_round_trip<Via>("SIP/2.0/TCP host.example.com;branch=z9hG4bKx;rport");
    expect_round_trip<Via>("SIP / 2.0 / TLS  a.b : 5061 ; branch = z9hG4bK1");
    EXPECT_EQ(encoded(Via::parse("SIP / 2.0 / TLS  a.b : 5061 ; branch = z9hG4bK1").value()),
              "SIP/2.0/TLS a.b:5061;branch=z9hG4bK1");
    EXPECT_EQ(Via::parse("SIP/2.0 host").error(), sip_errc::bad_via);
    EXPECT_EQ(Via::parse("SIP/2.0/UDP").error(), sip_errc::bad_via);
    EXPECT_EQ(Via::parse("SIP/2.0/UDP host:99999").error(), sip_errc::bad_via);
    EXPECT_EQ(Via::parse("SIP/2.0/UDP host;").error(), sip_errc::bad_via);
}

TEST(Headers, FromToTags) {
    const From f =
        From::parse("\"Alice \\\"A\\\"\" <sip:alice@atlanta.com>;tag=1928301774").value();
    EXPECT_EQ(f.display_name_text(), "Alice \"A\"");
    EXPECT_EQ(f.tag(), "1928301774");
    expect_round_trip<From>("Alice <sip:alice@atlanta.com;transport=tcp>;tag=88");
    expect_round_trip<To>("sip:bob@biloxi.com;tag=x");
    EXPECT_EQ(encoded(To::parse("sip:bob@biloxi.com;tag=x").value()), "<sip:bob@biloxi.com>;tag=x");
    EXPECT_EQ(To::parse("\"unterminated <sip:a@b>").error(), sip_errc::bad_to);
    EXPECT_EQ(From::parse("<sip:a@b").error(), sip_errc::bad_from);
    EXPECT_EQ(From::parse("<sip:a@b> junk").error(), sip_errc::bad_from);
}

TEST(Headers, CallIdCSeqScalars) {
    EXPECT_EQ(CallId::parse(" a84b4c76e66710@pc33.atlanta.com ").value().value,
              "a84b4c76e66710@pc33.atlanta.com");
    EXPECT_EQ(CallId::parse("a@b@c").error(), sip_errc::bad_call_id);
    EXPECT_EQ(CallId::parse("has space").error(), sip_errc::bad_call_id);
    EXPECT_EQ(CallId::parse("").error(), sip_errc::bad_call_id);

    const CSeq c = CSeq::parse("4294967295 REGISTER").value();
    EXPECT_EQ(c.sequence, 4294967295u);
    EXPECT_EQ(c.method, "REGISTER");
    EXPECT_EQ(CSeq::parse("4294967296 REGISTER").error(), sip_errc::bad_cseq);
    EXPECT_EQ(CSeq::parse("1REGISTER").error(), sip_errc::bad_cseq);
    EXPECT_EQ(CSeq::parse("1 REGISTER x").error(), sip_errc::bad_cseq);
    expect_round_trip<CSeq>("0009 INVITE");

    EXPECT_EQ(MaxForwards::parse("255").value().value, 255);
    EXPECT_EQ(MaxForwards::parse("256").error(), sip_errc::bad_max_forwards);
    EXPECT_EQ(Expires::parse("4294967295").value().seconds, 4294967295u);
    EXPECT_EQ(Expires::parse("-1").error(), sip_errc::bad_expires);
    EXPECT_EQ(MinExpires::parse("600").value().seconds, 600u);
    EXPECT_EQ(ContentLength::parse(" 42 ").value().value, 42u);
}

TEST(Headers, ContactImsParameters) {
    const Contact c =
        Contact::parse(
            "<sip:001010000000001@10.45.0.2:5060>;expires=600000;+sip.instance=\"<urn:"
            "gsma:imei:35209900-176148-0>\";reg-id=1;q=0.5;+g.3gpp.smsip")
            .value();
    EXPECT_FALSE(c.star);
    EXPECT_EQ(c.expires().value(), 600000u);
    EXPECT_EQ(c.instance(), "urn:gsma:imei:35209900-176148-0"sv);
    EXPECT_EQ(c.reg_id(), 1u);
    EXPECT_EQ(c.q(), 500);
    EXPECT_TRUE(c.params.has("+g.3gpp.smsip"));
    expect_round_trip<Contact>(
        "<sip:a@b>;expires=60;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"");

    const Contact star = Contact::parse(" * ").value();
    EXPECT_TRUE(star.star);
    EXPECT_EQ(encoded(star), "*");
    EXPECT_EQ(Contact::parse("<sip:a@b>;q=1.5").value().q(), std::nullopt);
    EXPECT_EQ(Contact::parse("<sip:a@b>;q=1").value().q(), 1000);
    EXPECT_EQ(Contact::parse("<sip:a@b>").value().expires().value(), std::nullopt);
    EXPECT_EQ(Contact::parse("<sip:a@b>;;").error(), sip_errc::bad_contact);
}

TEST(Headers, RouteFamilyAndOptionTags) {
    const Route r = Route::parse("<sip:pcscf.ims.example.com;lr>").value();
    EXPECT_TRUE(r.lr());
    expect_round_trip<Path>("<sip:term@pcscf.ims.example.com;lr>");
    expect_round_trip<ServiceRoute>("<sip:orig@scscf.ims.example.com:6060;lr>");
    EXPECT_EQ(Route::parse("sip:a@b?x=y").error(), sip_errc::bad_route);
    EXPECT_EQ(Supported::parse(" path ").value().tag, "path");
    EXPECT_EQ(Require::parse("a b").error(), sip_errc::bad_option_tags);
}

TEST(Headers, AuthorizationDigest) {
    const Authorization a =
        Authorization::parse(
            "Digest username=\"alice@ims.example.com\", realm=\"ims.example.com\",\r\n "
            "nonce=\"MTIzNA==\", uri=\"sip:ims.example.com\", response=\"abc\", "
            "algorithm=AKAv1-MD5, qop=auth, nc=00000001, cnonce=\"q\\\"x\", opaque=\"\"")
            .value();
    EXPECT_EQ(a.scheme, "Digest");
    EXPECT_EQ(a.username(), "alice@ims.example.com");
    EXPECT_EQ(a.realm(), "ims.example.com");
    EXPECT_EQ(a.nonce(), "MTIzNA==");
    EXPECT_EQ(a.uri(), "sip:ims.example.com");
    EXPECT_EQ(a.algorithm(), "AKAv1-MD5");
    EXPECT_EQ(a.qop(), "auth");
    EXPECT_EQ(a.nc(), "00000001");
    EXPECT_EQ(a.cnonce(), "q\\\"x");
    EXPECT_EQ(a.param_text("cnonce"), "q\"x");
    EXPECT_EQ(a.opaque(), "");
    EXPECT_TRUE(a.find("OPAQUE") != nullptr);
    expect_round_trip<Authorization>(
        "Digest username=\"u\", realm=\"r\", nonce=\"n\", "
        "uri=\"sip:r\", response=\"x\", qop=auth, nc=00000001");
    EXPECT_EQ(Authorization::parse("Digest username").error(), sip_errc::bad_auth);
    EXPECT_EQ(Authorization::parse("Digest username=\"open").error(), sip_errc::bad_auth);
    EXPECT_EQ(Authorization::parse("").error(), sip_errc::bad_auth);

    WwwAuthenticate w;
    const auto parsed = WwwAuthenticate::parse("Digest realm=\"r\"").value();
    w.scheme = "Digest";
    w.add("realm", "ims.example.com", true);
    w.add("nonce", "bm9uY2U=", true);
    w.add("algorithm", "AKAv1-MD5", false);
    w.add("qop", "auth", true);
    EXPECT_EQ(encoded(w),
              "Digest realm=\"ims.example.com\", nonce=\"bm9uY2U=\", "
              "algorithm=AKAv1-MD5, qop=\"auth\"");
    EXPECT_EQ(parsed.realm(), "r");
}

TEST(Headers, SecurityMechanisms) {
    const SecurityClient s =
        SecurityClient::parse(
            "ipsec-3gpp; alg=hmac-sha-1-96; spi-c=3929102; spi-s=3929103; port-c=5062; "
            "port-s=5064")
            .value();
    EXPECT_EQ(s.mechanism, "ipsec-3gpp");
    EXPECT_EQ(s.params.get("spi-c"), "3929102"sv);
    EXPECT_EQ(s.params.get("port-s"), "5064"sv);
    expect_round_trip<SecurityVerify>("ipsec-3gpp;q=0.1;alg=hmac-md5-96;spi-c=1;spi-s=2");
    EXPECT_EQ(SecurityServer::parse(";alg=x").error(), sip_errc::bad_security_mechanism);
}

TEST(Headers, ContentType) {
    const ContentType ct =
        ContentType::parse("application/reginfo+xml ; charset=\"utf-8\"").value();
    EXPECT_EQ(ct.type, "application");
    EXPECT_EQ(ct.subtype, "reginfo+xml");
    EXPECT_EQ(ct.params.get("charset"), "\"utf-8\""sv);
    EXPECT_EQ(unquote(*ct.params.get("charset")), "utf-8");
    expect_round_trip<ContentType>("multipart/mixed;boundary=abc");
    EXPECT_EQ(ContentType::parse("application").error(), sip_errc::bad_content_type);
}

}  // namespace
}  // namespace ims::sip::hdr
