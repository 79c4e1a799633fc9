// Memory per registered binding in the location service (target: at most 1 KiB).
// Measured with glibc's mallinfo2 on realistic values: one UE = one registration (IMPU + tel
// URI implicit set, parsed profile with shared iFCs) with one binding as an IMS handset sends it.

#include <gtest/gtest.h>
#include <malloc.h>

#include <cstdio>
#include <string>

#include "cscf/scscf/registration_store.hpp"
#include "sample_profile.hpp"

namespace ims::scscf {
namespace {

using namespace std::chrono_literals;

std::size_t heap_in_use() {
    return mallinfo2().uordblks;
}

Registration realistic_ue(int i, IfcCache& cache) {
    const std::string msisdn = "+1555" + std::to_string(1000000 + i);
    const std::string imsi = "001010" + std::to_string(100000000 + i);
    const std::string domain = "ims.mnc001.mcc001.3gppnetwork.org";
    Registration r;
    r.impi = imsi + "@" + domain;
    r.impus = {"sip:" + imsi + "@" + domain, "tel:" + msisdn};
    std::string xml = test::kProfileXml;
    xml.replace(xml.find("sip:alice@ims.example.org"), 25, r.impus[0]);
    xml.replace(xml.find("tel:+15550100"), 13, r.impus[1]);
    r.profile = parse_user_data(xml, &cache).value();
    Binding b;
    b.contact_uri = "sip:" + imsi + "@10.45.0." + std::to_string(i % 250) + ":5060";
    b.contact_params =
        ";+sip.instance=\"<urn:gsma:imei:35614409-003870-0>\";+g.3gpp.icsi-ref=\"urn%3Aurn-7%"
        "3A3gpp-service.ims.icsi.mmtel\";+g.3gpp.smsip;reg-id=1";
    b.expires = TimePoint(std::chrono::seconds(1'800'000'000 + i));
    b.instance = "<urn:gsma:imei:35614409-003870-0>";
    b.reg_id = 1;
    b.cseq = 2;
    b.call_id = "a84b4c76e66710-" + std::to_string(i) + "@10.45.0.2";
    b.path = {"<sip:term@pcscf.ims.mnc001.mcc001.3gppnetwork.org:5060;lr>"};
    b.received = "udp:10.45.0." + std::to_string(i % 250) + ":5060";
    r.bindings.push_back(std::move(b));
    return r;
}

TEST(Memory, PerBindingStaysUnderOneKiB) {
    constexpr int kUes = 2000;
    IfcCache cache;
    // The shared iFC set is allocated once for everybody; keep one user outside the window.
    auto warm = realistic_ue(-1, cache);
    const std::size_t before = heap_in_use();
    if (before == 0) GTEST_SKIP() << "mallinfo2 not available (sanitizer allocator)";
    {
        MemoryRegistrationStore store;
        for (int i = 0; i < kUes; ++i) ASSERT_TRUE(store.put(realistic_ue(i, cache)));
        const std::size_t after = heap_in_use();
        const double per = static_cast<double>(after - before) / kUes;
        std::printf("location service: %.0f bytes per UE (1 registration, 1 binding)\n", per);
        RecordProperty("bytes_per_binding", static_cast<int>(per));
        EXPECT_LE(per, 1024.0);
    }
}

}  // namespace
}  // namespace ims::scscf
