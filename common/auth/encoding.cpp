#include "common/auth/encoding.hpp"

#include <openssl/evp.h>

namespace ims::auth {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_base64_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/';
}

}  // namespace

std::string to_hex(std::span<const std::uint8_t> bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.resize(bytes.size() * 2);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        out[2 * i] = digits[bytes[i] >> 4];
        out[2 * i + 1] = digits[bytes[i] & 0x0f];
    }
    return out;
}

Result<Bytes> from_hex(std::string_view hex) {
    if (hex.size() % 2 != 0) return make_error_code(auth_errc::invalid_hex);
    Bytes out(hex.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i) {
        int high = hex_value(hex[2 * i]);
        int low = hex_value(hex[2 * i + 1]);
        if (high < 0 || low < 0) return make_error_code(auth_errc::invalid_hex);
        out[i] = static_cast<std::uint8_t>((high << 4) | low);
    }
    return out;
}

std::string base64_encode(std::span<const std::uint8_t> bytes) {
    std::string out;
    if (bytes.empty()) return out;
    out.resize(4 * ((bytes.size() + 2) / 3) + 1);  // + the NUL EVP_EncodeBlock writes
    int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(),
                                  static_cast<int>(bytes.size()));
    out.resize(written > 0 ? static_cast<std::size_t>(written) : 0);
    return out;
}

Result<Bytes> base64_decode(std::string_view text) {
    // EVP_DecodeBlock wants whole 4-character groups, skips no inner whitespace reliably, and
    // counts padding as zero bytes, so validate and restore/strip the padding ourselves.
    std::string padded(text);
    std::size_t data_chars = padded.size();
    while (data_chars > 0 && padded[data_chars - 1] == '=') --data_chars;
    if (padded.size() - data_chars > 2) return make_error_code(auth_errc::invalid_base64);
    for (std::size_t i = 0; i < data_chars; ++i) {
        if (!is_base64_char(padded[i])) return make_error_code(auth_errc::invalid_base64);
    }
    if (data_chars % 4 == 1) return make_error_code(auth_errc::invalid_base64);
    padded.resize(data_chars);
    while (padded.size() % 4 != 0) padded.push_back('=');
    std::size_t pad = padded.size() - data_chars;
    if (padded.empty()) return Bytes{};

    Bytes out(padded.size() / 4 * 3);
    int written = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(padded.data()),
                                  static_cast<int>(padded.size()));
    if (written < 0 || static_cast<std::size_t>(written) != out.size()) {
        return make_error_code(auth_errc::invalid_base64);
    }
    out.resize(out.size() - pad);
    return out;
}

}  // namespace ims::auth
