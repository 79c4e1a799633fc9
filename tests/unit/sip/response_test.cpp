#include "common/sip/response.hpp"

#include <gtest/gtest.h>

#include "tests/unit/sip/torture_messages.hpp"

namespace ims::sip {
namespace {

using test::crlf;

Message parse_ok(std::string_view text) {
    ParseOptions o;
    o.datagram = true;
    auto r = Message::parse(crlf(text), o);
    EXPECT_TRUE(r) << (r ? "" : r.error().message());
    return std::move(r).value();
}

TEST(MakeResponse, CopiesFieldsPerRfc3261_8_2_6) {
    const Message req = parse_ok(test::k_rfc3261_register);
    Message r = make_response(req, 200, {}, "2493k59kd");
    r.add_header(HeaderId::contact, "<sip:bob@192.0.2.4>;expires=7200");
    EXPECT_EQ(r.encode(),
              "SIP/2.0 200 OK\r\n"
              "Via: SIP/2.0/UDP bobspc.biloxi.com:5060;branch=z9hG4bKnashds7\r\n"
              "To: Bob <sip:bob@biloxi.com>;tag=2493k59kd\r\n"
              "From: Bob <sip:bob@biloxi.com>;tag=456248\r\n"
              "Call-ID: 843817637684230@998sdasdh09\r\n"
              "CSeq: 1826 REGISTER\r\n"
              "Contact: <sip:bob@192.0.2.4>;expires=7200\r\n"
              "Content-Length: 0\r\n\r\n");
}

TEST(MakeResponse, KeepsExistingToTagAndAllVias) {
    const Message req = parse_ok(test::k_transports);
    const Message r = make_response(req, 486, "Busy Here", "ignored");
    EXPECT_EQ(r.status(), 486);
    EXPECT_EQ(r.get_all<hdr::Via>().value().size(), 5u);
    EXPECT_EQ(r.get<hdr::To>().value().tag(), "ignored");
    // A request that already has a To tag (in-dialog) keeps it.
    std::string text(test::k_transports);
    text.replace(text.find("To: sip:user@example.com"), 24, "To: sip:user@example.com;tag=abc");
    const Message in_dialog = parse_ok(text);
    EXPECT_EQ(make_response(in_dialog, 200, {}, "new").get<hdr::To>().value().tag(), "abc");
}

TEST(MakeResponse, HundredTryingHasNoToTagButTimestamp) {
    std::string text(test::k_rfc3261_register);
    text.insert(text.find("Content-Length"), "Timestamp: 54\n");
    const Message req = parse_ok(text);
    const Message r = make_response(req, 100, {}, "tag");
    EXPECT_EQ(r.get<hdr::To>().value().tag(), "");
    EXPECT_EQ(r.value(HeaderId::timestamp), std::optional<std::string_view>("54"));
    EXPECT_EQ(make_response(req, 200).value(HeaderId::timestamp), std::nullopt);
}

TEST(MakeResponse, OutlivesTheRequest) {
    std::optional<Message> r;
    {
        const Message req = parse_ok(test::k_ims_register);
        r = make_response(req, 401, "Unauthorized", "t1");
    }
    EXPECT_EQ(r->get<hdr::CallId>().value().value, "3c2e3d9a5f5b9c1c-1@10.45.0.2");
    EXPECT_NE(r->encode().find("SIP/2.0 401 Unauthorized\r\n"), std::string::npos);
}

struct ErrorCase {
    std::string_view text;
    int status;
    std::string_view warning;
};

TEST(MakeErrorResponse, AnswersWhatCanBeAnswered) {
    for (const ErrorCase& c :
         {ErrorCase{test::k_badinv01, 400, "Malformed Via"},
          ErrorCase{test::k_scalar02, 400, "Malformed CSeq"},
          ErrorCase{test::k_mismatch01, 400, "CSeq method does not match request method"},
          ErrorCase{test::k_unkscm, 416, "Unsupported URI scheme"},
          ErrorCase{test::k_novelsc, 416, "Unsupported URI scheme"},
          ErrorCase{test::k_badvers, 505, "Unsupported SIP version"},
          ErrorCase{test::k_clerr, 400, "Body shorter than Content-Length"}}) {
        const std::string bytes = crlf(c.text);
        ParseOptions o;
        o.datagram = true;
        const auto parsed = Message::parse(bytes, o);
        ASSERT_FALSE(parsed);
        const auto r = make_error_response(bytes, parsed.error(), "pcscf.ims.example.com");
        ASSERT_TRUE(r.has_value()) << c.text.substr(0, 40);
        EXPECT_EQ(r->status(), c.status);
        const std::string out = r->encode();
        EXPECT_NE(out.find(std::string("Warning: 399 pcscf.ims.example.com \"") +
                           std::string(c.warning) + "\"\r\n"),
                  std::string::npos)
            << out;
        // The response parses, with a To tag (RFC 3261 8.2.6.2); its fields are the request's
        // (a malformed Via included, which is where the response goes).
        ParseOptions raw;
        raw.validate = false;
        const auto again = Message::parse(out, raw);
        ASSERT_TRUE(again) << out;
        EXPECT_FALSE(again.value().get<hdr::To>().value().tag().empty());
    }
}

TEST(MakeErrorResponse, StableDerivedTag) {
    const std::string bytes = crlf(test::k_mismatch01);
    const auto a = make_error_response(bytes, make_error_code(sip_errc::cseq_method_mismatch));
    const auto b = make_error_response(bytes, make_error_code(sip_errc::cseq_method_mismatch));
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->get<hdr::To>().value().tag(), b->get<hdr::To>().value().tag());
    const auto c = make_error_response(bytes, make_error_code(sip_errc::bad_via), "x", "given");
    EXPECT_EQ(c->get<hdr::To>().value().tag(), "given");
}

TEST(MakeErrorResponse, OversizeGets513) {
    std::string bytes = crlf(test::k_rfc3261_register);
    bytes.insert(bytes.find("Content-Length"), "X-Pad: " + std::string(70000, 'x') + "\r\n");
    const auto parsed = Message::parse(bytes);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error(), sip_errc::message_too_large);
    const auto r = make_error_response(bytes, parsed.error());
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status(), 513);
    EXPECT_EQ(r->reason(), "Message Too Large");
}

TEST(MakeErrorResponse, NoResponsePossible) {
    const auto why = make_error_code(sip_errc::bad_cseq);
    // Missing From/To/Call-ID (RFC 4475 insuf).
    EXPECT_FALSE(make_error_response(crlf(test::k_insuf), why));
    // Responses are never answered (RFC 4475 bigcode, scalarlg).
    EXPECT_FALSE(make_error_response(crlf(test::k_bigcode), why));
    EXPECT_FALSE(make_error_response(crlf(test::k_scalarlg), why));
    // Nor is an ACK.
    std::string ack = crlf(test::k_mismatch01);
    ack.replace(0, 7, "ACK");
    EXPECT_FALSE(make_error_response(ack, why));
    // Garbage.
    EXPECT_FALSE(make_error_response("\x01\x02", why));
    EXPECT_FALSE(make_error_response("", why));
}

}  // namespace
}  // namespace ims::sip
