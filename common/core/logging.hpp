#pragma once
// One log format for every process: ISO time, level, process name, then the event. Lab engineers
// grep these lines, so they stay one event per line.

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <stdexcept>
#include <string>

namespace ims {

/// Installs the default logger for process `name` at `level` ("trace".."off"); start-up only.
inline void init_logging(const std::string& name, const std::string& level) {
    auto logger = spdlog::stdout_logger_mt(name);
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %l [%n] %v");
    const auto parsed = spdlog::level::from_str(level);
    if (parsed == spdlog::level::off && level != "off") {
        throw std::runtime_error("unknown log level '" + level +
                                 "' (trace, debug, info, warn, error, critical, off)");
    }
    logger->set_level(parsed);
    logger->flush_on(spdlog::level::trace);  // tests and people tail the log as it happens
    spdlog::set_default_logger(logger);
}

}  // namespace ims
