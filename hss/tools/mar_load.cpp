// hss-mar-load: drives MARs at an ims-hss to measure throughput (bench/hss_mar_load.sh).
// Keeps --concurrency requests in flight until --count answers arrived; users are taken in turn
// from a generated range (the same {n} patterns as provisioning's generate:).
//
//   hss-mar-load --hss 127.0.0.1:3868 --hss-identity hss.ims.example --realm ims.example
//       --count 100000 --concurrency 64 --users 1000
//       --impi "user{n}@ims.example" --impu "sip:user{n}@ims.example" --width 7
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <iostream>

#include "common/diameter/cx_client.hpp"
#include "common/diameter/diameter_core.hpp"

namespace cx = ims::cx;
using Clock = std::chrono::steady_clock;

namespace {

std::string substitute(std::string text, const std::string& number) {
    for (auto at = text.find("{n}"); at != std::string::npos; at = text.find("{n}"))
        text.replace(at, 3, number);
    return text;
}

struct Load {
    cx::CxClient& client;
    std::uint64_t count, users, start;
    int width;
    std::string impi, impu, scheme, server_name;
    std::uint64_t sent = 0, done = 0, ok = 0, failed = 0;
    std::vector<std::uint32_t> latencies_us;

    void send_one() {
        if (sent >= count) return;
        auto n = fmt::format("{:0{}}", start + (sent % users), width);
        ++sent;
        cx::Mar m;
        m.user_name = substitute(impi, n);
        m.public_identity = substitute(impu, n);
        m.server_name = server_name;
        m.number_auth_items = 1;
        m.auth_data.scheme = scheme;
        auto t0 = Clock::now();
        client.async_mar(std::move(m), [this, t0](ims::Result<cx::Maa> r) {
            latencies_us.push_back(static_cast<std::uint32_t>(
                std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0).count()));
            ++done;
            if (r && r.value().hdr.outcome.is_success() && !r.value().items.empty()) {
                ++ok;
            } else {
                ++failed;
            }
            send_one();
        });
    }
};

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"hss-mar-load: MAR load generator for ims-hss"};
    std::string hss = "127.0.0.1:3868", hss_identity, realm = "ims.mnc001.mcc001.3gppnetwork.org";
    std::string impi = "user{n}@ims.mnc001.mcc001.3gppnetwork.org";
    std::string impu = "sip:user{n}@ims.mnc001.mcc001.3gppnetwork.org";
    std::string scheme = cx::kSchemeAka,
                state_dir = "/tmp/hss-mar-load-" + std::to_string(::getpid());
    std::uint64_t count = 10000, users = 1000, start = 1;
    int concurrency = 64, width = 0, threads = 2;
    app.add_option("--hss", hss, "ADDRESS:PORT");
    app.add_option("--hss-identity", hss_identity)->required();
    app.add_option("--realm", realm);
    app.add_option("--count", count);
    app.add_option("--concurrency", concurrency);
    app.add_option("--users", users);
    app.add_option("--start", start);
    app.add_option("--width", width);
    app.add_option("--impi", impi);
    app.add_option("--impu", impu);
    app.add_option("--scheme", scheme);
    app.add_option("--state-dir", state_dir);
    app.add_option("--threads", threads, "freeDiameter threads of this client");
    CLI11_PARSE(app, argc, argv);
    spdlog::set_level(spdlog::level::warn);

    cx::DiameterConfig cfg;
    cfg.identity = "mar-load-" + std::to_string(::getpid()) + "." + realm;
    cfg.realm = realm;
    cfg.listen_port = 0;
    cfg.state_dir = state_dir;
    cfg.threads = static_cast<unsigned>(threads);
    cfg.request_timeout = std::chrono::milliseconds(10000);
    auto colon = hss.rfind(':');
    cfg.peers.push_back({hss_identity, hss.substr(0, colon),
                         static_cast<std::uint16_t>(std::stoul(hss.substr(colon + 1)))});
    auto core = cx::DiameterCore::start(cfg);
    if (!core) {
        std::cerr << "core: " << core.error().message() << "\n";
        return 1;
    }
    if (!core.value()->wait_peer_open(hss_identity, std::chrono::seconds(10))) {
        std::cerr << "peer " << hss_identity << " did not open\n";
        return 3;
    }
    boost::asio::io_context io;
    cx::CxClient::Options options;
    options.destination_realm = realm;
    options.destination_host = hss_identity;
    cx::CxClient client(*core.value(), io.get_executor(), options);
    Load load{client, count,  std::max<std::uint64_t>(users, 1), start, width, impi,
              impu,   scheme, "sip:scscf." + realm + ":6060",    0,     0,     0,
              0,      {}};
    load.latencies_us.reserve(count);
    auto t0 = Clock::now();
    for (int i = 0; i < concurrency; ++i) load.send_one();
    io.run();
    double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    core.value()->stop();
    auto& l = load.latencies_us;
    std::sort(l.begin(), l.end());
    auto pct = [&](double p) {
        return l.empty() ? 0u : l[std::min(l.size() - 1, static_cast<std::size_t>(p * l.size()))];
    };
    nlohmann::json out = {{"count", load.done},
                          {"ok", load.ok},
                          {"failed", load.failed},
                          {"seconds", seconds},
                          {"rate_per_s", load.done / seconds},
                          {"concurrency", concurrency},
                          {"latency_us",
                           {{"p50", pct(0.5)},
                            {"p90", pct(0.9)},
                            {"p99", pct(0.99)},
                            {"max", l.empty() ? 0u : l.back()}}}};
    std::cout << out.dump() << "\n";
    return load.failed == 0 ? 0 : 5;
}
