// Serialization: parse -> encode -> reparse, and modifications that keep untouched bytes.
#include <gtest/gtest.h>

#include "common/sip/message.hpp"
#include "tests/unit/sip/torture_messages.hpp"

namespace ims::sip {
namespace {

using test::crlf;

Message parse_ok(const std::string& bytes, bool datagram = true) {
    ParseOptions o;
    o.datagram = datagram;
    auto r = Message::parse(bytes, o);
    EXPECT_TRUE(r) << (r ? "" : r.error().message());
    return std::move(r).value();
}

TEST(Serializer, UnmodifiedMessagesEncodeByteForByte) {
    for (std::string_view text : {test::k_wsinv,
                                  test::k_esc01,
                                  test::k_escnull,
                                  test::k_esc02,
                                  test::k_lwsdisp,
                                  test::k_longreq,
                                  test::k_semiuri,
                                  test::k_transports,
                                  test::k_noreason,
                                  test::k_baddate,
                                  test::k_badbranch,
                                  test::k_unksm2,
                                  test::k_bext01,
                                  test::k_regaut01,
                                  test::k_bcast,
                                  test::k_zeromf,
                                  test::k_cparam01,
                                  test::k_cparam02,
                                  test::k_regescrt,
                                  test::k_inv2543,
                                  test::k_rfc3261_register,
                                  test::k_rfc3261_register_ok,
                                  test::k_rfc3261_invite,
                                  test::k_ims_register}) {
        const std::string bytes = crlf(text);
        const Message m = parse_ok(bytes);
        const std::string out = m.encode();
        EXPECT_EQ(out, bytes);
        // Reparse compare: same start line, fields and body.
        const Message again = parse_ok(out);
        ASSERT_EQ(again.headers().size(), m.headers().size());
        for (std::size_t i = 0; i < m.headers().size(); ++i) {
            EXPECT_EQ(again.headers()[i].id, m.headers()[i].id);
            EXPECT_EQ(again.headers()[i].name, m.headers()[i].name);
            EXPECT_EQ(again.headers()[i].value, m.headers()[i].value);
        }
        EXPECT_EQ(again.method(), m.method());
        EXPECT_EQ(again.status(), m.status());
        EXPECT_EQ(again.body(), m.body());
    }
}

TEST(Serializer, ProxyModificationsKeepUntouchedBytes) {
    const std::string bytes = crlf(test::k_wsinv);
    Message m = parse_ok(bytes);
    // A proxy: pushes its Via, decrements Max-Forwards, adds Record-Route, retargets.
    hdr::Via via;
    via.transport = "UDP";
    via.host = "pcscf.ims.example.com";
    via.port = 5060;
    via.params.set("branch", "z9hG4bKproxy1");
    m.push_front(via);
    m.set(hdr::MaxForwards{67});
    m.add_header("Record-Route", "<sip:pcscf.ims.example.com;lr>");
    m.set_request_uri("sip:vivekg@10.0.0.7:5060");
    m.remove("UnknownHeaderWithUnusualValue");

    const std::string out = m.encode();
    EXPECT_TRUE(out.starts_with("INVITE sip:vivekg@10.0.0.7:5060 SIP/2.0\r\n"));
    EXPECT_NE(out.find("Via: SIP/2.0/UDP pcscf.ims.example.com:5060;branch=z9hG4bKproxy1\r\n"
                       "Via  : SIP  /   2.0\r\n /UDP\r\n    192.0.2.2;branch=390skdjuw\r\n"),
              std::string::npos);
    EXPECT_NE(out.find("Max-Forwards: 67\r\n"), std::string::npos);
    EXPECT_EQ(out.find("MaX-fOrWaRdS"), std::string::npos);
    EXPECT_EQ(out.find("UnknownHeaderWithUnusualValue"), std::string::npos);
    // Every untouched field is present byte for byte, in order.
    std::size_t at = 0;
    for (std::string_view untouched :
         {"TO :\r\n sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n\r\n",
          "from   : \"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>\r\n  ;\r\n  tag = "
          "98asjd8\r\n",
          "cseq: 0009\r\n  INVITE\r\n",
          "NewFangledHeader:   newfangled value\r\n continued newfangled value\r\n",
          "m:\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com> ; newparam =\r\n      newvalue "
          ";\r\n  secondparam ; q = 0.33\r\n"}) {
        const std::size_t p = out.find(untouched, at);
        EXPECT_NE(p, std::string::npos) << untouched;
        if (p != std::string::npos) at = p;
    }
    EXPECT_TRUE(out.ends_with(crlf(test::k_sdp_150)));

    const Message again = parse_ok(out);
    const auto vias = again.get_all<hdr::Via>().value();
    ASSERT_EQ(vias.size(), 4u);
    EXPECT_EQ(vias[0].branch(), "z9hG4bKproxy1");
    EXPECT_EQ(again.get<hdr::MaxForwards>().value().value, 67);
    EXPECT_EQ(again.request_uri().value().port, 5060);
    EXPECT_EQ(again.body(), m.body());
}

TEST(Serializer, PopTopViaOfAResponseFieldWithSeveralValues) {
    std::string bytes = crlf(test::k_rfc3261_register_ok);
    bytes.replace(bytes.find("Via: "), 5, "Via: SIP/2.0/TCP proxy.example.com;branch=z9hG4bKp, ");
    Message m = parse_ok(bytes);
    ASSERT_EQ(m.get_all<hdr::Via>().value().size(), 2u);
    EXPECT_TRUE(m.remove_first_element(HeaderId::via));
    const auto vias = m.get_all<hdr::Via>().value();
    ASSERT_EQ(vias.size(), 1u);
    EXPECT_EQ(vias[0].host, "bobspc.biloxi.com");
    EXPECT_EQ(vias[0].received(), std::optional<std::string_view>("192.0.2.4"));
    EXPECT_TRUE(m.remove_first_element(HeaderId::via));
    EXPECT_FALSE(m.has<hdr::Via>());
    EXPECT_FALSE(m.remove_first_element(HeaderId::via));
}

TEST(Serializer, TypedReadsFollowModifications) {
    // Validation caches the parsed Via/From/To/Call-ID/CSeq; a modification must not leave a
    // stale value behind.
    Message m = parse_ok(crlf(test::k_rfc3261_register));
    EXPECT_EQ(m.get<hdr::From>().value().tag(), "456248");
    hdr::From from = m.get<hdr::From>().value();
    from.params.set("tag", "changed");
    m.set(from);
    EXPECT_EQ(m.get<hdr::From>().value().tag(), "changed");
    m.set(hdr::CSeq{1827, "REGISTER"});
    EXPECT_EQ(m.get<hdr::CSeq>().value().sequence, 1827u);
    EXPECT_TRUE(m.remove_first_element(HeaderId::via));
    EXPECT_EQ(m.get<hdr::Via>().error(), sip_errc::missing_header);
}

TEST(Serializer, SetBodyUpdatesContentLengthAndType) {
    Message m = parse_ok(crlf(test::k_rfc3261_register_ok));
    m.set_body("<reginfo/>", "application/reginfo+xml");
    const Message again = parse_ok(m.encode(), false);
    EXPECT_EQ(again.body(), "<reginfo/>");
    EXPECT_EQ(again.get<hdr::ContentLength>().value().value, 10u);
    EXPECT_EQ(again.get<hdr::ContentType>().value().subtype, "reginfo+xml");
    EXPECT_EQ(again.count(HeaderId::content_length), 1u);
}

TEST(Serializer, CopiesShareTheBufferAndStayValid) {
    std::optional<Message> copy;
    {
        const Message original = parse_ok(crlf(test::k_ims_register));
        copy = original;
    }
    EXPECT_EQ(copy->get<hdr::CallId>().value().value, "3c2e3d9a5f5b9c1c-1@10.45.0.2");
    Message modified = *copy;
    modified.remove(HeaderId::authorization);
    EXPECT_TRUE(copy->has<hdr::Authorization>());
    EXPECT_FALSE(modified.has<hdr::Authorization>());
}

TEST(Serializer, BuildRequestForAClient) {
    // The S-CSCF's third-party REGISTER (TS 24.229 5.4.1.7) built from scratch.
    Message r = Message::make_request("REGISTER", "sip:as.ims.example.com:7060");
    hdr::Via via;
    via.transport = "UDP";
    via.host = "scscf.ims.example.com";
    via.port = 6060;
    via.params.set("branch", "z9hG4bK3rdparty1");
    r.add(via);
    r.add(hdr::MaxForwards{70});
    hdr::From from;
    from.uri = Uri::parse("sip:scscf.ims.example.com").value();
    from.params.set("tag", "s1");
    r.add(from);
    hdr::To to;
    to.uri = Uri::parse("sip:alice@ims.example.com").value();
    r.add(to);
    r.add(hdr::CallId{"3rd-1@scscf"});
    r.add(hdr::CSeq{1, "REGISTER"});
    hdr::Contact contact;
    contact.uri = Uri::parse("sip:scscf.ims.example.com:6060").value();
    r.add(contact);
    r.add(hdr::Expires{600000});

    const std::string out = r.encode();
    EXPECT_EQ(out,
              "REGISTER sip:as.ims.example.com:7060 SIP/2.0\r\n"
              "Via: SIP/2.0/UDP scscf.ims.example.com:6060;branch=z9hG4bK3rdparty1\r\n"
              "Max-Forwards: 70\r\n"
              "From: <sip:scscf.ims.example.com>;tag=s1\r\n"
              "To: <sip:alice@ims.example.com>\r\n"
              "Call-ID: 3rd-1@scscf\r\n"
              "CSeq: 1 REGISTER\r\n"
              "Contact: <sip:scscf.ims.example.com:6060>\r\n"
              "Expires: 600000\r\n"
              "Content-Length: 0\r\n\r\n");
    EXPECT_TRUE(Message::parse(out));
}

}  // namespace
}  // namespace ims::sip
