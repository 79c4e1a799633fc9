#pragma once
// The S-CSCF's seams towards the outside: the HSS (Cx) and the SIP stack. The registrar only
// talks to these; the executable plugs in CxClient and SipStack, unit tests plug in fakes.
// All calls happen on the registrar's io_context thread; completions resume there.

#include <utility>  // Boost 1.74 awaitable.hpp uses std::exchange without it

#include <boost/asio/awaitable.hpp>
#include <cstdint>

#include "common/core/result.hpp"
#include "common/diameter/cx_types.hpp"
#include "common/sip/message.hpp"
#include "common/sip/transport/transport_types.hpp"

namespace ims::scscf {

class HssPort {
  public:
    virtual ~HssPort() = default;
    /// Errors are cx_errc values (timeout, unable_to_deliver...); answers carry their outcome.
    virtual boost::asio::awaitable<Result<cx::Maa>> mar(cx::Mar request) = 0;
    virtual boost::asio::awaitable<Result<cx::Saa>> sar(cx::Sar request) = 0;
};

class SipPort {
  public:
    virtual ~SipPort() = default;
    /// Answers the server transaction `transaction`.
    virtual void respond(std::uint64_t transaction, const sip::Message& response) = 0;
    /// Sends a request in a new client transaction; the final response or an error (timeout).
    virtual boost::asio::awaitable<Result<sip::Message>> request(sip::Message request,
                                                                 sip::Destination to) = 0;
};

}  // namespace ims::scscf
