#include "common/sip/errors.hpp"

#include <gtest/gtest.h>

namespace ims::sip {
namespace {

TEST(SipErrors, MessagesAreHumanReasons) {
    EXPECT_EQ(make_error_code(sip_errc::bad_cseq).message(), "Malformed CSeq");
    EXPECT_EQ(std::error_code(sip_errc::missing_content_length).message(),
              "Missing Content-Length");
    EXPECT_STREQ(sip_category().name(), "sip");
}

TEST(SipErrors, StatusCodes) {
    EXPECT_EQ(status_code_for(sip_errc::bad_via), 400);
    EXPECT_EQ(status_code_for(sip_errc::body_too_large), 413);
    EXPECT_EQ(status_code_for(sip_errc::message_too_large), 513);
    EXPECT_EQ(status_code_for(sip_errc::too_many_headers), 513);
    EXPECT_EQ(status_code_for(sip_errc::unsupported_uri_scheme), 416);
    EXPECT_EQ(status_code_for(std::make_error_code(std::errc::io_error)), 500);
    EXPECT_EQ(default_reason_phrase(416), "Unsupported URI Scheme");
    EXPECT_EQ(default_reason_phrase(799), "");
}

}  // namespace
}  // namespace ims::sip
