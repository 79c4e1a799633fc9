#include "common/diameter/tls_credentials.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <cstdio>
#include <memory>

#include <spdlog/spdlog.h>

#include "common/diameter/cx_errc.hpp"

namespace ims::cx {

namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct X509Free {
    void operator()(X509* x) const { X509_free(x); }
};
struct FileClose {
    void operator()(FILE* f) const { std::fclose(f); }
};
struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;
using FilePtr = std::unique_ptr<FILE, FileClose>;

std::error_code tls_error() {
    return make_error_code(cx_errc::tls_setup_failed);
}

bool add_ext(X509* cert, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext) return false;
    bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

Result<void> write_dh_params(const std::filesystem::path& file) {
    std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(
        EVP_PKEY_CTX_new_from_name(nullptr, "DH", nullptr));
    if (!ctx || EVP_PKEY_paramgen_init(ctx.get()) <= 0) return tls_error();
    // RFC 7919 named group: fixed parameters, no prime search.
    if (EVP_PKEY_CTX_set_dh_nid(ctx.get(), NID_ffdhe2048) <= 0) return tls_error();
    EVP_PKEY* raw = nullptr;
    if (EVP_PKEY_paramgen(ctx.get(), &raw) <= 0) return tls_error();
    PkeyPtr params(raw);
    BIO* bio = BIO_new_file(file.c_str(), "w");
    if (!bio) return tls_error();
    int ok = PEM_write_bio_Parameters(bio, params.get());
    BIO_free(bio);
    if (ok != 1) return tls_error();
    return success();
}

}  // namespace

Result<void> write_self_signed(const std::filesystem::path& cert_file,
                               const std::filesystem::path& key_file,
                               const std::string& common_name) {
    PkeyPtr key(EVP_EC_gen("P-256"));
    if (!key) return tls_error();
    X509Ptr cert(X509_new());
    if (!cert) return tls_error();
    X509_set_version(cert.get(), 2);  // v3
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()),
                     static_cast<long>(std::time(nullptr) & 0x7fffffff));
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 10L * 365 * 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                               0);
    X509_set_issuer_name(cert.get(), name);
    // It is also its own CA (TLS_CA points at it when no CA is configured).
    if (!add_ext(cert.get(), NID_basic_constraints, "critical,CA:TRUE") ||
        !add_ext(cert.get(), NID_subject_alt_name, ("DNS:" + common_name).c_str()))
        return tls_error();
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) return tls_error();

    {
        // The key is readable by the owner only.
        mode_t old = umask(077);
        FilePtr kf(std::fopen(key_file.c_str(), "w"));
        umask(old);
        if (!kf ||
            PEM_write_PrivateKey(kf.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
            return tls_error();
    }
    FilePtr cf(std::fopen(cert_file.c_str(), "w"));
    if (!cf || PEM_write_X509(cf.get(), cert.get()) != 1) return tls_error();
    return success();
}

Result<TlsFiles> ensure_tls_credentials(const DiameterConfig& cfg) {
    std::error_code ec;
    std::filesystem::create_directories(cfg.state_dir, ec);
    if (ec) {
        spdlog::error("diameter: cannot create state_dir {}: {}", cfg.state_dir.string(),
                      ec.message());
        return tls_error();
    }
    TlsFiles files;
    if (!cfg.tls.cert.empty()) {
        files.cert = cfg.tls.cert;
        files.key = cfg.tls.key;
    } else {
        files.cert = cfg.state_dir / "tls-cert.pem";
        files.key = cfg.state_dir / "tls-key.pem";
        if (!std::filesystem::exists(files.cert) || !std::filesystem::exists(files.key)) {
            BOOST_OUTCOME_TRY(write_self_signed(files.cert, files.key, cfg.identity));
            spdlog::info(
                "diameter: created a self-signed TLS certificate for {} in {} (freeDiameter "
                "needs one even for plain-TCP peers)",
                cfg.identity, files.cert.string());
        }
    }
    files.ca = cfg.tls.ca.empty() ? files.cert : cfg.tls.ca;
    auto dh = cfg.state_dir / "dh.pem";
    if (!std::filesystem::exists(dh)) {
        BOOST_OUTCOME_TRY(write_dh_params(dh));
    }
    files.dh = dh;
    return files;
}

}  // namespace ims::cx
