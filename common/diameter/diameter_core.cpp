#include "common/diameter/diameter_core.hpp"

#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdcore.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include "common/diameter/cx_codec.hpp"
#include "common/diameter/cx_dictionary.hpp"
#include "common/diameter/cx_errc.hpp"
#include "common/diameter/gnutls_send_guard.hpp"
#include "common/diameter/pending_registry.hpp"
#include "common/diameter/tls_credentials.hpp"

namespace ims::cx {

PendingRegistry& pending_registry() noexcept {
    static PendingRegistry registry;
    return registry;
}

namespace {

std::atomic<bool> g_started{false};
std::atomic<bool> g_stopped{false};
bool g_tls_enabled = false;

// Incoming connection from a peer not in our ConnectPeer list (e.g. ims-cx, a CSCF the HSS does
// not list). freeDiameter rejects them unless a callback accepts; without TLS the callback must
// also allow the clear connection (libfdcore.h, peer_validate).
int accept_unknown_peer(struct peer_info* info, int* auth, int (**cb2)(struct peer_info*)) {
    if (cb2) *cb2 = nullptr;
    *auth = 1;
    if (!g_tls_enabled) info->config.pic_flags.sec = PI_SEC_NONE;
    spdlog::info("diameter: accepting connection from peer {}",
                 info->pi_diamid ? info->pi_diamid : "?");
    return 0;
}

std::error_code core_error() {
    return make_error_code(cx_errc::core_failure);
}

std::mutex g_failures_mutex;
std::map<std::string, unsigned, std::less<>> g_failures;

std::string peer_name(struct peer_hdr* peer) {
    return peer && peer->info.pi_diamid ? std::string(peer->info.pi_diamid) : std::string("?");
}

// freeDiameter thread: one log line per peer connection event, and failure counts.
void on_peer_event(enum fd_hook_type type, struct msg*, struct peer_hdr* peer, void* other,
                   struct fd_hook_permsgdata*, void*) {
    int old_state;
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old_state);
    std::string name = peer_name(peer);
    if (type == HOOK_PEER_CONNECT_SUCCESS) {
        spdlog::info("diameter: peer {} connected", name);
    } else {
        spdlog::warn("diameter: peer {} connection failed or lost: {}", name,
                     other ? static_cast<const char*>(other) : "");
        std::lock_guard lock(g_failures_mutex);
        ++g_failures[name];
    }
    pthread_setcancelstate(old_state, nullptr);
}

const char* message_event_name(enum fd_hook_type type) {
    switch (type) {
        case HOOK_MESSAGE_RECEIVED:
            return "received";
        case HOOK_MESSAGE_LOCAL:
            return "handed to freeDiameter";
        case HOOK_MESSAGE_SENDING:
            return "sending";
        case HOOK_MESSAGE_SENT:
            return "sent";
        case HOOK_MESSAGE_FAILOVER:
            return "failing over";
        case HOOK_MESSAGE_ROUTING_FORWARD:
            return "forwarding";
        case HOOK_MESSAGE_ROUTING_LOCAL:
            return "dispatching locally";
        default:
            return "message event";
    }
}

// freeDiameter thread. Without a hook registered for a message event freeDiameter applies its
// default: it renders the whole message as text (fd_msg_dump_summary/_full) under one global
// mutex and only then drops the line below its log level. That was a large share of the CPU of
// both the S-CSCF and the HSS under load. This hook takes the events over and renders a
// message only when trace logging is on. Error events (parsing, routing, dropped) keep
// freeDiameter's default: they are rare and their dump is worth having.
void on_message_event(enum fd_hook_type type, struct msg* msg, struct peer_hdr* peer, void*,
                      struct fd_hook_permsgdata*, void*) {
    if (!msg || !spdlog::should_log(spdlog::level::trace)) return;
    int old_state;
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old_state);
    char* text = nullptr;
    size_t len = 0;
    if (fd_msg_dump_summary(&text, &len, nullptr, msg, nullptr, 0, 1) && text) {
        spdlog::trace("diameter: {} (peer {}): {}", message_event_name(type), peer_name(peer),
                      text);
    }
    std::free(text);
    pthread_setcancelstate(old_state, nullptr);
}

