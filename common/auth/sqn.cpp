#include "common/auth/sqn.hpp"

namespace ims::auth {

SqnBytes sqn_to_bytes(Sqn sqn) noexcept {
    SqnBytes out{};
    for (int i = 5; i >= 0; --i) {
        out[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(sqn & 0xff);
        sqn >>= 8;
    }
    return out;
}

Sqn sqn_from_bytes(const SqnBytes& bytes) noexcept {
    Sqn sqn = 0;
    for (std::uint8_t b : bytes) sqn = (sqn << 8) | b;
    return sqn;
}

Sqn next_sqn(Sqn current) noexcept {
    return make_sqn(sqn_seq(current) + 1, sqn_ind(current) + 1);
}

bool sqn_acceptable(Sqn candidate, Sqn sqn_ms, std::uint64_t delta) noexcept {
    const std::uint64_t seq = sqn_seq(candidate);
    const std::uint64_t seq_ms = sqn_seq(sqn_ms);
    return seq > seq_ms && seq - seq_ms <= delta;
}

Sqn sqn_after_resync(Sqn sqn_he, Sqn sqn_ms, std::uint64_t delta) noexcept {
    if (sqn_acceptable(next_sqn(sqn_he), sqn_ms, delta)) return sqn_he & kSqnMax;
    return sqn_ms & kSqnMax;
}

}  // namespace ims::auth
