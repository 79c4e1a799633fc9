// ims-scscf: the S-CSCF registrar (TS 24.229 5.4.1) as its own process.
//
//   ims-scscf --config scscf.yaml
//
// SIP over UDP and TCP (common/sip/stack), Cx to the HSS (common/diameter), the location service
// in memory with an optional SQLite journal. Prints one line containing "ready" with the listen
// addresses once it accepts traffic. Keys: README.md.

#if IMS_WITH_JEMALLOC
#include <jemalloc/jemalloc.h>
#else
#include <malloc.h>
#endif
#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>

#include "common/core/logging.hpp"
#include "common/diameter/cx_client.hpp"
#include "common/diameter/cx_server.hpp"
#include "common/diameter/diameter_core.hpp"
#include "common/sip/response.hpp"
#include "cscf/scscf/digest_verifier.hpp"
#include "cscf/scscf/registrar.hpp"
#include "cscf/scscf/scscf_config.hpp"
#include "cscf/scscf/sqlite_registration_store.hpp"
#include "cscf/scscf/stack_ports.hpp"

namespace asio = boost::asio;
using namespace ims;

namespace {

scscf::TimePoint wall_now() {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::string received_of(const sip::IncomingRequest& r) {
    std::string kind(sip::to_string(r.kind));
    for (auto& ch : kind) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return kind + ":" + sip::to_string(r.remote);
}

long rss_kib() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.starts_with("VmRSS:")) return std::atol(line.c_str() + 6);
    }
    return -1;
}

// Bytes the allocator has handed out and not got back.
std::size_t heap_bytes() {
#if IMS_WITH_JEMALLOC
    // jemalloc caches its statistics until the epoch advances.
    std::uint64_t epoch = 1;
    std::size_t size = sizeof epoch;
    mallctl("epoch", &epoch, &size, &epoch, size);
    std::size_t allocated = 0;
    size = sizeof allocated;
    if (mallctl("stats.allocated", &allocated, &size, nullptr, 0) != 0) return 0;
    return allocated;
#else
    const auto info = mallinfo2();  // 0 under the sanitizers' allocator
    return info.uordblks + info.hblkhd;
#endif
}

// One line that says how big the S-CSCF is: what a lab engineer (and bench/registration) reads
// to see the location service's footprint (heap_bytes as above).
void log_stats(const scscf::RegistrationStore& store, const scscf::Registrar& registrar,
               const sip::SipStack& stack) {
    spdlog::info(
        "scscf: stats registrations={} bindings={} nonces={} transactions={} heap_bytes={} "
        "rss_kib={}",
        store.registration_count(), store.binding_count(), registrar.nonces_in_flight(),
        stack.live_transactions(), heap_bytes(), rss_kib());
}

void every(asio::steady_timer& timer, std::chrono::seconds period, std::function<void()> f) {
    timer.expires_after(period);
    timer.async_wait([&timer, period, f = std::move(f)](const boost::system::error_code& ec) {
        if (ec) return;
        f();
        every(timer, period, f);
    });
}

