#pragma once
// The freeDiameter core of this process: start from our YAML-derived config, stop, peer state.
//
// freeDiameter keeps ONE global core per process and cannot be restarted after shutdown, so a
// process creates at most one DiameterCore, ever (a second start() fails with core_failure).
// Tests that need a client and a server use two processes.
//
// start() (main thread, before serving): fd_core_initialize, Cx dictionary, TLS credentials
// (a self-signed pair is created in state_dir on first start: freeDiameter 1.2.1 wants cert/key
// files even when every peer is No_TLS), writes state_dir/freediameter.conf, fd_core_parseconf,
// advertises the Cx application in CER/CEA, fd_core_start.
// stop() / destructor: fd_core_shutdown + fd_core_wait_shutdown_complete, then completes every
// request still pending with cx_errc::shutting_down (posted to its executor).

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>

#include "common/core/result.hpp"
#include "common/diameter/diameter_config.hpp"

namespace ims::cx {

class DiameterCore {
  public:
    /// Starts the core. Errors: cx_errc::core_failure (message logged), tls_setup_failed.
    static Result<std::unique_ptr<DiameterCore>> start(const DiameterConfig& cfg);

    ~DiameterCore();
    DiameterCore(const DiameterCore&) = delete;
    DiameterCore& operator=(const DiameterCore&) = delete;

    /// Idempotent. Blocks until freeDiameter's threads have stopped (DPR sent to peers).
    void stop();
    bool running() const noexcept;
    /// True once this process's core was stopped: freeDiameter then dropped every dispatch
    /// registration (CxServer must not unregister its handlers any more).
    static bool stopped_once() noexcept;

    const DiameterConfig& config() const noexcept { return cfg_; }
    const std::string& identity() const noexcept { return cfg_.identity; }
    const std::string& realm() const noexcept { return cfg_.realm; }

    enum class PeerStatus { unknown, connecting, open, closed };
    /// State of a peer: unknown (not configured and never connected), connecting (TCP/CER in
    /// progress), open, closed (connection failed or lost; freeDiameter retries every 3 s).
    PeerStatus peer_status(std::string_view identity) const;
    /// Failed connection attempts to/from this peer since start (refused, CER rejected, lost).
    unsigned peer_failures(std::string_view identity) const;
    /// True if the peer with this Diameter identity is in state OPEN (CER/CEA done).
    bool peer_open(std::string_view identity) const;
    /// True if any peer is OPEN.
    bool any_peer_open() const;
    /// Blocks the calling thread (start-up, tests) until peer_open(identity) or the timeout.
    /// An empty identity waits for any peer.
    bool wait_peer_open(std::string_view identity, std::chrono::milliseconds timeout) const;
    /// Asynchronous flavour: polls every 20 ms on `ex`; handler(bool open) runs on `ex`.
    void async_wait_peer_open(boost::asio::any_io_executor ex, std::string identity,
                              std::chrono::milliseconds timeout, std::function<void(bool)> handler);

  private:
    explicit DiameterCore(DiameterConfig cfg);
    DiameterConfig cfg_;
    std::atomic<bool> running_{false};
};

}  // namespace ims::cx
