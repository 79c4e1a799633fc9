#pragma once
// freeDiameter set-up for unit tests: the core library initialised once per test process
// (freeDiameter keeps one global core), the Cx dictionary loaded, a local identity set; and
// the wire round trip every codec test goes through.

#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdcore.h>

#include <gtest/gtest.h>

#include "common/diameter/cx_codec.hpp"
#include "common/diameter/cx_dictionary.hpp"

namespace ims::cx::test {

inline constexpr const char* kHost = "scscf.ims.mnc001.mcc001.3gppnetwork.org";
inline constexpr const char* kRealm = "ims.mnc001.mcc001.3gppnetwork.org";
inline constexpr const char* kHss = "hss.ims.mnc001.mcc001.3gppnetwork.org";

inline void ensure_fd() {
    static bool done = [] {
        auto r = init_freediameter_library();
        EXPECT_TRUE(r) << (r ? "" : r.error().message());
        set_local_identity(kHost, kRealm);
        return true;
    }();
    (void)done;
}

/// freeDiameter's own encoder then parser: fd_msg_bufferize -> fd_msg_parse_buffer ->
/// fd_msg_parse_dict. Returns the parsed copy (the input is freed).
inline MsgPtr wire_round_trip(MsgPtr m) {
    std::uint8_t* buf = nullptr;
    std::size_t len = 0;
    EXPECT_EQ(fd_msg_bufferize(m.get(), &buf, &len), 0);
    m.reset();
    struct msg* parsed = nullptr;
    EXPECT_EQ(fd_msg_parse_buffer(&buf, len, &parsed), 0);  // takes the buffer
    MsgPtr p(parsed);
    struct fd_pei pei {};
    EXPECT_EQ(fd_msg_parse_dict(parsed, fd_g_config->cnf_dict, &pei), 0);
    return p;
}

/// Bytes of a message as freeDiameter would send them.
inline std::vector<std::uint8_t> to_wire(struct msg* m) {
    std::uint8_t* buf = nullptr;
    std::size_t len = 0;
    EXPECT_EQ(fd_msg_bufferize(m, &buf, &len), 0);
    std::vector<std::uint8_t> out(buf, buf + len);
    free(buf);
    return out;
}

/// Parses raw bytes as freeDiameter does on reception.
inline MsgPtr from_wire(const std::vector<std::uint8_t>& bytes) {
    auto* buf = static_cast<std::uint8_t*>(malloc(bytes.size()));
    std::copy(bytes.begin(), bytes.end(), buf);
    struct msg* parsed = nullptr;
    EXPECT_EQ(fd_msg_parse_buffer(&buf, bytes.size(), &parsed), 0);
    MsgPtr p(parsed);
    struct fd_pei pei {};
    EXPECT_EQ(fd_msg_parse_dict(parsed, fd_g_config->cnf_dict, &pei), 0);
    return p;
}

}  // namespace ims::cx::test
