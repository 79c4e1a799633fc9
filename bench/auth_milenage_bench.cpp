// Milenage / AKA throughput. The HSS target is > 10,000 AKA vectors/s on 2 cores.
#include <benchmark/benchmark.h>

#include "common/auth/aka.hpp"
#include "common/auth/digest.hpp"
#include "common/auth/encoding.hpp"
#include "common/auth/milenage.hpp"

namespace {

using namespace ims::auth;

const Key128 kK = from_hex_array<16>("465b5ce8b199b49faa5f0a2ee238a6bc").value();
const Key128 kOpc = from_hex_array<16>("cd63cb71954a9f4e48a5994e37a02baf").value();
const Rand kRand = from_hex_array<16>("23553cbe9637a89d218ae64dae47bf35").value();
const Amf kAmf{0x80, 0x00};

// One keyed object reused: the steady state of an HSS worker thread serving one subscriber.
void BM_MilenageCompute(benchmark::State& state) {
    Milenage m = Milenage::create(kK, kOpc).value();
    const SqnBytes sqn = sqn_to_bytes(0x20);
    for (auto _ : state) {
        auto out = m.compute(kRand, sqn, kAmf);
        benchmark::DoNotOptimize(out);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MilenageCompute);

// Vector for a different subscriber each time: re-key the same object (key schedule per call).
void BM_AkaVectorRekey(benchmark::State& state) {
    Milenage m = Milenage::create(kK, kOpc).value();
    Sqn sqn = 0x20;
    for (auto _ : state) {
        (void)m.set_key(kK, kOpc);
        sqn = next_sqn(sqn);
        auto v = make_aka_vector(m, kRand, sqn, kAmf);
        benchmark::DoNotOptimize(v);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AkaVectorRekey);

// Worst case: a fresh Milenage (context allocation + key schedule) per vector, plus the nonce.
void BM_AkaVectorFresh(benchmark::State& state) {
    Sqn sqn = 0x20;
    for (auto _ : state) {
        sqn = next_sqn(sqn);
        auto v = make_aka_vector(kK, kOpc, kAmf, sqn, kRand);
        std::string nonce = v.value().nonce();
        benchmark::DoNotOptimize(nonce);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AkaVectorFresh);

void BM_DigestVerifyMd5(benchmark::State& state) {
    DigestCredentials c;
    c.username = "alice@ims.example";
    c.realm = "ims.example";
    c.nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093";
    c.uri = "sip:ims.example";
    c.qop = "auth";
    c.nc = "00000001";
    c.cnonce = "0a4f113b";
    const std::string ha1 = compute_ha1(DigestHash::md5, c.username, c.realm, "secret");
    c.response = compute_response(ha1, c, "REGISTER").value();
    for (auto _ : state) {
        auto ok = verify_response(ha1, c, "REGISTER");
        benchmark::DoNotOptimize(ok);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DigestVerifyMd5);

}  // namespace

BENCHMARK_MAIN();
