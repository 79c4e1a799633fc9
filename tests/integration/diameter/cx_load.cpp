// cx-load: a bounded MAR load generator for measuring a Cx server (the HSS must sustain
// 10,000 MAR/s). Keeps --concurrency requests in flight until --count answers arrived (or the
// --max-seconds deadline), then prints one JSON line with the rate. Loopback only.
//
//   cx-load --hss 127.0.0.1:3868 --count 50000 --concurrency 200 --impi alice@... --impu sip:...

#include <unistd.h>

#include <chrono>
#include <iostream>
#include <thread>

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include "common/diameter/cx_client.hpp"
#include "common/diameter/cx_result.hpp"
#include "common/diameter/diameter_core.hpp"

namespace cx = ims::cx;

int main(int argc, char** argv) {
    std::string hss = "127.0.0.1:3868";
    std::string hss_identity = "hss.ims.mnc001.mcc001.3gppnetwork.org";
    std::string realm = "ims.mnc001.mcc001.3gppnetwork.org";
    std::string impi = "001010000000001@ims.mnc001.mcc001.3gppnetwork.org";
    std::string impu = "sip:001010000000001@ims.mnc001.mcc001.3gppnetwork.org";
    std::string scheme = cx::kSchemeAka;
    unsigned count = 10000, concurrency = 100, max_seconds = 60, threads = 2;
    CLI::App app{"bounded Cx MAR load generator (loopback)"};
    app.add_option("--hss", hss);
    app.add_option("--hss-identity", hss_identity);
    app.add_option("--realm", realm);
    app.add_option("--impi", impi);
    app.add_option("--impu", impu);
    app.add_option("--scheme", scheme);
    app.add_option("--count", count)->check(CLI::Range(1u, 10000000u));
    app.add_option("--concurrency", concurrency)->check(CLI::Range(1u, 5000u));
    app.add_option("--max-seconds", max_seconds)->check(CLI::Range(1u, 600u));
    app.add_option("--threads", threads, "freeDiameter dispatch threads")
        ->check(CLI::Range(1u, 16u));
    CLI11_PARSE(app, argc, argv);
    spdlog::set_level(spdlog::level::err);

    cx::DiameterConfig cfg;
    cfg.identity = "cx-load-" + std::to_string(::getpid()) + "." + realm;
    cfg.realm = realm;
    cfg.listen_port = 0;
    cfg.accept_unknown_peers = false;
    cfg.threads = threads;
    cfg.request_timeout = std::chrono::seconds(5);
    cfg.state_dir =
        std::filesystem::temp_directory_path() / ("cx-load-" + std::to_string(::getpid()));
    auto colon = hss.rfind(':');
    cfg.peers = {{hss_identity, hss.substr(0, colon),
                  static_cast<std::uint16_t>(std::stoul(hss.substr(colon + 1)))}};
    auto core = cx::DiameterCore::start(cfg);
    if (!core) {
        std::cerr << "cx-load: " << core.error().message() << "\n";
        return 1;
    }
    if (!core.value()->wait_peer_open(hss_identity, std::chrono::seconds(8))) {
        std::cerr << "cx-load: peer " << hss_identity << " not connected\n";
        core.value()->stop();
        return 3;
    }

    boost::asio::io_context io;
    cx::CxClient::Options opts;
    opts.destination_realm = realm;
    opts.destination_host = hss_identity;
    cx::CxClient client(*core.value(), io.get_executor(), opts);
    cx::Mar mar;
    mar.user_name = impi;
    mar.public_identity = impu;
    mar.server_name = "sip:scscf." + realm;
    mar.auth_data.scheme = scheme;

    unsigned sent = 0, done = 0, ok = 0, errors = 0;
    auto start = std::chrono::steady_clock::now();
    auto deadline = start + std::chrono::seconds(max_seconds);
    std::function<void()> send_one = [&] {
        ++sent;
        client.async_mar(mar, [&](ims::Result<cx::Maa> r) {
            ++done;
            if (r && cx::is_success(cx::classify(r.value().hdr.outcome)))
                ++ok;
            else
                ++errors;
            if (sent < count && std::chrono::steady_clock::now() < deadline) send_one();
        });
    };
    for (unsigned i = 0; i < concurrency && sent < count; ++i) send_one();
    io.run();  // returns when nothing is in flight any more
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    nlohmann::json out{{"sent", sent},
                       {"answered", done},
                       {"ok", ok},
                       {"errors", errors},
                       {"seconds", secs},
                       {"concurrency", concurrency},
                       {"rate_per_s", done / secs}};
    std::cout << out.dump() << std::endl;
    core.value()->stop();
    std::filesystem::remove_all(cfg.state_dir);
    return errors == 0 ? 0 : 1;
}
