#include "common/auth/digest.hpp"

#include <algorithm>
#include <cctype>

#include <openssl/evp.h>

#include "common/auth/auth_errc.hpp"
#include "common/auth/encoding.hpp"
#include "common/auth/secure_compare.hpp"

namespace ims::auth {
namespace {

bool iequals(std::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

const EVP_MD* evp_of(DigestHash hash) noexcept {
    return hash == DigestHash::md5 ? EVP_md5() : EVP_sha256();
}

// Incremental hashing over several pieces without building the joined string.
class Hasher {
  public:
    explicit Hasher(DigestHash hash) : ctx_(EVP_MD_CTX_new()) {
        ok_ = ctx_ != nullptr && EVP_DigestInit_ex(ctx_, evp_of(hash), nullptr) == 1;
    }
    ~Hasher() { EVP_MD_CTX_free(ctx_); }
    Hasher(const Hasher&) = delete;
    Hasher& operator=(const Hasher&) = delete;

    Hasher& add(std::string_view text) {
        if (ok_ && !text.empty()) ok_ = EVP_DigestUpdate(ctx_, text.data(), text.size()) == 1;
        return *this;
    }
    Hasher& add(std::span<const std::uint8_t> bytes) {
        if (ok_ && !bytes.empty()) ok_ = EVP_DigestUpdate(ctx_, bytes.data(), bytes.size()) == 1;
        return *this;
    }
    std::string hex() {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        if (!ok_ || EVP_DigestFinal_ex(ctx_, digest, &length) != 1) return std::string();
        return to_hex(std::span<const std::uint8_t>(digest, length));
    }

  private:
    EVP_MD_CTX* ctx_;
    bool ok_;
};

bool is_nc(std::string_view nc) noexcept {
    return nc.size() == 8 && std::all_of(nc.begin(), nc.end(), [](char c) {
               return std::isxdigit(static_cast<unsigned char>(c)) != 0;
           });
}

}  // namespace

std::optional<DigestAlgorithm> parse_digest_algorithm(std::string_view text) noexcept {
    if (text.empty() || iequals(text, "MD5")) return DigestAlgorithm::md5;
    if (iequals(text, "MD5-sess")) return DigestAlgorithm::md5_sess;
    if (iequals(text, "SHA-256")) return DigestAlgorithm::sha256;
    if (iequals(text, "SHA-256-sess")) return DigestAlgorithm::sha256_sess;
    if (iequals(text, "AKAv1-MD5")) return DigestAlgorithm::aka_v1_md5;
    return std::nullopt;
}

std::string_view to_string(DigestAlgorithm algorithm) noexcept {
    switch (algorithm) {
        case DigestAlgorithm::md5:
            return "MD5";
        case DigestAlgorithm::md5_sess:
            return "MD5-sess";
        case DigestAlgorithm::sha256:
            return "SHA-256";
        case DigestAlgorithm::sha256_sess:
            return "SHA-256-sess";
        case DigestAlgorithm::aka_v1_md5:
            return "AKAv1-MD5";
    }
    return "MD5";
}

DigestHash hash_of(DigestAlgorithm algorithm) noexcept {
    return (algorithm == DigestAlgorithm::sha256 || algorithm == DigestAlgorithm::sha256_sess)
               ? DigestHash::sha256
               : DigestHash::md5;
}

std::string digest_hash_hex(DigestHash hash, std::string_view data) {
    return Hasher(hash).add(data).hex();
}

std::string compute_ha1(DigestHash hash, std::string_view username, std::string_view realm,
                        std::string_view password) {
    return Hasher(hash).add(username).add(":").add(realm).add(":").add(password).hex();
}

std::string compute_ha1(DigestHash hash, std::string_view username, std::string_view realm,
                        std::span<const std::uint8_t> password) {
    return Hasher(hash).add(username).add(":").add(realm).add(":").add(password).hex();
}

std::string compute_aka_ha1(std::string_view username, std::string_view realm, const Res& xres) {
    return compute_ha1(DigestHash::md5, username, realm, std::span<const std::uint8_t>(xres));
}

Result<std::string> compute_response(std::string_view ha1_hex, const DigestCredentials& creds,
                                     std::string_view method) {
    auto algorithm = parse_digest_algorithm(creds.algorithm);
    if (!algorithm) return make_error_code(auth_errc::unsupported_algorithm);
    const DigestHash hash = hash_of(*algorithm);
    const bool with_qop = !creds.qop.empty();
    if (with_qop && !iequals(creds.qop, "auth")) return make_error_code(auth_errc::unsupported_qop);
    const bool sess =
        *algorithm == DigestAlgorithm::md5_sess || *algorithm == DigestAlgorithm::sha256_sess;
    if ((with_qop || sess) && creds.cnonce.empty()) {
        return make_error_code(auth_errc::missing_parameter);
    }
    if (with_qop && creds.nc.empty()) return make_error_code(auth_errc::missing_parameter);

    std::string ha1(ha1_hex);
    if (sess)
        ha1 = Hasher(hash).add(ha1).add(":").add(creds.nonce).add(":").add(creds.cnonce).hex();
    const std::string ha2 = Hasher(hash).add(method).add(":").add(creds.uri).hex();

    Hasher response(hash);
    response.add(ha1).add(":").add(creds.nonce).add(":");
    // The qop value enters the hash as the UE sent it (RFC 7616 3.4.1).
    if (with_qop)
        response.add(creds.nc).add(":").add(creds.cnonce).add(":").add(creds.qop).add(":");
    std::string out = response.add(ha2).hex();
    if (out.empty() || ha2.empty()) return make_error_code(auth_errc::crypto_failure);
    return out;
}

Result<void> verify_response(std::string_view ha1_hex, const DigestCredentials& creds,
                             std::string_view method) {
    if (!creds.qop.empty() && !creds.nc.empty() && !is_nc(creds.nc)) {
        return make_error_code(auth_errc::invalid_parameter);
    }
    BOOST_OUTCOME_TRY(expected, compute_response(ha1_hex, creds, method));
    // Hex from a UE may be uppercase; compare case-folded, in constant time.
    std::string received = creds.response;
    std::transform(received.begin(), received.end(), received.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!constant_time_equal(std::string_view(expected), std::string_view(received))) {
        return make_error_code(auth_errc::response_mismatch);
    }
    return success();
}

}  // namespace ims::auth