int run(const scscf::ScscfConfig& cfg) {
    // ---- location service -----------------------------------------------------------------
    scscf::IfcCache ifc_cache;
    std::unique_ptr<scscf::RegistrationStore> store;
    scscf::SqliteRegistrationStore* journal = nullptr;
    if (!cfg.state_file.empty()) {
        auto opened = scscf::SqliteRegistrationStore::open(cfg.state_file, &ifc_cache);
        if (!opened) {
            spdlog::critical("cannot open state_file {}: {}", cfg.state_file,
                             opened.error().message());
            return 1;
        }
        if (opened.value()->corrupt_rows() > 0) {
            spdlog::warn("state_file {}: dropped {} unreadable rows", cfg.state_file,
                         opened.value()->corrupt_rows());
        }
        spdlog::info("location service: restored {} registrations ({} bindings) from {}",
                     opened.value()->registration_count(), opened.value()->binding_count(),
                     cfg.state_file);
        journal = opened.value().get();
        store = std::move(opened).value();
    } else {
        store = std::make_unique<scscf::MemoryRegistrationStore>();
        spdlog::info("location service: memory only (no state_file)");
    }

    // ---- Cx ---------------------------------------------------------------------------------
    auto core = cx::DiameterCore::start(cfg.diameter);
    if (!core) {
        spdlog::critical("diameter core failed to start: {}", core.error().message());
        return 1;
    }
    int rc = 0;
    {
        asio::io_context io;
        if (journal) {
            journal->set_group_commit(
                [&io](std::function<void()> commit) { asio::post(io, std::move(commit)); });
        }
        cx::CxClient::Options options;
        options.destination_realm = cfg.hss.destination_realm;
        options.destination_host = cfg.hss.destination_host;
        options.timeout = cfg.hss.timeout;
        cx::CxClient client(*core.value(), io.get_executor(), options);
        scscf::CxHssPort hss(client);

        // ---- SIP ------------------------------------------------------------------------------
        scscf::Registrar* registrar_ptr = nullptr;
        sip::SipStack* stack_ptr = nullptr;
        sip::SipStack stack(io, cfg.sip.stack, [&](sip::IncomingRequest request) {
            if (request.transaction == 0) return;  // an ACK to a 2xx: nothing to do
            const auto method = request.message.method();
            if (method == "REGISTER") {
                registrar_ptr->on_register(scscf::IncomingRegister{
                    request.transaction, std::move(request.message), received_of(request)});
                return;
            }
            // Only the registrar exists so far: other methods are not served here yet.
            const int status = method == "OPTIONS" ? 200 : 501;
            spdlog::info("scscf: {} {} from {} -> {}", method, request.message.request_uri_text(),
                         sip::to_string(request.remote), status);
            stack_ptr->respond(request.transaction,
                               sip::make_response(request.message, status, {}, "scscf"));
        });
        stack_ptr = &stack;
        scscf::StackSipPort sip_port(stack);
        scscf::OpensslRandom random;
        scscf::Registrar registrar(io.get_executor(), cfg.registrar, *store, hss, sip_port, random,
                                   wall_now, scscf::make_digest_verifier(), &ifc_cache);
        registrar_ptr = &registrar;

        // HSS-initiated de-registration (RTR): answered at once on the Diameter thread, the work
        // is posted to the io_context that owns the location service.
        cx::CxServer cx_server(*core.value());
        cx_server.on_rtr([&io, &registrar](const cx::Rtr& rtr) {
            asio::post(io, [&registrar, rtr] { registrar.on_rtr(rtr); });
            cx::Rta rta;
            rta.hdr.outcome = cx::Outcome::base(cx::result_code::success);
            return rta;
        });

        try {
            sip::listen_all(stack, cfg.sip);
        } catch (const std::exception& e) {
            spdlog::critical("{}", e.what());
            core.value()->stop();
            return 1;
        }
        registrar.start();

        std::string where;
        for (const auto& l : cfg.sip.listen) {
            auto bound = stack.local_endpoint(l.kind);
            where += " " + sip::to_string(bound ? *bound : l.endpoint) + "/" +
                     std::string(sip::to_string(l.kind));
        }
        spdlog::info("ims-scscf ready: sip{}, uri {}, domain {}, diameter {} -> hss {}", where,
                     cfg.registrar.server_name, cfg.registrar.realm, cfg.diameter.identity,
                     cfg.hss.destination_host.value_or(cfg.hss.destination_realm.empty()
                                                           ? cfg.diameter.realm
                                                           : cfg.hss.destination_realm));
        core.value()->async_wait_peer_open(io.get_executor(), cfg.hss.destination_host.value_or(""),
                                           std::chrono::seconds(30), [](bool open) {
                                               if (open) {
                                                   spdlog::info("scscf: HSS peer connected");
                                               } else {
                                                   spdlog::warn(
                                                       "scscf: no HSS peer after 30s; REGISTER "
                                                       "gets 504 until it is reachable");
                                               }
                                           });

        asio::steady_timer stats_timer(io);
        if (cfg.stats_interval.count() > 0) {
            every(stats_timer, cfg.stats_interval, [&] { log_stats(*store, registrar, stack); });
        }

        asio::signal_set signals(io, SIGINT, SIGTERM);
        signals.async_wait([&](const boost::system::error_code& ec, int sig) {
            if (ec) return;
            spdlog::info("scscf: signal {}, stopping", sig);
            registrar.stop();
            stats_timer.cancel();
            stack.stop();
            io.stop();
        });
        io.run();
        // io goes with this scope; the store's destructor commits what is still open.
        if (journal) journal->set_group_commit({});
        // Stop the core while io still exists: requests still pending complete into it.
        core.value()->stop();
    }
    spdlog::info("ims-scscf stopped");
    return rc;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"ims-scscf: S-CSCF registrar (401 challenge over Cx, location service, iFC)"};
    std::string config_path;
    app.add_option("-c,--config", config_path, "YAML configuration file")->required();
    CLI11_PARSE(app, argc, argv);

    scscf::ScscfConfig cfg;
    try {
        cfg = scscf::load_scscf_config(config_path);
        init_logging("ims-scscf", cfg.log_level);
    } catch (const std::exception& e) {
        std::cerr << "ims-scscf: " << e.what() << "\n";
        return 2;
    }
    return run(cfg);
}
