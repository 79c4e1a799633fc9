#include "common/auth/encoding.hpp"

#include <gtest/gtest.h>

namespace ims::auth {
namespace {

TEST(Hex, RoundTripLowercase) {
    const Bytes bytes{0x00, 0x01, 0xab, 0xff, 0x7f};
    EXPECT_EQ(to_hex(bytes), "0001abff7f");
    auto back = from_hex("0001ABff7F");
    ASSERT_TRUE(back);
    EXPECT_EQ(back.value(), bytes);
    EXPECT_EQ(to_hex(Bytes{}), "");
    EXPECT_TRUE(from_hex("").value().empty());
}

TEST(Hex, RejectsOddLengthAndBadDigits) {
    EXPECT_EQ(from_hex("abc").error(), auth_errc::invalid_hex);
    EXPECT_EQ(from_hex("zz").error(), auth_errc::invalid_hex);
    EXPECT_EQ(from_hex("0g").error(), auth_errc::invalid_hex);
    EXPECT_EQ(from_hex(" 00").error(), auth_errc::invalid_hex);
}

TEST(Hex, FixedSizeArray) {
    auto amf = from_hex_array<2>("8000");
    ASSERT_TRUE(amf);
    EXPECT_EQ(amf.value()[0], 0x80);
    EXPECT_EQ(from_hex_array<2>("800000").error(), auth_errc::wrong_length);
    EXPECT_EQ(from_hex_array<2>("80").error(), auth_errc::wrong_length);
    EXPECT_EQ(from_hex_array<2>("80x0").error(), auth_errc::invalid_hex);
}

TEST(Base64, Rfc4648Vectors) {
    // RFC 4648 section 10.
    auto enc = [](std::string_view s) {
        return base64_encode(std::span<const std::uint8_t>(
            reinterpret_cast<const std::uint8_t*>(s.data()), s.size()));
    };
    EXPECT_EQ(enc(""), "");
    EXPECT_EQ(enc("f"), "Zg==");
    EXPECT_EQ(enc("fo"), "Zm8=");
    EXPECT_EQ(enc("foo"), "Zm9v");
    EXPECT_EQ(enc("foob"), "Zm9vYg==");
    EXPECT_EQ(enc("fooba"), "Zm9vYmE=");
    EXPECT_EQ(enc("foobar"), "Zm9vYmFy");
    for (std::string_view s : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
        auto back = base64_decode(enc(s));
        ASSERT_TRUE(back) << s;
        EXPECT_EQ(std::string(back.value().begin(), back.value().end()), s);
    }
}

TEST(Base64, BinaryRoundTripAndMissingPadding) {
    Bytes bytes;
    for (int i = 1; i <= 32; ++i) bytes.push_back(static_cast<std::uint8_t>(i));
    EXPECT_EQ(base64_encode(bytes), "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=");
    EXPECT_EQ(base64_decode("AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA").value(), bytes);
    EXPECT_EQ(base64_decode("Zg").value(), Bytes{'f'});
}

TEST(Base64, RejectsGarbage) {
    EXPECT_EQ(base64_decode("Zm9v!").error(), auth_errc::invalid_base64);
    EXPECT_EQ(base64_decode("Z").error(), auth_errc::invalid_base64);
    EXPECT_EQ(base64_decode("Zg===").error(), auth_errc::invalid_base64);
    EXPECT_EQ(base64_decode("Zm 9v").error(), auth_errc::invalid_base64);
    EXPECT_EQ(base64_decode("Zg=a").error(), auth_errc::invalid_base64);
}

}  // namespace
}  // namespace ims::auth
