#include "common/diameter/diameter_config.hpp"

#include <sstream>

#include "common/config/config.hpp"

namespace ims::cx {

namespace {

// RFC 6733 4.3.1 DiameterIdentity: an FQDN. We only accept what freeDiameter's .conf syntax can
// carry safely (no quotes, no spaces).
bool is_fqdn(std::string_view s) {
    if (s.empty() || s.size() > 255) return false;
    for (char c : s) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '-' || c == '_';
        if (!ok) return false;
    }
    return s.front() != '.' && s.back() != '.';
}

bool is_conf_safe(std::string_view s) {
    return s.find_first_of("\"\n\r;") == std::string_view::npos;
}

std::string identity_of(const config::Node& n, std::string_view key) {
    auto v = n.get<std::string>(key);
    if (!is_fqdn(v)) n.fail(key, "must be a Diameter identity (FQDN: letters, digits, '.', '-')");
    return v;
}

std::string path_of(const config::Node& n, std::string_view key, std::string fallback) {
    auto v = n.get_or<std::string>(key, std::move(fallback));
    if (!is_conf_safe(v)) n.fail(key, "must not contain quotes, ';' or newlines");
    return v;
}

}  // namespace

DiameterConfig parse_diameter_config(const config::Node& n) {
    n.reject_unknown({"identity", "realm", "listen", "peers", "accept_unknown_peers", "tls",
                      "state_dir", "request_timeout", "threads"});
    DiameterConfig c;
    c.identity = identity_of(n, "identity");
    c.realm = identity_of(n, "realm");
    if (auto l = n.child_optional("listen")) {
        l->reject_unknown({"address", "port"});
        c.listen_address = l->get_or<std::string>("address", c.listen_address);
        if (!is_conf_safe(c.listen_address) || c.listen_address.empty())
            l->fail("address", "must be an IP address");
        c.listen_port = l->get_or<std::uint16_t>("port", c.listen_port);
    }
    if (auto peers = n.child_optional("peers")) {
        for (const auto& p : peers->items()) {
            p.reject_unknown({"identity", "address", "port"});
            DiameterPeerConfig peer;
            peer.identity = identity_of(p, "identity");
            peer.address = p.get<std::string>("address");
            if (!is_conf_safe(peer.address)) p.fail("address", "must be an IP address");
            peer.port = p.get_or<std::uint16_t>("port", 3868);
            if (peer.port == 0) p.fail("port", "must be 1..65535");
            c.peers.push_back(std::move(peer));
        }
    }
    c.accept_unknown_peers = n.get_or<bool>("accept_unknown_peers", c.accept_unknown_peers);
    if (auto t = n.child_optional("tls")) {
        t->reject_unknown({"enabled", "cert", "key", "ca"});
        c.tls.enabled = t->get_or<bool>("enabled", false);
        c.tls.cert = path_of(*t, "cert", "");
        c.tls.key = path_of(*t, "key", "");
        c.tls.ca = path_of(*t, "ca", "");
        if (c.tls.cert.empty() != c.tls.key.empty())
            t->fail(c.tls.cert.empty() ? "cert" : "key", "cert and key go together");
    }
    c.state_dir = path_of(n, "state_dir", c.state_dir.string());
    c.request_timeout = n.get_or<std::chrono::milliseconds>("request_timeout", c.request_timeout);
    if (c.request_timeout.count() <= 0) n.fail("request_timeout", "must be positive");
    c.threads = n.get_or<std::uint32_t>("threads", c.threads);
    if (c.threads < 1 || c.threads > 64) n.fail("threads", "must be 1..64");
    return c;
}

std::string render_freediameter_conf(const DiameterConfig& cfg, const TlsFiles& tls) {
    std::ostringstream o;
    o << "# Generated from the diameter: section of our YAML; do not edit (rewritten at start).\n";
    o << "Identity = \"" << cfg.identity << "\";\n";
    o << "Realm = \"" << cfg.realm << "\";\n";
    // Port 0 disables the plain listener (a pure client such as ims-cx).
    o << "Port = " << cfg.listen_port << ";\n";
    // RFC 6733 TLS (handshake before CER) on a separate port only when TLS is enabled.
    o << "SecPort = " << (cfg.tls.enabled && cfg.listen_port ? cfg.listen_port + 1 : 0) << ";\n";
    o << "No_SCTP;\n";
    if (cfg.listen_port != 0) o << "ListenOn = \"" << cfg.listen_address << "\";\n";
    o << "AppServThreads = " << cfg.threads << ";\n";
    // We are a Diameter server/client, never a relay: requests for commands without a handler
    // are answered 3001 DIAMETER_COMMAND_UNSUPPORTED instead of being forwarded.
    o << "NoRelay;\n";
    o << "TcTimer = 3;\n";  // reconnect to a lost peer after 3 s (default 30)
    o << "TLS_Cred = \"" << tls.cert.string() << "\", \"" << tls.key.string() << "\";\n";
    o << "TLS_CA = \"" << tls.ca.string() << "\";\n";
    if (!tls.dh.empty()) o << "TLS_DH_File = \"" << tls.dh.string() << "\";\n";
    for (const auto& p : cfg.peers) {
        o << "ConnectPeer = \"" << p.identity << "\" { ConnectTo = \"" << p.address
          << "\"; Port = " << p.port << ";" << (cfg.tls.enabled ? "" : " No_TLS;")
          << " No_SCTP; };\n";
    }
    return o.str();
}

}  // namespace ims::cx
