#include "hss/lib/credentials.hpp"

#include <algorithm>
#include <cstring>

#include "common/auth/aka.hpp"
#include "common/auth/digest.hpp"
#include "common/auth/encoding.hpp"
#include "common/auth/fingerprint.hpp"
#include "common/auth/milenage.hpp"
#include "common/auth/sqn.hpp"

namespace ims::hss {
namespace {

template <std::size_t N>
std::array<std::uint8_t, N> fixed(const Bytes& b) {
    std::array<std::uint8_t, N> out{};
    std::copy_n(b.begin(), std::min(N, b.size()), out.begin());
    return out;
}

template <std::size_t N>
Bytes bytes(const std::array<std::uint8_t, N>& a) {
    return Bytes(a.begin(), a.end());
}

/// One keyed Milenage per thread (a Milenage is not thread-safe); re-keyed per request, which
/// costs one AES key schedule instead of a cipher context allocation.
auth::Milenage* thread_milenage(const AkaCredentials& creds) {
    thread_local std::optional<auth::Milenage> milenage;
    auto k = fixed<16>(creds.k);
    auto opc = fixed<16>(creds.opc);
    if (!milenage) {
        auto created = auth::Milenage::create(k, opc);
        if (!created) return nullptr;
        milenage.emplace(std::move(created).value());
        return &*milenage;
    }
    if (!milenage->set_key(k, opc)) return nullptr;
    return &*milenage;
}

}  // namespace

Bytes derive_opc(const Bytes& k, const Bytes& op) {
    auto opc = auth::Milenage::derive_opc(fixed<16>(k), fixed<16>(op));
    return opc ? bytes(opc.value()) : Bytes();
}

std::string digest_ha1(DigestAlgorithm alg, std::string_view user, std::string_view realm,
                       std::string_view password) {
    // HA1 = H(username ":" realm ":" password) (RFC 7616 3.4.2).
    return auth::compute_ha1(
        alg == DigestAlgorithm::md5 ? auth::DigestHash::md5 : auth::DigestHash::sha256, user, realm,
        password);
}

AkaVector make_aka_vector(const AkaCredentials& creds, std::uint64_t sqn, const Bytes& rand) {
    AkaVector v;
    auto* m = thread_milenage(creds);
    if (!m) return v;
    auto r = auth::make_aka_vector(*m, fixed<16>(rand), sqn, fixed<2>(creds.amf));
    if (!r) return v;
    v.rand = bytes(r.value().rand);
    v.autn = bytes(r.value().autn);
    v.xres = bytes(r.value().xres);
    v.ck = bytes(r.value().ck);
    v.ik = bytes(r.value().ik);
    return v;
}

std::optional<std::uint64_t> recover_sqn_ms(const AkaCredentials& creds, const Bytes& rand,
                                            const Bytes& auts) {
    auto* m = thread_milenage(creds);
    if (!m || rand.size() != 16 || auts.size() != 14) return std::nullopt;
    auto r = auth::recover_sqn_ms(*m, fixed<16>(rand), fixed<14>(auts));
    if (!r) return std::nullopt;
    return r.value();
}

std::uint64_t next_sqn(std::uint64_t last) {
    return auth::next_sqn(last);
}

std::uint64_t sqn_after_resync(std::uint64_t sqn_he, std::uint64_t sqn_ms) {
    return auth::sqn_after_resync(sqn_he, sqn_ms);
}

std::string fingerprint(const Bytes& secret) {
    return auth::fingerprint(secret);
}

std::string to_hex(const Bytes& b) {
    return auth::to_hex(b);
}

std::optional<Bytes> from_hex(std::string_view hex) {
    auto r = auth::from_hex(hex);
    if (!r) return std::nullopt;
    return std::move(r).value();
}

}  // namespace ims::hss
