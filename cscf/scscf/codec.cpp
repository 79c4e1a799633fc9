#include "cscf/scscf/codec.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "cscf/scscf/errors.hpp"

namespace ims::scscf {

std::string base64_encode(std::span<const std::uint8_t> bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(),
                                  static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

Result<std::vector<std::uint8_t>> base64_decode(std::string_view text) {
    if (text.size() % 4 != 0) return make_error(scscf_errc::bad_base64);
    for (char c : text) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
        if (!ok) return make_error(scscf_errc::bad_base64);
    }
    std::vector<std::uint8_t> out(3 * (text.size() / 4) + 1);
    const int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                                  static_cast<int>(text.size()));
    if (n < 0) return make_error(scscf_errc::bad_base64);
    // EVP_DecodeBlock counts padding as zero bytes; drop them.
    std::size_t len = static_cast<std::size_t>(n);
    if (!text.empty() && text.back() == '=') --len;
    if (text.size() > 1 && text[text.size() - 2] == '=') --len;
    out.resize(len);
    return out;
}

std::string hex_encode(std::span<const std::uint8_t> bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (auto b : bytes) {
        out.push_back(kDigits[b >> 4]);
        out.push_back(kDigits[b & 0xf]);
    }
    return out;
}

void OpensslRandom::refill() {
    if (RAND_bytes(pool_.data(), static_cast<int>(pool_.size())) != 1) {
        // No entropy means no safe nonce: stopping is the only honest answer.
        std::abort();
    }
    next_ = 0;
}

void OpensslRandom::fill(std::span<std::uint8_t> out) {
    while (!out.empty()) {
        if (next_ == pool_.size()) refill();
        const std::size_t n = std::min(out.size(), pool_.size() - next_);
        std::memcpy(out.data(), pool_.data() + next_, n);
        // Served bytes leave the pool: a later draw can never repeat them.
        std::memset(pool_.data() + next_, 0, n);
        next_ += n;
        out = out.subspan(n);
    }
}

}  // namespace ims::scscf
