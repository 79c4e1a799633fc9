// Process-wide freeDiameter set-up shared by the core, the codec and the unit tests:
// fd_core_initialize once, freeDiameter's log routed into spdlog, the Cx dictionary.

#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdcore.h>

#include <cstdarg>
#include <cstdio>
#include <mutex>

#include <spdlog/spdlog.h>

#include "common/diameter/cx_dictionary.hpp"
#include "common/diameter/cx_errc.hpp"
#include "common/diameter/fd_msg_ptr.hpp"

namespace ims::cx {

void FdMsgDeleter::operator()(struct msg* m) const noexcept {
    if (m) fd_msg_free(m);
}

namespace {

// Called by freeDiameter on any of its threads. spdlog loggers are thread-safe.
extern "C" void fd_log_to_spdlog(int level, const char* format, va_list args) {
    // Writing the log is a cancellation point; freeDiameter cancels its threads at shutdown.
    int old_state;
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old_state);
    struct Restore {
        int s;
        ~Restore() { pthread_setcancelstate(s, nullptr); }
    } restore{old_state};
    // Decide the level before formatting: freeDiameter's notices and debug lines are many.
    spdlog::level::level_enum lvl = level >= FD_LOG_FATAL   ? spdlog::level::err
                                    : level >= FD_LOG_ERROR ? spdlog::level::warn
                                                            : spdlog::level::debug;
    if (!spdlog::should_log(lvl)) return;
    char buf[1024];
    va_list copy;
    va_copy(copy, args);
    int n = std::vsnprintf(buf, sizeof buf, format, copy);
    va_end(copy);
    if (n < 0) return;
    std::string_view text(buf, std::min<std::size_t>(static_cast<std::size_t>(n), sizeof buf - 1));
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
    // freeDiameter logs its normal shutdown as fatal; it reports recoverable conditions (peer
    // refused...) as errors (warn here). NOTICE (its configuration dump, connection chatter) and
    // below stay at debug: our own lines say what matters at info.
    if (text.find("shutdown sequence") != std::string_view::npos) lvl = spdlog::level::info;
    spdlog::log(lvl, "freeDiameter: {}", text);
}

std::once_flag g_init_once;
int g_init_rc = 0;

}  // namespace

}  // namespace ims::cx

// LeakSanitizer (IMS_SANITIZE builds): freeDiameter 1.2.1 never frees the certificate list it
// imports for TLS_CA (gnutls_x509_crt_list_import2 in its configuration code), one allocation
// per process. Not ours to fix; suppressed so every process linking ims_diameter exits clean.
// Weak: an executable that defines its own suppressions wins (then add this line to them).
extern "C" __attribute__((weak, used)) const char* __lsan_default_suppressions() {
    return "leak:gnutls_x509_crt_list_import2\n";
}

namespace ims::cx {

Result<const CxDictionary*> init_freediameter_library() {
    std::call_once(g_init_once, [] {
        fd_log_handler_register(&fd_log_to_spdlog);
        g_init_rc = fd_core_initialize();
        if (g_init_rc != 0)
            spdlog::critical("diameter: fd_core_initialize failed: {}", strerror(g_init_rc));
    });
    if (g_init_rc != 0) return make_error_code(cx_errc::core_failure);
    return load_cx_dictionary();
}

}  // namespace ims::cx
