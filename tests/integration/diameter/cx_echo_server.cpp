// cx-echo-server: a test-only Cx server that answers UAR/MAR/SAR/LIR with fixed, plausible
// answers derived from the request's fields. It proves the freeDiameter bridge end to end
// (ims-cx in one process, this server in another) without the real HSS.
//
//   cx-echo-server --listen 127.0.0.1:PORT --state-dir DIR [--identity ...] [--realm ...]
//
// Rules (what the integration test asserts on):
//   - an IMPI / IMPU starting with "unknown" -> Experimental-Result 5001 USER_UNKNOWN;
//   - MAR Digest-AKAv1-MD5: min(items, 3) items; item k: SIP-Authenticate = 32 bytes of k,
//     or RAND (first 16 bytes of SIP-Authorization) || 16 bytes of k on a resync;
//     SIP-Authorization = 8 bytes 0xa0+k, CK = 16 bytes 0xc0, IK = 16 bytes 0xd0;
//   - MAR SIP Digest: one item, Digest-Realm = realm, algorithm as asked (default MD5),
//     qop auth, HA1 = 32 hex digits '0';
//   - MAR other scheme -> Exp 5006 AUTH_SCHEME_NOT_SUPPORTED;
//   - UAR -> Exp 2001 FIRST_REGISTRATION, Server-Name sip:scscf.<realm>:6060;
//   - SAR -> 2001, User-Data <IMSSubscription> naming the IMPI and the IMPUs;
//   - LIR -> 2001, Server-Name sip:scscf.<realm>:6060.
// Prints "cx-echo-server ready" once the core is up; exits 0 on SIGTERM / SIGINT.

#include <signal.h>

#include <iostream>
#include <string>
#include <thread>

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "common/diameter/cx_server.hpp"
#include "common/diameter/diameter_core.hpp"

namespace cx = ims::cx;

namespace {

bool unknown(const std::string& s) {
    return s.rfind("unknown", 0) == 0;
}

cx::Bytes repeat(std::size_t n, std::uint8_t v) {
    return cx::Bytes(n, v);
}

}  // namespace

