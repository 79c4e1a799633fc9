#include "common/auth/digest.hpp"

#include <gtest/gtest.h>

#include "common/auth/auth_errc.hpp"
#include "common/auth/encoding.hpp"

namespace ims::auth {
namespace {

DigestCredentials rfc2617_example() {
    // RFC 2617 3.5.
    DigestCredentials c;
    c.username = "Mufasa";
    c.realm = "testrealm@host.com";
    c.nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093";
    c.uri = "/dir/index.html";
    c.qop = "auth";
    c.nc = "00000001";
    c.cnonce = "0a4f113b";
    c.response = "6629fae49393a05397450978507c4ef1";
    c.opaque = "5ccc069c403ebaf9f0171e9517f40e41";
    return c;
}

DigestCredentials rfc7616_example(std::string algorithm, std::string response) {
    // RFC 7616 3.9.1.
    DigestCredentials c;
    c.username = "Mufasa";
    c.realm = "http-auth@example.org";
    c.uri = "/dir/index.html";
    c.algorithm = std::move(algorithm);
    c.nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    c.nc = "00000001";
    c.cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    c.qop = "auth";
    c.response = std::move(response);
    c.opaque = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";
    return c;
}

TEST(DigestRfc2617, Section35Example) {
    const DigestCredentials c = rfc2617_example();
    const std::string ha1 = compute_ha1(DigestHash::md5, "Mufasa", c.realm, "Circle Of Life");
    EXPECT_EQ(ha1, "939e7578ed9e3c518a452acee763bce9");
    EXPECT_EQ(compute_response(ha1, c, "GET").value(), c.response);
    EXPECT_TRUE(verify_response(ha1, c, "GET"));
}

TEST(DigestRfc7616, Md5Example) {
    const DigestCredentials c = rfc7616_example("MD5", "8ca523f5e9506fed4657c9700eebdbec");
    const std::string ha1 = compute_ha1(DigestHash::md5, "Mufasa", c.realm, "Circle of Life");
    EXPECT_EQ(compute_response(ha1, c, "GET").value(), c.response);
    EXPECT_TRUE(verify_response(ha1, c, "GET"));
}

TEST(DigestRfc7616, Sha256Example) {
    const DigestCredentials c = rfc7616_example(
        "SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    const std::string ha1 = compute_ha1(DigestHash::sha256, "Mufasa", c.realm, "Circle of Life");
    EXPECT_EQ(ha1, "7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232");
    EXPECT_EQ(compute_response(ha1, c, "GET").value(), c.response);
    EXPECT_TRUE(verify_response(ha1, c, "GET"));
}

TEST(DigestVerify, WrongPasswordMethodOrUriFails) {
    DigestCredentials c = rfc2617_example();
    const std::string ha1 = compute_ha1(DigestHash::md5, "Mufasa", c.realm, "Circle Of Life");
    const std::string wrong = compute_ha1(DigestHash::md5, "Mufasa", c.realm, "circle of life");
    EXPECT_EQ(verify_response(wrong, c, "GET").error(), auth_errc::response_mismatch);
    EXPECT_EQ(verify_response(ha1, c, "POST").error(), auth_errc::response_mismatch);
    c.uri = "/dir/other.html";
    EXPECT_EQ(verify_response(ha1, c, "GET").error(), auth_errc::response_mismatch);
}

TEST(DigestVerify, UppercaseHexResponseIsAccepted) {
    DigestCredentials c = rfc2617_example();
    c.response = "6629FAE49393A05397450978507C4EF1";
    const std::string ha1 = compute_ha1(DigestHash::md5, "Mufasa", c.realm, "Circle Of Life");
    EXPECT_TRUE(verify_response(ha1, c, "GET"));
}

TEST(DigestCompute, WithoutQop) {
    // RFC 2617 3.2.2.1 (RFC 2069 compatibility): H(HA1:nonce:H(A2)).
    DigestCredentials c = rfc2617_example();
    c.qop.clear();
    c.nc.clear();
    c.cnonce.clear();
    const std::string ha1 = "939e7578ed9e3c518a452acee763bce9";
    EXPECT_EQ(compute_response(ha1, c, "GET").value(), "670fd8c2df070c60b045671b8b24ff02");
    c.response = "670fd8c2df070c60b045671b8b24ff02";
    EXPECT_TRUE(verify_response(ha1, c, "GET"));
}

TEST(DigestCompute, Md5Sess) {
    DigestCredentials c = rfc2617_example();
    c.algorithm = "MD5-sess";
    EXPECT_EQ(compute_response("939e7578ed9e3c518a452acee763bce9", c, "GET").value(),
              "8e3825c57e897f5a0dec6c2d4e5059d0");
}

TEST(DigestCompute, ParameterErrors) {
    const std::string ha1 = "939e7578ed9e3c518a452acee763bce9";
    DigestCredentials c = rfc2617_example();
    c.algorithm = "SHA-512-256";
    EXPECT_EQ(compute_response(ha1, c, "GET").error(), auth_errc::unsupported_algorithm);
    c = rfc2617_example();
    c.qop = "auth-int";
    EXPECT_EQ(compute_response(ha1, c, "GET").error(), auth_errc::unsupported_qop);
    c = rfc2617_example();
    c.cnonce.clear();
    EXPECT_EQ(compute_response(ha1, c, "GET").error(), auth_errc::missing_parameter);
    c = rfc2617_example();
    c.nc.clear();
    EXPECT_EQ(compute_response(ha1, c, "GET").error(), auth_errc::missing_parameter);
    c = rfc2617_example();
    c.nc = "1";
    EXPECT_EQ(verify_response(ha1, c, "GET").error(), auth_errc::invalid_parameter);
}

TEST(DigestAlgorithmNames, ParseAndPrint) {
    EXPECT_EQ(parse_digest_algorithm(""), DigestAlgorithm::md5);
    EXPECT_EQ(parse_digest_algorithm("md5"), DigestAlgorithm::md5);
    EXPECT_EQ(parse_digest_algorithm("sha-256"), DigestAlgorithm::sha256);
    EXPECT_EQ(parse_digest_algorithm("SHA-256-sess"), DigestAlgorithm::sha256_sess);
    EXPECT_EQ(parse_digest_algorithm("akav1-md5"), DigestAlgorithm::aka_v1_md5);
    EXPECT_FALSE(parse_digest_algorithm("AKAv2-MD5").has_value());
    EXPECT_EQ(to_string(DigestAlgorithm::aka_v1_md5), "AKAv1-MD5");
    EXPECT_EQ(to_string(DigestAlgorithm::sha256), "SHA-256");
    EXPECT_EQ(hash_of(DigestAlgorithm::aka_v1_md5), DigestHash::md5);
    EXPECT_EQ(hash_of(DigestAlgorithm::sha256_sess), DigestHash::sha256);
}

TEST(DigestAka, Ha1UsesXresBytesNotHex) {
    // RFC 3310 3.2: password = XRES as octets. Expected value computed independently
    // (Python hashlib) over "alice@ims.example:ims.example:" + a54211d5e3ba50bf raw.
    const Res xres = from_hex_array<8>("a54211d5e3ba50bf").value();
    EXPECT_EQ(compute_aka_ha1("alice@ims.example", "ims.example", xres),
              "62b6b3ed4935f797305f0e74165ef381");
    EXPECT_NE(compute_aka_ha1("alice@ims.example", "ims.example", xres),
              compute_ha1(DigestHash::md5, "alice@ims.example", "ims.example", "a54211d5e3ba50bf"));
    DigestCredentials c;
    c.username = "alice@ims.example";
    c.realm = "ims.example";
    c.nonce = "nonce123";
    c.uri = "sip:ims.example";
    c.algorithm = "AKAv1-MD5";
    c.qop = "auth";
    c.nc = "00000001";
    c.cnonce = "0a4f113b";
    EXPECT_EQ(compute_response("62b6b3ed4935f797305f0e74165ef381", c, "REGISTER").value(),
              "44d822069e970d183e6d1c5b3a6f29e1");
}

}  // namespace
}  // namespace ims::auth
