// ims-hss-test-peer: a minimal Diameter peer standing in for an S-CSCF in HSS integration tests.
// It answers RTR and PPR with the configured result and logs one line per request
// ("peer RTR impi=... identities=N reason=R" / "peer PPR impi=... user_data_bytes=N").
//
//   ims-hss-test-peer --config peer.yaml [--result 2001]
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <csignal>
#include <thread>

#include "common/config/config.hpp"
#include "common/diameter/cx_server.hpp"
#include "common/diameter/diameter_core.hpp"

namespace cx = ims::cx;

namespace {
volatile std::sig_atomic_t g_stop = 0;
void on_signal(int) {
    g_stop = 1;
}
}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"ims-hss-test-peer: answers RTR/PPR like an S-CSCF (tests only)"};
    std::string config;
    std::uint32_t result = cx::result_code::success;
    app.add_option("-c,--config", config)->required();
    app.add_option("--result", result, "Result-Code to answer with");
    CLI11_PARSE(app, argc, argv);
    cx::DiameterConfig cfg;
    try {
        cfg = cx::parse_diameter_config(ims::config::load_file(config).child("diameter"));
    } catch (const ims::config::ConfigError& e) {
        std::cerr << e.what() << "\n";
        return 2;
    }
    auto core = cx::DiameterCore::start(cfg);
    if (!core) {
        spdlog::critical("core: {}", core.error().message());
        return 1;
    }
    {
        cx::CxServer server(*core.value());
        server.on_rtr([result](const cx::Rtr& r) {
            spdlog::info("peer RTR impi={} identities={} reason={} info={}", r.user_name,
                         r.public_identities.size(), static_cast<int>(r.reason.code),
                         r.reason.info);
            cx::Rta a;
            a.hdr.outcome = cx::Outcome::base(result);
            return a;
        });
        server.on_ppr([result](const cx::Ppr& r) {
            spdlog::info("peer PPR impi={} user_data_bytes={} charging={}", r.user_name,
                         r.user_data ? r.user_data->size() : 0, r.charging_information.has_value());
            cx::Ppa a;
            a.hdr.outcome = cx::Outcome::base(result);
            return a;
        });
        std::signal(SIGINT, on_signal);
        std::signal(SIGTERM, on_signal);
        spdlog::info("peer ready: {}", cfg.identity);
        while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    core.value()->stop();
    return 0;
}
