// See gnutls_send_guard.hpp for why freeDiameter's TLS sends go through here.

#include "common/diameter/gnutls_send_guard.hpp"

#include <dlfcn.h>
#include <gnutls/gnutls.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace {

// A lock per session without bookkeeping: sessions hash onto a fixed set of mutexes. Two
// sessions sharing a stripe only wait for each other's send, which is short.
std::array<std::mutex, 64> g_stripes;

std::mutex& lock_for(gnutls_session_t session) {
    auto bits = reinterpret_cast<std::uintptr_t>(session);
    return g_stripes[(bits >> 4) % g_stripes.size()];
}

template <typename Fn>
Fn* gnutls_own(const char* name) {
    void* sym = dlsym(RTLD_NEXT, name);
    if (!sym) {
        // Without GnuTLS's own function nothing can be sent; there is no sane way on.
        std::fprintf(stderr, "gnutls_send_guard: %s not found after this executable\n", name);
        std::abort();
    }
    return reinterpret_cast<Fn*>(sym);
}

}  // namespace

extern "C" ssize_t gnutls_record_send(gnutls_session_t session, const void* data,
                                      size_t data_size) {
    static auto* const own =
        gnutls_own<ssize_t(gnutls_session_t, const void*, size_t)>("gnutls_record_send");
    std::lock_guard lock(lock_for(session));
    return own(session, data, data_size);
}

extern "C" int gnutls_bye(gnutls_session_t session, gnutls_close_request_t /*how*/) {
    static auto* const own =
        gnutls_own<int(gnutls_session_t, gnutls_close_request_t)>("gnutls_bye");
    std::lock_guard lock(lock_for(session));
    return own(session, GNUTLS_SHUT_WR);
}

namespace ims::cx {

bool gnutls_send_guard_active() {
    return dlsym(RTLD_DEFAULT, "gnutls_record_send") ==
               reinterpret_cast<void*>(&::gnutls_record_send) &&
           dlsym(RTLD_DEFAULT, "gnutls_bye") == reinterpret_cast<void*>(&::gnutls_bye);
}

}  // namespace ims::cx
