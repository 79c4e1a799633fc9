// ims-as: a stub application server for third-party registration tests (TS 24.229 5.4.1.7).
// Answers REGISTER (200 by default, configurable for failure tests) and OPTIONS, and appends
// every request it receives as one JSON line to a file that tests and people read.
//
//   ims-as --config as.yaml
//
//   sip: { listen: [ { address: 127.0.0.1, port: 7060, transports: [udp, tcp] } ] }
//   as:
//     register_status: 200
//     options_status: 200
//     request_log: as-requests.jsonl
//   log_level: info

#include <spdlog/sinks/basic_file_sink.h>
#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <iostream>
#include <random>

#include "common/config/config.hpp"
#include "common/core/logging.hpp"
#include "common/sip/stack/sip_config.hpp"
#include "scenarios/as/stub_as.hpp"

namespace {

struct AsConfig {
    ims::sip::SipConfig sip;
    ims::as::AsBehaviour behaviour;
    std::string request_log;
    std::string log_level;
};

int checked_status(const ims::config::Node& node, const char* key, int fallback) {
    const int status = node.get_or<int>(key, fallback);
    if (status < 200 || status > 699) node.fail(key, "must be a final status code (200-699)");
    return status;
}

AsConfig load(const std::string& path) {
    const auto root = ims::config::load_file(path);
    root.reject_unknown({"sip", "as", "log_level"});
    AsConfig c;
    c.sip = ims::sip::parse_sip_config(root.child("sip"), "ims-as");
    c.log_level = root.get_or<std::string>("log_level", "info");
    if (auto as = root.child_optional("as")) {
        as->reject_unknown({"register_status", "options_status", "request_log"});
        c.behaviour.register_status = checked_status(*as, "register_status", 200);
        c.behaviour.options_status = checked_status(*as, "options_status", 200);
        c.request_log = as->get_or<std::string>("request_log", "as-requests.jsonl");
    } else {
        c.request_log = "as-requests.jsonl";
    }
    return c;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"ims-as: stub application server (answers REGISTER/OPTIONS, logs requests)"};
    std::string config_path;
    app.add_option("-c,--config", config_path, "YAML configuration file")->required();
    CLI11_PARSE(app, argc, argv);

    AsConfig config;
    try {
        config = load(config_path);
        ims::init_logging("ims-as", config.log_level);
    } catch (const std::exception& e) {
        std::cerr << "ims-as: " << e.what() << "\n";
        return 2;
    }
    // One JSON line per request, appended; written with the process log (init_logging), so a
    // line reaches the file within 20 ms without a write per request.
    std::shared_ptr<spdlog::logger> request_log;
    try {
        request_log = spdlog::basic_logger_mt("requests", config.request_log);
    } catch (const spdlog::spdlog_ex& e) {
        std::cerr << "ims-as: cannot open request_log " << config.request_log << ": " << e.what()
                  << "\n";
        return 2;
    }
    request_log->set_pattern("%v");
    request_log->set_level(spdlog::level::info);  // every request, whatever log_level says

    boost::asio::io_context io;
    std::mt19937_64 random(std::random_device{}());
    ims::sip::SipStack* stack_ptr = nullptr;
    ims::sip::SipStack stack(io, config.sip.stack, [&](ims::sip::IncomingRequest request) {
        const std::string to_tag = fmt::format("as{:x}", random());
        auto response = ims::as::answer(request.message, config.behaviour, to_tag);
        const int status = response ? response->status() : 0;
        spdlog::info("as: {} {} from {} -> {}", request.message.method(),
                     request.message.request_uri_text(), ims::sip::to_string(request.remote),
                     status);
        request_log->info(ims::as::record(request, status)
                              .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        if (response && request.transaction != 0)
            stack_ptr->respond(request.transaction, *response);
    });
    stack_ptr = &stack;
    try {
        ims::sip::listen_all(stack, config.sip);
    } catch (const std::exception& e) {
        spdlog::critical("{}", e.what());
        return 1;
    }
    std::string where;
    for (const auto& l : config.sip.listen) {
        where += " " + ims::sip::to_string(l.endpoint) + "/" + std::string(to_string(l.kind));
    }
    spdlog::info("ims-as ready, listening on{}; requests logged to {}", where, config.request_log);

    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](boost::system::error_code, int sig) {
        spdlog::info("ims-as: signal {}, stopping", sig);
        stack.stop();
    });
    io.run();
    return 0;
}
