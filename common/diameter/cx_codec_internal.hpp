#pragma once
// Shared pieces of cx_codec.cpp and cx_codec_commands.cpp (internal).

#include <system_error>

#include "common/diameter/cx_codec.hpp"
#include "common/diameter/cx_dictionary.hpp"
#include "common/diameter/fd_avp.hpp"

namespace ims::cx::detail {

/// Collects the first decoding failure (missing or invalid AVP).
struct DecodeState {
    FailedAvp* failed = nullptr;
    std::error_code ec;

    void missing(std::uint32_t code, std::uint32_t vendor) {
        if (ec) return;
        ec = make_error_code(cx_errc::missing_avp);
        if (failed) *failed = FailedAvp{code, vendor, std::nullopt};
    }
    void invalid(const AvpView& v) {
        if (ec) return;
        ec = make_error_code(cx_errc::invalid_avp_value);
        if (failed)
            *failed = FailedAvp{v.code, v.vendor, v.value ? std::optional(v.u32()) : std::nullopt};
    }
};

/// A new request of `model` with the common Cx header AVPs written (TS 29.229 6.1.x heads).
/// On error returns null and sets rc.
MsgPtr begin_request(dict_object* model, const RequestHeader& h, int& rc);
/// The answer to `request` with the common answer AVPs written (outcome included).
MsgPtr begin_answer(MsgPtr request, const AnswerHeader& h, int& rc);
/// Appends Failed-AVP for `failed` (RFC 6733 7.5) to `m`.
void write_failed_avp(struct msg* m, std::uint32_t code, std::uint32_t vendor,
                      std::optional<std::uint32_t> value, int& rc);

/// Walks a request: header AVPs go to `h`, every other AVP to body(view). Then checks that the
/// mandatory header AVPs were present.
template <class Body>
void walk_request(struct msg* m, RequestHeader& h, DecodeState& st, Body&& body);
/// Walks an answer: header AVPs (and the outcome) go to `h`, the rest to body(view).
template <class Body>
void walk_answer(struct msg* m, AnswerHeader& h, DecodeState& st, Body&& body);

void read_supported_features(const AvpView& v, std::vector<SupportedFeatures>& out);
void read_outcome_avp(const AvpView& v, Outcome& o, bool& seen);
void read_failed_avp(const AvpView& v, Outcome& o);

/// Checks a message's command code and R bit.
bool is_command(struct msg* m, Command c, bool request);

template <class Body>
void walk_request(struct msg* m, RequestHeader& h, DecodeState& st, Body&& body) {
    bool sid = false, oh = false, orr = false, dr = false, vsai = false, ass = false;
    for_each_child(m, [&](const AvpView& v) {
        if (v.vendor == 0) {
            switch (v.code) {
                case 263:
                    h.session_id = v.str();
                    sid = true;
                    return;
                case 264:
                    h.origin_host = v.str();
                    oh = true;
                    return;
                case 296:
                    h.origin_realm = v.str();
                    orr = true;
                    return;
                case 283:
                    h.destination_realm = v.str();
                    dr = true;
                    return;
                case 293:
                    h.destination_host = v.str();
                    return;
                case 260:
                    vsai = true;
                    return;
                case 277:
                    ass = true;
                    return;
                default:
                    break;
            }
        } else if (v.is(628, kVendor3gpp)) {
            read_supported_features(v, h.supported_features);
            return;
        }
        body(v);
    });
    if (!sid) st.missing(263, 0);
    if (!vsai) st.missing(260, 0);
    if (!ass) st.missing(277, 0);
    if (!oh) st.missing(264, 0);
    if (!orr) st.missing(296, 0);
    if (!dr) st.missing(283, 0);
}

template <class Body>
void walk_answer(struct msg* m, AnswerHeader& h, DecodeState& st, Body&& body) {
    bool outcome = false;
    for_each_child(m, [&](const AvpView& v) {
        if (v.vendor == 0) {
            switch (v.code) {
                case 263:
                    h.session_id = v.str();
                    return;
                case 264:
                    h.origin_host = v.str();
                    return;
                case 296:
                    h.origin_realm = v.str();
                    return;
                case 268:
                case 297:
                    read_outcome_avp(v, h.outcome, outcome);
                    return;
                case 279:
                    read_failed_avp(v, h.outcome);
                    return;
                case 260:
                case 277:
                case 281:  // Error-Message
                    return;
                default:
                    break;
            }
        } else if (v.is(628, kVendor3gpp)) {
            read_supported_features(v, h.supported_features);
            return;
        }
        body(v);
    });
    if (!outcome) st.missing(268, 0);
}

}  // namespace ims::cx::detail
