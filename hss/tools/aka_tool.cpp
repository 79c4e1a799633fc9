// aka-tool: a test-only USIM on the command line, so integration tests written in Python (no AES
// in its standard library) can check AUTN and build AUTS.
//
//   aka-tool check --k K --opc OPC --authenticate RAND||AUTN(hex)
//       -> {"ok":true,"sqn":N,"res":hex,"ck":hex,"ik":hex}  (ok false: MAC-A wrong)
//   aka-tool auts --k K --opc OPC --rand RAND --sqn-ms N
//       -> {"auts":hex}
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>

#include "common/auth/aka.hpp"
#include "common/auth/encoding.hpp"

using namespace ims::auth;

namespace {

template <std::size_t N>
std::array<std::uint8_t, N> hex_array(const std::string& hex, const char* what) {
    auto r = from_hex_array<N>(hex);
    if (!r)
        throw CLI::ValidationError(std::string(what) + " must be " + std::to_string(2 * N) +
                                   " hex digits");
    return r.value();
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"aka-tool: USIM side of AKA for tests"};
    app.require_subcommand(1);
    std::string k, opc, authenticate, rand;
    std::uint64_t sqn_ms = 0;
    auto* check = app.add_subcommand("check", "verify RAND||AUTN, print SQN, RES, CK, IK");
    auto* auts = app.add_subcommand("auts", "build AUTS for a resynchronisation");
    for (auto* c : {check, auts}) {
        c->add_option("--k", k)->required();
        c->add_option("--opc", opc)->required();
    }
    check->add_option("--authenticate", authenticate, "SIP-Authenticate hex")->required();
    auts->add_option("--rand", rand)->required();
    auts->add_option("--sqn-ms", sqn_ms)->required();
    try {
        app.parse(argc, argv);
        auto milenage = Milenage::create(hex_array<16>(k, "--k"), hex_array<16>(opc, "--opc"));
        if (!milenage) throw CLI::ValidationError("bad key");
        nlohmann::json out;
        if (*check) {
            auto bytes = from_hex(authenticate);
            if (!bytes) throw CLI::ValidationError("--authenticate is not hex");
            auto parts = split_sip_authenticate(bytes.value());
            if (!parts) throw CLI::ValidationError("--authenticate must be 32 bytes");
            auto r = usim_authenticate(milenage.value(), parts.value().rand, parts.value().autn);
            if (!r) {
                out = {{"ok", false}};
            } else {
                out = {{"ok", true},
                       {"sqn", r.value().sqn},
                       {"seq", sqn_seq(r.value().sqn)},
                       {"ind", sqn_ind(r.value().sqn)},
                       {"res", to_hex(r.value().res)},
                       {"ck", to_hex(r.value().ck)},
                       {"ik", to_hex(r.value().ik)}};
            }
        } else {
            auto a = make_auts(milenage.value(), hex_array<16>(rand, "--rand"), sqn_ms);
            if (!a) throw CLI::ValidationError("cannot build AUTS");
            out = {{"auts", to_hex(a.value())}};
        }
        std::cout << out.dump() << "\n";
        return 0;
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
}
