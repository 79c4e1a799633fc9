#include "common/sip/stack/message_adapters.hpp"

#include <string>

namespace ims::sip {

Result<MatchFields> match_fields(const Message& m) {
    BOOST_OUTCOME_TRY(via, m.get<hdr::Via>());
    BOOST_OUTCOME_TRY(cseq, m.get<hdr::CSeq>());
    MatchFields f;
    f.method = std::string(m.method());
    f.cseq_method = std::string(cseq.method);
    f.cseq_number = cseq.sequence;
    f.branch = std::string(via.branch());
    f.sent_by_host = std::string(via.host);
    f.sent_by_port = via.port.value_or(0);
    f.via_transport = std::string(via.transport);
    if (!via.has_magic_cookie()) {
        // RFC 2543 fallback fields; only needed when the branch lacks the cookie.
        f.request_uri = std::string(m.request_uri_text());
        if (auto call_id = m.get<hdr::CallId>()) f.call_id = std::string(call_id.value().value);
        if (auto from = m.get<hdr::From>()) f.from_tag = std::string(from.value().tag());
        if (auto to = m.get<hdr::To>()) f.to_tag = std::string(to.value().tag());
        m.for_each_element(HeaderId::via, [&](std::string_view top) {
            f.top_via = std::string(scan::trim(top));
            return false;
        });
    } else if (m.is_request() && m.method() == "ACK") {
        // An ACK for a non-2xx matches its INVITE transaction; the To tag lets the layer check it.
        if (auto to = m.get<hdr::To>()) f.to_tag = std::string(to.value().tag());
    }
    return f;
}

Result<ViaRoute> via_route(const Message& m) {
    BOOST_OUTCOME_TRY(via, m.get<hdr::Via>());
    ViaRoute r;
    r.transport = std::string(via.transport);
    r.sent_by_host = std::string(via.host);
    r.sent_by_port = via.port.value_or(0);
    if (auto received = via.received()) r.received = std::string(*received);
    r.rport = via.has_rport();
    r.rport_value = via.rport();
    if (auto maddr = via.maddr()) r.maddr = std::string(*maddr);
    return r;
}

Result<void> stamp_top_via(Message& m, const ViaStamp& stamp) {
    if (stamp.empty()) return success();
    BOOST_OUTCOME_TRY(via, m.get<hdr::Via>());
    // Params keeps views: the values must outlive encode().
    const std::string received = stamp.received.value_or("");
    const std::string rport = stamp.rport ? std::to_string(*stamp.rport) : "";
    if (stamp.received) via.params.set("received", received);
    if (stamp.rport) via.params.set("rport", rport);
    std::string text;
    via.encode(text);
    m.remove_first_element(HeaderId::via);
    m.push_front_header(HeaderId::via, text);
    return success();
}

}  // namespace ims::sip
