#include "common/sip/response.hpp"

#include <cstdio>

namespace ims::sip {

Message make_response(const Message& request, int status, std::string_view reason,
                      std::string_view to_tag) {
    Message r = Message::make_status(status, reason);
    // The copied fields are views into the request's storage, which the response shares.
    r.storage_.insert(r.storage_.end(), request.storage_.begin(), request.storage_.end());
    for (const HeaderField& h : request.headers_) {
        switch (h.id) {
            case HeaderId::via:
            case HeaderId::from:
            case HeaderId::call_id:
            case HeaderId::cseq:
                r.headers_.push_back(h);
                break;
            case HeaderId::timestamp:
                if (status == 100) r.headers_.push_back(h);  // RFC 3261 8.2.6.1
                break;
            case HeaderId::to: {
                const auto to = hdr::To::parse(h.value);
                const bool has_tag = !to || !to.value().tag().empty();
                if (to_tag.empty() || status == 100 || has_tag) {
                    r.headers_.push_back(h);
                } else {
                    std::string v(h.value);
                    v += ";tag=";
                    v += to_tag;
                    r.headers_.push_back(r.make_field(HeaderId::to, "To", v));
                }
                break;
            }
            default:
                break;
        }
    }
    return r;
}

namespace {

std::string derived_tag(const Message& m) {
    // FNV-1a over the identifiers of the request: stable across retransmissions.
    std::uint64_t h = 14695981039346656037ULL;
    const auto mix = [&h](std::string_view s) {
        for (char c : s) {
            h ^= static_cast<unsigned char>(c);
            h *= 1099511628211ULL;
        }
    };
    mix(m.value(HeaderId::call_id).value_or(""));
    mix(m.value(HeaderId::from).value_or(""));
    mix(m.value(HeaderId::via).value_or(""));
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

}  // namespace

std::optional<Message> make_error_response(std::string_view received, std::error_code why,
                                           std::string_view warn_agent, std::string_view to_tag) {
    ParseOptions o;
    o.validate = false;
    o.headers_only = true;
    auto parsed = Message::parse(received, o);
    if (!parsed) return std::nullopt;
    const Message& req = parsed.value();
    if (!req.is_request() || req.method() == "ACK") return std::nullopt;
    for (HeaderId id :
         {HeaderId::via, HeaderId::from, HeaderId::to, HeaderId::call_id, HeaderId::cseq}) {
        if (req.find(id) == nullptr) return std::nullopt;
    }
    const int status = status_code_for(why);
    const std::string tag = to_tag.empty() ? derived_tag(req) : std::string(to_tag);
    Message r = make_response(req, status, {}, tag);
    std::string warning = "399 ";
    warning += warn_agent;
    warning += ' ';
    append_quoted(warning, why.message());
    r.add_header(HeaderId::warning, warning);
    return r;
}

}  // namespace ims::sip
