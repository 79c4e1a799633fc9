#include "cscf/scscf/registrar.hpp"

#include <spdlog/spdlog.h>

#include <strings.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>
#include <memory>

#include "common/diameter/cx_result.hpp"
#include "common/sip/response.hpp"
#include "cscf/scscf/challenge.hpp"
#include "cscf/scscf/cx_failure.hpp"

namespace ims::scscf {

namespace asio = boost::asio;

namespace {

const char* kind_name(RegisterKind k) {
    switch (k) {
        case RegisterKind::initial:
            return "initial";
        case RegisterKind::refresh:
            return "refresh";
        case RegisterKind::deregistration:
            return "deregistration";
        case RegisterKind::query:
            return "query";
    }
    return "?";
}

std::optional<AuthScheme> hinted_scheme(const std::optional<DigestCredentials>& c) {
    if (!c || c->algorithm.empty()) return std::nullopt;
    if (::strcasecmp(c->algorithm.c_str(), "AKAv1-MD5") == 0) return AuthScheme::aka_v1_md5;
    if (::strcasecmp(c->algorithm.c_str(), "MD5") == 0) return AuthScheme::digest_md5;
    if (::strcasecmp(c->algorithm.c_str(), "SHA-256") == 0) return AuthScheme::digest_sha256;
    return std::nullopt;
}

}  // namespace

Registrar::Registrar(asio::any_io_executor ex, RegistrarSettings settings, RegistrationStore& store,
                     HssPort& hss, SipPort& sip, RandomSource& random, Clock clock,
                     ResponseVerifier verifier, IfcCache* cache)
    : ex_(ex),
      settings_(std::move(settings)),
      store_(store),
      hss_(hss),
      sip_(sip),
      random_(random),
      clock_(std::move(clock)),
      verifier_(std::move(verifier)),
      cache_(cache != nullptr ? cache : &own_cache_),
      timer_(ex) {}

void Registrar::spawn(asio::awaitable<void> task) {
    asio::co_spawn(ex_, std::move(task), [](std::exception_ptr e) {
        if (!e) return;
        try {
            std::rethrow_exception(e);
        } catch (const std::exception& x) {
            spdlog::error("scscf: flow aborted by exception: {}", x.what());
        } catch (...) {
            spdlog::error("scscf: flow aborted by unknown exception");
        }
    });
}

void Registrar::on_register(IncomingRegister in) {
    spawn(handle(std::move(in)));
}

void Registrar::start(std::chrono::milliseconds period) {
    period_ = period;
    running_ = true;
    sweep();
    timer_.expires_after(period_);
    timer_.async_wait([this](const boost::system::error_code& ec) {
        if (ec || !running_) return;
        start(period_);
    });
}

void Registrar::stop() {
    running_ = false;
    timer_.cancel();
}

std::string Registrar::token(std::size_t bytes) {
    std::vector<std::uint8_t> b(bytes);
    random_.fill(b);
    return hex_encode(b);
}

asio::awaitable<bool> Registrar::durable() {
    return asio::async_initiate<decltype(asio::use_awaitable), void(bool)>(
        [this](auto handler) {
            // when_durable takes a copyable callback; the coroutine's handler is move-only.
            auto shared = std::make_shared<decltype(handler)>(std::move(handler));
            store_.when_durable([ex = ex_, shared](bool ok) {
                asio::post(ex, [shared, ok]() mutable { std::move (*shared)(ok); });
            });
        },
        asio::use_awaitable);
}

void Registrar::respond(const IncomingRegister& in, const sip::Message& m) {
    sip_.respond(in.transaction, m);
}

void Registrar::reject(const IncomingRegister& in, int status, const std::string& reason,
                       std::optional<std::uint32_t> min_expires) {
    respond(in, make_rejection(in.message, status, reason, min_expires, token(8)));
}

bool Registrar::offered(AuthScheme s) const {
    return std::find(settings_.schemes.begin(), settings_.schemes.end(), s) !=
           settings_.schemes.end();
}

cx::Mar Registrar::make_mar(const RegisterRequest& req, std::optional<AuthScheme> scheme) const {
    cx::Mar mar;
    mar.user_name = req.impi;
    mar.public_identity = req.impu;
    mar.server_name = settings_.server_name;
    mar.number_auth_items = 1;
    if (!scheme) {
        // TS 29.228 6.3.2: "Unknown" lets the HSS pick the subscriber's scheme.
        mar.auth_data.scheme = cx::kSchemeUnknown;
    } else if (*scheme == AuthScheme::aka_v1_md5) {
        mar.auth_data.scheme = cx::kSchemeAka;
    } else {
        mar.auth_data.scheme = cx::kSchemeDigest;
        mar.auth_data.digest = cx::DigestAuthenticate{
            settings_.realm, std::string(algorithm_token(*scheme)), "auth", ""};
    }
    return mar;
}

// TS 24.229 5.4.1.2.1: a REGISTER without (usable) credentials: MAR, then 401.
asio::awaitable<void> Registrar::challenge(const IncomingRegister& in, const ExtractedRegister& ex,
                                           bool stale, std::vector<std::uint8_t> resync) {
    const auto& req = ex.request;
    std::optional<AuthScheme> scheme = hinted_scheme(ex.credentials);
    if (scheme && !offered(*scheme)) scheme.reset();
    if (!scheme) scheme = settings_.default_scheme;
    cx::Mar mar = make_mar(req, resync.empty() ? scheme : AuthScheme::aka_v1_md5);
    if (!resync.empty()) mar.auth_data.authorization = std::move(resync);

    const auto answer = co_await hss_.mar(mar);
    const auto result = cx::classify(answer);
    if (!cx::is_success(result) || answer.value().items.empty()) {
        const auto f = cx::is_success(result)
                           ? SipFailure{403, "Forbidden - no authentication vector"}
                           : sip_failure_for(result);
        spdlog::warn("scscf: MAR failed impi={} impu={} call-id={} result={} -> {} {}", req.impi,
                     req.impu, req.call_id, cx::to_string(result), f.status, f.reason);
        reject(in, f.status, f.reason);
        co_return;
    }
    auto vector = vector_from_item(answer.value().items.front(), settings_.realm);
    if (!vector) {
        spdlog::error("scscf: MAA for {} holds an unusable vector", req.impi);
        reject(in, 500, "Server Internal Error - unusable authentication vector");
        co_return;
    }
    if (!offered(vector.value().scheme)) {
        reject(in, 403, "Forbidden - authentication scheme not offered here");
        co_return;
    }
    const auto now = clock_();
    std::vector<NonceState> states;
    states.push_back(issue_nonce(std::move(vector).value(), req.impi, req.impu, now,
                                 settings_.nonce_lifetime, random_));
    // RFC 8760: offer SHA-256 and MD5 side by side when both are configured for digest users.
    const auto first = states.front().vector.scheme;
    if (first != AuthScheme::aka_v1_md5 && offered(AuthScheme::digest_md5) &&
        offered(AuthScheme::digest_sha256)) {
        const auto other =
            first == AuthScheme::digest_md5 ? AuthScheme::digest_sha256 : AuthScheme::digest_md5;
        const auto second = co_await hss_.mar(make_mar(req, other));
        if (cx::is_success(cx::classify(second)) && !second.value().items.empty()) {
            if (auto v = vector_from_item(second.value().items.front(), settings_.realm);
                v && v.value().scheme == other) {
                states.push_back(issue_nonce(std::move(v).value(), req.impi, req.impu, now,
                                             settings_.nonce_lifetime, random_));
            }
        }
    }
    std::vector<const NonceState*> ptrs;
    std::string algorithms;
    for (const auto& s : states) {
        ptrs.push_back(&s);
        algorithms += std::string(algorithms.empty() ? "" : ",") +
                      std::string(algorithm_token(s.vector.scheme));
    }
    const auto www = www_authenticate_all(ptrs, stale, settings_.aka_keys_in_challenge);
    for (auto& s : states) nonces_.insert(std::move(s));
    respond(in, make_challenge(in.message, www, token(8)));
    spdlog::info("scscf: challenge impi={} impu={} call-id={} algorithm={} stale={}", req.impi,
                 req.impu, req.call_id, algorithms, stale);
}

asio::awaitable<void> Registrar::handle(IncomingRegister in) {
    // RFC 3261 17.2.2 / TS 24.229: tell the UE at once that we are working (MAR may take time).
    respond(in, sip::make_response(in.message, 100, "Trying"));

    auto extracted = extract_register(in.message, settings_.realm, in.received);
    if (auto* err = std::get_if<ExtractError>(&extracted)) {
        spdlog::warn("scscf: malformed REGISTER from {}: {}", in.received, err->reason);
        reject(in, err->status, err->reason);
        co_return;
    }
    const auto ex = std::get<ExtractedRegister>(std::move(extracted));
    const auto& req = ex.request;

    // ---- authentication (TS 24.229 5.4.1.2.1 / 5.4.1.2.2) -------------------------------------
    const NonceState* state = ex.credentials && !ex.credentials->nonce.empty()
                                  ? nonces_.find(ex.credentials->nonce)
                                  : nullptr;
    const auto auth =
        decide_auth(ex.credentials, state, "REGISTER", ex.request_uri, clock_(), verifier_);
    switch (auth.action) {
        case AuthAction::challenge:
            co_await challenge(in, ex, auth.stale, {});
            co_return;
        case AuthAction::resync:
            spdlog::info("scscf: AKA resynchronisation impi={} call-id={}", req.impi, req.call_id);
            nonces_.erase(ex.credentials->nonce);
            co_await challenge(in, ex, false, auth.resync_info);
            co_return;
        case AuthAction::reject:
            if (auth.consume_nonce) nonces_.erase(ex.credentials->nonce);
            spdlog::warn("scscf: authentication rejected impi={} impu={} call-id={}: {} {}",
                         req.impi, req.impu, req.call_id, auth.status, auth.reason);
            reject(in, auth.status, auth.reason);
            co_return;
        case AuthAction::accept:
            if (auth.consume_nonce) {
                nonces_.erase(ex.credentials->nonce);
            } else {
                nonces_.record_nc(ex.credentials->nonce, auth.nc);
            }
            break;
    }

    // ---- registration (RFC 3261 10.3, TS 24.229 5.4.1.2.2 / 5.4.1.4) --------------------------
    auto decision = decide_register(req, store_.find(req.impu), clock_(), settings_.expiry);
    if (auto* rej = std::get_if<Rejection>(&decision)) {
        spdlog::info("scscf: REGISTER rejected impu={} call-id={}: {} {}", req.impu, req.call_id,
                     rej->status, rej->reason);
        reject(in, rej->status, rej->reason, rej->min_expires);
        co_return;
    }
    auto plan = std::get<RegisterPlan>(std::move(decision));

    std::shared_ptr<const UserProfile> profile;
    if (auto existing = store_.find(req.impu)) profile = existing->profile;
    if (plan.sar) {
        cx::Sar sar;
        sar.user_name = req.impi;
        sar.public_identities = {req.impu};
        sar.server_name = settings_.server_name;
        sar.assignment_type = *plan.sar;
        sar.user_data_already_available =
            profile ? plan.user_data : cx::UserDataAlreadyAvailable::not_available;
        const auto answer = co_await hss_.sar(sar);
        const auto result = cx::classify(answer);
        if (!cx::is_success(result)) {
            const auto f = sip_failure_for(result);
            spdlog::warn("scscf: SAR failed impu={} call-id={} type={} result={} -> {} {}",
                         req.impu, req.call_id, static_cast<int>(*plan.sar), cx::to_string(result),
                         f.status, f.reason);
            reject(in, f.status, f.reason);
            co_return;
        }
        if (answer.value().user_data && !answer.value().user_data->empty()) {
            auto parsed = parse_user_data(*answer.value().user_data, cache_);
            if (!parsed) {
                spdlog::error("scscf: SAA user data for {} unusable: {}", req.impu,
                              parsed.error().message());
                reject(in, 500, "Server Internal Error - unusable user profile");
                co_return;
            }
            profile = std::move(parsed).value();
        }
    }
    if (plan.kind == RegisterKind::initial || plan.kind == RegisterKind::refresh) {
        if (!profile) {
            reject(in, 500, "Server Internal Error - no user profile");
            co_return;
        }
        // TS 24.229 5.4.1.2.1: a barred identity cannot register.
        if (const auto* id = profile->identity(req.impu); id != nullptr && id->barred) {
            reject(in, 403, "Forbidden - public identity barred");
            co_return;
        }
    }

    // The SAR took time: decide again on the store as it is now (another REGISTER of the same
    // set may have completed meanwhile); the pure decision makes this cheap.
    const auto now = clock_();
    auto existing = store_.find(req.impu);
    decision = decide_register(req, existing, now, settings_.expiry);
    if (auto* rej = std::get_if<Rejection>(&decision)) {
        reject(in, rej->status, rej->reason, rej->min_expires);
        co_return;
    }
    const auto final_plan = std::get<RegisterPlan>(std::move(decision));

    Registration reg;
    reg.impi = req.impi;
    if (existing) {
        reg.impus = existing->impus;
    } else if (profile) {
        reg.impus = profile->implicit_set(req.impu);
    } else {
        reg.impus = {req.impu};
    }
    reg.profile = profile;
    reg.bindings = final_plan.bindings;
    if (auto stored = store_.put(reg); !stored) {
        spdlog::error("scscf: location service write failed for {}: {}", req.impu,
                      stored.error().message());
        reject(in, 500, "Server Internal Error - location service unavailable");
        co_return;
    }

    OkParams ok;
    ok.bindings = final_plan.bindings;
    ok.associated_uris =
        profile ? profile->associated_uris(req.impu) : std::vector<std::string>{req.impu};
    ok.service_route = settings_.service_route;
    ok.path = req.path;
    ok.now = now;
    // The 200 OK promises the binding: it leaves once the location service holds it for good.
    if (!co_await durable()) {
        spdlog::error("scscf: location service commit failed for {}", req.impu);
        reject(in, 500, "Server Internal Error - location service unavailable");
        co_return;
    }
    const auto response = make_register_ok(in.message, ok, token(8));
    respond(in, response);
    spdlog::info(
        "scscf: REGISTER {} impu={} impi={} call-id={} contacts={} added={} refreshed={} "
        "removed={} "
        "expires={}",
        kind_name(final_plan.kind), req.impu, req.impi, req.call_id, final_plan.bindings.size(),
        final_plan.added.size(), final_plan.refreshed.size(), final_plan.removed.size(),
        final_plan.expires);

    // ---- third-party registration (TS 24.229 5.4.1.7) -----------------------------------------
    if (profile && final_plan.kind != RegisterKind::query) {
        const auto type = final_plan.kind == RegisterKind::initial ? RegistrationType::initial
                          : final_plan.kind == RegisterKind::refresh
                              ? RegistrationType::re_registration
                              : RegistrationType::de_registration;
        if (final_plan.kind != RegisterKind::deregistration || plan.sar) {
            send_third_party(reg, req.impu, type, final_plan.expires, &ex, &in.message, &response);
        }
    }
}

void Registrar::send_third_party(const Registration& reg, const std::string& impu,
                                 RegistrationType type, std::uint32_t expires,
                                 const ExtractedRegister* ex, const sip::Message* request,
                                 const sip::Message* response) {
    if (!reg.profile) return;
    const auto* sp = reg.profile->profile_for(impu);
    if (sp == nullptr) return;
    RequestFacts facts;
    facts.method = "REGISTER";
    facts.request_uri = ex ? ex->request_uri : "sip:" + settings_.realm;
    facts.session_case = SessionCase::originating;
    facts.registration_type = type;
    if (ex) facts.headers = ex->headers;
    ThirdPartyContext ctx;
    ctx.scscf_uri = settings_.server_name;
    ctx.impu = impu;
    ctx.expires = expires;
    if (request) ctx.original_request = request->encode();
    if (response) ctx.original_response = response->encode();
    for (auto& r : plan_third_party_registers(*sp, facts, ctx)) {
        spawn(third_party(std::move(r), impu, type == RegistrationType::de_registration));
    }
}

asio::awaitable<std::optional<sip::Destination>> Registrar::resolve(const std::string& uri_text) {
    auto uri = sip::Uri::parse(uri_text);
    if (!uri || !uri.value().is_sip()) co_return std::nullopt;
    sip::Destination d;
    d.kind = sip::TransportKind::udp;
    if (auto t = uri.value().params.get("transport")) {
        if (auto k = sip::transport_from_string(*t)) d.kind = *k;
    }
    d.endpoint.port = uri.value().port.value_or(5060);
    std::string host(uri.value().host);
    if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
    boost::system::error_code ec;
    d.endpoint.address = asio::ip::make_address(host, ec);
    if (!ec) co_return d;
    // A host name: ask the resolver (A/AAAA; no NAPTR/SRV in the lab).
    asio::ip::udp::resolver resolver(ex_);
    boost::system::error_code rec;
    auto results = co_await resolver.async_resolve(host, std::to_string(d.endpoint.port),
                                                   asio::redirect_error(asio::use_awaitable, rec));
    if (rec || results.empty()) co_return std::nullopt;
    d.endpoint.address = results.begin()->endpoint().address();
    co_return d;
}

asio::awaitable<void> Registrar::third_party(ThirdPartyRegister r, std::string impu,
                                             bool deregistration) {
    const auto dest = co_await resolve(r.request_uri);
    int status = 0;
    std::string outcome;
    if (!dest) {
        outcome = "unresolvable AS URI";
    } else {
        auto msg = make_third_party_register(r, token(12) + "@scscf", token(6));
        const auto answer = co_await sip_.request(std::move(msg), *dest);
        if (!answer) {
            outcome = answer.error().message();
        } else {
            status = answer.value().status();
            outcome = std::string(answer.value().reason());
        }
    }
    const bool ok = status >= 200 && status < 300;
    spdlog::info("scscf: third-party REGISTER as={} impu={} expires={} -> {} {}", r.request_uri,
                 impu, r.expires, status, outcome);
    // TS 24.229 5.4.1.7: no answer or an error, and DefaultHandling SESSION_TERMINATED: the
    // S-CSCF de-registers the public identity (network-initiated, 5.4.1.5).
    if (!ok && !deregistration && r.default_handling == DefaultHandling::session_terminated) {
        co_await network_deregistration(impu, "AS " + r.request_uri + " failed: " + outcome);
    }
}

asio::awaitable<void> Registrar::network_deregistration(std::string impu, std::string why) {
    auto reg = store_.find(impu);
    if (!reg) co_return;
    (void)store_.erase(impu);
    spdlog::warn("scscf: network-initiated deregistration impu={} reason={}", impu, why);
    cx::Sar sar;
    sar.user_name = reg->impi;
    sar.public_identities = {impu};
    sar.server_name = settings_.server_name;
    sar.assignment_type = cx::ServerAssignmentType::administrative_deregistration;
    const auto answer = co_await hss_.sar(sar);
    if (!cx::is_success(cx::classify(answer))) {
        spdlog::warn("scscf: SAR ADMINISTRATIVE_DEREGISTRATION for {} failed: {}", impu,
                     cx::to_string(cx::classify(answer)));
    }
}

void Registrar::sweep() {
    const auto now = clock_();
    nonces_.purge(now, settings_.nonce_lifetime);
    for (const auto& key : store_.due(now)) {
        auto reg = store_.find(key);
        if (!reg) continue;
        auto plan = decide_expiry(*reg, now);
        if (plan.expired.empty()) continue;
        for (const auto& b : plan.expired) {
            spdlog::info("scscf: binding expired impu={} contact={}", key, b.contact_uri);
        }
        if (!plan.registration_ends) {
            reg->bindings = std::move(plan.remaining);
            (void)store_.put(*reg);
            continue;
        }
        // Removed before the SAR goes out, so the next sweep does not expire it twice.
        (void)store_.erase(key);
        spawn(timeout_deregistration(std::move(*reg)));
    }
}

std::size_t Registrar::on_rtr(const cx::Rtr& rtr) {
    std::vector<std::string> impus = rtr.public_identities;
    if (impus.empty()) {
        for (const auto& key : store_.keys()) {
            if (auto reg = store_.find(key); reg && reg->impi == rtr.user_name)
                impus.push_back(key);
        }
    }
    std::size_t gone = 0;
    for (const auto& impu : impus) {
        auto reg = store_.find(impu);
        if (!reg) continue;
        (void)store_.erase(impu);
        ++gone;
        spdlog::info("scscf: RTR de-registered impu={} impi={} reason={} {}", reg->key(), reg->impi,
                     static_cast<int>(rtr.reason.code), rtr.reason.info);
        send_third_party(*reg, reg->key(), RegistrationType::de_registration, 0, nullptr, nullptr,
                         nullptr);
    }
    return gone;
}

// TS 24.229 5.4.1.4 / TS 29.228 6.1.2: the last binding expired.
asio::awaitable<void> Registrar::timeout_deregistration(Registration reg) {
    const std::string impu = reg.key();
    spdlog::info("scscf: registration expired impu={} impi={}", impu, reg.impi);
    send_third_party(reg, impu, RegistrationType::de_registration, 0, nullptr, nullptr, nullptr);
    cx::Sar sar;
    sar.user_name = reg.impi;
    sar.public_identities = {impu};
    sar.server_name = settings_.server_name;
    sar.assignment_type = cx::ServerAssignmentType::timeout_deregistration;
    const auto answer = co_await hss_.sar(sar);
    const auto result = cx::classify(answer);
    if (!cx::is_success(result)) {
        spdlog::warn("scscf: SAR TIMEOUT_DEREGISTRATION for {} failed: {}", impu,
                     cx::to_string(result));
    }
}

}  // namespace ims::scscf
