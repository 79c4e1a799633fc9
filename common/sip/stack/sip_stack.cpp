#include "common/sip/stack/sip_stack.hpp"

#include <spdlog/spdlog.h>

#include "common/sip/response.hpp"
#include "common/sip/stack/message_adapters.hpp"
#include "common/sip/transaction/transaction_key.hpp"
#include "common/sip/transport/response_route.hpp"

namespace ims::sip {
namespace {

class StackCategory final : public std::error_category {
  public:
    const char* name() const noexcept override { return "sip_stack"; }
    std::string message(int e) const override {
        switch (static_cast<stack_errc>(e)) {
            case stack_errc::timeout:
                return "no final response in time";
            case stack_errc::transport_error:
                return "the request could not be sent";
            case stack_errc::stopped:
                return "the SIP stack stopped";
        }
        return "unknown SIP stack error";
    }
};

// RFC 3261 17.1.1.3: the ACK for a non-2xx final response of an INVITE client transaction.
Buffer build_ack(const Buffer& invite_bytes, const Buffer& response_bytes) {
    auto invite = Message::parse(*invite_bytes, {.validate = false});
    auto response = Message::parse(*response_bytes, {.validate = false});
    if (!invite || !response) return nullptr;
    const Message& inv = invite.value();
    Message ack = Message::make_request("ACK", inv.request_uri_text());
    inv.for_each_element(HeaderId::via, [&](std::string_view top) {
        ack.add_header(HeaderId::via, scan::trim(top));
        return false;
    });
    for (HeaderId id : {HeaderId::from, HeaderId::call_id}) {
        if (auto v = inv.value(id)) ack.add_header(id, *v);
    }
    if (auto to = response.value().value(HeaderId::to)) ack.add_header(HeaderId::to, *to);
    if (auto cseq = inv.get<hdr::CSeq>()) {
        ack.add_header(HeaderId::cseq, std::to_string(cseq.value().sequence) + " ACK");
    }
    for (const HeaderField& route : inv.headers()) {
        if (route.id == HeaderId::route) ack.add_header(HeaderId::route, route.value);
    }
    ack.add_header(HeaderId::max_forwards, "70");
    return make_buffer(ack.encode());
}

std::string host_text(const Endpoint& e) {
    if (e.address.is_v6()) return "[" + e.address.to_string() + "]";
    return e.address.to_string();
}

}  // namespace

const std::error_category& stack_category() noexcept {
    static const StackCategory category;
    return category;
}

SipStack::SipStack(boost::asio::io_context& io, StackConfig config, RequestHandler on_request)
    : io_(io),
      config_(std::move(config)),
      on_request_(std::move(on_request)),
      layer_(config_.timers, build_ack),
      transport_(io, config_.transport, [this](ReceivedMessage m) { on_receive(std::move(m)); }),
      timer_(io),
      random_(std::random_device{}()) {}

SipStack::~SipStack() {
    stop();
}

Result<Endpoint> SipStack::listen(TransportKind kind, const Endpoint& at) {
    auto bound = kind == TransportKind::udp ? transport_.listen_udp(at) : transport_.listen_tcp(at);
    if (bound) locals_.emplace_back(kind, bound.value());
    return bound;
}

std::optional<Endpoint> SipStack::local_endpoint(TransportKind kind) const {
    for (const auto& [k, e] : locals_) {
        if (k == kind) return e;
    }
    return std::nullopt;
}

void SipStack::stop() {
    if (stopped_) return;
    stopped_ = true;
    timer_.cancel();
    transport_.stop();
    auto clients = std::move(clients_);
    clients_.clear();
    for (auto& [id, done] : clients) done(make_error_code(stack_errc::stopped));
}

void SipStack::on_receive(ReceivedMessage received) {
    if (stopped_) return;
    if (received.error) {
        answer_malformed(received, received.error);
        return;
    }
    const bool datagram = received.kind == TransportKind::udp;
    auto parsed = Message::parse(*received.bytes, {.datagram = datagram});
    if (!parsed) {
        answer_malformed(received, parsed.error());
        return;
    }
    if (parsed.value().is_request()) {
        handle_request(std::move(parsed).value(), received);
    } else {
        handle_response(std::move(parsed).value(), received);
    }
}

void SipStack::answer_malformed(const ReceivedMessage& received, std::error_code why) {
    auto response = make_error_response(*received.bytes, why, config_.agent);
    spdlog::info("sip: rejected {} bytes from {}/{}: {}{}", received.bytes->size(),
                 to_string(received.remote), to_string(received.kind), why.message(),
                 response ? "" : " (no response possible, dropped)");
    if (!response) return;
    // The request was unreadable past its Via, so answer where it came from (RFC 3581 style).
    transport_.send(
        make_buffer(response->encode()),
        Destination{received.kind, received.remote, received.connection, received.local});
}

void SipStack::handle_request(Message message, const ReceivedMessage& received) {
    auto route = via_route(message);
    auto fields = match_fields(message);
    if (!route || !fields) {
        answer_malformed(received, route ? fields.error() : route.error());
        return;
    }
    ViaRoute via = std::move(route).value();
    const ViaStamp stamp = via_stamp(via, received.remote);
    if (auto stamped = stamp_top_via(message, stamp); !stamped) {
        answer_malformed(received, stamped.error());
        return;
    }
    apply(via, stamp);
    Destination response_to{received.kind, received.remote, received.connection};
    if (auto r = route_response(via, {received.kind, received.remote, received.connection})) {
        // A sent-by domain name would need RFC 3263 resolution; the source address is what
        // reaches the UE in a lab, so keep it then.
        if (r.value().unresolved_host.empty()) response_to = r.value().destination;
    }
    // RFC 3581 4: the response leaves from the address and port the request arrived on.
    response_to.from = received.local;
    IncomingRequest request{0,
                            std::move(message),
                            received.kind,
                            received.local,
                            received.remote,
                            received.connection,
                            response_to};
    process(layer_.on_request(fields.value(), received.bytes, response_to, Clock::now()), &request);
}

void SipStack::handle_response(Message message, const ReceivedMessage& received) {
    auto fields = match_fields(message);
    if (!fields) {
        spdlog::info("sip: dropped response from {}: {}", to_string(received.remote),
                     fields.error().message());
        return;
    }
    process(layer_.on_response(fields.value(), message.status(), received.bytes, Clock::now()),
            nullptr, &message);
}

void SipStack::respond(TransactionId transaction, const Message& response) {
    if (stopped_) return;
    std::string to_tag;
    if (auto to = response.get<hdr::To>()) to_tag = std::string(to.value().tag());
    auto outputs = layer_.respond(transaction, response.status(), make_buffer(response.encode()),
                                  Clock::now(), to_tag);
    if (!outputs) {
        spdlog::debug("sip: response {} on transaction {} not sent: {}", response.status(),
                      transaction, outputs.error().message());
        return;
    }
    process(std::move(outputs).value());
}

std::string SipStack::new_branch() {
    return make_branch(random_(), random_());
}

void SipStack::send_request(Message request, const Destination& to, ResponseHandler done) {
    if (stopped_) {
        done(make_error_code(stack_errc::stopped));
        return;
    }
    Destination dest = to;
    // 18.1.1: size with our Via, whose length does not depend on the transport token.
    auto local = local_endpoint(dest.kind);
    const std::string branch = new_branch();
    auto via_for = [&](TransportKind kind, const std::optional<Endpoint>& from) {
        std::string host = from ? host_text(from->address.is_unspecified()
                                                ? Endpoint{dest.endpoint.address, from->port}
                                                : *from)
                                : host_text(dest.endpoint);
        return "SIP/2.0/" + std::string(to_string(kind)) + " " + host + ":" +
               std::to_string(from ? from->port : 0) + ";branch=" + branch + ";rport";
    };
    request.push_front_header(HeaderId::via, via_for(dest.kind, local));
    std::string bytes = request.encode();
    if (TransportKind kind = request_transport(bytes.size(), dest.kind, config_.udp_limit);
        kind != dest.kind) {
        dest.kind = kind;
        request.remove_first_element(HeaderId::via);
        request.push_front_header(HeaderId::via, via_for(kind, local_endpoint(kind)));
        bytes = request.encode();
    }
    auto fields = match_fields(request);
    if (!fields) {
        done(fields.error());
        return;
    }
    auto started =
        layer_.start_client(fields.value(), make_buffer(std::move(bytes)), dest, Clock::now());
    if (!started) {
        done(started.error());
        return;
    }
    clients_.emplace(started.value().transaction, std::move(done));
    process(std::move(started.value().outputs));
}

void SipStack::send_stateless(const Message& message, const Destination& to) {
    if (stopped_) return;
    transport_.send(make_buffer(message.encode()), to);
}

void SipStack::process(LayerOutputs outputs, const IncomingRequest* current,
                       const Message* current_response) {
    for (LayerOutput& output : outputs) {
        if (auto* send = std::get_if<layer::Send>(&output)) {
            const TransactionId id = send->transaction;
            transport_.send(send->bytes, send->to, [this, id](std::error_code error) {
                if (!error || stopped_) return;
                spdlog::info("sip: send failed on transaction {}: {}", id, error.message());
                process(layer_.transport_error(id, Clock::now()));
            });
        } else if (auto* request = std::get_if<layer::RequestToTu>(&output)) {
            if (current == nullptr) continue;
            IncomingRequest copy = *current;
            copy.transaction = request->transaction;
            on_request_(std::move(copy));
        } else if (auto* response = std::get_if<layer::ResponseToTu>(&output)) {
            if (response->status < 200 || current_response == nullptr) continue;
            auto it = clients_.find(response->transaction);
            if (it == clients_.end()) continue;
            ResponseHandler done = std::move(it->second);
            clients_.erase(it);
            done(*current_response);
        } else if (auto* ended = std::get_if<layer::TransactionEnded>(&output)) {
            auto it = clients_.find(ended->transaction);
            if (it == clients_.end()) continue;
            ResponseHandler done = std::move(it->second);
            clients_.erase(it);
            done(make_error_code(ended->reason == TerminationReason::timeout
                                     ? stack_errc::timeout
                                     : stack_errc::transport_error));
        }
    }
    rearm_timer();
}

void SipStack::rearm_timer() {
    if (stopped_) return;
    const auto next = layer_.next_deadline();
    if (next == armed_) return;
    armed_ = next;
    if (!next) {
        timer_.cancel();
        return;
    }
    timer_.expires_at(*next);
    timer_.async_wait([this](boost::system::error_code ec) {
        if (ec || stopped_) return;  // operation_aborted: rearmed or stopping
        armed_.reset();
        process(layer_.on_timers(Clock::now()));
    });
}

}  // namespace ims::sip
