#pragma once
// The `diameter:` section of a process's YAML, and the freeDiameter .conf generated from it
// (users never edit freeDiameter's .conf; see README.md for the keys).
//
//   diameter:
//     identity: hss.ims.mnc001.mcc001.3gppnetwork.org
//     realm: ims.mnc001.mcc001.3gppnetwork.org
//     listen: { address: 127.0.0.1, port: 3868 }       # port 0: do not listen (pure client)
//     peers: [ { identity: scscf..., address: 127.0.0.1, port: 3869 } ]  # peers we connect to
//     accept_unknown_peers: true    # accept incoming connections from peers not listed
//     tls: { enabled: false, cert: ..., key: ..., ca: ... }
//     state_dir: ./state            # generated .conf and self-signed certs
//     request_timeout: 2s
//     threads: 4                    # freeDiameter dispatch threads running server handlers

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace ims::config {
class Node;
}

namespace ims::cx {

struct DiameterPeerConfig {
    std::string identity;  // Diameter identity (FQDN) of the peer
    std::string address;   // IP address to connect to
    std::uint16_t port = 3868;
    friend bool operator==(const DiameterPeerConfig&, const DiameterPeerConfig&) = default;
};

struct DiameterTlsConfig {
    bool enabled = false;        // false: plain TCP with every peer (No_TLS)
    std::filesystem::path cert;  // PEM; empty: self-signed pair generated in state_dir
    std::filesystem::path key;
    std::filesystem::path ca;  // PEM CA bundle; empty: our own certificate
};

struct DiameterConfig {
    std::string identity;
    std::string realm;
    std::string listen_address = "127.0.0.1";
    std::uint16_t listen_port = 3868;  // 0: no server socket
    std::vector<DiameterPeerConfig> peers;
    bool accept_unknown_peers = true;
    DiameterTlsConfig tls;
    std::filesystem::path state_dir = "./state";
    std::chrono::milliseconds request_timeout{2000};
    unsigned threads = 4;  // AppServThreads
};

/// Parses the `diameter:` map. Throws ims::config::ConfigError (start-up only).
/// Relative paths (state_dir, tls files) are kept relative to the working directory.
DiameterConfig parse_diameter_config(const ims::config::Node& diameter);

/// Paths of the TLS credentials freeDiameter will load (generated or configured).
struct TlsFiles {
    std::filesystem::path cert;
    std::filesystem::path key;
    std::filesystem::path ca;
    std::filesystem::path dh;  // PKCS#3 DH parameters (empty: freeDiameter generates them)
};

/// Text of freeDiameter's .conf for `cfg` (pure function, unit-tested).
std::string render_freediameter_conf(const DiameterConfig& cfg, const TlsFiles& tls);

}  // namespace ims::cx
