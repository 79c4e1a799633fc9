// ims-cx: poke a Cx peer (the HSS, or an S-CSCF for RTR/PPR) from the command line.
//
//   ims-cx --hss 127.0.0.1:3868 mar --impi alice@ims.example --impu sip:alice@ims.example
//   ims-cx --config scscf.yaml --json sar --type registration --impu sip:alice@ims.example
//
// Exit codes: 0 an answer arrived (whatever its Result-Code, unless --fail-on-error), 1 other
// failure, 2 usage / configuration error, 3 peer down / unable to deliver, 4 timeout,
// 5 non-success answer with --fail-on-error.

#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>

#include "common/config/config.hpp"
#include "common/diameter/cx_client.hpp"
#include "common/diameter/cx_result.hpp"
#include "common/diameter/diameter_core.hpp"
#include "cx_cli_output.hpp"

namespace cx = ims::cx;
using ims::Result;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;
constexpr int kExitPeerDown = 3;
constexpr int kExitTimeout = 4;
constexpr int kExitErrorAnswer = 5;

// freeDiameter 1.2.1's shutdown asserts (abort) when a thread waiting on one of its queues takes
// more than ~20 ms to wake up (fd_fifo_del), which a loaded machine occasionally hits. By then
// the answer is printed and the exit code decided: keep it.
volatile sig_atomic_t g_exit_code = 1;
extern "C" void abort_during_shutdown(int) {
    _exit(g_exit_code);
}

struct Options {
    std::string config_file;
    std::string hss;  // host:port
    std::string hss_identity;
    std::string identity;
    std::string realm = "ims.mnc001.mcc001.3gppnetwork.org";
    std::string destination_realm;
    std::string state_dir;
    std::uint32_t timeout_ms = 0;
    std::uint32_t connect_timeout_ms = 6000;
    std::vector<std::string> drop_avps;  // CODE or CODE:VENDOR
    bool json = false;
    bool fail_on_error = false;
    int verbose = 0;

    // Request fields.
    std::string impi;
    std::vector<std::string> impus;
    std::string scheme = cx::kSchemeAka;
    std::uint32_t items = 1;
    std::string rand_hex, auts_hex, algorithm;
    std::string server_name;
    std::string visited_network;
    std::string uar_type = "registration";
    std::string sar_type = "registration";
    bool user_data_available = false;
    bool originating = false;
    std::string reason = "permanent_termination";
    std::string reason_info;
    std::string user_data;
};

[[noreturn]] void usage_error(const std::string& msg) {
    std::cerr << "ims-cx: " << msg << "\n";
    std::exit(kExitUsage);
}

std::optional<std::uint32_t> parse_enum(const std::string& text,
                                        std::initializer_list<const char*> names) {
    std::uint32_t i = 0;
    for (const char* n : names) {
        if (text == n) return i;
        ++i;
    }
    try {
        std::size_t pos = 0;
        unsigned long v = std::stoul(text, &pos);
        if (pos == text.size() && v < names.size()) return static_cast<std::uint32_t>(v);
    } catch (...) {
    }
    return std::nullopt;
}

std::string names_of(std::initializer_list<const char*> names) {
    std::string s;
    for (const char* n : names) s += (s.empty() ? "" : ", ") + std::string(n);
    return s;
}

constexpr std::initializer_list<const char*> kSarTypes = {
    "no_assignment",
    "registration",
    "re_registration",
    "unregistered_user",
    "timeout_deregistration",
    "user_deregistration",
    "timeout_deregistration_store_server_name",
    "user_deregistration_store_server_name",
    "administrative_deregistration",
    "authentication_failure",
    "authentication_timeout",
    "deregistration_too_much_data"};
constexpr std::initializer_list<const char*> kUarTypes = {"registration", "de_registration",
                                                          "registration_and_capabilities"};
constexpr std::initializer_list<const char*> kReasons = {
    "permanent_termination", "new_server_assigned", "server_change", "remove_scscf"};