constexpr std::uint32_t kMessageEvents =
    (1u << HOOK_DATA_RECEIVED) | (1u << HOOK_MESSAGE_RECEIVED) | (1u << HOOK_MESSAGE_LOCAL) |
    (1u << HOOK_MESSAGE_SENDING) | (1u << HOOK_MESSAGE_SENT) | (1u << HOOK_MESSAGE_FAILOVER) |
    (1u << HOOK_MESSAGE_ROUTING_FORWARD) | (1u << HOOK_MESSAGE_ROUTING_LOCAL);

}  // namespace

DiameterCore::DiameterCore(DiameterConfig cfg) : cfg_(std::move(cfg)) {}

Result<std::unique_ptr<DiameterCore>> DiameterCore::start(const DiameterConfig& cfg) {
    if (g_started.exchange(true)) {
        spdlog::error("diameter: the freeDiameter core can be started once per process");
        return core_error();
    }
    BOOST_OUTCOME_TRY(dict, init_freediameter_library());
    set_local_identity(cfg.identity, cfg.realm);

    BOOST_OUTCOME_TRY(tls, ensure_tls_credentials(cfg));
    auto conf_path = cfg.state_dir / "freediameter.conf";
    {
        std::ofstream out(conf_path, std::ios::trunc);
        out << render_freediameter_conf(cfg, tls);
        if (!out) {
            spdlog::error("diameter: cannot write {}", conf_path.string());
            return core_error();
        }
    }
    if (int rc = fd_core_parseconf(conf_path.c_str()); rc != 0) {
        spdlog::error("diameter: freeDiameter rejected {} ({})", conf_path.string(), strerror(rc));
        return core_error();
    }
    // Advertise Cx (auth application 16777216, vendor 10415) in CER/CEA: peers only route Cx
    // requests to nodes that announced it.
    if (int rc = fd_disp_app_support(dict->application, dict->vendor_3gpp, 1, 0); rc != 0) {
        spdlog::error("diameter: fd_disp_app_support failed ({})", strerror(rc));
        return core_error();
    }
    g_tls_enabled = cfg.tls.enabled;
    if (g_tls_enabled && !gnutls_send_guard_active())
        spdlog::warn(
            "diameter: TLS sends are not serialised (gnutls_send_guard not linked in); "
            "freeDiameter may crash when a TLS peer disconnects");
    struct fd_hook_hdl* hook = nullptr;  // freed by freeDiameter at shutdown
    fd_hook_register((1u << HOOK_PEER_CONNECT_FAILED) | (1u << HOOK_PEER_CONNECT_SUCCESS),
                     &on_peer_event, nullptr, nullptr, &hook);
    struct fd_hook_hdl* message_hook = nullptr;  // idem
    fd_hook_register(kMessageEvents, &on_message_event, nullptr, nullptr, &message_hook);
    if (cfg.accept_unknown_peers) fd_peer_validate_register(&accept_unknown_peer);

    if (int rc = fd_core_start(); rc != 0) {
        spdlog::error("diameter: fd_core_start failed ({})", strerror(rc));
        return core_error();
    }
    if (int rc = fd_core_waitstartcomplete(); rc != 0) {
        spdlog::error("diameter: freeDiameter did not start ({})", strerror(rc));
        fd_core_shutdown();
        fd_core_wait_shutdown_complete();
        return core_error();
    }
    std::unique_ptr<DiameterCore> core(new DiameterCore(cfg));
    core->running_ = true;
    std::string peers;
    for (const auto& p : cfg.peers)
        peers += (peers.empty() ? "" : ", ") + p.identity + "@" + p.address + ":" +
                 std::to_string(p.port);
    spdlog::info("diameter: core started identity={} realm={} listen={} tls={} peers=[{}] conf={}",
                 cfg.identity, cfg.realm,
                 cfg.listen_port ? cfg.listen_address + ":" + std::to_string(cfg.listen_port)
                                 : std::string("none"),
                 cfg.tls.enabled ? "on" : "off", peers, conf_path.string());
    return core;
}

DiameterCore::~DiameterCore() {
    stop();
}

