#pragma once
// The HSS side of Cx (TS 29.228 6.1-6.3, TS 29.229 6.1) as pure functions of a request, the
// subscriber store and a source of randomness: UAR->UAA, MAR->MAA, SAR->SAA, LIR->LIA.
// No sockets, no clock: the process wires these to the Diameter server and logs each exchange.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/diameter/cx_types.hpp"
#include "hss/lib/subscriber_store.hpp"

namespace ims::hss {

/// RAND source. Real: OpenSSL RAND_bytes; tests: a fixed sequence. Called from any thread.
class Random {
  public:
    virtual ~Random() = default;
    virtual void fill(std::span<std::uint8_t> out) = 0;
};

/// Draws from OpenSSL's CSPRNG (thread-safe).
class OpenSslRandom final : public Random {
  public:
    void fill(std::span<std::uint8_t> out) override;
};

struct HssSettings {
    /// Visited-Network-Identifier of the home network; requests from it (or without one) are
    /// never "roaming".
    std::string home_network;
    /// Cap on SIP-Number-Auth-Items honoured in one MAR.
    std::uint32_t max_auth_items = 5;
    /// Capabilities returned for S-CSCF selection (UAA / LIA without an assigned S-CSCF).
    cx::ServerCapabilities capabilities;
    /// Charging-Information returned on successful SAA that downloads the profile.
    std::optional<cx::ChargingInformation> charging;
    /// Called (on the handler's thread; must not block) when a MAR moves a user with
    /// registered identities to another S-CSCF: TS 29.228 8.1.1, the HSS should de-register
    /// them at the old one (RTR, NEW_SERVER_ASSIGNED). Arguments: IMPI, old Server-Name, the
    /// identities registered there.
    std::function<void(const std::string&, const std::string&, const std::vector<std::string>&)>
        on_scscf_reassigned;
};

/// Thread-safety: the handlers hold no mutable state of their own; they may run concurrently
/// on freeDiameter's threads as long as the store and Random are thread-safe. They never throw
/// and never crash on empty fields: a missing mandatory value gives 5005 with Failed-AVP.
class CxHandlers {
  public:
    CxHandlers(SubscriberStore& store, Random& random, HssSettings settings);

    cx::Uaa uar(const cx::Uar& req);
    cx::Maa mar(const cx::Mar& req);
    cx::Saa sar(const cx::Sar& req);
    cx::Lia lir(const cx::Lir& req);

    const HssSettings& settings() const { return settings_; }

  private:
    struct Lookup;
    cx::Maa mar_digest(const cx::Mar& req, const Subscriber& sub);
    cx::Maa mar_aka(const cx::Mar& req, Subscriber sub);
    bool roaming_allowed(const Subscriber& sub, const std::string& visited) const;

    SubscriberStore& store_;
    Random& random_;
    HssSettings settings_;
};

/// AVP codes used in Failed-AVP.
namespace avp {
inline constexpr std::uint32_t user_name = 1;
inline constexpr std::uint32_t public_identity = 601;
inline constexpr std::uint32_t server_name = 602;
inline constexpr std::uint32_t sip_authorization = 610;
inline constexpr std::uint32_t server_assignment_type = 614;
}  // namespace avp

}  // namespace ims::hss
