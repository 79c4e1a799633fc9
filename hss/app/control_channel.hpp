#pragma once
// The daemon's local control channel: a Unix stream socket where `ims-hss rtr|ppr` send one
// JSON request line and read one JSON answer line. Local only (file permissions 0600): an
// operator on this machine, never the network.

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include "common/core/result.hpp"

namespace ims::hss {

/// Called on the io_context thread with the request; `reply` may be called later (once),
/// from any handler running on the same io_context.
using ControlHandler =
    std::function<void(const nlohmann::json& request, std::function<void(nlohmann::json)> reply)>;

class ControlServer {
  public:
    /// Binds `path` (an existing stale socket file is replaced). Start-up, main thread.
    static Result<std::unique_ptr<ControlServer>> start(boost::asio::io_context& io,
                                                        const std::filesystem::path& path,
                                                        ControlHandler handler);
    ~ControlServer();
    void stop();

    struct Impl;

  private:
    explicit ControlServer(std::shared_ptr<Impl> impl);
    std::shared_ptr<Impl> impl_;
};

/// Client side (the CLI): sends `request`, waits up to `timeout_s` for the answer line.
Result<nlohmann::json> control_call(const std::filesystem::path& path,
                                    const nlohmann::json& request, int timeout_s);

}  // namespace ims::hss
