#pragma once
// MILENAGE (3GPP TS 35.206): the example algorithm set f1, f1*, f2, f3, f4, f5, f5* on AES-128.
//
// Who calls: the HSS (vector generation, AUTS check) and the scenario runner's simulated USIM.
// Threads: a Milenage object is NOT thread-safe (it owns one OpenSSL cipher context); give each
// thread its own. Cost: the AES key schedule runs once per K in create()/set_key(); compute()
// then makes two EVP calls (TEMP, then OUT1..OUT5 as five ECB blocks) and no heap allocation.
// Secrets: K lives only inside the OpenSSL context, OPc is wiped on destruction; nothing here
// logs.

#include <memory>

#include "common/auth/types.hpp"
#include "common/core/result.hpp"

struct evp_cipher_ctx_st;

namespace ims::auth {

/// Everything one MILENAGE run produces for (RAND, SQN, AMF).
struct MilenageOutput {
    Mac mac_a;   ///< f1:  network authentication code
    Mac mac_s;   ///< f1*: resynchronisation authentication code
    Res res;     ///< f2:  (X)RES
    Key128 ck;   ///< f3:  cipher key
    Key128 ik;   ///< f4:  integrity key
    Ak ak;       ///< f5:  anonymity key (conceals SQN in AUTN)
    Ak ak_star;  ///< f5*: anonymity key for AUTS
};

class Milenage {
  public:
    /// Keyed with subscriber key K and the operator constant OPc (already derived).
    static Result<Milenage> create(const Key128& k, const Key128& opc);

    /// OPc = OP xor E_K(OP) (TS 35.206 4.1), for subscribers provisioned with OP.
    static Result<Key128> derive_opc(const Key128& k, const Key128& op);

    /// Re-keys this object for another subscriber, reusing the cipher context.
    Result<void> set_key(const Key128& k, const Key128& opc);

    /// All seven functions for one challenge.
    Result<MilenageOutput> compute(const Rand& rand, const SqnBytes& sqn, const Amf& amf);

    Milenage(Milenage&& other) noexcept;
    Milenage& operator=(Milenage&& other) noexcept;
    Milenage(const Milenage&) = delete;
    Milenage& operator=(const Milenage&) = delete;
    ~Milenage();

  private:
    struct CtxDeleter {
        void operator()(evp_cipher_ctx_st* ctx) const noexcept;
    };
    Milenage() = default;

    std::unique_ptr<evp_cipher_ctx_st, CtxDeleter> ctx_;
    Key128 opc_{};
};

}  // namespace ims::auth
