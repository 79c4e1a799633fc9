#pragma once
// Fakes of the S-CSCF's seams: an HSS that answers from programmable functions and records the
// requests, and a SIP port that records responses and answers outgoing requests.

#include <functional>
#include <utility>
#include <vector>

#include "common/diameter/cx_errc.hpp"
#include "cscf/scscf/ports.hpp"

namespace ims::scscf::test {

class FakeHss final : public HssPort {
  public:
    std::vector<cx::Mar> mars;
    std::vector<cx::Sar> sars;
    std::function<Result<cx::Maa>(const cx::Mar&)> on_mar;
    std::function<Result<cx::Saa>(const cx::Sar&)> on_sar = [](const cx::Sar&) {
        return Result<cx::Saa>(cx::Saa{});
    };

    boost::asio::awaitable<Result<cx::Maa>> mar(cx::Mar request) override {
        mars.push_back(request);
        co_return on_mar(request);
    }
    boost::asio::awaitable<Result<cx::Saa>> sar(cx::Sar request) override {
        sars.push_back(request);
        co_return on_sar(request);
    }
};

class FakeSipPort final : public SipPort {
  public:
    std::vector<std::pair<std::uint64_t, sip::Message>> responses;
    std::vector<std::pair<sip::Message, sip::Destination>> requests;
    /// Answers an outgoing request; default 200 OK.
    std::function<Result<sip::Message>(const sip::Message&)> on_request = [](const sip::Message&) {
        return Result<sip::Message>(sip::Message::make_status(200));
    };

    void respond(std::uint64_t transaction, const sip::Message& response) override {
        // Round-trip through the wire form: what the UE would parse.
        auto parsed = sip::Message::parse(response.encode());
        responses.emplace_back(transaction, parsed ? parsed.value() : response);
    }
    boost::asio::awaitable<Result<sip::Message>> request(sip::Message request,
                                                         sip::Destination to) override {
        auto parsed = sip::Message::parse(request.encode());
        requests.emplace_back(parsed ? parsed.value() : request, to);
        co_return on_request(request);
    }
    /// The last final (non-1xx) response.
    const sip::Message& last_final() const {
        for (auto it = responses.rbegin(); it != responses.rend(); ++it) {
            if (it->second.status() >= 200) return it->second;
        }
        static const sip::Message none = sip::Message::make_status(999);
        return none;
    }
};

}  // namespace ims::scscf::test
