#include "common/auth/milenage.hpp"

#include <cstring>
#include <utility>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "common/auth/auth_errc.hpp"

namespace ims::auth {
namespace {

constexpr std::size_t kBlock = 16;

// Fetched once: in OpenSSL 3 an implicit EVP_aes_128_ecb() lookup on every init costs more than
// the encryption itself. Never freed (process lifetime).
const EVP_CIPHER* aes_128_ecb() noexcept {
    static EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, "AES-128-ECB", nullptr);
    return cipher;
}

Result<void> key_context(EVP_CIPHER_CTX* ctx, const Key128& k) noexcept {
    const EVP_CIPHER* cipher = aes_128_ecb();
    if (cipher == nullptr || EVP_EncryptInit_ex(ctx, cipher, nullptr, k.data(), nullptr) != 1 ||
        EVP_CIPHER_CTX_set_padding(ctx, 0) != 1) {
        return make_error_code(auth_errc::crypto_failure);
    }
    return success();
}

// E_K over `blocks` independent 16-byte blocks (ECB = the bare block cipher, TS 35.206 4.1).
Result<void> encrypt_blocks(EVP_CIPHER_CTX* ctx, const std::uint8_t* in, std::uint8_t* out,
                            std::size_t blocks) noexcept {
    int written = 0;
    const int length = static_cast<int>(blocks * kBlock);
    if (EVP_EncryptUpdate(ctx, out, &written, in, length) != 1 || written != length) {
        return make_error_code(auth_errc::crypto_failure);
    }
    return success();
}

// rot(x, r): cyclic rotation of the 128-bit value towards the most significant bit by r bits.
// All of MILENAGE's r1..r5 are multiples of 8, so this is a byte rotation.
void rotate_xor(const std::uint8_t* x, const Key128& opc, unsigned r_bits, std::uint8_t c_last,
                std::uint8_t* out) noexcept {
    const unsigned shift = r_bits / 8;
    for (unsigned i = 0; i < kBlock; ++i) {
        unsigned from = (i + shift) % kBlock;
        out[i] = static_cast<std::uint8_t>(x[from] ^ opc[from]);
    }
    out[kBlock - 1] ^= c_last;
}

}  // namespace

void Milenage::CtxDeleter::operator()(evp_cipher_ctx_st* ctx) const noexcept {
    EVP_CIPHER_CTX_free(ctx);
}

Result<Milenage> Milenage::create(const Key128& k, const Key128& opc) {
    Milenage m;
    m.ctx_.reset(EVP_CIPHER_CTX_new());
    if (!m.ctx_) return make_error_code(auth_errc::crypto_failure);
    BOOST_OUTCOME_TRYV(m.set_key(k, opc));
    return m;
}

Result<void> Milenage::set_key(const Key128& k, const Key128& opc) {
    BOOST_OUTCOME_TRYV(key_context(ctx_.get(), k));
    opc_ = opc;
    return success();
}

Result<Key128> Milenage::derive_opc(const Key128& k, const Key128& op) {
    std::unique_ptr<EVP_CIPHER_CTX, CtxDeleter> ctx(EVP_CIPHER_CTX_new());
    if (!ctx) return make_error_code(auth_errc::crypto_failure);
    BOOST_OUTCOME_TRYV(key_context(ctx.get(), k));
    Key128 opc{};
    BOOST_OUTCOME_TRYV(encrypt_blocks(ctx.get(), op.data(), opc.data(), 1));
    for (std::size_t i = 0; i < kBlock; ++i) opc[i] ^= op[i];
    return opc;
}

Result<MilenageOutput> Milenage::compute(const Rand& rand, const SqnBytes& sqn, const Amf& amf) {
    // TS 35.206 4.1: TEMP = E_K(RAND xor OPc)
    std::uint8_t block[kBlock];
    std::uint8_t temp[kBlock];
    for (std::size_t i = 0; i < kBlock; ++i) block[i] = rand[i] ^ opc_[i];
    BOOST_OUTCOME_TRYV(encrypt_blocks(ctx_.get(), block, temp, 1));

    // IN1 = SQN || AMF || SQN || AMF
    std::uint8_t in1[kBlock];
    std::memcpy(in1, sqn.data(), 6);
    std::memcpy(in1 + 6, amf.data(), 2);
    std::memcpy(in1 + 8, in1, 8);

    // The five inputs, encrypted as five independent ECB blocks in one call.
    // OUT1: E_K(TEMP xor rot(IN1 xor OPc, r1=64) xor c1=0) xor OPc
    // OUTn: E_K(rot(TEMP xor OPc, rn) xor cn) xor OPc, (r2,c2)=(0,1) (r3,c3)=(32,2)
    //       (r4,c4)=(64,4) (r5,c5)=(96,8)
    std::uint8_t in[5 * kBlock];
    std::uint8_t out[5 * kBlock];
    rotate_xor(in1, opc_, 64, 0, in);
    for (std::size_t i = 0; i < kBlock; ++i) in[i] ^= temp[i];
    rotate_xor(temp, opc_, 0, 1, in + 1 * kBlock);
    rotate_xor(temp, opc_, 32, 2, in + 2 * kBlock);
    rotate_xor(temp, opc_, 64, 4, in + 3 * kBlock);
    rotate_xor(temp, opc_, 96, 8, in + 4 * kBlock);
    BOOST_OUTCOME_TRYV(encrypt_blocks(ctx_.get(), in, out, 5));
    for (std::size_t n = 0; n < 5; ++n) {
        for (std::size_t i = 0; i < kBlock; ++i) out[n * kBlock + i] ^= opc_[i];
    }

    MilenageOutput result;
    const std::uint8_t* out1 = out;
    const std::uint8_t* out2 = out + kBlock;
    std::memcpy(result.mac_a.data(), out1, 8);                // f1  = OUT1[0..63]
    std::memcpy(result.mac_s.data(), out1 + 8, 8);            // f1* = OUT1[64..127]
    std::memcpy(result.ak.data(), out2, 6);                   // f5  = OUT2[0..47]
    std::memcpy(result.res.data(), out2 + 8, 8);              // f2  = OUT2[64..127]
    std::memcpy(result.ck.data(), out + 2 * kBlock, kBlock);  // f3 = OUT3
    std::memcpy(result.ik.data(), out + 3 * kBlock, kBlock);  // f4 = OUT4
    std::memcpy(result.ak_star.data(), out + 4 * kBlock, 6);  // f5* = OUT5[0..47]

    OPENSSL_cleanse(temp, sizeof temp);
    OPENSSL_cleanse(out, sizeof out);
    return result;
}

Milenage::Milenage(Milenage&& other) noexcept : ctx_(std::move(other.ctx_)), opc_(other.opc_) {
    OPENSSL_cleanse(other.opc_.data(), other.opc_.size());
}

Milenage& Milenage::operator=(Milenage&& other) noexcept {
    if (this != &other) {
        ctx_ = std::move(other.ctx_);
        opc_ = other.opc_;
        OPENSSL_cleanse(other.opc_.data(), other.opc_.size());
    }
    return *this;
}

Milenage::~Milenage() {
    OPENSSL_cleanse(opc_.data(), opc_.size());
}

}  // namespace ims::auth
