// Self-signed credentials written with the OpenSSL C API, read back with OpenSSL.

#include "common/diameter/tls_credentials.hpp"

#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>

#include <gtest/gtest.h>

namespace ims::cx {
namespace {

TEST(TlsCredentials, SelfSignedPairIsCreatedOnceAndReused) {
    auto dir =
        std::filesystem::temp_directory_path() / ("ims-tls-test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    DiameterConfig cfg;
    cfg.identity = "hss.example.org";
    cfg.state_dir = dir;
    auto files = ensure_tls_credentials(cfg);
    ASSERT_TRUE(files) << files.error().message();
    EXPECT_EQ(files.value().cert, dir / "tls-cert.pem");
    EXPECT_EQ(files.value().ca, files.value().cert);
    EXPECT_TRUE(std::filesystem::exists(files.value().dh));

    FILE* f = std::fopen(files.value().cert.c_str(), "r");
    ASSERT_NE(f, nullptr);
    X509* cert = PEM_read_X509(f, nullptr, nullptr, nullptr);
    std::fclose(f);
    ASSERT_NE(cert, nullptr);
    char cn[256] = {};
    X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, cn, sizeof cn);
    EXPECT_STREQ(cn, "hss.example.org");
    EXPECT_EQ(X509_check_issued(cert, cert), X509_V_OK);  // self-signed

    f = std::fopen(files.value().key.c_str(), "r");
    ASSERT_NE(f, nullptr);
    EVP_PKEY* key = PEM_read_PrivateKey(f, nullptr, nullptr, nullptr);
    std::fclose(f);
    ASSERT_NE(key, nullptr);
    EXPECT_EQ(X509_check_private_key(cert, key), 1);
    struct stat st {};
    ::stat(files.value().key.c_str(), &st);
    EXPECT_EQ(st.st_mode & 077, 0u);  // key not readable by others

    // Second start: the same files, untouched.
    auto mtime = std::filesystem::last_write_time(files.value().cert);
    auto again = ensure_tls_credentials(cfg);
    ASSERT_TRUE(again);
    EXPECT_EQ(std::filesystem::last_write_time(again.value().cert), mtime);
    X509_free(cert);
    EVP_PKEY_free(key);
    std::filesystem::remove_all(dir);
}

TEST(TlsCredentials, ConfiguredFilesAreUsedAsGiven) {
    auto dir =
        std::filesystem::temp_directory_path() / ("ims-tls-test2-" + std::to_string(::getpid()));
    DiameterConfig cfg;
    cfg.identity = "x.example.org";
    cfg.state_dir = dir;
    cfg.tls.cert = "/etc/my/cert.pem";
    cfg.tls.key = "/etc/my/key.pem";
    cfg.tls.ca = "/etc/my/ca.pem";
    auto files = ensure_tls_credentials(cfg);
    ASSERT_TRUE(files);
    EXPECT_EQ(files.value().cert, "/etc/my/cert.pem");
    EXPECT_EQ(files.value().ca, "/etc/my/ca.pem");
    EXPECT_FALSE(std::filesystem::exists(dir / "tls-cert.pem"));
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ims::cx
