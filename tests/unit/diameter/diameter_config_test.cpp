// The diameter: YAML section and the freeDiameter .conf generated from it.

#include "common/diameter/diameter_config.hpp"

#include <gtest/gtest.h>

#include "common/config/config.hpp"

namespace ims::cx {
namespace {

DiameterConfig parse(const std::string& yaml) {
    return parse_diameter_config(config::load_string(yaml, "test.yaml").child("diameter"));
}

TEST(DiameterConfig, FullSection) {
    auto c = parse(R"(diameter:
  identity: scscf.ims.mnc001.mcc001.3gppnetwork.org
  realm: ims.mnc001.mcc001.3gppnetwork.org
  listen: { address: 127.0.0.1, port: 3869 }
  peers:
    - { identity: hss.ims.mnc001.mcc001.3gppnetwork.org, address: 127.0.0.1, port: 3868 }
  accept_unknown_peers: false
  tls: { enabled: true, cert: /etc/c.pem, key: /etc/k.pem, ca: /etc/ca.pem }
  state_dir: /var/lib/ims/scscf
  request_timeout: 1500ms
  threads: 2
)");
    EXPECT_EQ(c.identity, "scscf.ims.mnc001.mcc001.3gppnetwork.org");
    EXPECT_EQ(c.realm, "ims.mnc001.mcc001.3gppnetwork.org");
    EXPECT_EQ(c.listen_address, "127.0.0.1");
    EXPECT_EQ(c.listen_port, 3869);
    ASSERT_EQ(c.peers.size(), 1u);
    EXPECT_EQ(c.peers[0],
              (DiameterPeerConfig{"hss.ims.mnc001.mcc001.3gppnetwork.org", "127.0.0.1", 3868}));
    EXPECT_FALSE(c.accept_unknown_peers);
    EXPECT_TRUE(c.tls.enabled);
    EXPECT_EQ(c.tls.ca, "/etc/ca.pem");
    EXPECT_EQ(c.state_dir, "/var/lib/ims/scscf");
    EXPECT_EQ(c.request_timeout, std::chrono::milliseconds(1500));
    EXPECT_EQ(c.threads, 2u);
}

TEST(DiameterConfig, Defaults) {
    auto c = parse("diameter:\n  identity: hss.example.org\n  realm: example.org\n");
    EXPECT_EQ(c.listen_address, "127.0.0.1");
    EXPECT_EQ(c.listen_port, 3868);
    EXPECT_TRUE(c.peers.empty());
    EXPECT_TRUE(c.accept_unknown_peers);
    EXPECT_FALSE(c.tls.enabled);
    EXPECT_EQ(c.request_timeout, std::chrono::milliseconds(2000));
    EXPECT_EQ(c.threads, 4u);
}

TEST(DiameterConfig, ErrorsNameFileLineAndKey) {
    try {
        parse("diameter:\n  identity: hss.example.org\n  realm: example.org\n  treads: 3\n");
        FAIL() << "unknown key accepted";
    } catch (const config::ConfigError& e) {
        EXPECT_EQ(e.line(), 4);
        EXPECT_NE(std::string(e.what()).find("treads"), std::string::npos);
    }
    try {
        parse("diameter:\n  identity: \"hss example\"\n  realm: example.org\n");
        FAIL() << "bad identity accepted";
    } catch (const config::ConfigError& e) {
        EXPECT_EQ(e.key(), "diameter.identity");
    }
    EXPECT_THROW(parse("diameter:\n  realm: example.org\n"), config::ConfigError);
    EXPECT_THROW(parse("diameter:\n  identity: a.b\n  realm: b\n  peers: [ { identity: x.y } ]\n"),
                 config::ConfigError);  // peer without address
    EXPECT_THROW(parse("diameter:\n  identity: a.b\n  realm: b\n  threads: 0\n"),
                 config::ConfigError);
    EXPECT_THROW(parse("diameter:\n  identity: a.b\n  realm: b\n  tls: { cert: /c.pem }\n"),
                 config::ConfigError);  // cert without key
}

TEST(FreeDiameterConf, PlainTcpClientAndServer) {
    DiameterConfig c;
    c.identity = "scscf.example.org";
    c.realm = "example.org";
    c.listen_port = 3869;
    c.peers = {{"hss.example.org", "127.0.0.1", 3868}};
    std::string conf = render_freediameter_conf(c, {"s/c.pem", "s/k.pem", "s/c.pem", "s/dh.pem"});
    EXPECT_NE(conf.find("Identity = \"scscf.example.org\";"), std::string::npos);
    EXPECT_NE(conf.find("Realm = \"example.org\";"), std::string::npos);
    EXPECT_NE(conf.find("Port = 3869;"), std::string::npos);
    EXPECT_NE(conf.find("SecPort = 0;"), std::string::npos);
    EXPECT_NE(conf.find("No_SCTP;"), std::string::npos);
    EXPECT_NE(conf.find("ListenOn = \"127.0.0.1\";"), std::string::npos);
    EXPECT_NE(conf.find("NoRelay;"), std::string::npos);
    EXPECT_NE(conf.find("AppServThreads = 4;"), std::string::npos);
    EXPECT_NE(conf.find("TLS_Cred = \"s/c.pem\", \"s/k.pem\";"), std::string::npos);
    EXPECT_NE(conf.find("TLS_DH_File = \"s/dh.pem\";"), std::string::npos);
    EXPECT_NE(conf.find("ConnectPeer = \"hss.example.org\" { ConnectTo = \"127.0.0.1\"; Port = "
                        "3868; No_TLS; No_SCTP; };"),
              std::string::npos)
        << conf;
}

TEST(FreeDiameterConf, PureClientDoesNotListenAndTlsDropsNoTls) {
    DiameterConfig c;
    c.identity = "cli.example.org";
    c.realm = "example.org";
    c.listen_port = 0;
    c.tls.enabled = true;
    c.peers = {{"hss.example.org", "127.0.0.1", 3868}};
    std::string conf = render_freediameter_conf(c, {"c", "k", "ca", ""});
    EXPECT_NE(conf.find("Port = 0;"), std::string::npos);
    EXPECT_EQ(conf.find("ListenOn"), std::string::npos);
    EXPECT_EQ(conf.find("No_TLS"), std::string::npos);
    EXPECT_EQ(conf.find("TLS_DH_File"), std::string::npos);
}

}  // namespace
}  // namespace ims::cx
