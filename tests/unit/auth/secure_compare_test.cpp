#include "common/auth/secure_compare.hpp"

#include <array>

#include <gtest/gtest.h>

namespace ims::auth {
namespace {

TEST(ConstantTimeEqual, Bytes) {
    const std::array<std::uint8_t, 4> a{1, 2, 3, 4};
    const std::array<std::uint8_t, 4> b{1, 2, 3, 4};
    const std::array<std::uint8_t, 4> c{1, 2, 3, 5};
    const std::array<std::uint8_t, 3> shorter{1, 2, 3};
    EXPECT_TRUE(constant_time_equal(a, b));
    EXPECT_FALSE(constant_time_equal(a, c));
    EXPECT_FALSE(constant_time_equal(a, shorter));
    EXPECT_TRUE(
        constant_time_equal(std::span<const std::uint8_t>(), std::span<const std::uint8_t>()));
}

TEST(ConstantTimeEqual, Text) {
    EXPECT_TRUE(constant_time_equal(std::string_view("6629fae4"), std::string_view("6629fae4")));
    EXPECT_FALSE(constant_time_equal(std::string_view("6629fae4"), std::string_view("6629fae5")));
    EXPECT_FALSE(constant_time_equal(std::string_view("6629fae4"), std::string_view("6629fae")));
    EXPECT_TRUE(constant_time_equal(std::string_view(), std::string_view()));
}

}  // namespace
}  // namespace ims::auth