void DiameterCore::stop() {
    if (!running_.exchange(false)) return;
    spdlog::info("diameter: stopping the core");
    g_stopped = true;
    // freeDiameter 1.2.1 deletes its queues while its own worker threads still wait on them and
    // gives them 20 x 1 ms to wake up before it asserts (fd_fifo_del). Every debug line those
    // threads format on the way out eats into that budget on a loaded machine: keep them quiet.
    fd_g_debug_lvl = FD_LOG_FATAL;
    fd_core_shutdown();
    fd_core_wait_shutdown_complete();
    // freeDiameter's threads are gone: nothing can complete these any more.
    for (PendingRequest* p : pending_registry().close()) p->complete_error(cx_errc::shutting_down);
}

bool DiameterCore::running() const noexcept {
    return running_;
}

bool DiameterCore::stopped_once() noexcept {
    return g_stopped;
}

DiameterCore::PeerStatus DiameterCore::peer_status(std::string_view identity) const {
    if (!running_) return PeerStatus::unknown;
    struct peer_hdr* peer = nullptr;
    std::string id(identity);
    if (fd_peer_getbyid(id.data(), id.size(), 1, &peer) != 0 || !peer) return PeerStatus::unknown;
    switch (fd_peer_get_state(peer)) {
        case STATE_OPEN:
            return PeerStatus::open;
        case STATE_OPEN_NEW:        // responder side, until the first message after CEA
        case STATE_OPEN_HANDSHAKE:  // TLS handshake in progress
        case STATE_NEW:
        case STATE_WAITCNXACK:
        case STATE_WAITCNXACK_ELEC:
        case STATE_WAITCEA:
        case STATE_REOPEN:
            return PeerStatus::connecting;
        default:
            return PeerStatus::closed;
    }
}

unsigned DiameterCore::peer_failures(std::string_view identity) const {
    std::lock_guard lock(g_failures_mutex);
    auto it = g_failures.find(identity);
    return it == g_failures.end() ? 0 : it->second;
}

bool DiameterCore::peer_open(std::string_view identity) const {
    return peer_status(identity) == PeerStatus::open;
}

bool DiameterCore::any_peer_open() const {
    if (!running_) return false;
    bool open = false;
    if (pthread_rwlock_rdlock(&fd_g_peers_rw) != 0) return false;
    for (struct fd_list* li = fd_g_peers.next; li != &fd_g_peers; li = li->next) {
        auto* peer = reinterpret_cast<struct peer_hdr*>(li->o);
        if (peer && fd_peer_get_state(peer) == STATE_OPEN) {
            open = true;
            break;
        }
    }
    pthread_rwlock_unlock(&fd_g_peers_rw);
    return open;
}

bool DiameterCore::wait_peer_open(std::string_view identity,
                                  std::chrono::milliseconds timeout) const {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (identity.empty() ? any_peer_open() : peer_open(identity)) return true;
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

void DiameterCore::async_wait_peer_open(boost::asio::any_io_executor ex, std::string identity,
                                        std::chrono::milliseconds timeout,
                                        std::function<void(bool)> handler) {
    struct Waiter : std::enable_shared_from_this<Waiter> {
        const DiameterCore& core;
        std::string identity;
        std::chrono::steady_clock::time_point deadline;
        std::function<void(bool)> handler;
        boost::asio::steady_timer timer;
        Waiter(const DiameterCore& c, boost::asio::any_io_executor ex, std::string id,
               std::chrono::milliseconds t, std::function<void(bool)> h)
            : core(c),
              identity(std::move(id)),
              deadline(std::chrono::steady_clock::now() + t),
              handler(std::move(h)),
              timer(std::move(ex)) {}
        void poll() {
            bool open = identity.empty() ? core.any_peer_open() : core.peer_open(identity);
            if (open || std::chrono::steady_clock::now() >= deadline) return handler(open);
            timer.expires_after(std::chrono::milliseconds(20));
            timer.async_wait([self = shared_from_this()](boost::system::error_code ec) {
                if (ec) return self->handler(false);
                self->poll();
            });
        }
    };
    auto w = std::make_shared<Waiter>(*this, ex, std::move(identity), timeout, std::move(handler));
    boost::asio::post(ex, [w] { w->poll(); });
}

}  // namespace ims::cx
