#include "common/auth/fingerprint.hpp"

#include <array>

#include <gtest/gtest.h>

namespace ims::auth {
namespace {

TEST(Fingerprint, FirstFourBytesOfSha256) {
    // SHA-256("secret") = 2bb80d53...
    EXPECT_EQ(fingerprint(std::string_view("secret")), "2bb80d53");
    const std::array<std::uint8_t, 6> bytes{'s', 'e', 'c', 'r', 'e', 't'};
    EXPECT_EQ(fingerprint(bytes), "2bb80d53");
    EXPECT_EQ(fingerprint(std::string_view("secret")).size(), 8u);
    EXPECT_NE(fingerprint(std::string_view("secreT")), "2bb80d53");
}

}  // namespace
}  // namespace ims::auth
