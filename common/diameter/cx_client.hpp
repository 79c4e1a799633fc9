#pragma once
// Asynchronous Cx requests (the S-CSCF's MAR/SAR, the I-CSCF's UAR/LIR, the HSS's RTR/PPR).
//
//   CxClient::Options opts;  opts.destination_host = "hss.ims.mnc001.mcc001.3gppnetwork.org";
//   CxClient hss(core, io.get_executor(), opts);
//   hss.async_mar(mar, [](Result<cx::Maa> r) { ... runs on io's executor ... });
//   Result<cx::Maa> r = co_await hss.mar(mar);          // inside an asio::awaitable
//   switch (cx::classify(r)) { ... }                       // cx_result.hpp
//
// Completion: exactly once, always through asio::post to the handler's associated executor
// (default: the client's executor), never on a freeDiameter thread and never inline.
//   - an answer arrived: Result holds the decoded answer, whatever its Result-Code
//     (user_unknown etc. are outcomes, see classify()), EXCEPT 3002 UNABLE_TO_DELIVER, which
//     is the error cx_errc::unable_to_deliver (freeDiameter generates it when no peer is open);
//   - no answer within the timeout: error cx_errc::timeout;
//   - the core stopped first: error cx_errc::shutting_down; not started: not_started.
// Threads: async_* may be called from any thread. The answer is decoded on freeDiameter's
// thread into the plain struct, then posted. The client object may be destroyed while requests
// are pending (they only hold the executor and the handler); the DiameterCore must outlive them.
// Header defaults: empty session_id / origin_* are filled in; empty destination_realm takes
// Options::destination_realm (then the core's realm); destination_host from Options if unset.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/core/result.hpp"
#include "common/diameter/cx_codec.hpp"
#include "common/diameter/cx_errc.hpp"
#include "common/diameter/cx_types.hpp"
#include "common/diameter/diameter_core.hpp"
#include "common/diameter/pending_registry.hpp"

namespace ims::cx {

namespace detail {
/// Sends `request` with the answer/expiry trampolines; registers `p`. On error `p` is untouched
/// and still owned by the caller.
Result<void> send_pending(DiameterCore& core, MsgPtr request, PendingRequest* p,
                          std::chrono::milliseconds timeout) noexcept;
/// 3002 in an answer -> cx_errc::unable_to_deliver; else no error.
std::error_code transport_error_of(const AnswerHeader& hdr) noexcept;
/// Fills empty session/origin/destination fields.
void fill_request_header(RequestHeader& hdr, const DiameterCore& core,
                         const std::string& default_realm,
                         const std::optional<std::string>& default_host);

template <class Request, class Handler>
class PendingOp final : public PendingRequest {
  public:
    using Answer = typename CxTraits<Request>::Answer;
    PendingOp(Handler handler, boost::asio::any_io_executor fallback)
        : handler_(std::move(handler)),
          work_(boost::asio::make_work_guard(
              boost::asio::get_associated_executor(handler_, fallback))) {}

    void complete_answer(MsgPtr answer) noexcept override {
        Result<Answer> r = CxTraits<Request>::decode_answer(answer.get());
        answer.reset();
        if (r) {
            if (auto ec = transport_error_of(r.value().hdr)) r = ec;
        }
        deliver(std::move(r));
    }
    void complete_error(cx_errc e) noexcept override {
        deliver(Result<Answer>(make_error_code(e)));
    }

    /// Posts the result and deletes this.
    void deliver(Result<Answer> r) noexcept {
        auto ex = work_.get_executor();
        boost::asio::post(
            ex, [h = std::move(handler_), r = std::move(r)]() mutable { h(std::move(r)); });
        delete this;
    }

  private:
    Handler handler_;
    boost::asio::executor_work_guard<
        boost::asio::associated_executor_t<Handler, boost::asio::any_io_executor>>
        work_;
};
}  // namespace detail

class CxClient {
  public:
    struct Options {
        std::string destination_realm;                     // empty: the core's realm
        std::optional<std::string> destination_host;       // e.g. the HSS identity
        std::optional<std::chrono::milliseconds> timeout;  // default: config request_timeout
        /// Lab/test hook: edits each encoded request before it is sent (e.g. ims-cx
        /// --drop-avp removes an AVP to see how a server copes). Runs on the calling thread.
        std::function<void(struct msg*)> before_send;
    };

    CxClient(DiameterCore& core, boost::asio::any_io_executor ex, Options opts = {});

    /// Generic form: any Asio completion token (callback, use_awaitable, ...), signature
    /// void(Result<Answer>).
    template <class Request, class Token>
    auto async_request(Request req, Token&& token) {
        using Answer = typename CxTraits<Request>::Answer;
        return boost::asio::async_initiate<Token, void(Result<Answer>)>(
            [this](auto handler, Request r) { start(std::move(r), std::move(handler)); }, token,
            std::move(req));
    }

    // Callback forms.
    void async_uar(Uar r, std::function<void(Result<Uaa>)> h) {
        async_request(std::move(r), std::move(h));
    }
    void async_sar(Sar r, std::function<void(Result<Saa>)> h) {
        async_request(std::move(r), std::move(h));
    }
    void async_lir(Lir r, std::function<void(Result<Lia>)> h) {
        async_request(std::move(r), std::move(h));
    }
    void async_mar(Mar r, std::function<void(Result<Maa>)> h) {
        async_request(std::move(r), std::move(h));
    }
    void async_rtr(Rtr r, std::function<void(Result<Rta>)> h) {
        async_request(std::move(r), std::move(h));
    }
    void async_ppr(Ppr r, std::function<void(Result<Ppa>)> h) {
        async_request(std::move(r), std::move(h));
    }

    // Coroutine forms (C++20 asio::awaitable).
    boost::asio::awaitable<Result<Uaa>> uar(Uar r) {
        return async_request(std::move(r), boost::asio::use_awaitable);
    }
    boost::asio::awaitable<Result<Saa>> sar(Sar r) {
        return async_request(std::move(r), boost::asio::use_awaitable);
    }
    boost::asio::awaitable<Result<Lia>> lir(Lir r) {
        return async_request(std::move(r), boost::asio::use_awaitable);
    }
    boost::asio::awaitable<Result<Maa>> mar(Mar r) {
        return async_request(std::move(r), boost::asio::use_awaitable);
    }
    boost::asio::awaitable<Result<Rta>> rtr(Rtr r) {
        return async_request(std::move(r), boost::asio::use_awaitable);
    }
    boost::asio::awaitable<Result<Ppa>> ppr(Ppr r) {
        return async_request(std::move(r), boost::asio::use_awaitable);
    }

    const boost::asio::any_io_executor& get_executor() const noexcept { return ex_; }
    DiameterCore& core() noexcept { return core_; }

  private:
    template <class Request, class Handler>
    void start(Request req, Handler handler) {
        using Op = detail::PendingOp<Request, Handler>;
        auto* op = new Op(std::move(handler), ex_);
        if (!core_.running()) return op->complete_error(cx_errc::not_started);
        detail::fill_request_header(req.hdr, core_, opts_.destination_realm,
                                    opts_.destination_host);
        auto msg = encode(req);
        if (!msg) return op->complete_error(cx_errc::encode_failed);
        if (opts_.before_send) opts_.before_send(msg.value().get());
        auto sent = detail::send_pending(core_, std::move(msg).value(), op, timeout_);
        if (!sent) return op->complete_error(static_cast<cx_errc>(sent.error().value()));
    }

    DiameterCore& core_;
    boost::asio::any_io_executor ex_;
    Options opts_;
    std::chrono::milliseconds timeout_;
};

}  // namespace ims::cx
