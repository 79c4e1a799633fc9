// libFuzzer target for everything that reads SIP bytes from the network: the stream framer, the
// message parser (datagram and stream rules), every typed header view, URIs, the serializer and
// the error-response builder. Besides "no crash, no sanitizer report" it checks invariants:
//   - frame_stream never reports a length beyond the input;
//   - a parsed message encodes, the encoding reparses, and re-encoding is byte-identical.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/sip/framer.hpp"
#include "common/sip/message.hpp"
#include "common/sip/response.hpp"

namespace {

using namespace ims::sip;

template <class H>
void touch_all(const Message& m) {
    auto all = m.get_all<H>();
    if (all) {
        std::string out;
        for (const H& h : all.value()) h.encode(out);
        // Symmetry: what we encode for one value parses back.
        for (const H& h : all.value()) {
            std::string one;
            h.encode(one);
            if (!H::parse(one)) __builtin_trap();
        }
    }
}

void exercise(const Message& m) {
    touch_all<hdr::Via>(m);
    touch_all<hdr::From>(m);
    touch_all<hdr::To>(m);
    touch_all<hdr::CallId>(m);
    touch_all<hdr::CSeq>(m);
    touch_all<hdr::MaxForwards>(m);
    touch_all<hdr::Expires>(m);
    touch_all<hdr::Contact>(m);
    touch_all<hdr::Route>(m);
    touch_all<hdr::RecordRoute>(m);
    touch_all<hdr::Path>(m);
    touch_all<hdr::ServiceRoute>(m);
    touch_all<hdr::Require>(m);
    touch_all<hdr::Supported>(m);
    touch_all<hdr::Authorization>(m);
    touch_all<hdr::WwwAuthenticate>(m);
    touch_all<hdr::ProxyAuthorization>(m);
    touch_all<hdr::SecurityClient>(m);
    touch_all<hdr::SecurityVerify>(m);
    touch_all<hdr::ContentType>(m);
    touch_all<hdr::ContentLength>(m);
    if (auto c = m.get<hdr::Contact>()) {
        (void)c.value().expires();
        (void)c.value().q();
        (void)c.value().instance();
        (void)c.value().reg_id();
        (void)unescape(c.value().uri.user);
    }
    if (auto a = m.get<hdr::Authorization>()) (void)a.value().param_text("username");
    if (m.is_request()) (void)m.request_uri();

    // Serializer round trip.
    const std::string once = m.encode();
    ParseOptions o;
    o.datagram = true;
    auto again = Message::parse(once, o);
    if (!again) __builtin_trap();
    if (again.value().encode() != once) __builtin_trap();

    // A proxy's modifications must keep the message parseable.
    Message copy = m;
    copy.push_front_header(HeaderId::via, "SIP/2.0/UDP fuzz.invalid;branch=z9hG4bKfuzz");
    copy.remove_first_element(HeaderId::via);
    copy.remove_first_element(HeaderId::route);
    (void)copy.encode();
    if (m.is_request()) (void)make_response(m, 200, {}, "fuzz").encode();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);

    const FrameResult frame = frame_stream(bytes);
    if (frame.status == FrameStatus::complete) {
        if (frame.length == 0 || frame.length > size) __builtin_trap();
        auto framed = Message::parse(bytes.substr(0, frame.length));
        if (framed) exercise(framed.value());
    }

    ParseOptions udp;
    udp.datagram = true;
    auto m = Message::parse(bytes, udp);
    if (m) {
        exercise(m.value());
    } else {
        if (auto r = make_error_response(bytes, m.error())) (void)r->encode();
    }
    return 0;
}