cx::DiameterConfig build_config(const Options& o) {
    cx::DiameterConfig cfg;
    if (!o.config_file.empty()) {
        try {
            auto root = ims::config::load_file(o.config_file);
            cfg = cx::parse_diameter_config(root.child("diameter"));
        } catch (const ims::config::ConfigError& e) {
            usage_error(e.what());
        }
    } else {
        cfg.realm = o.realm;
    }
    if (!o.realm.empty() && o.config_file.empty()) cfg.realm = o.realm;
    // A distinct identity per run: two ims-cx at once must not look like one reconnecting peer.
    if (!o.identity.empty())
        cfg.identity = o.identity;
    else if (o.config_file.empty())
        cfg.identity = "cx-cli-" + std::to_string(::getpid()) + "." + cfg.realm;
    if (!o.hss.empty()) {
        auto colon = o.hss.rfind(':');
        cx::DiameterPeerConfig peer;
        peer.address = o.hss.substr(0, colon);
        peer.port = 3868;
        if (colon != std::string::npos) {
            try {
                peer.port = static_cast<std::uint16_t>(std::stoul(o.hss.substr(colon + 1)));
            } catch (...) {
                usage_error("--hss must be ADDRESS:PORT");
            }
        }
        peer.identity = o.hss_identity.empty() ? "hss." + cfg.realm : o.hss_identity;
        cfg.peers = {peer};
    } else if (!o.hss_identity.empty() && !cfg.peers.empty()) {
        cfg.peers.front().identity = o.hss_identity;
    }
    if (cfg.peers.empty()) usage_error("no peer: give --hss ADDRESS:PORT or a config with peers");
    cfg.listen_port = 0;  // a client only: never take the port of the process whose YAML we use
    cfg.accept_unknown_peers = false;
    if (o.timeout_ms) cfg.request_timeout = std::chrono::milliseconds(o.timeout_ms);
    if (!o.state_dir.empty()) {
        cfg.state_dir = o.state_dir;
    } else if (o.config_file.empty()) {
        cfg.state_dir =
            std::filesystem::temp_directory_path() / ("ims-cx-" + std::to_string(::getpid()));
    }
    cfg.threads = 1;
    return cfg;
}

