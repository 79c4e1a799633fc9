#include "common/diameter/cx_server.hpp"

#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdcore.h>

#include <spdlog/spdlog.h>

#include "common/diameter/cx_dictionary.hpp"
#include "common/diameter/cx_result.hpp"
#include "common/diameter/diameter_core.hpp"

namespace ims::cx {

template <class Request>
Result<MsgPtr> answer_request(MsgPtr request, const CxHandler<Request>& handler) noexcept {
    using Traits = CxTraits<Request>;
    FailedAvp failed;
    auto decoded = Traits::decode_request(request.get(), &failed);
    if (!decoded) {
        // RFC 6733 7.5 / 6.2: the sender learns which AVP was missing or invalid.
        const bool missing = decoded.error() == make_error_code(cx_errc::missing_avp);
        const bool invalid = decoded.error() == make_error_code(cx_errc::invalid_avp_value);
        Outcome o = Outcome::base(missing   ? result_code::missing_avp
                                  : invalid ? result_code::invalid_avp_value
                                            : result_code::unable_to_comply);
        spdlog::warn("cx: {} rejected: {} (AVP {}/{}) -> {}", Traits::name,
                     decoded.error().message(), failed.vendor, failed.code, o.code);
        return encode_error_answer(std::move(request), o, decoded.error().message(),
                                   (missing || invalid) ? &failed : nullptr);
    }
    try {
        auto answer = handler(decoded.value());
        auto encoded = encode_answer(std::move(request), answer);
        if (!encoded) spdlog::error("cx: cannot encode the {} answer", Traits::name);
        spdlog::debug("cx: {} from {} session {} -> {}{}", Traits::name,
                      decoded.value().hdr.origin_host, decoded.value().hdr.session_id,
                      answer.hdr.outcome.experimental ? "Exp " : "", answer.hdr.outcome.code);
        return encoded;
    } catch (const std::exception& e) {
        spdlog::error("cx: {} handler failed: {}", Traits::name, e.what());
    } catch (...) {
        spdlog::error("cx: {} handler failed with an unknown exception", Traits::name);
    }
    // request was not consumed: encode_answer is not reached when the handler throws.
    return encode_error_answer(std::move(request), Outcome::base(result_code::unable_to_comply),
                               "internal error");
}

template Result<MsgPtr> answer_request<Uar>(MsgPtr, const CxHandler<Uar>&) noexcept;
template Result<MsgPtr> answer_request<Sar>(MsgPtr, const CxHandler<Sar>&) noexcept;
template Result<MsgPtr> answer_request<Lir>(MsgPtr, const CxHandler<Lir>&) noexcept;
template Result<MsgPtr> answer_request<Mar>(MsgPtr, const CxHandler<Mar>&) noexcept;
template Result<MsgPtr> answer_request<Rtr>(MsgPtr, const CxHandler<Rtr>&) noexcept;
template Result<MsgPtr> answer_request<Ppr>(MsgPtr, const CxHandler<Ppr>&) noexcept;

/// One registered handler: the freeDiameter dispatch registration and the std::function.
class CxServer::Slot {
  public:
    virtual ~Slot() {
        // After fd_core_shutdown freeDiameter has freed every registration itself.
        if (handle_ && !DiameterCore::stopped_once()) fd_disp_unregister(&handle_, nullptr);
    }
    /// On a freeDiameter dispatch thread.
    virtual Result<MsgPtr> serve(MsgPtr request) noexcept = 0;

    bool register_for(dict_object* command) {
        disp_when when{};
        when.app = cx_dictionary().application;
        when.command = command;
        return fd_disp_register(&Slot::trampoline, DISP_HOW_CC, &when, this, &handle_) == 0;
    }

  private:
    static int trampoline(struct msg** m, struct avp*, struct session*, void* opaque,
                          enum disp_action* act) noexcept;
    disp_hdl* handle_ = nullptr;
};

namespace {
template <class Request>
class TypedSlot final : public CxServer::Slot {
  public:
    explicit TypedSlot(CxHandler<Request> h) : handler_(std::move(h)) {}
    Result<MsgPtr> serve(MsgPtr request) noexcept override {
        return answer_request<Request>(std::move(request), handler_);
    }

  private:
    CxHandler<Request> handler_;
};
}  // namespace

int CxServer::Slot::trampoline(struct msg** m, struct avp*, struct session*, void* opaque,
                               enum disp_action* act) noexcept {
    // freeDiameter dispatch thread. Nothing may throw out of here.
    if (!m || !*m || !opaque) return EINVAL;
    MsgInfo info = msg_info(*m);
    if (!info.request) {
        *act = DISP_ACT_CONT;  // an answer to a request of ours: the client callback had it
        return 0;
    }
    // freeDiameter stops its threads with pthread_cancel: never let a cancellation unwind
    // through our (noexcept) C++ frames; it takes effect once we are back in freeDiameter.
    int old_state;
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old_state);
    MsgPtr request(*m);
    *m = nullptr;
    auto answer = static_cast<Slot*>(opaque)->serve(std::move(request));
    pthread_setcancelstate(old_state, nullptr);
    if (!answer) {
        // Nothing sensible to send (out of memory, ...): freeDiameter drops the request and
        // the peer times out. Logged by answer_request.
        *act = DISP_ACT_CONT;
        return 0;
    }
    if (DiameterCore::stopped_once()) {
        // The core is shutting down (this handler outlived the stop): freeDiameter's outgoing
        // queue may already be gone and it would leak what we hand it. Drop the answer here.
        answer.value().reset();
        *act = DISP_ACT_CONT;
        return 0;
    }
    *m = answer.value().release();
    *act = DISP_ACT_SEND;  // freeDiameter routes the answer back to the requesting peer
    return 0;
}

CxServer::CxServer(DiameterCore& core) : core_(core) {}

CxServer::~CxServer() = default;

template <class Request>
void CxServer::add(CxHandler<Request> h) {
    const CxDictionary& d = cx_dictionary();
    dict_object* cmd = nullptr;
    switch (CxTraits<Request>::command) {
        case Command::user_authorization:
            cmd = d.uar;
            break;
        case Command::server_assignment:
            cmd = d.sar;
            break;
        case Command::location_info:
            cmd = d.lir;
            break;
        case Command::multimedia_auth:
            cmd = d.mar;
            break;
        case Command::registration_termination:
            cmd = d.rtr;
            break;
        case Command::push_profile:
            cmd = d.ppr;
            break;
    }
    auto slot = std::make_unique<TypedSlot<Request>>(std::move(h));
    if (!slot->register_for(cmd)) {
        spdlog::error("cx: cannot register the {} handler", CxTraits<Request>::name);
        return;
    }
    slots_.push_back(std::move(slot));
}

void CxServer::on_uar(CxHandler<Uar> h) {
    add<Uar>(std::move(h));
}
void CxServer::on_sar(CxHandler<Sar> h) {
    add<Sar>(std::move(h));
}
void CxServer::on_lir(CxHandler<Lir> h) {
    add<Lir>(std::move(h));
}
void CxServer::on_mar(CxHandler<Mar> h) {
    add<Mar>(std::move(h));
}
void CxServer::on_rtr(CxHandler<Rtr> h) {
    add<Rtr>(std::move(h));
}
void CxServer::on_ppr(CxHandler<Ppr> h) {
    add<Ppr>(std::move(h));
}

}  // namespace ims::cx
