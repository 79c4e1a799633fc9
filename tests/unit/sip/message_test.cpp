// RFC 4475 torture messages and RFC 3261 section 24 examples: each one accepted with the field
// values asserted here, or rejected with the sip_errc asserted here.
#include "common/sip/message.hpp"

#include <gtest/gtest.h>

#include <string>

#include "tests/unit/sip/torture_messages.hpp"

namespace ims::sip {
namespace {

using namespace std::string_literals;
using namespace std::string_view_literals;
using test::crlf;

Result<Message> parse_udp(std::string_view text) {
    ParseOptions o;
    o.datagram = true;
    return Message::parse(crlf(text), o);
}

Result<Message> parse_tcp(std::string_view text) {
    return Message::parse(crlf(text));
}

Message ok(Result<Message> r) {
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message());
    if (!r) return Message::make_request("X", "sip:x");
    return std::move(r).value();
}

std::error_code error_of(const Result<Message>& r) {
    return r ? std::error_code{} : r.error();
}

// ---- valid messages (RFC 4475 3.1.1) ----------------------------------------------------------

TEST(Rfc4475Valid, Wsinv) {
    const Message m = ok(parse_udp(test::k_wsinv));
    EXPECT_EQ(m.method(), "INVITE");
    EXPECT_EQ(m.request_uri_text(), "sip:vivekg@chair-dnrc.example.com;unknownparam");
    const Uri ruri = m.request_uri().value();
    EXPECT_EQ(ruri.user, "vivekg");
    EXPECT_TRUE(ruri.params.has("unknownparam"));

    const auto to = m.get<hdr::To>().value();
    EXPECT_EQ(to.display_name, "");
    EXPECT_EQ(to.uri.user, "vivekg");
    EXPECT_EQ(to.uri.host, "chair-dnrc.example.com");
    EXPECT_EQ(to.tag(), "1918181833n");

    const auto from = m.get<hdr::From>().value();
    EXPECT_EQ(from.display_name, R"("J Rosenberg \\\"")");
    EXPECT_EQ(from.display_name_text(), R"(J Rosenberg \")");
    EXPECT_EQ(from.uri.user, "jdrosen");
    EXPECT_EQ(from.tag(), "98asjd8");

    EXPECT_EQ(m.get<hdr::MaxForwards>().value().value, 68);
    EXPECT_EQ(m.get<hdr::CallId>().value().value, "wsinv.ndaksdj@192.0.2.1");
    EXPECT_EQ(m.get<hdr::ContentLength>().value().value, 150u);
    const auto cseq = m.get<hdr::CSeq>().value();
    EXPECT_EQ(cseq.sequence, 9u);
    EXPECT_EQ(cseq.method, "INVITE");

    const auto vias = m.get_all<hdr::Via>().value();
    ASSERT_EQ(vias.size(), 3u);
    EXPECT_EQ(vias[0].transport, "UDP");
    EXPECT_EQ(vias[0].host, "192.0.2.2");
    EXPECT_EQ(vias[0].branch(), "390skdjuw");
    EXPECT_FALSE(vias[0].has_magic_cookie());
    EXPECT_EQ(vias[1].transport, "TCP");
    EXPECT_EQ(vias[1].host, "spindle.example.com");
    EXPECT_EQ(vias[1].branch(), "z9hG4bK9ikj8");
    EXPECT_EQ(vias[2].transport, "UDP");
    EXPECT_EQ(vias[2].host, "192.168.255.111");
    EXPECT_EQ(vias[2].branch(), "z9hG4bK30239");

    EXPECT_EQ(m.value(HeaderId::subject), ""sv);
    EXPECT_EQ(m.value("NewFangledHeader"), "newfangled value\r\n continued newfangled value"sv);
    EXPECT_EQ(m.value("UnknownHeaderWithUnusualValue"), ";;,,;;,;"sv);
    EXPECT_EQ(m.get<hdr::ContentType>().value().subtype, "sdp");

    const auto route = m.get<hdr::Route>().value();
    EXPECT_EQ(route.uri.host, "services.example.com");
    EXPECT_TRUE(route.lr());
    EXPECT_EQ(route.uri.params.get("unknownwith"), "value"sv);

    const auto contacts = m.get_all<hdr::Contact>().value();
    ASSERT_EQ(contacts.size(), 1u);
    EXPECT_EQ(contacts[0].display_name, R"("Quoted string \"\"")");
    EXPECT_EQ(contacts[0].uri.user, "jdrosen");
    EXPECT_EQ(contacts[0].params.get("newparam"), "newvalue"sv);
    EXPECT_TRUE(contacts[0].params.has("secondparam"));
    EXPECT_EQ(contacts[0].params.get("secondparam"), ""sv);
    EXPECT_EQ(contacts[0].q(), 330);
    EXPECT_EQ(m.body(), crlf(test::k_sdp_150));
}

TEST(Rfc4475Valid, Intmeth) {
    const std::string msg =
        "!interesting-Method0123456789_*+`.%indeed'~ "
        "sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too."
        "(doesn't-it)@example.com SIP/2.0\r\n"
        "Via: SIP/2.0/TCP host1.example.com;branch=z9hG4bK-.!%66*_+`'~\r\n"
        "To: \"BEL:\\\x07 NUL:\\"s +
        std::string(1, '\0') +
        " DEL:\\\x7f\" <sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*@example.com>\r\n"
        "From: token1~` token2'+_ token3*%!.- <sip:mundane@example.com>;fromParam''~+*_!.-%="
        "\"\xd1\x80\xd0\xb0\xd0\xb1\xd0\xbe\xd1\x82\xd0\xb0\xd1\x8e\xd1\x89\xd0\xb8\xd0\xb9\";"
        "tag=_token~1'+`*%!-.\r\n"
        "Call-ID: intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{\r\n"
        "CSeq: 139122385 !interesting-Method0123456789_*+`.%indeed'~\r\n"
        "Max-Forwards: 255\r\n"
        "extensionHeader-!.%*+_`'~:\xef\xbb\xbf\xe5\xa4\xa7\xe5\x81\x9c\xe9\x9b\xbb\r\n"
        "Content-Length: 0\r\n\r\n";
    ParseOptions o;
    o.datagram = true;
    const Message m = ok(Message::parse(msg, o));
    EXPECT_EQ(m.method(), "!interesting-Method0123456789_*+`.%indeed'~");
    const Uri ruri = m.request_uri().value();
    EXPECT_EQ(ruri.user, "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
    EXPECT_EQ(ruri.password, "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
    EXPECT_EQ(ruri.host, "example.com");
    EXPECT_EQ(m.get<hdr::Via>().value().branch(), "z9hG4bK-.!%66*_+`'~");
    const auto to = m.get<hdr::To>().value();
    EXPECT_EQ(to.display_name_text(), "BEL:\x07 NUL:"s + std::string(1, '\0') + " DEL:\x7f");
    EXPECT_EQ(to.uri.user, "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
    const auto from = m.get<hdr::From>().value();
    EXPECT_EQ(from.display_name, "token1~` token2'+_ token3*%!.-");
    EXPECT_EQ(from.tag(), "_token~1'+`*%!-.");
    EXPECT_TRUE(from.params.has("fromParam''~+*_!.-%"));
    EXPECT_EQ(m.get<hdr::CallId>().value().value, "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
    EXPECT_EQ(m.get<hdr::CSeq>().value().sequence, 139122385u);
    EXPECT_EQ(m.get<hdr::MaxForwards>().value().value, 255);
    EXPECT_EQ(m.value("extensionHeader-!.%*+_`'~"),
              "\xef\xbb\xbf\xe5\xa4\xa7\xe5\x81\x9c\xe9\x9b\xbb"sv);
}

TEST(Rfc4475Valid, Esc01) {
    const Message m = ok(parse_udp(test::k_esc01));
    const Uri ruri = m.request_uri().value();
    EXPECT_EQ(ruri.user, "sips%3Auser%40example.com");
    EXPECT_EQ(unescape(ruri.user).value(), "sips:user@example.com");
    EXPECT_EQ(ruri.host, "example.net");
    EXPECT_EQ(unescape(m.get<hdr::To>().value().uri.user).value(), "user");
    EXPECT_EQ(unescape(m.get<hdr::From>().value().uri.user).value(), "I have spaces");
    EXPECT_EQ(m.get<hdr::CallId>().value().value, "esc01.239409asdfakjkn23onasd0-3234");
    EXPECT_EQ(m.get<hdr::ContentType>().value().type, "application");
    const auto contact = m.get<hdr::Contact>().value();
    EXPECT_EQ(contact.uri.user, "cal%6Cer");
    EXPECT_EQ(contact.uri.params.size(), 2u);
    EXPECT_EQ(contact.uri.params.get("%6C%72"), ""sv);
    // RFC 3986: unescaping is never recursive, "value%41" is not "valueA".
    EXPECT_EQ(unescape(*contact.uri.params.get("n%61me")).value(), "value%41");
}

TEST(Rfc4475Valid, Escnull) {
    const Message m = ok(parse_udp(test::k_escnull));
    EXPECT_EQ(unescape(m.get<hdr::To>().value().uri.user).value(), "null-\0-null"s);
    const auto contacts = m.get_all<hdr::Contact>().value();
    ASSERT_EQ(contacts.size(), 2u);
    EXPECT_EQ(unescape(contacts[0].uri.user).value(), std::string(1, '\0'));
    EXPECT_EQ(unescape(contacts[1].uri.user).value(), std::string(2, '\0'));
    EXPECT_EQ(m.get<hdr::ContentLength>().value().value, 0u);
}

TEST(Rfc4475Valid, Esc02) {
    const Message m = ok(parse_udp(test::k_esc02));
    EXPECT_EQ(m.method(), "RE%47IST%45R");
    EXPECT_EQ(m.get<hdr::To>().value().display_name_text(), "%Z%45");
    EXPECT_EQ(m.get<hdr::Via>().value().branch(), "z9hG4bK209%fzsnel234");
    EXPECT_EQ(m.get<hdr::CSeq>().value().method, "RE%47IST%45R");
    const auto contacts = m.get_all<hdr::Contact>().value();
    ASSERT_EQ(contacts.size(), 2u);
    EXPECT_EQ(contacts[0].uri.user, "alias1");
    EXPECT_EQ(contacts[1].uri.user, "alias3");
    EXPECT_EQ(m.value("C%6Fntact"), "<sip:alias2@host2.example.com>"sv);
}

TEST(Rfc4475Valid, Lwsdisp) {
    const Message m = ok(parse_udp(test::k_lwsdisp));
    const auto from = m.get<hdr::From>().value();
    EXPECT_EQ(from.display_name, "caller");
    EXPECT_EQ(from.tag(), "323");
}

TEST(Rfc4475Valid, Longreq) {
    const Message m = ok(parse_udp(test::k_longreq));
    const auto to = m.get<hdr::To>().value();
    EXPECT_EQ(to.uri.port, 6000);
    EXPECT_EQ(to.uri.params.size(), 3u);
    EXPECT_EQ(to.display_name_text(),
              "I have a user name of "
              "extremeextremeextremeextremeextremeextremeextremeextremeextremeextreme proportion");
    const auto from = m.get<hdr::From>().value();
    EXPECT_EQ(from.tag().size(), 155u);
    EXPECT_TRUE(from.tag().starts_with("129829829") && from.tag().ends_with("82424"));
    EXPECT_EQ(from.params.size(), 3u);
    const auto vias = m.get_all<hdr::Via>().value();
    ASSERT_EQ(vias.size(), 34u);
    EXPECT_EQ(vias[0].host, "sip33.example.com");
    EXPECT_EQ(vias[32].host, "sip1.example.com");
    EXPECT_EQ(vias[33].received(), "192.0.2.5"sv);
    EXPECT_EQ(m.get<hdr::ContentLength>().value().value, 150u);
}

TEST(Rfc4475Valid, DblreqTrailingOctetsDropped) {
    const Message m = ok(parse_udp(test::k_dblreq));
    EXPECT_EQ(m.method(), "REGISTER");
    EXPECT_EQ(m.body(), "");
    EXPECT_EQ(m.get<hdr::CallId>().value().value, "dblreq.0ha0isndaksdj99sdfafnl3lk233412");
    EXPECT_EQ(m.get<hdr::Contact>().value().uri.host, "host.example.com");
    // A proxy forwarding it would not forward the INVITE octets.
    EXPECT_EQ(m.encode().find("INVITE"), std::string::npos);
}

TEST(Rfc4475Valid, Semiuri) {
    const Message m = ok(parse_udp(test::k_semiuri));
    const Uri ruri = m.request_uri().value();
    EXPECT_EQ(unescape(ruri.user).value(), "user;par=u@example.net");
    EXPECT_EQ(ruri.host, "example.com");
    EXPECT_TRUE(ruri.params.empty());
    std::vector<std::string_view> accept;
    m.for_each_element(HeaderId::accept, [&](std::string_view v) {
        accept.push_back(scan::trim(v));
        return true;
    });
    ASSERT_EQ(accept.size(), 6u);
    EXPECT_EQ(accept[5], "message/sipfrag");
}

TEST(Rfc4475Valid, Transports) {
    const Message m = ok(parse_udp(test::k_transports));
    const auto vias = m.get_all<hdr::Via>().value();
    ASSERT_EQ(vias.size(), 5u);
    EXPECT_EQ(vias[1].transport, "SCTP");
    EXPECT_EQ(vias[2].transport, "TLS");
    EXPECT_EQ(vias[3].transport, "UNKNOWN");
    EXPECT_EQ(vias[4].transport, "TCP");
    EXPECT_EQ(m.get<hdr::CallId>().value().value, "transports.kijh4akdnaqjkwendsasfdj");
}

TEST(Rfc4475Valid, Mpart01BinaryBody) {
    // RFC 4475 3.1.1.11: a multipart body with NUL octets; framing must not stop at them.
    const std::string body =
        "--7a9cbec02ceef655\r\nContent-Type: text/plain\r\n\r\nHello\r\n"
        "--7a9cbec02ceef655\r\nContent-Type: application/octet-stream\r\n"
        "Content-Transfer-Encoding: binary\r\n\r\n0\x82\x01R\x06\t*"s +
        std::string(3, '\0') + "\r\n\n\x01\r\n--7a9cbec02ceef655--\r\n";
    const std::string msg =
        "MESSAGE sip:kumiko@example.org SIP/2.0\r\n"
        "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-d87543-4dade06d0bdb11ee-1--d87543-;"
        "rport\r\n"
        "Max-Forwards: 70\r\nRoute: <sip:127.0.0.1:5080>\r\n"
        "Contact: <sip:fluffy@127.0.0.1:5070>\r\nTo: <sip:kumiko@example.org>\r\n"
        "From: <sip:fluffy@example.com>;tag=2fb0dcc9\r\n"
        "Call-ID: 3d9485ad0c49859b@Zmx1ZmZ5LW1hYy0xNi5sb2NhbA..\r\nCSeq: 1 MESSAGE\r\n"
        "Content-Transfer-Encoding: binary\r\n"
        "Content-Type: multipart/mixed;boundary=7a9cbec02ceef655\r\n"
        "Date: Sat, 15 Oct 2005 04:44:56 GMT\r\nUser-Agent: SIPimp.org/0.2.5 (curses)\r\n"
        "Content-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body;
    const Message m = ok(Message::parse(msg));
    EXPECT_EQ(m.body(), body);
    const auto via = m.get<hdr::Via>().value();
    EXPECT_EQ(via.port, 5070);
    EXPECT_TRUE(via.has_rport());
    EXPECT_EQ(via.rport(), std::nullopt);
    EXPECT_EQ(m.get<hdr::ContentType>().value().params.get("boundary"), "7a9cbec02ceef655"sv);
    EXPECT_EQ(m.encode(), msg);
}

TEST(Rfc4475Valid, Unreason) {
    const std::string reason =
        "= 2**3 * 5**2 \xd0\xbd\xd0\xbe \xd1\x81\xd1\x82\xd0\xbe \xd0\xb4\xd0\xb5\xd0\xb2\xd1\x8f"
        "\xd0\xbd\xd0\xbe\xd1\x81\xd1\x82\xd0\xbe \xd0\xb4\xd0\xb5\xd0\xb2\xd1\x8f\xd1\x82\xd1\x8c"
        " - \xd0\xbf\xd1\x80\xd0\xbe\xd1\x81\xd1\x82\xd0\xbe\xd0\xb5";
    const std::string msg = "SIP/2.0 200 " + reason +
                            "\r\nVia: SIP/2.0/UDP 192.0.2.198;branch=z9hG4bK1324923\r\n"
                            "Call-ID: unreason.1234ksdfak3j2erwedfsASdf\r\nCSeq: 35 INVITE\r\n"
                            "From: sip:user@example.com;tag=11141343\r\n"
                            "To: sip:user@example.edu;tag=2229\r\nContent-Length: 0\r\n"
                            "Contact: <sip:user@host198.example.com>\r\n\r\n";
    const Message m = ok(Message::parse(msg));
    EXPECT_TRUE(m.is_response());
    EXPECT_EQ(m.status(), 200);
    EXPECT_EQ(m.reason(), reason);
    EXPECT_EQ(m.get<hdr::To>().value().tag(), "2229");
}

TEST(Rfc4475Valid, Noreason) {
    const Message m = ok(parse_tcp(test::k_noreason));
    EXPECT_EQ(m.status(), 100);
    EXPECT_EQ(m.reason(), "");
    EXPECT_EQ(m.get<hdr::To>().value().tag(), "902jndnke3");
}

// ---- invalid messages (RFC 4475 3.1.2) --------------------------------------------------------

struct Rejected {
    const char* name;
    std::string_view text;
    sip_errc error;
    int status;
};

class Rfc4475Invalid : public ::testing::TestWithParam<Rejected> {};

TEST_P(Rfc4475Invalid, RejectedWithReason) {
    const Rejected& c = GetParam();
    const auto r = parse_udp(c.text);
    ASSERT_FALSE(r.has_value()) << c.name;
    EXPECT_EQ(r.error(), c.error) << c.name << ": " << r.error().message();
    EXPECT_EQ(status_code_for(r.error()), c.status) << c.name;
}

INSTANTIATE_TEST_SUITE_P(
    Torture, Rfc4475Invalid,
    ::testing::Values(
        Rejected{"badinv01", test::k_badinv01, sip_errc::bad_via, 400},
        Rejected{"clerr", test::k_clerr, sip_errc::body_shorter_than_content_length, 400},
        Rejected{"ncl", test::k_ncl, sip_errc::bad_content_length, 400},
        Rejected{"scalar02", test::k_scalar02, sip_errc::bad_cseq, 400},
        Rejected{"scalarlg", test::k_scalarlg, sip_errc::bad_cseq, 400},
        Rejected{"quotbal", test::k_quotbal, sip_errc::bad_to, 400},
        Rejected{"ltgtruri", test::k_ltgtruri, sip_errc::bad_uri, 400},
        Rejected{"lwsruri", test::k_lwsruri, sip_errc::bad_uri, 400},
        Rejected{"escruri", test::k_escruri, sip_errc::bad_uri, 400},
        Rejected{"badaspec", test::k_badaspec, sip_errc::bad_to, 400},
        Rejected{"baddn", test::k_baddn, sip_errc::bad_from, 400},
        Rejected{"badvers", test::k_badvers, sip_errc::bad_sip_version, 505},
        Rejected{"mismatch01", test::k_mismatch01, sip_errc::cseq_method_mismatch, 400},
        Rejected{"mismatch02", test::k_mismatch02, sip_errc::cseq_method_mismatch, 400},
        Rejected{"bigcode", test::k_bigcode, sip_errc::bad_status_code, 400},
        Rejected{"insuf", test::k_insuf, sip_errc::missing_header, 400},
        Rejected{"multi01", test::k_multi01, sip_errc::duplicate_header, 400},
        Rejected{"mcl01", test::k_mcl01, sip_errc::conflicting_content_length, 400},
        Rejected{"unkscm", test::k_unkscm, sip_errc::unsupported_uri_scheme, 416},
        Rejected{"novelsc", test::k_novelsc, sip_errc::unsupported_uri_scheme, 416}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Rfc4475Invalid, Scalar02MaxForwardsAndExpiresAlsoOutOfRange) {
    // With the CSeq fixed, the other overlarge scalars are reported too.
    std::string text(test::k_scalar02);
    text.replace(text.find("36893488147419103232"), 20, "1");
    const auto r = parse_udp(text);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), sip_errc::bad_max_forwards);
    text.replace(text.find("Max-Forwards: 300"), 17, "Max-Forwards: 70");
    const Message m = ok(parse_udp(text));
    EXPECT_EQ(m.get<hdr::Expires>().error(), sip_errc::bad_expires);
    EXPECT_EQ(m.get<hdr::Contact>().value().expires().error(), sip_errc::bad_expires);
}

TEST(Rfc4475Invalid, RegbadctContactRejectedOnAccess) {
    // Contact is parsed lazily: the registrar's get_all<Contact>() reports the error.
    const Message m = ok(parse_udp(test::k_regbadct));
    EXPECT_EQ(m.get_all<hdr::Contact>().error(), sip_errc::bad_contact);
}

TEST(Rfc4475Invalid, Badinv01ContactToo) {
    std::string text(test::k_badinv01);
    text.replace(text.find(";;,;,,"), 6, ";branch=z9hG4bK1");
    const Message m = ok(parse_udp(text));
    EXPECT_EQ(m.get<hdr::Contact>().error(), sip_errc::bad_contact);
}

// ---- tolerated irregularities (RFC 4475 3.1.2.9/10/12, 3.2, 3.3) ------------------------------

TEST(Rfc4475Tolerated, LwsstartAndTrwsAreRegeneratedCleanly) {
    const Message a = ok(parse_udp(test::k_lwsstart));
    EXPECT_EQ(a.method(), "INVITE");
    EXPECT_EQ(a.request_uri_text(), "sip:user@example.com");
    // "If the element forwards the request, it must not include these extra SP characters".
    EXPECT_TRUE(a.encode().starts_with("INVITE sip:user@example.com SIP/2.0\r\nMax-Forwards"));
    const Message b = ok(parse_udp(test::k_trws));
    EXPECT_EQ(b.request_uri_text(), "sip:remote-target@example.com");
    EXPECT_TRUE(b.encode().starts_with("OPTIONS sip:remote-target@example.com SIP/2.0\r\nVia"));
}

TEST(Rfc4475Tolerated, BaddateKeptVerbatim) {
    const Message m = ok(parse_udp(test::k_baddate));
    EXPECT_EQ(m.value(HeaderId::date), "Fri, 01 Jan 2010 16:00:00 EST"sv);
}

TEST(Rfc4475Tolerated, BadbranchAcceptedWithEmptyTransactionId) {
    const Message m = ok(parse_udp(test::k_badbranch));
    const auto via = m.get<hdr::Via>().value();
    EXPECT_EQ(via.branch(), "z9hG4bK");
    EXPECT_TRUE(via.has_magic_cookie());
}

TEST(Rfc4475Tolerated, Unksm2OtherSchemesInHeaders) {
    const Message m = ok(parse_udp(test::k_unksm2));
    const auto to = m.get<hdr::To>().value();
    EXPECT_EQ(to.uri.scheme, UriScheme::other);
    EXPECT_EQ(to.uri.scheme_text, "isbn");
    EXPECT_EQ(to.uri.opaque, "2983792873");
    EXPECT_EQ(m.get<hdr::From>().value().uri.scheme_text, "http");
    EXPECT_EQ(m.get<hdr::Contact>().value().uri.opaque, "John_Smith");
}

TEST(Rfc4475Tolerated, Bext01OptionTags) {
    const Message m = ok(parse_udp(test::k_bext01));
    const auto require = m.get_all<hdr::Require>().value();
    ASSERT_EQ(require.size(), 2u);
    EXPECT_EQ(require[0].tag, "nothingSupportsThis");
    EXPECT_EQ(require[1].tag, "nothingSupportsThisEither");
    EXPECT_EQ(m.get_all<hdr::ProxyRequire>().value().size(), 2u);
}

TEST(Rfc4475Tolerated, Regaut01UnknownAuthScheme) {
    const Message m = ok(parse_udp(test::k_regaut01));
    const auto auth = m.get<hdr::Authorization>().value();
    EXPECT_EQ(auth.scheme, "NoOneKnowsThisScheme");
    EXPECT_EQ(auth.param("opaque-data"), "here"sv);
}

TEST(Rfc4475Tolerated, BcastZeromfCparamRegescrtInv2543) {
    const Message bcast = ok(parse_udp(test::k_bcast));
    EXPECT_EQ(bcast.get_all<hdr::Via>().value()[1].host, "255.255.255.255");

    EXPECT_EQ(ok(parse_udp(test::k_zeromf)).get<hdr::MaxForwards>().value().value, 0);

    // cparam01: addr-spec form, so ";unknownparam" is a Contact parameter...
    // (Typed views point into their message, so each message is kept in a variable.)
    const Message m1 = ok(parse_udp(test::k_cparam01));
    const auto c1 = m1.get<hdr::Contact>().value();
    EXPECT_TRUE(c1.params.has("unknownparam"));
    EXPECT_TRUE(c1.uri.params.empty());
    // ...cparam02: inside <>, a URI parameter.
    const Message m2 = ok(parse_udp(test::k_cparam02));
    const auto c2 = m2.get<hdr::Contact>().value();
    EXPECT_TRUE(c2.uri.params.has("unknownparam"));
    EXPECT_TRUE(c2.params.empty());

    const Message m3 = ok(parse_udp(test::k_regescrt));
    const auto c3 = m3.get<hdr::Contact>().value();
    EXPECT_EQ(c3.uri.headers, "Route=%3Csip:sip.example.com%3E");

    const Message old = ok(parse_udp(test::k_inv2543));
    EXPECT_FALSE(old.has<hdr::MaxForwards>());
    EXPECT_EQ(old.get<hdr::Via>().value().branch(), "");
    EXPECT_TRUE(old.body().starts_with("v=0\r\n"));
    EXPECT_EQ(old.get<hdr::To>().value().params.get("user"), "phone"sv);
    // Over a stream transport the missing Content-Length is an error (RFC 3261 18.3).
    EXPECT_EQ(error_of(parse_tcp(test::k_inv2543)), sip_errc::missing_content_length);
}

// ---- RFC 3261 section 24 examples ------------------------------------------------------------

TEST(Rfc3261Examples, Register) {
    const Message m = ok(parse_tcp(test::k_rfc3261_register));
    EXPECT_EQ(m.method(), "REGISTER");
    EXPECT_EQ(m.request_uri().value().host, "registrar.biloxi.com");
    const auto via = m.get<hdr::Via>().value();
    EXPECT_EQ(via.host, "bobspc.biloxi.com");
    EXPECT_EQ(via.port, 5060);
    EXPECT_EQ(m.get<hdr::To>().value().display_name, "Bob");
    EXPECT_EQ(m.get<hdr::Expires>().value().seconds, 7200u);
    EXPECT_EQ(m.get<hdr::Contact>().value().uri.host, "192.0.2.4");
    EXPECT_EQ(m.get<hdr::Contact>().value().uri.host_kind, HostKind::ipv4);
}

TEST(Rfc3261Examples, RegisterOkWithFoldedVia) {
    const Message m = ok(parse_tcp(test::k_rfc3261_register_ok));
    EXPECT_EQ(m.status(), 200);
    EXPECT_EQ(m.reason(), "OK");
    EXPECT_EQ(m.get<hdr::Via>().value().received(), "192.0.2.4"sv);
    EXPECT_EQ(m.get<hdr::To>().value().tag(), "2493k59kd");
}

TEST(Rfc3261Examples, Invite) {
    const Message m = ok(parse_tcp(test::k_rfc3261_invite));
    EXPECT_EQ(m.get<hdr::From>().value().display_name, "Alice");
    EXPECT_EQ(m.get<hdr::CSeq>().value().sequence, 314159u);
    EXPECT_EQ(m.body(), "v=0\r\n");
}

// ---- SIPS and IPv6 (RFC 5118-style) -----------------------------------------------------------

TEST(Ipv6AndSips, RegisterOverIpv6WithSipsRequestUri) {
    const std::string msg =
        "REGISTER sips:[2001:db8::10]:5061 SIP/2.0\r\n"
        "Via: SIP/2.0/TLS [2001:db8::9:1]:5061;branch=z9hG4bKas3-111;received=[2001:db8::9:255]"
        ";rport=5070\r\n"
        "Max-Forwards: 70\r\n"
        "From: <sips:user@example.com>;tag=81x2\r\n"
        "To: <sips:user@example.com>\r\n"
        "Call-ID: SSG9559905523997077@hlau_4100\r\n"
        "CSeq: 1 REGISTER\r\n"
        "Contact: \"Caller\" <sips:caller@[2001:db8::1]:5061;transport=tls>\r\n"
        "Content-Length: 0\r\n\r\n";
    const Message m = ok(Message::parse(msg));
    const Uri ruri = m.request_uri().value();
    EXPECT_EQ(ruri.scheme, UriScheme::sips);
    EXPECT_EQ(ruri.host, "[2001:db8::10]");
    EXPECT_EQ(ruri.host_kind, HostKind::ipv6);
    EXPECT_EQ(ruri.port, 5061);
    const auto via = m.get<hdr::Via>().value();
    EXPECT_EQ(via.host, "[2001:db8::9:1]");
    EXPECT_EQ(via.port, 5061);
    EXPECT_EQ(via.received(), "[2001:db8::9:255]"sv);
    EXPECT_EQ(via.rport(), 5070);
    const auto contact = m.get<hdr::Contact>().value();
    EXPECT_EQ(contact.uri.host, "[2001:db8::1]");
    EXPECT_EQ(contact.uri.params.get("transport"), "tls"sv);
    // RFC 5118 3.2: an IPv6 address without brackets is not a valid host (here "2001" would be
    // the host and ":db8::10" a bad port).
    std::string bad = msg;
    bad.replace(bad.find("sips:[2001:db8::10]:5061"), 24, "sips:2001:db8::10");
    EXPECT_EQ(error_of(Message::parse(bad)), sip_errc::bad_port);
}

// ---- limits and structure ---------------------------------------------------------------------

TEST(MessageLimits, SizeHeadersLines) {
    const std::string reg = crlf(test::k_rfc3261_register);
    ParseOptions o;
    o.limits.max_message_size = reg.size() - 1;
    EXPECT_EQ(error_of(Message::parse(reg, o)), sip_errc::message_too_large);
    o = {};
    o.limits.max_headers = 5;
    EXPECT_EQ(error_of(Message::parse(reg, o)), sip_errc::too_many_headers);
    o = {};
    o.limits.max_header_line = 30;
    EXPECT_EQ(error_of(Message::parse(reg, o)), sip_errc::header_line_too_long);
}

TEST(MessageLimits, BodyVersusContentLength) {
    std::string reg = crlf(test::k_rfc3261_invite);
    // UDP: longer than Content-Length is truncated (RFC 3261 18.3)...
    ParseOptions udp;
    udp.datagram = true;
    const Message m = ok(Message::parse(reg + "garbage", udp));
    EXPECT_EQ(m.body(), "v=0\r\n");
    // ...shorter is an error.
    EXPECT_EQ(error_of(Message::parse(reg.substr(0, reg.size() - 1), udp)),
              sip_errc::body_shorter_than_content_length);
}

TEST(MessageStructure, Errors) {
    EXPECT_EQ(error_of(Message::parse("")), sip_errc::empty_message);
    EXPECT_EQ(error_of(Message::parse("\r\n\r\n")), sip_errc::empty_message);
    EXPECT_EQ(error_of(Message::parse("INVITE sip:a@b SIP/2.0\r\nVia: x\r\n")),
              sip_errc::incomplete_header_section);
    EXPECT_EQ(error_of(Message::parse("INVITE\r\n\r\n")), sip_errc::bad_start_line);
    EXPECT_EQ(error_of(Message::parse("INV<ITE sip:a@b SIP/2.0\r\n\r\n")), sip_errc::bad_method);
    EXPECT_EQ(error_of(Message::parse("INVITE sip:a@b SIP/2.0\r\nno colon\r\n\r\n")),
              sip_errc::bad_header_line);
    EXPECT_EQ(error_of(Message::parse("INVITE sip:a@b SIP/2.0\r\nB@d: x\r\n\r\n")),
              sip_errc::bad_header_name);
    EXPECT_EQ(error_of(Message::parse("INVITE sip:a@b SIP/2.0\r\n x: y\r\n\r\n")),
              sip_errc::header_starts_with_whitespace);
    EXPECT_EQ(error_of(Message::parse("SIP/2.0 20 OK\r\n\r\n")), sip_errc::bad_status_code);
    EXPECT_EQ(error_of(Message::parse("SIP/2.0 700 Odd\r\n\r\n")), sip_errc::bad_status_code);
    EXPECT_EQ(error_of(Message::parse("SIP/3.0 200 OK\r\n\r\n")), sip_errc::bad_sip_version);
}

TEST(MessageStructure, NoValidationGivesRawAccess) {
    ParseOptions o;
    o.validate = false;
    o.datagram = true;
    const Message m = ok(Message::parse(crlf(test::k_insuf), o));
    EXPECT_EQ(m.count(HeaderId::via), 1u);
    EXPECT_FALSE(m.has<hdr::From>());
    EXPECT_EQ(m.get<hdr::From>().error(), sip_errc::missing_header);
}

}  // namespace
}  // namespace ims::sip
