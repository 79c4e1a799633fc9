#pragma once
// Serving Cx requests: the HSS registers UAR/MAR/SAR/LIR handlers, the S-CSCF RTR/PPR.
//
//   CxServer server(core);
//   server.on_mar([&](const cx::Mar& req) -> cx::Maa { ... });
//
// THREADS: handlers run on freeDiameter's dispatch threads (`threads:` in the YAML, several at
// once), never on an io_context. They must be thread-safe, must not block for long, and must
// not touch state owned by an io_context without synchronisation. A handler returns the answer
// struct; empty hdr.origin_* are filled with the local identity, Session-Id is the request's.
//
// Errors never escape: a request that fails to decode is answered 5005 DIAMETER_MISSING_AVP with
// Failed-AVP naming the missing AVP, or 5004 DIAMETER_INVALID_AVP_VALUE with the bad AVP
// (RFC 6733 7.5); a handler that throws is answered 5012 DIAMETER_UNABLE_TO_COMPLY. Commands
// without a handler are answered 3001 DIAMETER_COMMAND_UNSUPPORTED by freeDiameter (NoRelay).
//
// Register handlers before traffic arrives (right after DiameterCore::start). The CxServer must
// be destroyed before the core is stopped... or after: the destructor unregisters its handlers
// (fd_disp_unregister), which is safe in both orders. Not copyable or movable.

#include <functional>
#include <memory>
#include <vector>

#include "common/core/result.hpp"
#include "common/diameter/cx_codec.hpp"
#include "common/diameter/cx_types.hpp"
#include "common/diameter/fd_msg_ptr.hpp"

namespace ims::cx {

class DiameterCore;

template <class Request>
using CxHandler = std::function<typename CxTraits<Request>::Answer(const Request&)>;

/// The whole server-side exchange for one request, without the network: decode `request`,
/// call `handler`, encode its answer (or the 5005/5004/5012 error answer). Returns the answer
/// to send (it owns the request). Used by CxServer; unit tests call it directly.
template <class Request>
Result<MsgPtr> answer_request(MsgPtr request, const CxHandler<Request>& handler) noexcept;

class CxServer {
  public:
    explicit CxServer(DiameterCore& core);
    ~CxServer();
    CxServer(const CxServer&) = delete;
    CxServer& operator=(const CxServer&) = delete;

    void on_uar(CxHandler<Uar> h);
    void on_sar(CxHandler<Sar> h);
    void on_lir(CxHandler<Lir> h);
    void on_mar(CxHandler<Mar> h);
    void on_rtr(CxHandler<Rtr> h);
    void on_ppr(CxHandler<Ppr> h);

    class Slot;  // one registered handler (internal)

  private:
    template <class Request>
    void add(CxHandler<Request> h);

    DiameterCore& core_;
    std::vector<std::unique_ptr<Slot>> slots_;
};

}  // namespace ims::cx
