#include "cscf/scscf/scscf_config.hpp"

#include <gtest/gtest.h>

#include "common/config/config.hpp"

namespace ims::scscf {
namespace {

const std::string kBase = R"(
sip:
  listen:
    - { address: 127.0.0.1, port: 6060, transports: [udp, tcp] }
diameter:
  identity: scscf.ims.example.org
  realm: ims.example.org
  listen: { address: 127.0.0.1, port: 0 }
  peers: [ { identity: hss.ims.example.org, address: 127.0.0.1, port: 3868 } ]
)";

ScscfConfig parse(const std::string& scscf_section) {
    return parse_scscf_config(config::load_string(kBase + scscf_section, "scscf.yaml"));
}

TEST(ScscfConfig, DefaultsDerivedFromListenAddress) {
    const auto c = parse("scscf:\n  domain: ims.example.org\n");
    EXPECT_EQ(c.registrar.realm, "ims.example.org");
    EXPECT_EQ(c.registrar.server_name, "sip:127.0.0.1:6060");
    EXPECT_EQ(c.registrar.service_route, "<sip:orig@127.0.0.1:6060;lr>");
    EXPECT_EQ(c.registrar.schemes,
              (std::vector<AuthScheme>{AuthScheme::aka_v1_md5, AuthScheme::digest_md5}));
    EXPECT_FALSE(c.registrar.default_scheme.has_value());
    EXPECT_EQ(c.registrar.expiry.min_expires, 60u);
    EXPECT_TRUE(c.state_file.empty());
    EXPECT_EQ(c.diameter.identity, "scscf.ims.example.org");
    EXPECT_EQ(c.log_level, "info");
    EXPECT_EQ(c.stats_interval, std::chrono::seconds(60));
}

TEST(ScscfConfig, EveryKey) {
    const auto c = parse(R"(scscf:
  domain: ims.example.org
  uri: sip:scscf.ims.example.org:6060
  service_route: <sip:orig@scscf.ims.example.org:6060;lr>
  auth:
    schemes: [md5, sha-256]
    default: sha-256
    nonce_lifetime: 45s
    aka_keys_in_challenge: false
  expires: { min: 30, max: 600, default: 300 }
  state_file: /tmp/x.db
  stats_interval: 5s
  hss: { destination_realm: ims.example.org, destination_host: hss.ims.example.org, timeout: 1500ms }
log_level: debug
)");
    EXPECT_EQ(c.registrar.server_name, "sip:scscf.ims.example.org:6060");
    EXPECT_EQ(c.registrar.default_scheme, AuthScheme::digest_sha256);
    EXPECT_EQ(c.registrar.schemes.size(), 2u);
    EXPECT_EQ(c.registrar.nonce_lifetime, std::chrono::seconds(45));
    EXPECT_FALSE(c.registrar.aka_keys_in_challenge);
    EXPECT_EQ(c.registrar.expiry.max_expires, 600u);
    EXPECT_EQ(c.state_file, "/tmp/x.db");
    EXPECT_EQ(c.stats_interval, std::chrono::seconds(5));
    EXPECT_EQ(c.hss.destination_host, "hss.ims.example.org");
    EXPECT_EQ(c.hss.timeout, std::chrono::milliseconds(1500));
    EXPECT_EQ(c.log_level, "debug");
}

TEST(ScscfConfig, ErrorsNameTheKey) {
    auto error_of = [](const std::string& section) -> std::string {
        try {
            parse(section);
        } catch (const config::ConfigError& e) {
            return e.key();
        }
        return "no error";
    };
    EXPECT_EQ(error_of("scscf:\n  domian: x\n"), "scscf.domian");
    EXPECT_EQ(error_of("scscf:\n  domain: d\n  stats_interval: -1s\n"), "scscf.stats_interval");
    EXPECT_EQ(error_of("scscf:\n  uri: x\n"), "scscf.domain");
    EXPECT_EQ(error_of("scscf:\n  domain: d\n  uri: http://x\n"), "scscf.uri");
    EXPECT_EQ(error_of("scscf:\n  domain: d\n  auth: { schemes: [md4] }\n"),
              "scscf.auth.schemes[0]");
    EXPECT_EQ(error_of("scscf:\n  domain: d\n  auth: { schemes: [md5], default: aka }\n"),
              "scscf.auth.default");
    EXPECT_EQ(error_of("scscf:\n  domain: d\n  expires: { min: 100, max: 50 }\n"),
              "scscf.expires.min");
}

}  // namespace
}  // namespace ims::scscf
