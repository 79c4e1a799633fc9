#pragma once
// The real seams: HssPort over the Diameter CxClient, SipPort over the SipStack.
// Both live on the S-CSCF's io_context thread.

#include <utility>  // Boost 1.74 awaitable.hpp uses std::exchange without it

#include <boost/asio/async_result.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <memory>

#include "common/diameter/cx_client.hpp"
#include "common/sip/stack/sip_stack.hpp"
#include "cscf/scscf/ports.hpp"

namespace ims::scscf {

class CxHssPort final : public HssPort {
  public:
    explicit CxHssPort(cx::CxClient& client) : client_(client) {}
    boost::asio::awaitable<Result<cx::Maa>> mar(cx::Mar request) override {
        co_return co_await client_.mar(std::move(request));
    }
    boost::asio::awaitable<Result<cx::Saa>> sar(cx::Sar request) override {
        co_return co_await client_.sar(std::move(request));
    }

  private:
    cx::CxClient& client_;
};

class StackSipPort final : public SipPort {
  public:
    explicit StackSipPort(sip::SipStack& stack) : stack_(stack) {}
    void respond(std::uint64_t transaction, const sip::Message& response) override {
        stack_.respond(transaction, response);
    }
    boost::asio::awaitable<Result<sip::Message>> request(sip::Message request,
                                                         sip::Destination to) override {
        auto initiate = [this, &request, to](auto handler) {
            // ResponseHandler is a std::function (copyable); the coroutine's handler is not.
            auto shared = std::make_shared<decltype(handler)>(std::move(handler));
            stack_.send_request(std::move(request), to,
                                [shared](Result<sip::Message> r) { (*shared)(std::move(r)); });
        };
        co_return co_await boost::asio::async_initiate<decltype(boost::asio::use_awaitable),
                                                       void(Result<sip::Message>)>(
            initiate, boost::asio::use_awaitable);
    }

  private:
    sip::SipStack& stack_;
};

}  // namespace ims::scscf
