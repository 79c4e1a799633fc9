#pragma once
// Authentication state of the S-CSCF: the challenges (nonces) in flight, each holding the
// vector the HSS gave in the MAA (TS 29.229 6.3.13: SIP Digest HA1, or AKA RAND/AUTN/XRES/CK/IK).
// A nonce is bound to one IMPI/IMPU pair; a nonce count (nc) is accepted once and must grow
// (RFC 7616 3.4 / RFC 3310). AKA vectors are single-use (TS 33.203 6.1.1).
// Owned by the io_context thread; nothing here is thread-safe.

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cscf/scscf/registration.hpp"

namespace ims::scscf {

enum class AuthScheme : std::uint8_t { digest_md5, digest_sha256, aka_v1_md5 };

/// The Digest `algorithm` token: "MD5", "SHA-256", "AKAv1-MD5".
std::string_view algorithm_token(AuthScheme s);
/// Config / log name: "md5", "sha-256", "aka".
std::string_view scheme_name(AuthScheme s);
std::optional<AuthScheme> scheme_from_name(std::string_view name);

/// One authentication vector from the MAA. Secrets (ha1, xres, ck, ik) are never logged.
struct AuthVector {
    AuthScheme scheme = AuthScheme::digest_md5;
    std::string realm;
    std::string ha1;  // digest: lowercase hex H(user:realm:password)
    std::vector<std::uint8_t> rand, autn, xres, ck, ik;  // AKA
};

struct NonceState {
    std::string nonce;
    std::string opaque;
    std::string impi;
    std::string impu;
    AuthVector vector;
    TimePoint created{};
    std::chrono::seconds lifetime{30};
    std::uint32_t highest_nc = 0;  // 0: not used yet

    bool stale(TimePoint now) const { return now >= created + lifetime; }
};

class NonceStore {
  public:
    void insert(NonceState state) {
        order_.emplace_back(state.created + state.lifetime, state.nonce);
        const std::string key = state.nonce;
        states_.insert_or_assign(key, std::move(state));
    }
    const NonceState* find(std::string_view nonce) const {
        auto it = states_.find(std::string(nonce));
        return it == states_.end() ? nullptr : &it->second;
    }
    /// Records an accepted nonce count.
    void record_nc(std::string_view nonce, std::uint32_t nc) {
        if (auto it = states_.find(std::string(nonce)); it != states_.end()) {
            it->second.highest_nc = nc;
        }
    }
    void erase(std::string_view nonce) { states_.erase(std::string(nonce)); }
    /// Forgets nonces stale for longer than `grace` (kept that long to answer stale=true
    /// rather than treat a late answer as unknown). Returns how many went.
    ///
    /// Runs every second on the io thread, so it must not scan: at 1,000 registrations/s some
    /// 60,000 nonces are alive and a scan stalled every REGISTER behind it for milliseconds.
    /// Nonces leave in creation order instead, which is deadline order as long as they share
    /// one lifetime (the registrar's); one with a shorter lifetime may wait for older ones.
    std::size_t purge(TimePoint now, std::chrono::seconds grace) {
        std::size_t gone = 0;
        while (!order_.empty() && now >= order_.front().first + grace) {
            const auto it = states_.find(order_.front().second);
            // Consumed nonces are gone already; a re-inserted one is judged by its own deadline.
            if (it != states_.end() && now >= it->second.created + it->second.lifetime + grace) {
                states_.erase(it);
                ++gone;
            }
            order_.pop_front();
        }
        return gone;
    }
    std::size_t size() const { return states_.size(); }

  private:
    std::unordered_map<std::string, NonceState> states_;
    std::deque<std::pair<TimePoint, std::string>> order_;  // (stale at, nonce), oldest first
};

}  // namespace ims::scscf