int main(int argc, char** argv) {
    std::string listen = "127.0.0.1:3868";
    std::string identity = "hss.ims.mnc001.mcc001.3gppnetwork.org";
    std::string realm = "ims.mnc001.mcc001.3gppnetwork.org";
    std::string state_dir = "./state";
    unsigned delay_ms = 0;
    bool tls = false;
    std::string tls_cert, tls_key, tls_ca;
    CLI::App app{"test-only Cx server answering from the request's fields"};
    app.add_option("--listen", listen, "ADDRESS:PORT");
    app.add_option("--identity", identity);
    app.add_option("--realm", realm);
    app.add_option("--state-dir", state_dir);
    app.add_flag("--tls", tls, "RFC 6733 TLS on port+1 instead of plain TCP");
    app.add_option("--tls-cert", tls_cert);
    app.add_option("--tls-key", tls_key);
    app.add_option("--tls-ca", tls_ca);
    app.add_option("--delay-ms", delay_ms, "sleep this long in every MAR handler (timeouts)");
    CLI11_PARSE(app, argc, argv);

    // Block the stop signals before freeDiameter starts its threads, then wait for them here.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    cx::DiameterConfig cfg;
    cfg.identity = identity;
    cfg.realm = realm;
    auto colon = listen.rfind(':');
    cfg.listen_address = listen.substr(0, colon);
    cfg.listen_port = static_cast<std::uint16_t>(std::stoul(listen.substr(colon + 1)));
    cfg.state_dir = state_dir;
    cfg.tls.enabled = tls;
    cfg.tls.cert = tls_cert;
    cfg.tls.key = tls_key;
    cfg.tls.ca = tls_ca;
    auto core = cx::DiameterCore::start(cfg);
    if (!core) {
        std::cerr << "cx-echo-server: " << core.error().message() << "\n";
        return 1;
    }
    const std::string scscf = "sip:scscf." + realm + ":6060";

    cx::CxServer server(*core.value());
    server.on_uar([&](const cx::Uar& r) {
        cx::Uaa a;
        if (unknown(r.user_name)) {
            a.hdr.outcome = cx::Outcome::exp(cx::experimental_code::user_unknown);
            return a;
        }
        a.hdr.outcome = cx::Outcome::exp(cx::experimental_code::first_registration);
        a.server_name = scscf;
        return a;
    });
    server.on_mar([&](const cx::Mar& r) {
        if (delay_ms) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
        cx::Maa a;
        a.user_name = r.user_name;
        a.public_identity = r.public_identity;
        if (unknown(r.user_name)) {
            a.hdr.outcome = cx::Outcome::exp(cx::experimental_code::user_unknown);
            return a;
        }
        if (r.auth_data.scheme == cx::kSchemeAka) {
            std::uint32_t n = std::min<std::uint32_t>(r.number_auth_items, 3);
            for (std::uint32_t k = 1; k <= n; ++k) {
                cx::AuthDataItem it;
                it.item_number = k;
                it.scheme = cx::kSchemeAka;
                if (r.auth_data.authorization.size() == 30) {
                    it.authenticate.assign(r.auth_data.authorization.begin(),
                                           r.auth_data.authorization.begin() + 16);
                    auto tail = repeat(16, static_cast<std::uint8_t>(k));
                    it.authenticate.insert(it.authenticate.end(), tail.begin(), tail.end());
                } else {
                    it.authenticate = repeat(32, static_cast<std::uint8_t>(k));
                }
                it.authorization = repeat(8, static_cast<std::uint8_t>(0xa0 + k));
                it.confidentiality_key = repeat(16, 0xc0);
                it.integrity_key = repeat(16, 0xd0);
                a.items.push_back(std::move(it));
            }
        } else if (r.auth_data.scheme == cx::kSchemeDigest) {
            cx::AuthDataItem it;
            it.scheme = cx::kSchemeDigest;
            std::string alg = r.auth_data.digest && !r.auth_data.digest->algorithm.empty()
                                  ? r.auth_data.digest->algorithm
                                  : "MD5";
            it.digest = cx::DigestAuthenticate{realm, alg, "auth", std::string(32, '0')};
            a.items.push_back(std::move(it));
        } else {
            a.hdr.outcome = cx::Outcome::exp(cx::experimental_code::auth_scheme_not_supported);
            return a;
        }
        a.number_auth_items = static_cast<std::uint32_t>(a.items.size());
        return a;
    });
    server.on_sar([&](const cx::Sar& r) {
        cx::Saa a;
        if (r.user_name && unknown(*r.user_name)) {
            a.hdr.outcome = cx::Outcome::exp(cx::experimental_code::user_unknown);
            return a;
        }
        a.user_name = r.user_name;
        std::string xml = "<IMSSubscription><PrivateID>" + r.user_name.value_or("") +
                          "</PrivateID><ServiceProfile>";
        for (const auto& p : r.public_identities)
            xml += "<PublicIdentity><Identity>" + p + "</Identity></PublicIdentity>";
        xml += "</ServiceProfile></IMSSubscription>";
        a.user_data = xml;
        return a;
    });
    server.on_lir([&](const cx::Lir& r) {
        cx::Lia a;
        if (unknown(r.public_identity)) {
            a.hdr.outcome = cx::Outcome::exp(cx::experimental_code::user_unknown);
            return a;
        }
        a.server_name = scscf;
        return a;
    });

    std::cout << "cx-echo-server ready on " << listen << " as " << identity << std::endl;
    int sig = 0;
    sigwait(&stop_signals, &sig);
    spdlog::info("cx-echo-server: signal {}, stopping", sig);
    core.value()->stop();
    return 0;
}
