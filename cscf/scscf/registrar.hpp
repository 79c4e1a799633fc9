#pragma once
// The S-CSCF registrar: TS 24.229 5.4.1 as one coroutine per REGISTER, over the pure decisions
// (decide_auth, decide_register, decide_expiry, iFC matching) and the seams of ports.hpp.
//
//   REGISTER -> 100 Trying -> [no/unknown credentials] MAR -> 401
//            -> [credentials] verify -> SAR -> store -> 200 OK -> third-party REGISTER(s)
//   expiry sweep (every second) -> SAR TIMEOUT_DEREGISTRATION -> third-party de-REGISTER(s)
//
// Threading: everything runs on the io_context of `ex`; no locks.

#include <boost/asio/any_io_executor.hpp>
#include <utility>  // Boost 1.74 awaitable.hpp uses std::exchange without it

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/sip/message.hpp"
#include "common/sip/transport/transport_types.hpp"
#include "cscf/scscf/auth_decision.hpp"
#include "cscf/scscf/codec.hpp"
#include "cscf/scscf/ports.hpp"
#include "cscf/scscf/register_decision.hpp"
#include "cscf/scscf/register_message.hpp"
#include "cscf/scscf/registration_store.hpp"

namespace ims::scscf {

struct RegistrarSettings {
    std::string realm;          // home domain / digest realm for AKA
    std::string server_name;    // our SIP URI: Server-Name in MAR/SAR, From/Contact to ASs
    std::string service_route;  // Service-Route value, e.g. <sip:orig@127.0.0.1:6060;lr>
    // SHA-256 is opt-in: sipp 3.6 answers only the first WWW-Authenticate and knows no SHA-256.
    std::vector<AuthScheme> schemes{AuthScheme::aka_v1_md5, AuthScheme::digest_md5};
    std::optional<AuthScheme> default_scheme;  // nullopt: ask the HSS ("Unknown")
    bool aka_keys_in_challenge = true;         // ck/ik in the 401 (TS 24.229 5.4.1.2.1)
    std::chrono::seconds nonce_lifetime{30};
    RegistrarConfig expiry;
};

/// One REGISTER handed over by the SIP stack.
struct IncomingRegister {
    std::uint64_t transaction = 0;
    sip::Message message;
    std::string received;  // "udp:192.0.2.1:5060"
};

class Registrar {
  public:
    using Clock = std::function<TimePoint()>;

    Registrar(boost::asio::any_io_executor ex, RegistrarSettings settings, RegistrationStore& store,
              HssPort& hss, SipPort& sip, RandomSource& random, Clock clock,
              ResponseVerifier verifier, IfcCache* cache = nullptr);

    /// A REGISTER arrived: starts its flow (returns at once).
    void on_register(IncomingRegister in);
    /// Arms the periodic expiry sweep (every `period`).
    void start(std::chrono::milliseconds period = std::chrono::seconds(1));
    void stop();
    /// One expiry pass at the clock's now (the timer calls it; tests call it directly).
    void sweep();
    /// The HSS de-registered identities (RTR, TS 29.228 6.1.3 / TS 24.229 5.4.1.5): drop them
    /// and tell the ASs. All IMPUs of the IMPI when the RTR lists none. Returns how many
    /// registrations went. Call on the io_context thread (post from the Diameter thread).
    std::size_t on_rtr(const cx::Rtr& rtr);

    /// The flow of one REGISTER (exposed so tests can co_await it).
    boost::asio::awaitable<void> handle(IncomingRegister in);

    std::size_t nonces_in_flight() const { return nonces_.size(); }
    IfcCache& ifc_cache() { return *cache_; }

  private:
    boost::asio::awaitable<void> challenge(const IncomingRegister& in, const ExtractedRegister& ex,
                                           bool stale, std::vector<std::uint8_t> resync);
    boost::asio::awaitable<void> timeout_deregistration(Registration reg);
    boost::asio::awaitable<void> third_party(ThirdPartyRegister r, std::string impu,
                                             bool deregistration);
    boost::asio::awaitable<void> network_deregistration(std::string impu, std::string why);
    boost::asio::awaitable<std::optional<sip::Destination>> resolve(const std::string& uri);
    void send_third_party(const Registration& reg, const std::string& impu, RegistrationType type,
                          std::uint32_t expires, const ExtractedRegister* ex,
                          const sip::Message* request, const sip::Message* response);
    /// Completes once every location-service write so far is durable (false: it failed).
    boost::asio::awaitable<bool> durable();
    void respond(const IncomingRegister& in, const sip::Message& m);
    void reject(const IncomingRegister& in, int status, const std::string& reason,
                std::optional<std::uint32_t> min_expires = std::nullopt);
    std::string token(std::size_t bytes);
    cx::Mar make_mar(const RegisterRequest& req, std::optional<AuthScheme> scheme) const;
    bool offered(AuthScheme s) const;
    void spawn(boost::asio::awaitable<void> task);

    boost::asio::any_io_executor ex_;
    RegistrarSettings settings_;
    RegistrationStore& store_;
    HssPort& hss_;
    SipPort& sip_;
    RandomSource& random_;
    Clock clock_;
    ResponseVerifier verifier_;
    NonceStore nonces_;
    IfcCache own_cache_;
    IfcCache* cache_;  // shared with the journal when given, else own_cache_
    boost::asio::steady_timer timer_;
    std::chrono::milliseconds period_{1000};
    bool running_ = false;
};

}  // namespace ims::scscf
