// Common part of the Cx codec: request/answer heads, the outcome (Result-Code /
// Experimental-Result / Failed-AVP: read and written here and nowhere else), error answers.

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>

#include "common/diameter/cx_codec.hpp"
#include "common/diameter/cx_codec_internal.hpp"

namespace ims::cx {

namespace {

std::string g_host;
std::string g_realm;

// RFC 6733 8.8: <DiameterIdentity>;<high 32 bits>;<low 32 bits>. High: start time, low: counter.
std::string new_session_id(std::string_view host) {
    static const std::uint32_t high = static_cast<std::uint32_t>(
        std::chrono::system_clock::now().time_since_epoch() / std::chrono::seconds(1));
    static std::atomic<std::uint32_t> low{0};
    std::string sid;
    sid.reserve(host.size() + 24);
    sid.append(host).append(";").append(std::to_string(high)).append(";");
    sid.append(std::to_string(low.fetch_add(1, std::memory_order_relaxed)));
    return sid;
}

std::string_view local_host() {
    if (!g_host.empty()) return g_host;
    if (fd_g_config && fd_g_config->cnf_diamid) return fd_g_config->cnf_diamid;
    return {};
}
std::string_view local_realm() {
    if (!g_realm.empty()) return g_realm;
    if (fd_g_config && fd_g_config->cnf_diamrlm) return fd_g_config->cnf_diamrlm;
    return {};
}

void write_vsai(detail::AvpWriter& w, const CxDictionary& d) {
    // TS 29.229 6.1: Vendor-Specific-Application-Id {Vendor-Id 10415, Auth-Application-Id}.
    auto g = w.group(d.vendor_specific_application_id);
    g.u32(d.vendor_id, kVendor3gpp);
    g.u32(d.auth_application_id, kCxApplicationId);
}

void write_supported_features(detail::AvpWriter& w, const CxDictionary& d,
                              const std::vector<SupportedFeatures>& sf) {
    for (const auto& f : sf) {
        auto g = w.group(d.supported_features);
        g.u32(d.vendor_id, f.vendor_id);
        g.u32(d.feature_list_id, f.feature_list_id);
        g.u32(d.feature_list, f.feature_list);
    }
}

constexpr std::int32_t kNoStateMaintained = 1;  // Auth-Session-State, RFC 6733 8.11

}  // namespace

void set_local_identity(std::string host, std::string realm) {
    g_host = std::move(host);
    g_realm = std::move(realm);
}

MsgInfo msg_info(struct msg* m) noexcept {
    MsgInfo info;
    struct msg_hdr* h = nullptr;
    if (m && fd_msg_hdr(m, &h) == 0 && h) {
        info.command = h->msg_code;
        info.application = h->msg_appl;
        info.request = (h->msg_flags & CMD_FLAG_REQUEST) != 0;
        info.error_bit = (h->msg_flags & CMD_FLAG_ERROR) != 0;
    }
    return info;
}

namespace detail {

bool is_command(struct msg* m, Command c, bool request) {
    MsgInfo i = msg_info(m);
    return i.command == static_cast<std::uint32_t>(c) && i.request == request;
}

MsgPtr begin_request(dict_object* model, const RequestHeader& h, int& rc) {
    const CxDictionary& d = cx_dictionary();
    struct msg* raw = nullptr;
    rc = fd_msg_new(model, MSGFL_ALLOC_ETEID, &raw);
    if (rc != 0) return nullptr;
    MsgPtr m(raw);
    std::string_view host = h.origin_host.empty() ? local_host() : std::string_view(h.origin_host);
    std::string_view realm =
        h.origin_realm.empty() ? local_realm() : std::string_view(h.origin_realm);
    std::string_view dest_realm = h.destination_realm.empty() ? realm : h.destination_realm;
    if (host.empty() || realm.empty()) {
        rc = EINVAL;  // no local identity: set_local_identity() or start the core first
        return nullptr;
    }
    AvpWriter w(raw, &rc);
    // RFC 6733 8.8: Session-Id first.
    if (h.session_id.empty())
        w.str(d.session_id, new_session_id(host));
    else
        w.str(d.session_id, h.session_id);
    write_vsai(w, d);
    w.i32(d.auth_session_state, kNoStateMaintained);
    w.str(d.origin_host, host);
    w.str(d.origin_realm, realm);
    if (h.destination_host) w.str(d.destination_host, *h.destination_host);
    w.str(d.destination_realm, dest_realm);
    write_supported_features(w, d, h.supported_features);
    if (rc != 0) return nullptr;
    return m;
}

void write_failed_avp(struct msg* m, std::uint32_t code, std::uint32_t vendor,
                      std::optional<std::uint32_t> value, int& rc) {
    const CxDictionary& d = cx_dictionary();
    dict_avp_request req{};
    req.avp_vendor = vendor;
    req.avp_code = code;
    dict_object* model = nullptr;
    fd_dict_search(fd_g_config->cnf_dict, DICT_AVP, AVP_BY_CODE_AND_VENDOR, &req, &model, ENOENT);
    AvpWriter w(m, &rc);
    auto failed = w.group(d.failed_avp);
    if (!model) return;  // an AVP we do not know: Failed-AVP stays empty
    dict_avp_data data{};
    if (fd_dict_getval(model, &data) != 0) return;
    // RFC 6733 7.5: for a missing AVP, an example of it with a minimal value; for an invalid
    // one, the offending value.
    switch (data.avp_basetype) {
        case AVP_TYPE_OCTETSTRING:
            failed.str(model, "");
            break;
        case AVP_TYPE_UNSIGNED32:
            failed.u32(model, value.value_or(0));
            break;
        case AVP_TYPE_INTEGER32:
            failed.i32(model, static_cast<std::int32_t>(value.value_or(0)));
            break;
        case AVP_TYPE_GROUPED:
            failed.group(model);
            break;
        default:
            break;
    }
}

MsgPtr begin_answer(MsgPtr request, const AnswerHeader& h, int& rc) {
    const CxDictionary& d = cx_dictionary();
    struct msg* raw = request.release();
    rc = fd_msg_new_answer_from_req(fd_g_config->cnf_dict, &raw, 0);
    if (rc != 0) {
        MsgPtr free_it(raw);  // still the request
        return nullptr;
    }
    MsgPtr m(raw);  // the answer; owns the request
    std::string_view host = h.origin_host.empty() ? local_host() : std::string_view(h.origin_host);
    std::string_view realm =
        h.origin_realm.empty() ? local_realm() : std::string_view(h.origin_realm);
    if (host.empty() || realm.empty()) {
        rc = EINVAL;
        return nullptr;
    }
    AvpWriter w(raw, &rc);
    write_vsai(w, d);
    // The outcome: exactly one of Result-Code / Experimental-Result (TS 29.229 6.2).
    const Outcome& o = h.outcome;
    if (o.experimental) {
        auto g = w.group(d.experimental_result);
        g.u32(d.vendor_id, kVendor3gpp);
        g.u32(d.experimental_result_code, o.code);
    } else {
        w.u32(d.result_code, o.code);
    }
    w.i32(d.auth_session_state, kNoStateMaintained);
    w.str(d.origin_host, host);
    w.str(d.origin_realm, realm);
    write_supported_features(w, d, h.supported_features);
    if (rc != 0) return nullptr;
    // RFC 6733 7.2: protocol errors (3xxx) set the E bit.
    if (!o.experimental && o.code >= 3000 && o.code < 4000) {
        struct msg_hdr* mh = nullptr;
        if (fd_msg_hdr(raw, &mh) == 0) mh->msg_flags |= CMD_FLAG_ERROR;
    }
    return m;
}

void read_supported_features(const AvpView& v, std::vector<SupportedFeatures>& out) {
    SupportedFeatures f;
    for_each_child(v.avp, [&](const AvpView& c) {
        if (c.is(266))
            f.vendor_id = c.u32();
        else if (c.is(629, kVendor3gpp))
            f.feature_list_id = c.u32();
        else if (c.is(630, kVendor3gpp))
            f.feature_list = c.u32();
    });
    out.push_back(f);
}

void read_outcome_avp(const AvpView& v, Outcome& o, bool& seen) {
    if (v.code == 268) {
        o.code = v.u32();
        o.experimental = false;
        seen = true;
        return;
    }
    // Experimental-Result (297) { Vendor-Id, Experimental-Result-Code (298) }
    for_each_child(v.avp, [&](const AvpView& c) {
        if (c.is(298)) {
            o.code = c.u32();
            o.experimental = true;
            seen = true;
        }
    });
}

void read_failed_avp(const AvpView& v, Outcome& o) {
    bool first = true;
    for_each_child(v.avp, [&](const AvpView& c) {
        if (!first) return;
        first = false;
        o.failed_avp = c.code;
        o.failed_avp_vendor = c.vendor;
    });
}

}  // namespace detail

Result<MsgPtr> encode_error_answer(MsgPtr request, const Outcome& outcome,
                                   std::string_view error_message, const FailedAvp* failed) {
    AnswerHeader h;
    h.outcome = outcome;
    int rc = 0;
    MsgPtr m = detail::begin_answer(std::move(request), h, rc);
    if (!m) return make_error_code(cx_errc::encode_failed);
    if (!error_message.empty()) {
        detail::AvpWriter w(m.get(), &rc);
        w.str(cx_dictionary().error_message, error_message);
    }
    if (failed)
        detail::write_failed_avp(m.get(), failed->code, failed->vendor, failed->value, rc);
    else if (outcome.failed_avp)
        detail::write_failed_avp(m.get(), *outcome.failed_avp, outcome.failed_avp_vendor,
                                 std::nullopt, rc);
    if (rc != 0) return make_error_code(cx_errc::encode_failed);
    return m;
}

}  // namespace ims::cx
