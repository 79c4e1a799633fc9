#include "hss/app/daemon.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <chrono>

#include "common/diameter/cx_client.hpp"
#include "common/diameter/cx_server.hpp"
#include "common/diameter/diameter_core.hpp"
#include "hss/app/control_channel.hpp"
#include "hss/lib/cx_handlers.hpp"
#include "hss/lib/operator_requests.hpp"
#include "hss/lib/provisioning.hpp"
#include "hss/lib/sqlite_store.hpp"

namespace ims::hss {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

std::string outcome_text(const cx::Outcome& o) {
    return fmt::format("{}{}", o.experimental ? "exp:" : "", o.code);
}

long micros_since(Clock::time_point t0) {
    return static_cast<long>(
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0).count());
}

/// One structured line per Cx exchange (never secrets: no keys, XRES, HA1; RAND is public).
void register_handlers(cx::CxServer& server, CxHandlers& cx) {
    server.on_uar([&cx](const cx::Uar& r) {
        auto t0 = Clock::now();
        auto a = cx.uar(r);
        spdlog::info(
            "cx UAR impi={} impu={} visited={} type={} result={} server={} "
            "latency_us={}",
            r.user_name, r.public_identity, r.visited_network_id,
            static_cast<int>(
                r.authorization_type.value_or(cx::UserAuthorizationType::registration)),
            outcome_text(a.hdr.outcome), a.server_name.value_or("-"), micros_since(t0));
        return a;
    });
    server.on_mar([&cx](const cx::Mar& r) {
        auto t0 = Clock::now();
        auto a = cx.mar(r);
        spdlog::info(
            "cx MAR impi={} impu={} scheme={} resync={} asked={} items={} result={} "
            "latency_us={}",
            r.user_name, r.public_identity, r.auth_data.scheme.empty() ? "-" : r.auth_data.scheme,
            !r.auth_data.authorization.empty(), r.number_auth_items, a.items.size(),
            outcome_text(a.hdr.outcome), micros_since(t0));
        return a;
    });
    server.on_sar([&cx](const cx::Sar& r) {
        auto t0 = Clock::now();
        auto a = cx.sar(r);
        spdlog::info(
            "cx SAR impi={} impu={} type={} server={} result={} user_data={} "
            "latency_us={}",
            r.user_name.value_or("-"),
            r.public_identities.empty() ? "-" : r.public_identities.front(),
            static_cast<int>(r.assignment_type), r.server_name, outcome_text(a.hdr.outcome),
            a.user_data ? a.user_data->size() : 0, micros_since(t0));
        return a;
    });
    server.on_lir([&cx](const cx::Lir& r) {
        auto t0 = Clock::now();
        auto a = cx.lir(r);
        spdlog::info("cx LIR impu={} result={} server={} latency_us={}", r.public_identity,
                     outcome_text(a.hdr.outcome), a.server_name.value_or("-"), micros_since(t0));
        return a;
    });
}

std::optional<cx::ReasonCode> parse_reason(const std::string& s) {
    if (s == "permanent_termination") return cx::ReasonCode::permanent_termination;
    if (s == "new_server_assigned") return cx::ReasonCode::new_server_assigned;
    if (s == "server_change") return cx::ReasonCode::server_change;
    if (s == "remove_scscf") return cx::ReasonCode::remove_scscf;
    return std::nullopt;
}

/// The control channel's commands: rtr and ppr, sent to the user's serving S-CSCF.
ControlHandler make_control_handler(const HssConfig& cfg, SubscriberStore& store,
                                    cx::CxClient& client) {
    return [&cfg, &store, &client](const nlohmann::json& req,
                                   std::function<void(nlohmann::json)> reply) {
        const std::string cmd = req.value("cmd", "");
        const std::string impi = req.value("impi", "");
        if (impi.empty()) return reply({{"ok", false}, {"error", "impi is required"}});
        if (cmd == "rtr") {
            auto reason = parse_reason(req.value("reason", "permanent_termination"));
            if (!reason) return reply({{"ok", false}, {"error", "unknown reason"}});
            std::vector<std::string> impus;
            if (req.contains("impus") && req["impus"].is_array())
                for (const auto& i : req["impus"])
                    if (i.is_string()) impus.push_back(i.get<std::string>());
            auto op = build_rtr(store, impi, impus, *reason, req.value("info", ""));
            if (!op.error.empty()) return reply({{"ok", false}, {"error", op.error}});
            op.rtr.hdr.destination_host = scscf_identity(cfg, op.scscf_name);
            auto t0 = Clock::now();
            auto rtr = op.rtr;
            client.async_rtr(op.rtr, [&store, rtr, reply, t0, scscf = op.scscf_name,
                                      host = *op.rtr.hdr.destination_host](Result<cx::Rta> r) {
                if (!r) {
                    spdlog::warn("cx RTR impi={} scscf={} error={} latency_us={}", rtr.user_name,
                                 host, r.error().message(), micros_since(t0));
                    return reply({{"ok", false}, {"error", r.error().message()}});
                }
                const auto& o = r.value().hdr.outcome;
                spdlog::info("cx RTR impi={} scscf={} identities={} result={} latency_us={}",
                             rtr.user_name, host, rtr.public_identities.size(), outcome_text(o),
                             micros_since(t0));
                if (o.is_success()) {
                    if (auto w = apply_rta(store, rtr); !w)
                        spdlog::error("RTA {}: store update failed: {}", rtr.user_name,
                                      w.error().message());
                }
                reply({{"ok", o.is_success()},
                       {"command", "RTA"},
                       {"result_code", o.code},
                       {"experimental", o.experimental},
                       {"scscf", scscf},
                       {"destination_host", host},
                       {"public_identities", rtr.public_identities}});
            });
            return;
        }
        if (cmd == "ppr") {
            auto op = build_ppr(store, cfg.settings, impi);
            if (!op.error.empty()) return reply({{"ok", false}, {"error", op.error}});
            op.ppr.hdr.destination_host = scscf_identity(cfg, op.scscf_name);
            auto t0 = Clock::now();
            client.async_ppr(op.ppr, [reply, t0, impi, scscf = op.scscf_name,
                                      host = *op.ppr.hdr.destination_host](Result<cx::Ppa> r) {
                if (!r) {
                    spdlog::warn("cx PPR impi={} scscf={} error={} latency_us={}", impi, host,
                                 r.error().message(), micros_since(t0));
                    return reply({{"ok", false}, {"error", r.error().message()}});
                }
                const auto& o = r.value().hdr.outcome;
                spdlog::info("cx PPR impi={} scscf={} result={} latency_us={}", impi, host,
                             outcome_text(o), micros_since(t0));
                reply({{"ok", o.is_success()},
                       {"command", "PPA"},
                       {"result_code", o.code},
                       {"experimental", o.experimental},
                       {"scscf", scscf},
                       {"destination_host", host}});
            });
            return;
        }
        reply({{"ok", false}, {"error", "unknown command '" + cmd + "' (rtr, ppr)"}});
    };
}

}  // namespace

