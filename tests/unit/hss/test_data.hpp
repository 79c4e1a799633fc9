#pragma once
// Shared fixtures of the HSS unit tests: subscribers with TS 35.208 test set 1 keys.

#include "hss/lib/credentials.hpp"
#include "hss/lib/subscriber.hpp"

namespace ims::hss::test {

inline const char* kRealm = "ims.mnc001.mcc001.3gppnetwork.org";
inline const char* kAlice = "alice@ims.mnc001.mcc001.3gppnetwork.org";
inline const char* kAliceSip = "sip:alice@ims.mnc001.mcc001.3gppnetwork.org";
inline const char* kAliceTel = "tel:+15551230001";
inline const char* kAliceWork = "sip:alice.work@ims.mnc001.mcc001.3gppnetwork.org";
inline const char* kBob = "bob@ims.mnc001.mcc001.3gppnetwork.org";
inline const char* kBobSip = "sip:bob@ims.mnc001.mcc001.3gppnetwork.org";
inline const char* kScscf = "sip:scscf.ims.mnc001.mcc001.3gppnetwork.org:6060";
inline const char* kScscf2 = "sip:scscf2.ims.mnc001.mcc001.3gppnetwork.org:6060";

// TS 35.208 test set 1.
inline Bytes k1() {
    return *from_hex("465b5ce8b199b49faa5f0a2ee238a6bc");
}
inline Bytes opc1() {
    return *from_hex("cd63cb71954a9f4e48a5994e37a02baf");
}

inline ServiceProfile default_profile() {
    ServiceProfile p;
    p.name = "default";
    InitialFilterCriteria ifc;
    ifc.priority = 10;
    TriggerPoint tp;
    tp.condition_type_cnf = false;
    Spt m;
    m.kind = Spt::Kind::method;
    m.value = "REGISTER";
    tp.spts.push_back(m);
    ifc.trigger_point = tp;
    ifc.application_server.server_name = "sip:as.ims.mnc001.mcc001.3gppnetwork.org:7060";
    ifc.application_server.include_register_request = true;
    p.ifcs.push_back(ifc);
    return p;
}

/// Alice: AKA (default) and digest ("secret"), two implicit sets: {sip, tel} and {work}.
inline Subscriber alice() {
    Subscriber s;
    s.impi = kAlice;
    s.default_scheme = AuthScheme::aka;
    s.aka = AkaCredentials{k1(), opc1(), {0x80, 0x00}, 0};
    DigestCredentials d;
    d.realm = kRealm;
    d.ha1_md5 = digest_ha1(DigestAlgorithm::md5, kAlice, kRealm, "secret");
    d.ha1_sha256 = digest_ha1(DigestAlgorithm::sha256, kAlice, kRealm, "secret");
    s.digest = d;
    s.allowed_visited_networks = {"visited.example.net"};
    s.sets.push_back(ImplicitSet{"default",
                                 {{kAliceSip, false, RegState::not_registered},
                                  {kAliceTel, false, RegState::not_registered}}});
    s.sets.push_back(ImplicitSet{"default", {{kAliceWork, false, RegState::not_registered}}});
    return s;
}

/// Bob: digest only.
inline Subscriber bob() {
    Subscriber s;
    s.impi = kBob;
    s.default_scheme = AuthScheme::digest;
    DigestCredentials d;
    d.realm = kRealm;
    d.ha1_md5 = digest_ha1(DigestAlgorithm::md5, kBob, kRealm, "pw");
    s.digest = d;
    s.sets.push_back(ImplicitSet{"default", {{kBobSip, false, RegState::not_registered}}});
    return s;
}

}  // namespace ims::hss::test
