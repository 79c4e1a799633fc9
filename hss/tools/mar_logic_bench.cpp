// hss-mar-logic-bench: the cost of the HSS's own work per MAR (CxHandlers + SqliteStore +
// Milenage), without Diameter, on one thread. Separates our share from freeDiameter's in the
// end-to-end figure of bench/hss_bench.sh.
//
//   hss-mar-logic-bench --db hss.sqlite --users 10000 --count 100000 [--width 7]
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <iostream>

#include "hss/lib/cx_handlers.hpp"
#include "hss/lib/sqlite_store.hpp"

using namespace ims::hss;
namespace cx = ims::cx;

int main(int argc, char** argv) {
    CLI::App app{"hss-mar-logic-bench: CxHandlers::mar over SqliteStore, no Diameter"};
    std::string db, realm = "ims.mnc001.mcc001.3gppnetwork.org", scheme = cx::kSchemeAka;
    std::uint64_t users = 10000, count = 100000;
    int width = 7;
    app.add_option("--db", db)->required();
    app.add_option("--users", users);
    app.add_option("--count", count);
    app.add_option("--width", width);
    app.add_option("--realm", realm);
    app.add_option("--scheme", scheme);
    CLI11_PARSE(app, argc, argv);
    auto store = SqliteStore::open(db);
    if (!store) {
        std::cerr << "cannot open " << db << "\n";
        return 1;
    }
    OpenSslRandom random;
    CxHandlers handlers(*store.value(), random, HssSettings{});
    std::uint64_t ok = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (std::uint64_t i = 0; i < count; ++i) {
        auto n = fmt::format("{:0{}}", 1 + i % users, width);
        cx::Mar m;
        m.user_name = fmt::format("user{}@{}", n, realm);
        m.public_identity = fmt::format("sip:user{}@{}", n, realm);
        m.server_name = "sip:scscf." + realm + ":6060";
        m.auth_data.scheme = scheme;
        if (handlers.mar(m).hdr.outcome.is_success()) ++ok;
    }
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << fmt::format(
        "{{\"count\":{},\"ok\":{},\"seconds\":{:.3f},\"us_per_mar\":{:.1f}}}\n", count, ok, s,
        s / count * 1e6);
    return ok == count ? 0 : 5;
}
