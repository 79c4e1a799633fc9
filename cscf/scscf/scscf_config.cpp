#include "cscf/scscf/scscf_config.hpp"

#include "common/config/config.hpp"

namespace ims::scscf {

ScscfConfig parse_scscf_config(const config::Node& root) {
    root.reject_unknown({"sip", "scscf", "diameter", "log_level"});
    ScscfConfig c;
    c.sip = sip::parse_sip_config(root.child("sip"), "ims-scscf");
    c.log_level = root.get_or<std::string>("log_level", "info");

    const auto s = root.child("scscf");
    s.reject_unknown({"domain", "uri", "service_route", "auth", "expires", "state_file", "hss",
                      "stats_interval"});
    auto& r = c.registrar;
    r.realm = s.get<std::string>("domain");
    const auto& first = c.sip.listen.front().endpoint;
    const std::string host =
        first.address.is_v6() ? "[" + first.address.to_string() + "]" : first.address.to_string();
    r.server_name = s.get_or<std::string>("uri", "sip:" + host + ":" + std::to_string(first.port));
    if (!r.server_name.starts_with("sip:") && !r.server_name.starts_with("sips:")) {
        s.fail("uri", "must be a SIP URI (sip:host:port)");
    }
    // RFC 3608: the route the UE puts in front of its originating requests; "orig" marks them.
    const auto colon = r.server_name.find(':');
    r.service_route = s.get_or<std::string>(
        "service_route", "<sip:orig@" + r.server_name.substr(colon + 1) + ";lr>");

    if (auto auth = s.child_optional("auth")) {
        auth->reject_unknown({"schemes", "default", "nonce_lifetime", "aka_keys_in_challenge"});
        if (auto list = auth->child_optional("schemes")) {
            r.schemes.clear();
            for (const auto& item : list->items()) {
                auto scheme = scheme_from_name(item.as<std::string>());
                if (!scheme) item.fail("unknown scheme (aka, md5, sha-256)");
                r.schemes.push_back(*scheme);
            }
            if (r.schemes.empty()) auth->fail("schemes", "needs at least one scheme");
        }
        const auto def = auth->get_or<std::string>("default", "hss");
        if (def != "hss") {
            auto scheme = scheme_from_name(def);
            if (!scheme) auth->fail("default", "must be hss, aka, md5 or sha-256");
            if (std::find(r.schemes.begin(), r.schemes.end(), *scheme) == r.schemes.end()) {
                auth->fail("default", "is not one of the offered schemes");
            }
            r.default_scheme = scheme;
        }
        r.nonce_lifetime = auth->get_or("nonce_lifetime", r.nonce_lifetime);
        if (r.nonce_lifetime.count() <= 0) auth->fail("nonce_lifetime", "must be positive");
        r.aka_keys_in_challenge = auth->get_or("aka_keys_in_challenge", r.aka_keys_in_challenge);
    }
    if (auto e = s.child_optional("expires")) {
        e->reject_unknown({"min", "max", "default"});
        r.expiry.min_expires = e->get_or("min", r.expiry.min_expires);
        r.expiry.max_expires = e->get_or("max", r.expiry.max_expires);
        r.expiry.default_expires = e->get_or("default", r.expiry.default_expires);
        if (r.expiry.min_expires > r.expiry.max_expires) e->fail("min", "is above max");
        if (r.expiry.default_expires < r.expiry.min_expires ||
            r.expiry.default_expires > r.expiry.max_expires) {
            e->fail("default", "must lie between min and max");
        }
    }
    c.state_file = s.get_or<std::string>("state_file", "");
    c.stats_interval = s.get_or("stats_interval", c.stats_interval);
    if (c.stats_interval.count() < 0) s.fail("stats_interval", "must not be negative");
    if (auto h = s.child_optional("hss")) {
        h->reject_unknown({"destination_realm", "destination_host", "timeout"});
        c.hss.destination_realm = h->get_or<std::string>("destination_realm", "");
        c.hss.destination_host = h->get_optional<std::string>("destination_host");
        c.hss.timeout = h->get_optional<std::chrono::milliseconds>("timeout");
    }
    c.diameter = cx::parse_diameter_config(root.child("diameter"));
    return c;
}

ScscfConfig load_scscf_config(const std::string& path) {
    return parse_scscf_config(config::load_file(path));
}

}  // namespace ims::scscf