int run_daemon(const HssConfig& cfg) {
    SqliteOptions options;
    options.synchronous = cfg.sqlite_synchronous;
    auto opened = SqliteStore::open(cfg.database, options);
    if (!opened) {
        spdlog::critical("cannot open database {}: {}", cfg.database.string(),
                         opened.error().message());
        return 1;
    }
    auto store = std::move(opened).value();
    if (cfg.provisioning_file) {
        // Start-up: a bad file ends the process with file:line: key (ConfigError from main).
        auto plan = load_provisioning_file(*cfg.provisioning_file, store.get());
        auto applied = apply_provisioning(*store, plan);
        if (!applied) {
            spdlog::critical("provisioning failed: {}", applied.error().message());
            return 1;
        }
        if (!applied.value().error.empty()) {
            spdlog::critical("{}", applied.value().error);
            return 1;
        }
        spdlog::info("provisioned {} subscribers, {} profiles from {}",
                     applied.value().report.subscribers, applied.value().report.profiles,
                     cfg.provisioning_file->string());
    }
    auto count = store->count();
    spdlog::info("store {} holds {} subscribers", cfg.database.string(), count ? count.value() : 0);

    OpenSslRandom random;
    asio::io_context io;
    cx::CxClient* rtr_client = nullptr;  // set once the core runs; used on io's thread only
    HssSettings settings = cfg.settings;
    // TS 29.228 8.1.1: a MAR moved a registered user to another S-CSCF; de-register it at the
    // old one. Called on a freeDiameter thread: hand over to io's thread, never block here.
    settings.on_scscf_reassigned = [&io, &rtr_client, &cfg](const std::string& impi,
                                                            const std::string& old_scscf,
                                                            const std::vector<std::string>& impus) {
        asio::post(io, [&rtr_client, &cfg, impi, old_scscf, impus] {
            if (!rtr_client) return;
            cx::Rtr rtr;
            rtr.user_name = impi;
            rtr.public_identities = impus;
            rtr.reason = {cx::ReasonCode::new_server_assigned, "S-CSCF re-assigned"};
            rtr.hdr.destination_host = scscf_identity(cfg, old_scscf);
            auto t0 = Clock::now();
            rtr_client->async_rtr(
                rtr, [impi, host = *rtr.hdr.destination_host, t0](Result<cx::Rta> r) {
                    if (!r) {
                        spdlog::warn(
                            "cx RTR impi={} scscf={} reason=new_server_assigned error={} "
                            "latency_us={}",
                            impi, host, r.error().message(), micros_since(t0));
                        return;
                    }
                    spdlog::info(
                        "cx RTR impi={} scscf={} reason=new_server_assigned result={} "
                        "latency_us={}",
                        impi, host, outcome_text(r.value().hdr.outcome), micros_since(t0));
                });
        });
    };
    CxHandlers handlers(*store, random, settings);

    auto core = cx::DiameterCore::start(*cfg.diameter);
    if (!core) {
        spdlog::critical("diameter core failed to start: {}", core.error().message());
        return 1;
    }
    int rc = 0;
    {
        cx::CxServer server(*core.value());
        register_handlers(server, handlers);

        cx::CxClient client(*core.value(), io.get_executor());
        rtr_client = &client;
        auto control =
            ControlServer::start(io, cfg.control_socket, make_control_handler(cfg, *store, client));
        if (!control) {
            rc = 1;
        } else {
            asio::signal_set signals(io, SIGINT, SIGTERM);
            signals.async_wait([&](const boost::system::error_code& ec, int sig) {
                if (ec) return;
                spdlog::info("signal {}: shutting down", sig);
                control.value()->stop();
                io.stop();
            });
            spdlog::info("ims-hss ready: diameter {} on {}:{}, control {}", cfg.diameter->identity,
                         cfg.diameter->listen_address, cfg.diameter->listen_port,
                         cfg.control_socket.string());
            io.run();
        }
        rtr_client = nullptr;
        // Stop the core while io still exists: requests still pending complete into it.
        core.value()->stop();
    }
    spdlog::info("ims-hss stopped");
    return rc;
}

}  // namespace ims::hss
