#include "common/sip/framer.hpp"

#include <gtest/gtest.h>

#include <string>

#include "common/sip/errors.hpp"

namespace ims::sip {
namespace {

const std::string k_options =
    "OPTIONS sip:bob@example.com SIP/2.0\r\n"
    "Via: SIP/2.0/TCP host.example.com;branch=z9hG4bK1\r\n"
    "Max-Forwards: 70\r\n"
    "To: <sip:bob@example.com>\r\n"
    "From: <sip:alice@example.com>;tag=1\r\n"
    "Call-ID: abc\r\n"
    "CSeq: 1 OPTIONS\r\n"
    "Content-Length: 5\r\n"
    "\r\n"
    "hello";

TEST(Framer, CompleteMessage) {
    const FrameResult r = frame_stream(k_options);
    ASSERT_EQ(r.status, FrameStatus::complete);
    EXPECT_EQ(r.length, k_options.size());
}

TEST(Framer, EveryPrefixNeedsMore) {
    for (std::size_t n = 0; n < k_options.size(); ++n) {
        const FrameResult r = frame_stream(std::string_view(k_options).substr(0, n));
        EXPECT_EQ(r.status, FrameStatus::need_more) << "prefix " << n;
    }
}

TEST(Framer, PipelinedMessagesFrameOneAtATime) {
    const std::string two = k_options + k_options + "INV";
    FrameResult r = frame_stream(two);
    ASSERT_EQ(r.status, FrameStatus::complete);
    EXPECT_EQ(r.length, k_options.size());
    r = frame_stream(std::string_view(two).substr(r.length));
    ASSERT_EQ(r.status, FrameStatus::complete);
    EXPECT_EQ(r.length, k_options.size());
    r = frame_stream(std::string_view(two).substr(2 * k_options.size()));
    EXPECT_EQ(r.status, FrameStatus::need_more);
}

TEST(Framer, CompactFormAndFoldedContentLength) {
    const std::string m = "MESSAGE sip:a@b SIP/2.0\r\nl :\r\n  3\r\nVia: x\r\n\r\nabcEXTRA";
    const FrameResult r = frame_stream(m);
    ASSERT_EQ(r.status, FrameStatus::complete);
    EXPECT_EQ(r.length, m.size() - 5);
}

TEST(Framer, BareLineFeedsAccepted) {
    const std::string m = "SIP/2.0 200 OK\nContent-Length: 0\n\n";
    const FrameResult r = frame_stream(m);
    ASSERT_EQ(r.status, FrameStatus::complete);
    EXPECT_EQ(r.length, m.size());
}

TEST(Framer, MissingContentLengthIsAnError) {
    // RFC 3261 18.3: Content-Length MUST be present on stream transports.
    const FrameResult r = frame_stream("SIP/2.0 200 OK\r\nVia: x\r\n\r\n");
    ASSERT_EQ(r.status, FrameStatus::error);
    EXPECT_EQ(r.error, sip_errc::missing_content_length);
}

TEST(Framer, InvalidContentLength) {
    FrameResult r = frame_stream("SIP/2.0 200 OK\r\nContent-Length: -1\r\n\r\n");
    EXPECT_EQ(r.error, sip_errc::bad_content_length);
    r = frame_stream("SIP/2.0 200 OK\r\nContent-Length: 99999999999999\r\n\r\n");
    EXPECT_EQ(r.error, sip_errc::bad_content_length);
    r = frame_stream("SIP/2.0 200 OK\r\nContent-Length: 1\r\nl: 2\r\n\r\n");
    EXPECT_EQ(r.error, sip_errc::conflicting_content_length);
    r = frame_stream("SIP/2.0 200 OK\r\nContent-Length: 2\r\nl: 2\r\n\r\nab");
    EXPECT_EQ(r.status, FrameStatus::complete);
}

TEST(Framer, OversizeBodyAndMessage) {
    Limits limits;
    limits.max_message_size = 100;
    FrameResult r = frame_stream("SIP/2.0 200 OK\r\nContent-Length: 1000\r\n\r\n", limits);
    ASSERT_EQ(r.status, FrameStatus::error);
    EXPECT_EQ(r.error, sip_errc::body_too_large);
    EXPECT_EQ(status_code_for(r.error), 413);

    r = frame_stream("SIP/2.0 200 OK\r\nSubject: " + std::string(200, 'x'), limits);
    ASSERT_EQ(r.status, FrameStatus::error);
    EXPECT_EQ(r.error, sip_errc::message_too_large);
}

TEST(Framer, TooManyHeadersAndLongLines) {
    Limits limits;
    limits.max_headers = 3;
    limits.max_header_line = 40;
    FrameResult r = frame_stream("SIP/2.0 200 OK\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n", limits);
    EXPECT_EQ(r.error, sip_errc::too_many_headers);
    r = frame_stream("SIP/2.0 200 OK\r\nSubject: " + std::string(50, 'x') + "\r\n", limits);
    EXPECT_EQ(r.error, sip_errc::header_line_too_long);
    // Still incomplete but already beyond the line limit.
    r = frame_stream("SIP/2.0 200 OK\r\nSubject: " + std::string(50, 'x'), limits);
    EXPECT_EQ(r.error, sip_errc::header_line_too_long);
    // Folding counts towards the logical line.
    r = frame_stream("SIP/2.0 200 OK\r\nSubject: " + std::string(20, 'x') + "\r\n " +
                         std::string(20, 'y') + "\r\n",
                     limits);
    EXPECT_EQ(r.error, sip_errc::header_line_too_long);
}

TEST(Framer, MalformedHeaderSection) {
    EXPECT_EQ(frame_stream("SIP/2.0 200 OK\r\nno colon here\r\n\r\n").error,
              sip_errc::bad_header_line);
    EXPECT_EQ(frame_stream("SIP/2.0 200 OK\r\n folded: first\r\n\r\n").error,
              sip_errc::header_starts_with_whitespace);
    EXPECT_EQ(frame_stream("\r\nSIP/2.0 200 OK\r\n").error, sip_errc::empty_message);
}

}  // namespace
}  // namespace ims::sip
