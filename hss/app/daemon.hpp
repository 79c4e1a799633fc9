#pragma once
// The ims-hss daemon: Cx server on freeDiameter, subscriber store, control channel.

#include "hss/lib/hss_config.hpp"

namespace ims::hss {

/// Runs until SIGINT/SIGTERM. Returns the process exit code. Main thread.
int run_daemon(const HssConfig& cfg);

}  // namespace ims::hss
