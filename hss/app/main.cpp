// ims-hss: the HSS of the IMS core simulator (Diameter Cx server + subscriber store).
//
//   ims-hss --config hss.yaml                          run the daemon
//   ims-hss provision --config hss.yaml --file subs.yaml [--dry-run]
//   ims-hss subscriber add|show|list|delete --config hss.yaml ...   (or --db file.sqlite)
//   ims-hss rtr --config hss.yaml --impi X [--impu U]... [--reason R] [--info T]
//   ims-hss ppr --config hss.yaml --impi X
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <iostream>

#include "common/config/config.hpp"
#include "hss/app/control_channel.hpp"
#include "hss/app/daemon.hpp"
#include "hss/app/store_commands.hpp"
#include "hss/lib/hss_config.hpp"

using namespace ims::hss;

namespace {

std::filesystem::path database_of(const std::string& config, const std::string& db) {
    if (!db.empty()) return db;
    if (config.empty()) throw CLI::ValidationError("--config or --db is required");
    return load_hss_config(config, false).database;
}

std::filesystem::path socket_of(const std::string& config, const std::string& socket) {
    if (!socket.empty()) return socket;
    if (config.empty()) throw CLI::ValidationError("--config or --socket is required");
    return load_hss_config(config, false).control_socket;
}

int operator_call(const std::filesystem::path& socket, const nlohmann::json& request) {
    auto answer = control_call(socket, request, 10);
    if (!answer) {
        std::cerr << "ims-hss: no answer from the daemon on " << socket.string()
                  << " (is ims-hss running?)\n";
        return 1;
    }
    std::cout << answer.value().dump() << "\n";
    return answer.value().value("ok", false) ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"ims-hss: IMS HSS (Diameter Cx server, subscriber store)"};
    app.require_subcommand(0, 1);
    std::string config_path;
    app.add_option("-c,--config", config_path, "YAML configuration file");

    std::string db, file, socket, impi, reason = "permanent_termination", info;
    bool dry_run = false;
    std::vector<std::string> impus;

    auto* provision = app.add_subcommand("provision", "load a provisioning YAML (one transaction)");
    provision->add_option("-c,--config", config_path, "YAML configuration file");
    provision->add_option("--db", db, "SQLite file (instead of hss.database from --config)");
    provision->add_option("-f,--file", file, "provisioning YAML")->required();
    provision->add_flag("--dry-run", dry_run, "validate only");

    auto* sub = app.add_subcommand("subscriber", "manage subscribers in the store");
    sub->require_subcommand(1);
    AddOptions add;
    std::size_t offset = 0, limit = 100;
    auto* add_cmd = sub->add_subcommand("add", "add or replace one subscriber");
    auto* show_cmd =
        sub->add_subcommand("show", "print one subscriber as JSON (secrets fingerprinted)");
    auto* list_cmd = sub->add_subcommand("list", "list IMPIs");
    auto* del_cmd = sub->add_subcommand("delete", "delete one subscriber");
    for (auto* c : {add_cmd, show_cmd, list_cmd, del_cmd}) {
        c->add_option("-c,--config", config_path, "YAML configuration file");
        c->add_option("--db", db, "SQLite file (instead of hss.database from --config)");
    }
    add_cmd->add_option("--impi", add.impi, "private identity")->required();
    add_cmd->add_option("--impu", add.impus, "public identity (repeat; first is default)")
        ->required();
    add_cmd->add_option("--profile", add.profile, "service profile name (already provisioned)");
    add_cmd->add_option("--scheme", add.scheme, "default scheme: aka or digest");
    add_cmd->add_option("--password", add.password, "SIP Digest password (HA1 derived)");
    add_cmd->add_option("--ha1-md5", add.ha1_md5, "SIP Digest HA1 (MD5) instead of a password");
    add_cmd->add_option("--realm", add.realm, "digest realm (default: the IMPI's domain)");
    add_cmd->add_option("--k", add.k, "AKA K (32 hex)");
    add_cmd->add_option("--opc", add.opc, "AKA OPc (32 hex)");
    add_cmd->add_option("--op", add.op, "AKA OP (32 hex), OPc derived");
    add_cmd->add_option("--amf", add.amf, "AKA AMF (4 hex, default 8000)");
    add_cmd->add_option("--sqn", add.sqn, "initial SQN");
    add_cmd->add_option("--visited", add.visited, "allowed visited network (repeat; * = any)");
    show_cmd->add_option("--impi", impi, "private identity")->required();
    del_cmd->add_option("--impi", impi, "private identity")->required();
    list_cmd->add_option("--offset", offset, "skip this many");
    list_cmd->add_option("--limit", limit, "at most this many");

    auto* rtr = app.add_subcommand("rtr", "ask the daemon to send an RTR to the serving S-CSCF");
    auto* ppr = app.add_subcommand("ppr", "ask the daemon to send a PPR to the serving S-CSCF");
    for (auto* c : {rtr, ppr}) {
        c->add_option("-c,--config", config_path, "YAML configuration file");
        c->add_option("--socket", socket, "control socket (instead of hss.control_socket)");
        c->add_option("--impi", impi, "private identity")->required();
    }
    rtr->add_option("--impu", impus, "public identity to de-register (repeat; default: all)");
    rtr->add_option("--reason", reason,
                    "permanent_termination|new_server_assigned|server_change|remove_scscf");
    rtr->add_option("--info", info, "Reason-Info text");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }

    try {
        if (*provision) return cmd_provision(database_of(config_path, db), file, dry_run);
        if (*add_cmd) return cmd_subscriber_add(database_of(config_path, db), add);
        if (*show_cmd) return cmd_subscriber_show(database_of(config_path, db), impi);
        if (*list_cmd) return cmd_subscriber_list(database_of(config_path, db), offset, limit);
        if (*del_cmd) return cmd_subscriber_delete(database_of(config_path, db), impi);
        if (*rtr)
            return operator_call(socket_of(config_path, socket), {{"cmd", "rtr"},
                                                                  {"impi", impi},
                                                                  {"impus", impus},
                                                                  {"reason", reason},
                                                                  {"info", info}});
        if (*ppr)
            return operator_call(socket_of(config_path, socket), {{"cmd", "ppr"}, {"impi", impi}});

        if (config_path.empty()) {
            std::cerr << app.help();
            return 2;
        }
        auto cfg = load_hss_config(config_path, true);
        spdlog::set_level(spdlog::level::from_str(cfg.log_level));
        return run_daemon(cfg);
    } catch (const ims::config::ConfigError& e) {
        std::cerr << "ims-hss: " << e.what() << "\n";
        return 1;
    } catch (const CLI::ValidationError& e) {
        std::cerr << "ims-hss: " << e.what() << "\n";
        return 2;
    }
}