/// Waits for the peer: open -> true; a failed attempt (refused, CER rejected) or the timeout
/// -> false. freeDiameter makes its first attempt at once or, at times, after a random
/// 0-4 s (its PSM timer jitter), hence the 6 s default.
bool wait_for_peer(const cx::DiameterCore& core, const std::string& peer,
                   std::chrono::milliseconds timeout, std::string& why) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (core.peer_open(peer)) return true;
        if (core.peer_failures(peer) > 0) {
            why = "connection refused or closed";
            // Let freeDiameter's peer state machine settle in CLOSED before we stop the core:
            // stopping it mid-attempt can keep the shutdown waiting for its 16 s guard.
            for (int i = 0;
                 i < 100 && core.peer_status(peer) == cx::DiameterCore::PeerStatus::connecting; ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            return false;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            why = "not connected within " + std::to_string(timeout.count()) + " ms";
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

template <class Request>
int run(cx::DiameterCore& core, const Options& o, Request req) {
    boost::asio::io_context io;
    cx::CxClient::Options copts;
    copts.destination_realm = o.destination_realm;
    copts.destination_host = core.config().peers.front().identity;
    for (const auto& spec : o.drop_avps) {
        auto colon = spec.find(':');
        std::uint32_t code = 0, vendor = 0;
        try {
            code = static_cast<std::uint32_t>(std::stoul(spec.substr(0, colon)));
            if (colon != std::string::npos)
                vendor = static_cast<std::uint32_t>(std::stoul(spec.substr(colon + 1)));
        } catch (...) {
            usage_error("--drop-avp must be CODE or CODE:VENDOR");
        }
        auto previous = copts.before_send;
        copts.before_send = [previous, code, vendor](struct msg* m) {
            if (previous) previous(m);
            cx::cli::drop_avp(m, code, vendor);
        };
    }
    cx::CxClient client(core, io.get_executor(), copts);
    using Answer = typename cx::CxTraits<Request>::Answer;
    std::optional<Result<Answer>> result;
    client.async_request(std::move(req), [&](Result<Answer> r) { result = std::move(r); });
    io.run();
    if (!result) return kExitFailure;
    const auto& r = *result;
    if (!r) {
        auto kind = cx::classify(r.error());
        std::string msg = std::string(cx::CxTraits<Request>::name) + " to " +
                          *copts.destination_host + ": " + r.error().message();
        if (o.json)
            std::cout << nlohmann::json{{"error", std::string(cx::to_string(kind))},
                                        {"message", msg}}
                             .dump(2)
                      << "\n";
        std::cerr << "ims-cx: " << msg << "\n";
        if (kind == cx::CxResult::timeout) return kExitTimeout;
        if (kind == cx::CxResult::peer_down) return kExitPeerDown;
        return kExitFailure;
    }
    auto j = cx::cli::to_json(r.value());
    std::cout << (o.json ? j.dump(2) + "\n" : cx::cli::to_text(j));
    if (o.fail_on_error && !r.value().hdr.outcome.is_success()) return kExitErrorAnswer;
    return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    CLI::App app{"ims-cx: send one Cx request (TS 29.229) and print the answer"};
    app.require_subcommand(1);
    app.add_option("-c,--config", o.config_file,
                   "YAML file whose diameter: section gives identity, realm and peers");
    app.add_option("--hss", o.hss, "peer to connect to, ADDRESS:PORT (default port 3868)");
    app.add_option("--hss-identity", o.hss_identity,
                   "Diameter identity of that peer (default hss.<realm>)");
    app.add_option("--identity", o.identity,
                   "our Diameter identity (default cx-cli-<pid>.<realm>)");
    app.add_option("--realm", o.realm, "our realm (default ims.mnc001.mcc001.3gppnetwork.org)");
    app.add_option("--destination-realm", o.destination_realm, "Destination-Realm (default ours)");
    app.add_option("--state-dir", o.state_dir, "where freeDiameter's .conf and certs go");
    app.add_option("--timeout", o.timeout_ms, "answer timeout in ms (default request_timeout)");
    app.add_option("--connect-timeout", o.connect_timeout_ms, "peer connection timeout in ms")
        ->capture_default_str();
    app.add_option("--drop-avp", o.drop_avps,
                   "remove top-level AVP CODE[:VENDOR] from the request before sending (to see "
                   "how a server answers a malformed request)");
    app.add_flag("--json", o.json, "print the answer as JSON (binary AVPs as hex)");
    app.add_flag("--fail-on-error", o.fail_on_error, "exit 5 when the answer is not a success");
    app.add_flag("-v,--verbose", o.verbose, "more logging on stderr (-vv: debug)");

    auto* mar = app.add_subcommand("mar", "Multimedia-Auth-Request (auth vectors, resync)");
    mar->add_option("--impi", o.impi, "private identity (User-Name)")->required();
    mar->add_option("--impu", o.impus, "public identity")->required();
    mar->add_option("--scheme", o.scheme, "SIP-Authentication-Scheme")->capture_default_str();
    mar->add_option("--items", o.items, "SIP-Number-Auth-Items")->capture_default_str();
    mar->add_option("--rand-hex", o.rand_hex, "resync: RAND sent to the UE (16 bytes hex)");
    mar->add_option("--auts-hex", o.auts_hex, "resync: AUTS from the UE (14 bytes hex)");
    mar->add_option("--algorithm", o.algorithm, "SIP Digest: Digest-Algorithm asked for");
    mar->add_option("--server-name", o.server_name, "Server-Name (default sip:scscf.<realm>)");

    auto* uar = app.add_subcommand("uar", "User-Authorization-Request");
    uar->add_option("--impi", o.impi)->required();
    uar->add_option("--impu", o.impus)->required();
    uar->add_option("--visited-network", o.visited_network, "default: our realm");
    uar->add_option("--type", o.uar_type, names_of(kUarTypes))->capture_default_str();

    auto* sar = app.add_subcommand("sar", "Server-Assignment-Request");
    sar->add_option("--impi", o.impi);
    sar->add_option("--impu", o.impus, "public identity (repeatable)");
    sar->add_option("--type", o.sar_type, names_of(kSarTypes))->capture_default_str();
    sar->add_option("--server-name", o.server_name, "default sip:scscf.<realm>");
    sar->add_flag("--user-data-available", o.user_data_available);

    auto* lir = app.add_subcommand("lir", "Location-Info-Request");
    lir->add_option("--impu", o.impus)->required();
    lir->add_flag("--originating", o.originating, "Originating-Request = ORIGINATING");

    auto* rtr = app.add_subcommand("rtr", "Registration-Termination-Request (towards an S-CSCF)");
    rtr->add_option("--impi", o.impi)->required();
    rtr->add_option("--impu", o.impus);
    rtr->add_option("--reason", o.reason, names_of(kReasons))->capture_default_str();
    rtr->add_option("--reason-info", o.reason_info);

    auto* ppr = app.add_subcommand("ppr", "Push-Profile-Request (towards an S-CSCF)");
    ppr->add_option("--impi", o.impi)->required();
    ppr->add_option("--user-data", o.user_data, "IMS subscription XML");

    CLI11_PARSE(app, argc, argv);

    auto logger = spdlog::stderr_color_mt("ims-cx");
    spdlog::set_default_logger(logger);
    spdlog::set_level(o.verbose >= 2   ? spdlog::level::debug
                      : o.verbose == 1 ? spdlog::level::info
                                       : spdlog::level::err);

    cx::DiameterConfig cfg = build_config(o);
    const std::string server_name =
        o.server_name.empty() ? "sip:scscf." + cfg.realm : o.server_name;

    // Validate the request before touching the network.
    std::function<int(cx::DiameterCore&)> send;
    if (mar->parsed()) {
        cx::Mar r;
        r.user_name = o.impi;
        r.public_identity = o.impus.front();
        r.server_name = server_name;
        r.number_auth_items = o.items;
        r.auth_data.scheme = o.scheme;
        if (!o.rand_hex.empty() || !o.auts_hex.empty()) {
            auto rand = cx::cli::from_hex(o.rand_hex);
            auto auts = cx::cli::from_hex(o.auts_hex);
            if (!rand || rand->size() != 16) usage_error("--rand-hex must be 16 bytes of hex");
            if (!auts || auts->size() != 14) usage_error("--auts-hex must be 14 bytes of hex");
            // TS 29.228 6.3.8 / CX.md: SIP-Authorization = RAND || AUTS on resynchronisation.
            r.auth_data.authorization = *rand;
            r.auth_data.authorization.insert(r.auth_data.authorization.end(), auts->begin(),
                                             auts->end());
        }
        if (!o.algorithm.empty())
            r.auth_data.digest = cx::DigestAuthenticate{"", o.algorithm, "", ""};
        send = [&o, r](cx::DiameterCore& c) { return run(c, o, r); };
    } else if (uar->parsed()) {
        cx::Uar r;
        r.user_name = o.impi;
        r.public_identity = o.impus.front();
        r.visited_network_id = o.visited_network.empty() ? cfg.realm : o.visited_network;
        auto t = parse_enum(o.uar_type, kUarTypes);
        if (!t) usage_error("--type must be one of " + names_of(kUarTypes));
        r.authorization_type = static_cast<cx::UserAuthorizationType>(*t);
        send = [&o, r](cx::DiameterCore& c) { return run(c, o, r); };
    } else if (sar->parsed()) {
        cx::Sar r;
        if (!o.impi.empty()) r.user_name = o.impi;
        r.public_identities = o.impus;
        r.server_name = server_name;
        auto t = parse_enum(o.sar_type, kSarTypes);
        if (!t) usage_error("--type must be one of " + names_of(kSarTypes));
        r.assignment_type = static_cast<cx::ServerAssignmentType>(*t);
        r.user_data_already_available = o.user_data_available
                                            ? cx::UserDataAlreadyAvailable::already_available
                                            : cx::UserDataAlreadyAvailable::not_available;
        send = [&o, r](cx::DiameterCore& c) { return run(c, o, r); };
    } else if (lir->parsed()) {
        cx::Lir r;
        r.public_identity = o.impus.front();
        if (o.originating) r.originating_request = 0;
        send = [&o, r](cx::DiameterCore& c) { return run(c, o, r); };
    } else if (rtr->parsed()) {
        cx::Rtr r;
        r.user_name = o.impi;
        r.public_identities = o.impus;
        auto reason = parse_enum(o.reason, kReasons);
        if (!reason) usage_error("--reason must be one of " + names_of(kReasons));
        r.reason = {static_cast<cx::ReasonCode>(*reason), o.reason_info};
        send = [&o, r](cx::DiameterCore& c) { return run(c, o, r); };
    } else {
        cx::Ppr r;
        r.user_name = o.impi;
        if (!o.user_data.empty()) r.user_data = o.user_data;
        send = [&o, r](cx::DiameterCore& c) { return run(c, o, r); };
    }

    auto core = cx::DiameterCore::start(cfg);
    if (!core) {
        std::cerr << "ims-cx: cannot start the Diameter core: " << core.error().message()
                  << " (run with -v for freeDiameter's log)\n";
        return kExitFailure;
    }
    const auto& peer = cfg.peers.front();
    std::string why;
    int rc;
    if (!wait_for_peer(*core.value(), peer.identity,
                       std::chrono::milliseconds(o.connect_timeout_ms), why)) {
        std::string msg = "peer " + peer.identity + " at " + peer.address + ":" +
                          std::to_string(peer.port) + " is down: " + why;
        if (o.json)
            std::cout << nlohmann::json{{"error", "peer_down"}, {"message", msg}}.dump(2) << "\n";
        std::cerr << "ims-cx: " << msg << "\n";
        rc = kExitPeerDown;
    } else {
        rc = send(*core.value());
    }
    std::cout.flush();
    g_exit_code = rc;
    std::signal(SIGABRT, abort_during_shutdown);
    core.value()->stop();
    std::signal(SIGABRT, SIG_DFL);
    if (o.state_dir.empty() && o.config_file.empty()) {
        std::error_code ec;
        std::filesystem::remove_all(cfg.state_dir, ec);
    }
    return rc;
}
