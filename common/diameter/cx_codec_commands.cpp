// Per-command part of the Cx codec: the body AVPs of UAR/UAA, SAR/SAA, LIR/LIA, MAR/MAA,
// RTR/RTA and PPR/PPA (TS 29.229 6.1.1-6.1.12).

#include "common/diameter/cx_codec.hpp"
#include "common/diameter/cx_codec_internal.hpp"

namespace ims::cx {

using detail::AvpView;
using detail::AvpWriter;
using detail::DecodeState;
using detail::for_each_child;

namespace {

constexpr std::uint32_t V = kVendor3gpp;

template <class T>
Result<T> done(T&& value, const DecodeState& st) {
    if (st.ec) return st.ec;
    return std::move(value);
}

Result<MsgPtr> finish(MsgPtr m, int rc) {
    if (!m || rc != 0) return make_error_code(cx_errc::encode_failed);
    return m;
}

/// Body AVPs then Failed-AVP if the outcome names one.
Result<MsgPtr> finish_answer(MsgPtr m, const AnswerHeader& h, int rc) {
    if (m && rc == 0 && h.outcome.failed_avp)
        detail::write_failed_avp(m.get(), *h.outcome.failed_avp, h.outcome.failed_avp_vendor,
                                 std::nullopt, rc);
    return finish(std::move(m), rc);
}

Result<void> expect(struct msg* m, Command c, bool request) {
    if (!m) return make_error_code(cx_errc::unexpected_command);
    if (!detail::is_command(m, c, request)) return make_error_code(cx_errc::unexpected_command);
    return success();
}

// ---- grouped AVPs shared by several commands -------------------------------------------------

void write_capabilities(AvpWriter& w, const CxDictionary& d, const ServerCapabilities& c) {
    auto g = w.group(d.server_capabilities);
    for (auto v : c.mandatory) g.u32(d.mandatory_capability, v);
    for (auto v : c.optional) g.u32(d.optional_capability, v);
    for (const auto& n : c.server_names) g.str(d.server_name, n);
}

ServerCapabilities read_capabilities(const AvpView& v) {
    ServerCapabilities c;
    for_each_child(v.avp, [&](const AvpView& x) {
        if (x.is(604, V))
            c.mandatory.push_back(x.u32());
        else if (x.is(605, V))
            c.optional.push_back(x.u32());
        else if (x.is(602, V))
            c.server_names.push_back(x.str());
    });
    return c;
}

void write_charging(AvpWriter& w, const CxDictionary& d, const ChargingInformation& c) {
    auto g = w.group(d.charging_information);
    if (!c.primary_event_function.empty())
        g.str(d.primary_event_charging_function_name, c.primary_event_function);
    if (!c.secondary_event_function.empty())
        g.str(d.secondary_event_charging_function_name, c.secondary_event_function);
    if (!c.primary_charging_function.empty())
        g.str(d.primary_charging_collection_function_name, c.primary_charging_function);
    if (!c.secondary_charging_function.empty())
        g.str(d.secondary_charging_collection_function_name, c.secondary_charging_function);
}

ChargingInformation read_charging(const AvpView& v) {
    ChargingInformation c;
    for_each_child(v.avp, [&](const AvpView& x) {
        if (x.is(619, V))
            c.primary_event_function = x.str();
        else if (x.is(620, V))
            c.secondary_event_function = x.str();
        else if (x.is(621, V))
            c.primary_charging_function = x.str();
        else if (x.is(622, V))
            c.secondary_charging_function = x.str();
    });
    return c;
}

void write_auth_item(AvpWriter& w, const CxDictionary& d, const AuthDataItem& a) {
    auto g = w.group(d.sip_auth_data_item);
    if (a.item_number) g.u32(d.sip_item_number, *a.item_number);
    if (!a.scheme.empty()) g.str(d.sip_authentication_scheme, a.scheme);
    if (!a.authenticate.empty()) g.bytes(d.sip_authenticate, a.authenticate);
    if (!a.authorization.empty()) g.bytes(d.sip_authorization, a.authorization);
    if (!a.confidentiality_key.empty()) g.bytes(d.confidentiality_key, a.confidentiality_key);
    if (!a.integrity_key.empty()) g.bytes(d.integrity_key, a.integrity_key);
    if (a.digest) {
        // TS 29.229 6.3.36: SIP-Digest-Authenticate {Digest-Realm} [Digest-Algorithm]
        // [Digest-QoP] {Digest-HA1}; a MAR may carry only the algorithm it asks for.
        auto dg = g.group(d.sip_digest_authenticate);
        if (!a.digest->realm.empty()) dg.str(d.digest_realm, a.digest->realm);
        if (!a.digest->algorithm.empty()) dg.str(d.digest_algorithm, a.digest->algorithm);
        if (!a.digest->qop.empty()) dg.str(d.digest_qop, a.digest->qop);
        if (!a.digest->ha1.empty()) dg.str(d.digest_ha1, a.digest->ha1);
    }
}

AuthDataItem read_auth_item(const AvpView& v) {
    AuthDataItem a;
    for_each_child(v.avp, [&](const AvpView& x) {
        if (x.vendor == V) {
            switch (x.code) {
                case 613:
                    a.item_number = x.u32();
                    break;
                case 608:
                    a.scheme = x.str();
                    break;
                case 609:
                    a.authenticate = x.bytes();
                    break;
                case 610:
                    a.authorization = x.bytes();
                    break;
                case 625:
                    a.confidentiality_key = x.bytes();
                    break;
                case 626:
                    a.integrity_key = x.bytes();
                    break;
                case 635: {
                    DigestAuthenticate dg;
                    for_each_child(x.avp, [&](const AvpView& y) {
                        if (y.is(104))
                            dg.realm = y.str();
                        else if (y.is(111))
                            dg.algorithm = y.str();
                        else if (y.is(110))
                            dg.qop = y.str();
                        else if (y.is(121))
                            dg.ha1 = y.str();
                    });
                    a.digest = std::move(dg);
                    break;
                }
                default:
                    break;
            }
        }
    });
    return a;
}

}  // namespace

// ---- UAR / UAA (TS 29.229 6.1.1 / 6.1.2) -------------------------------------------------------

Result<MsgPtr> encode(const Uar& r) {
    const CxDictionary& d = cx_dictionary();
    int rc = 0;
    MsgPtr m = detail::begin_request(d.uar, r.hdr, rc);
    if (!m) return make_error_code(cx_errc::encode_failed);
    AvpWriter w(m.get(), &rc);
    w.str(d.user_name, r.user_name);
    w.str(d.public_identity, r.public_identity);
    w.str(d.visited_network_identifier, r.visited_network_id);
    if (r.authorization_type)
        w.i32(d.user_authorization_type, static_cast<std::int32_t>(*r.authorization_type));
    return finish(std::move(m), rc);
}

Result<Uar> decode_uar(struct msg* m, FailedAvp* failed) {
    BOOST_OUTCOME_TRY(expect(m, Command::user_authorization, true));
    Uar r;
    DecodeState st{failed, {}};
    bool un = false, pi = false, vn = false;
    detail::walk_request(m, r.hdr, st, [&](const AvpView& v) {
        if (v.is(1)) {
            r.user_name = v.str();
            un = true;
        } else if (v.is(601, V)) {
            r.public_identity = v.str();
            pi = true;
        } else if (v.is(600, V)) {
            r.visited_network_id = v.str();
            vn = true;
        } else if (v.is(623, V)) {
            if (v.i32() < 0 || v.i32() > 2) return st.invalid(v);
            r.authorization_type = static_cast<UserAuthorizationType>(v.i32());
        }
    });
    if (!un) st.missing(1, 0);
    if (!pi) st.missing(601, V);
    if (!vn) st.missing(600, V);
    return done(std::move(r), st);
}

Result<MsgPtr> encode_answer(MsgPtr request, const Uaa& a) {
    const CxDictionary& d = cx_dictionary();
    int rc = 0;
    MsgPtr m = detail::begin_answer(std::move(request), a.hdr, rc);
    if (!m) return make_error_code(cx_errc::encode_failed);
    AvpWriter w(m.get(), &rc);
    if (a.server_name) w.str(d.server_name, *a.server_name);
    if (a.capabilities) write_capabilities(w, d, *a.capabilities);
    return finish_answer(std::move(m), a.hdr, rc);
}

Result<Uaa> decode_uaa(struct msg* m) {
    BOOST_OUTCOME_TRY(expect(m, Command::user_authorization, false));
    Uaa a;
    DecodeState st;
    detail::walk_answer(m, a.hdr, st, [&](const AvpView& v) {
        if (v.is(602, V))
            a.server_name = v.str();
        else if (v.is(603, V))
            a.capabilities = read_capabilities(v);
    });
    return done(std::move(a), st);
}

// ---- SAR / SAA (TS 29.229 6.1.3 / 6.1.4) -------------------------------------------------------

Result<MsgPtr> encode(const Sar& r) {
    const CxDictionary& d = cx_dictionary();
    int rc = 0;
    MsgPtr m = detail::begin_request(d.sar, r.hdr, rc);
    if (!m) return make_error_code(cx_errc::encode_failed);
    AvpWriter w(m.get(), &rc);
    if (r.user_name) w.str(d.user_name, *r.user_name);
    for (const auto& p : r.public_identities) w.str(d.public_identity, p);
    if (r.wildcarded_public_identity)
        w.str(d.wildcarded_public_identity, *r.wildcarded_public_identity);
    w.str(d.server_name, r.server_name);
    w.i32(d.server_assignment_type, static_cast<std::int32_t>(r.assignment_type));
    w.i32(d.user_data_already_available, static_cast<std::int32_t>(r.user_data_already_available));
    return finish(std::move(m), rc);
}

Result<Sar> decode_sar(struct msg* m, FailedAvp* failed) {
    BOOST_OUTCOME_TRY(expect(m, Command::server_assignment, true));
    Sar r;
    DecodeState st{failed, {}};
    bool sn = false, sat = false, udaa = false;
    detail::walk_request(m, r.hdr, st, [&](const AvpView& v) {
        if (v.is(1)) {
            r.user_name = v.str();
        } else if (v.is(601, V)) {
            r.public_identities.push_back(v.str());
        } else if (v.is(634, V)) {
            r.wildcarded_public_identity = v.str();
        } else if (v.is(602, V)) {
            r.server_name = v.str();
            sn = true;
        } else if (v.is(614, V)) {
            if (v.i32() < 0 || v.i32() > 11) return st.invalid(v);
            r.assignment_type = static_cast<ServerAssignmentType>(v.i32());
            sat = true;
        } else if (v.is(624, V)) {
            if (v.i32() < 0 || v.i32() > 1) return st.invalid(v);
            r.user_data_already_available = static_cast<UserDataAlreadyAvailable>(v.i32());
            udaa = true;
        }
    });
    if (!sn) st.missing(602, V);
    if (!sat) st.missing(614, V);
    if (!udaa) st.missing(624, V);
    return done(std::move(r), st);
}

Result<MsgPtr> encode_answer(MsgPtr request, const Saa& a) {
    const CxDictionary& d = cx_dictionary();
    int rc = 0;
    MsgPtr m = detail::begin_answer(std::move(request), a.hdr, rc);
    if (!m) return make_error_code(cx_errc::encode_failed);
    AvpWriter w(m.get(), &rc);
    if (a.user_name) w.str(d.user_name, *a.user_name);
    if (a.user_data) w.str(d.user_data, *a.user_data);
    if (a.charging_information) write_charging(w, d, *a.charging_information);
    if (!a.associated_identities.empty()) {
        auto g = w.group(d.associated_identities);
        for (const auto& u : a.associated_identities) g.str(d.user_name, u);
    }
    return finish_answer(std::move(m), a.hdr, rc);
}

Result<Saa> decode_saa(struct msg* m) {
    BOOST_OUTCOME_TRY(expect(m, Command::server_assignment, false));
    Saa a;
    DecodeState st;
    detail::walk_answer(m, a.hdr, st, [&](const AvpView& v) {
        if (v.is(1)) {
            a.user_name = v.str();
        } else if (v.is(606, V)) {
            a.user_data = v.str();
        } else if (v.is(618, V)) {
            a.charging_information = read_charging(v);
        } else if (v.is(632, V)) {
            for_each_child(v.avp, [&](const AvpView& x) {
                if (x.is(1)) a.associated_identities.push_back(x.str());
            });
        }
    });
    return done(std::move(a), st);
}

// ---- LIR / LIA (TS 29.229 6.1.5 / 6.1.6) -------------------------------------------------------

Result<MsgPtr> encode(const Lir& r) {
    const CxDictionary& d = cx_dictionary();
    int rc = 0;
    MsgPtr m = detail::begin_request(d.lir, r.hdr, rc);
    if (!m) return make_error_code(cx_errc::encode_failed);
    AvpWriter w(m.get(), &rc);
    if (r.originating_request)
        w.i32(d.originating_request, static_cast<std::int32_t>(*r.originating_request));
    w.str(d.public_identity, r.public_identity);
    return finish(std::move(m), rc);
}

Result<Lir> decode_lir(struct msg* m, FailedAvp* failed) {
    BOOST_OUTCOME_TRY(expect(m, Command::location_info, true));
    Lir r;
    DecodeState st{failed, {}};
    bool pi = false;
    detail::walk_request(m, r.hdr, st, [&](const AvpView& v) {
        if (v.is(601, V)) {
            r.public_identity = v.str();
            pi = true;
        } else if (v.is(633, V)) {
            // TS 29.229 6.3.39: ORIGINATING (0) is the only value.
            if (v.i32() != 0) return st.invalid(v);
            r.originating_request = static_cast<std::uint32_t>(v.i32());
        }
    });
    if (!pi) st.missing(601, V);
    return done(std::move(r), st);
}

Result<MsgPtr> encode_answer(MsgPtr request, const Lia& a) {
    const CxDictionary& d = cx_dictionary();
    int rc = 0;
    MsgPtr m = detail::begin_answer(std::move(request), a.hdr, rc);
    if (!m) return make_error_code(cx_errc::encode_failed);
    AvpWriter w(m.get(), &rc);
    if (a.server_name) w.str(d.server_name, *a.server_name);
    if (a.capabilities) write_capabilities(w, d, *a.capabilities);
    if (a.wildcarded_public_identity)
        w.str(d.wildcarded_public_identity, *a.wildcarded_public_identity);
    return finish_answer(std::move(m), a.hdr, rc);
}

Result<Lia> decode_lia(struct msg* m) {
    BOOST_OUTCOME_TRY(expect(m, Command::location_info, false));
    Lia a;
    DecodeState st;
    detail::walk_answer(m, a.hdr, st, [&](const AvpView& v) {
        if (v.is(602, V))
            a.server_name = v.str();
        else if (v.is(603, V))
            a.capabilities = read_capabilities(v);
        else if (v.is(634, V))
            a.wildcarded_public_identity = v.str();
    });
    return done(std::move(a), st);
}

// ---- MAR / MAA (TS 29.229 6.1.7 / 6.1.8) -------------------------------------------------------

Result<MsgPtr> encode(const Mar& r) {
    const CxDictionary& d = cx_dictionary();
    int rc = 0;
    MsgPtr m = detail::begin_request(d.mar, r.hdr, rc);
    if (!m) return make_error_code(cx_errc::encode_failed);
    AvpWriter w(m.get(), &rc);
    w.str(d.user_name, r.user_name);
    w.str(d.public_identity, r.public_identity);
    w.u32(d.sip_number_auth_items, r.number_auth_items);
    write_auth_item(w, d, r.auth_data);
    w.str(d.server_name, r.server_name);
    return finish(std::move(m), rc);
}

Result<Mar> decode_mar(struct msg* m, FailedAvp* failed) {
    BOOST_OUTCOME_TRY(expect(m, Command::multimedia_auth, true));
    Mar r;
    DecodeState st{failed, {}};
    bool un = false, pi = false, nai = false, adi = false, sn = false;
    detail::walk_request(m, r.hdr, st, [&](const AvpView& v) {
        if (v.is(1)) {
            r.user_name = v.str();
            un = true;
        } else if (v.is(601, V)) {
            r.public_identity = v.str();
            pi = true;
        } else if (v.is(607, V)) {
            r.number_auth_items = v.u32();
            nai = true;
        } else if (v.is(612, V)) {
            r.auth_data = read_auth_item(v);
            adi = true;
        } else if (v.is(602, V)) {
            r.server_name = v.str();
            sn = true;
        }
    });
    if (!un) st.missing(1, 0);
    if (!pi) st.missing(601, V);
    if (!nai) st.missing(607, V);
    if (!adi) st.missing(612, V);
    if (!sn) st.missing(602, V);
    return done(std::move(r), st);
}

Result<MsgPtr> encode_answer(MsgPtr request, const Maa& a) {
    const CxDictionary& d = cx_dictionary();
    int rc = 0;
    MsgPtr m = detail::begin_answer(std::move(request), a.hdr, rc);
    if (!m) return make_error_code(cx_errc::encode_failed);
    AvpWriter w(m.get(), &rc);
    if (!a.user_name.empty()) w.str(d.user_name, a.user_name);
    if (!a.public_identity.empty()) w.str(d.public_identity, a.public_identity);
    if (a.hdr.outcome.is_success()) w.u32(d.sip_number_auth_items, a.number_auth_items);
    for (const auto& item : a.items) write_auth_item(w, d, item);
    return finish_answer(std::move(m), a.hdr, rc);
}

Result<Maa> decode_maa(struct msg* m) {
    BOOST_OUTCOME_TRY(expect(m, Command::multimedia_auth, false));
    Maa a;
    DecodeState st;
    detail::walk_answer(m, a.hdr, st, [&](const AvpView& v) {
        if (v.is(1))
            a.user_name = v.str();
        else if (v.is(601, V))
            a.public_identity = v.str();
        else if (v.is(607, V))
            a.number_auth_items = v.u32();
        else if (v.is(612, V))
            a.items.push_back(read_auth_item(v));
    });
    return done(std::move(a), st);
}

// ---- RTR / RTA (TS 29.229 6.1.9 / 6.1.10) ------------------------------------------------------

Result<MsgPtr> encode(const Rtr& r) {
    const CxDictionary& d = cx_dictionary();
    int rc = 0;
    MsgPtr m = detail::begin_request(d.rtr, r.hdr, rc);
    if (!m) return make_error_code(cx_errc::encode_failed);
    AvpWriter w(m.get(), &rc);
    w.str(d.user_name, r.user_name);
    for (const auto& p : r.public_identities) w.str(d.public_identity, p);
    auto g = w.group(d.deregistration_reason);
    g.i32(d.reason_code, static_cast<std::int32_t>(r.reason.code));
    if (!r.reason.info.empty()) g.str(d.reason_info, r.reason.info);
    return finish(std::move(m), rc);
}

Result<Rtr> decode_rtr(struct msg* m, FailedAvp* failed) {
    BOOST_OUTCOME_TRY(expect(m, Command::registration_termination, true));
    Rtr r;
    DecodeState st{failed, {}};
    bool un = false, dr = false;
    detail::walk_request(m, r.hdr, st, [&](const AvpView& v) {
        if (v.is(1)) {
            r.user_name = v.str();
            un = true;
        } else if (v.is(601, V)) {
            r.public_identities.push_back(v.str());
        } else if (v.is(615, V)) {
            dr = true;
            bool code = false;
            for_each_child(v.avp, [&](const AvpView& x) {
                if (x.is(616, V)) {
                    if (x.i32() < 0 || x.i32() > 3) return st.invalid(x);
                    r.reason.code = static_cast<ReasonCode>(x.i32());
                    code = true;
                } else if (x.is(617, V)) {
                    r.reason.info = x.str();
                }
            });
            if (!code) st.missing(616, V);
        }
    });
    if (!un) st.missing(1, 0);
    if (!dr) st.missing(615, V);
    return done(std::move(r), st);
}

Result<MsgPtr> encode_answer(MsgPtr request, const Rta& a) {
    int rc = 0;
    MsgPtr m = detail::begin_answer(std::move(request), a.hdr, rc);
    return finish_answer(std::move(m), a.hdr, rc);
}

Result<Rta> decode_rta(struct msg* m) {
    BOOST_OUTCOME_TRY(expect(m, Command::registration_termination, false));
    Rta a;
    DecodeState st;
    detail::walk_answer(m, a.hdr, st, [](const AvpView&) {});
    return done(std::move(a), st);
}

// ---- PPR / PPA (TS 29.229 6.1.11 / 6.1.12) -----------------------------------------------------

Result<MsgPtr> encode(const Ppr& r) {
    const CxDictionary& d = cx_dictionary();
    int rc = 0;
    MsgPtr m = detail::begin_request(d.ppr, r.hdr, rc);
    if (!m) return make_error_code(cx_errc::encode_failed);
    AvpWriter w(m.get(), &rc);
    w.str(d.user_name, r.user_name);
    if (r.user_data) w.str(d.user_data, *r.user_data);
    if (r.charging_information) write_charging(w, d, *r.charging_information);
    return finish(std::move(m), rc);
}

Result<Ppr> decode_ppr(struct msg* m, FailedAvp* failed) {
    BOOST_OUTCOME_TRY(expect(m, Command::push_profile, true));
    Ppr r;
    DecodeState st{failed, {}};
    bool un = false;
    detail::walk_request(m, r.hdr, st, [&](const AvpView& v) {
        if (v.is(1)) {
            r.user_name = v.str();
            un = true;
        } else if (v.is(606, V)) {
            r.user_data = v.str();
        } else if (v.is(618, V)) {
            r.charging_information = read_charging(v);
        }
    });
    if (!un) st.missing(1, 0);
    return done(std::move(r), st);
}

Result<MsgPtr> encode_answer(MsgPtr request, const Ppa& a) {
    int rc = 0;
    MsgPtr m = detail::begin_answer(std::move(request), a.hdr, rc);
    return finish_answer(std::move(m), a.hdr, rc);
}

Result<Ppa> decode_ppa(struct msg* m) {
    BOOST_OUTCOME_TRY(expect(m, Command::push_profile, false));
    Ppa a;
    DecodeState st;
    detail::walk_answer(m, a.hdr, st, [](const AvpView&) {});
    return done(std::move(a), st);
}

}  // namespace ims::cx
