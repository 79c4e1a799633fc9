#include "common/diameter/cx_client.hpp"

#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdcore.h>

#include <ctime>

#include <spdlog/spdlog.h>

namespace ims::cx {

namespace {

// freeDiameter calls exactly one of these two for a request it accepted (libfdcore.h,
// fd_msg_send_timeout), on one of its threads. The registry decides who owns `data`.
// Both disable thread cancellation while in our code (freeDiameter stops its threads with
// pthread_cancel; a cancellation must not unwind through noexcept C++ frames).
struct NoCancel {
    int old_state = 0;
    NoCancel() { pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old_state); }
    ~NoCancel() { pthread_setcancelstate(old_state, nullptr); }
};

void on_answer(void* data, struct msg** answer) {
    NoCancel no_cancel;
    MsgPtr ans(*answer);  // the answer, owning the request too
    *answer = nullptr;    // handled: freeDiameter does not dispatch it further
    auto* p = static_cast<PendingRequest*>(data);
    if (!pending_registry().take(p)) return;
    p->complete_answer(std::move(ans));
}

void on_expire(void* data, DiamId_t sent_to, size_t, struct msg** request) {
    NoCancel no_cancel;
    MsgPtr req(*request);
    *request = nullptr;
    auto* p = static_cast<PendingRequest*>(data);
    if (!pending_registry().take(p)) return;
    spdlog::warn("cx: no answer from {} before the timeout", sent_to ? sent_to : "?");
    p->complete_error(cx_errc::timeout);
}

}  // namespace

namespace detail {

Result<void> send_pending(DiameterCore& core, MsgPtr request, PendingRequest* p,
                          std::chrono::milliseconds timeout) noexcept {
    if (!core.running()) return make_error_code(cx_errc::not_started);
    if (!pending_registry().add(p)) return make_error_code(cx_errc::shutting_down);
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);  // freeDiameter wants an absolute CLOCK_REALTIME date
    auto ns = ts.tv_nsec + (timeout.count() % 1000) * 1000000L;
    ts.tv_sec += timeout.count() / 1000 + ns / 1000000000L;
    ts.tv_nsec = ns % 1000000000L;
    struct msg* raw = request.release();
    int rc = fd_msg_send_timeout(&raw, &on_answer, p, &on_expire, &ts);
    if (rc != 0) {
        if (raw) fd_msg_free(raw);
        spdlog::error("cx: fd_msg_send_timeout failed: {}", strerror(rc));
        if (pending_registry().take(p)) return make_error_code(cx_errc::unable_to_deliver);
    }
    return success();
}

std::error_code transport_error_of(const AnswerHeader& hdr) noexcept {
    // RFC 6733 7.1.3: 3002 DIAMETER_UNABLE_TO_DELIVER. freeDiameter answers it locally when no
    // open peer serves the destination.
    if (!hdr.outcome.experimental && hdr.outcome.code == result_code::unable_to_deliver)
        return make_error_code(cx_errc::unable_to_deliver);
    return {};
}

void fill_request_header(RequestHeader& hdr, const DiameterCore& core,
                         const std::string& default_realm,
                         const std::optional<std::string>& default_host) {
    if (hdr.origin_host.empty()) hdr.origin_host = core.identity();
    if (hdr.origin_realm.empty()) hdr.origin_realm = core.realm();
    if (hdr.destination_realm.empty())
        hdr.destination_realm = default_realm.empty() ? core.realm() : default_realm;
    if (!hdr.destination_host && default_host) hdr.destination_host = default_host;
}

}  // namespace detail

CxClient::CxClient(DiameterCore& core, boost::asio::any_io_executor ex, Options opts)
    : core_(core),
      ex_(std::move(ex)),
      opts_(std::move(opts)),
      timeout_(opts_.timeout.value_or(core.config().request_timeout)) {}

}  // namespace ims::cx
