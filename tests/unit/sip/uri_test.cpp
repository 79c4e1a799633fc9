#include "common/sip/uri.hpp"

#include <gtest/gtest.h>

#include "common/sip/errors.hpp"

namespace ims::sip {
namespace {

using namespace std::string_view_literals;

TEST(Uri, SipWithEverything) {
    const Uri u =
        Uri::parse("sips:alice:secret@atlanta.example.com:5061;transport=tcp;lr?subject=x").value();
    EXPECT_EQ(u.scheme, UriScheme::sips);
    EXPECT_EQ(u.user, "alice");
    EXPECT_TRUE(u.has_password);
    EXPECT_EQ(u.password, "secret");
    EXPECT_EQ(u.host, "atlanta.example.com");
    EXPECT_EQ(u.host_kind, HostKind::name);
    EXPECT_EQ(u.port, 5061);
    EXPECT_EQ(u.params.get("transport"), "tcp"sv);
    EXPECT_TRUE(u.params.has("LR"));  // parameter names are case-insensitive
    EXPECT_EQ(u.headers, "subject=x");
    EXPECT_EQ(u.to_string(),
              "sips:alice:secret@atlanta.example.com:5061;transport=tcp;lr?subject=x");
}

TEST(Uri, HostForms) {
    EXPECT_EQ(Uri::parse("sip:192.0.2.1").value().host_kind, HostKind::ipv4);
    const Uri v6 = Uri::parse("sip:[2001:db8::10]:5070").value();
    EXPECT_EQ(v6.host, "[2001:db8::10]");
    EXPECT_EQ(v6.host_kind, HostKind::ipv6);
    EXPECT_EQ(v6.port, 5070);
    EXPECT_EQ(Uri::parse("sip:user@[::ffff:192.0.2.1]").value().host_kind, HostKind::ipv6);
    EXPECT_EQ(Uri::parse("sip:[2001:db8:0:0:0:0:0:1]").value().host_kind, HostKind::ipv6);
    EXPECT_EQ(Uri::parse("sip:host.").value().host_kind, HostKind::name);
    // RFC 5118 3.2 style errors: an unbracketed IPv6 address or a bad reference.
    EXPECT_FALSE(Uri::parse("sip:2001:db8::10"));
    EXPECT_EQ(Uri::parse("sip:[2001:db8::10").error(), sip_errc::bad_host);
    EXPECT_EQ(Uri::parse("sip:[2001:db8:::10]").error(), sip_errc::bad_host);
    EXPECT_EQ(Uri::parse("sip:[1:2:3:4:5:6:7:8:9]").error(), sip_errc::bad_host);
    EXPECT_EQ(Uri::parse("sip:-bad-.example.com").error(), sip_errc::bad_host);
    EXPECT_EQ(Uri::parse("sip:a@b:70000").error(), sip_errc::bad_port);
    EXPECT_EQ(Uri::parse("sip:a@b:").error(), sip_errc::bad_port);
    EXPECT_EQ(Uri::parse("sip:a@").error(), sip_errc::bad_host);
}

TEST(Uri, Escapes) {
    const Uri u = Uri::parse("sip:%61lice%20b@example.com;p=%41").value();
    EXPECT_EQ(u.user, "%61lice%20b");
    EXPECT_EQ(unescape(u.user).value(), "alice b");
    EXPECT_EQ(unescape(*u.params.get("p")).value(), "A");
    EXPECT_EQ(Uri::parse("sip:a%2@example.com").error(), sip_errc::bad_uri);
    EXPECT_EQ(Uri::parse("sip:a@example.com;p=%4").error(), sip_errc::bad_escape);
    EXPECT_EQ(unescape("%zz").error(), sip_errc::bad_escape);
}

TEST(Uri, Tel) {
    const Uri t = Uri::parse("tel:+1-201-555-0123;phone-context=example.com").value();
    EXPECT_EQ(t.scheme, UriScheme::tel);
    EXPECT_EQ(t.user, "+1-201-555-0123");
    EXPECT_EQ(t.params.get("phone-context"), "example.com"sv);
    EXPECT_EQ(t.to_string(), "tel:+1-201-555-0123;phone-context=example.com");
    EXPECT_EQ(Uri::parse("tel:7042;phone-context=+1-201").value().user, "7042");
    EXPECT_EQ(Uri::parse("tel:").error(), sip_errc::bad_uri);
    EXPECT_EQ(Uri::parse("tel:12 34").error(), sip_errc::bad_uri);
}

TEST(Uri, OtherSchemesAreOpaque) {
    const Uri u = Uri::parse("urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6").value();
    EXPECT_EQ(u.scheme, UriScheme::other);
    EXPECT_EQ(u.scheme_text, "urn");
    EXPECT_EQ(u.opaque, "uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
    EXPECT_EQ(u.to_string(), "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
    EXPECT_EQ(Uri::parse("<sip:a@b>").error(), sip_errc::bad_uri);
    EXPECT_EQ(Uri::parse("nocolon").error(), sip_errc::bad_uri);
    EXPECT_EQ(Uri::parse("x:has space").error(), sip_errc::bad_uri);
}

TEST(Uri, SchemeIsCaseInsensitiveAndAor) {
    const Uri u = Uri::parse("SIP:Bob@Biloxi.com").value();
    EXPECT_EQ(u.scheme, UriScheme::sip);
    EXPECT_EQ(u.aor(), "Bob@Biloxi.com");
    EXPECT_EQ(Uri::parse("sip:registrar.biloxi.com").value().aor(), "registrar.biloxi.com");
}

TEST(Uri, RoundTrip) {
    for (std::string_view text :
         {"sip:a@b", "sip:a:p@b:1;x;y=z?h=v&i=w", "sips:[::1]:5061", "tel:+49301234;ext=1",
          "sip:user;par=u%40example.net@example.com", "mailto:a@b"}) {
        const Uri u = Uri::parse(text).value();
        EXPECT_EQ(u.to_string(), text);
        EXPECT_EQ(Uri::parse(u.to_string()).value(), u);
    }
}

}  // namespace
}  // namespace ims::sip
