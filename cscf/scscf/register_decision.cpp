#include "cscf/scscf/register_decision.hpp"

#include <algorithm>

namespace ims::scscf {

std::string derive_impi(std::string_view impu) {
    for (std::string_view scheme : {"sips:", "sip:", "tel:"}) {
        if (impu.size() > scheme.size() &&
            std::equal(scheme.begin(), scheme.end(), impu.begin(), [](char a, char b) {
                return a == std::tolower(static_cast<unsigned char>(b));
            })) {
            return std::string(impu.substr(scheme.size()));
        }
    }
    return std::string(impu);
}

namespace {

Binding binding_from(const ContactSpec& c, const RegisterRequest& req, TimePoint expires) {
    Binding b;
    b.contact_uri = c.uri;
    b.contact_params = c.params;
    b.expires = expires;
    b.q = c.q;
    b.instance = c.instance;
    // RFC 5626 6: a reg-id without +sip.instance is ignored.
    b.reg_id = c.instance.empty() ? 0 : c.reg_id;
    b.cseq = req.cseq;
    b.call_id = req.call_id;
    b.path = req.path;
    b.received = req.received;
    return b;
}

// RFC 3261 10.3 step 7: a binding may change only with a new Call-ID or a higher CSeq.
bool out_of_order(const Binding& existing, const RegisterRequest& req) {
    return existing.call_id == req.call_id && req.cseq <= existing.cseq;
}

Rejection out_of_order_rejection() {
    // RFC 3261 10.3 steps 6/7 say the update "MUST be aborted and the request fails" without a
    // code; 500 is what registrars commonly send (a stale retransmission, not a client error).
    return {500, "Server Internal Error - out of order CSeq", std::nullopt};
}

}  // namespace

RegisterDecision decide_register(const RegisterRequest& req,
                                 const std::optional<Registration>& existing, TimePoint now,
                                 const RegistrarConfig& cfg) {
    const std::vector<Binding> before =
        existing ? existing->live_bindings(now) : std::vector<Binding>{};

    RegisterPlan plan;
    plan.user_data = existing && existing->profile ? cx::UserDataAlreadyAvailable::already_available
                                                   : cx::UserDataAlreadyAvailable::not_available;

    if (req.star) {
        // RFC 3261 10.3 step 6: `*` only alone and only with Expires: 0.
        if (!req.contacts.empty() || !req.expires || *req.expires != 0) {
            return Rejection{400, "Bad Request - Contact * needs Expires: 0 and no other Contact",
                             std::nullopt};
        }
        for (const auto& b : before) {
            if (out_of_order(b, req)) return out_of_order_rejection();
            plan.removed.push_back(b.contact_uri);
        }
        plan.kind = RegisterKind::deregistration;
        if (!before.empty()) plan.sar = cx::ServerAssignmentType::user_deregistration;
        return plan;
    }

    if (req.contacts.empty()) {
        plan.kind = RegisterKind::query;
        plan.bindings = before;
        for (const auto& b : before) plan.expires = std::max(plan.expires, b.remaining(now));
        return plan;
    }

    // Step 7, first pass: the interval of every contact, rejecting before changing anything.
    std::vector<std::uint32_t> granted;
    granted.reserve(req.contacts.size());
    for (const auto& c : req.contacts) {
        std::uint32_t e = c.expires ? *c.expires : req.expires ? *req.expires : cfg.default_expires;
        if (e != 0 && e < cfg.min_expires) {
            return Rejection{423, "Interval Too Brief", cfg.min_expires};
        }
        granted.push_back(std::min(e, cfg.max_expires));
    }

    // Second pass: apply to a working copy in order.
    std::vector<Binding> after = before;
    for (std::size_t i = 0; i < req.contacts.size(); ++i) {
        const auto& c = req.contacts[i];
        Binding candidate = binding_from(c, req, now + std::chrono::seconds(granted[i]));
        auto it = std::find_if(after.begin(), after.end(),
                               [&](const Binding& b) { return b.same_key(candidate); });
        if (it != after.end()) {
            if (out_of_order(*it, req)) return out_of_order_rejection();
            if (granted[i] == 0) {
                plan.removed.push_back(it->contact_uri);
                after.erase(it);
            } else {
                plan.refreshed.push_back(candidate.contact_uri);
                *it = std::move(candidate);
            }
        } else if (granted[i] != 0) {
            plan.added.push_back(candidate.contact_uri);
            after.push_back(std::move(candidate));
        }
        // expires=0 for an unknown contact: nothing to remove (RFC 3261 10.3 step 7).
        if (granted[i] != 0) plan.expires = std::max(plan.expires, granted[i]);
    }

    plan.bindings = std::move(after);
    if (plan.bindings.empty()) {
        plan.kind = RegisterKind::deregistration;
        plan.expires = 0;
        // TS 24.229 5.4.1.4: the last contact gone -> SAR USER_DEREGISTRATION; nothing was
        // registered -> nothing to tell the HSS.
        if (!before.empty()) plan.sar = cx::ServerAssignmentType::user_deregistration;
    } else if (before.empty()) {
        plan.kind = RegisterKind::initial;
        plan.sar = cx::ServerAssignmentType::registration;
        plan.user_data = cx::UserDataAlreadyAvailable::not_available;
    } else {
        plan.kind = RegisterKind::refresh;
        plan.sar = cx::ServerAssignmentType::re_registration;
    }
    return plan;
}

ExpiryPlan decide_expiry(const Registration& reg, TimePoint now) {
    ExpiryPlan plan;
    for (const auto& b : reg.bindings) {
        if (b.expires <= now) {
            plan.expired.push_back(b);
        } else {
            plan.remaining.push_back(b);
            if (!plan.next_expiry || b.expires < *plan.next_expiry) plan.next_expiry = b.expires;
        }
    }
    if (plan.remaining.empty() && !plan.expired.empty()) {
        plan.registration_ends = true;
        plan.sar = cx::ServerAssignmentType::timeout_deregistration;
    }
    return plan;
}

}  // namespace ims::scscf
