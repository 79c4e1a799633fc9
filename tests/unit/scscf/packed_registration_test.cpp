#include "cscf/scscf/packed_registration.hpp"

#include <gtest/gtest.h>

#include "sample_profile.hpp"

namespace ims::scscf {
namespace {

Binding binding(std::string uri, std::int64_t expires, std::vector<std::string> path) {
    Binding b;
    b.contact_uri = std::move(uri);
    b.contact_params = ";+sip.instance=\"<urn:uuid:1>\";reg-id=2";
    b.expires = TimePoint(std::chrono::seconds(expires));
    b.q = 250;
    b.reg_id = 2;
    b.cseq = 300000;  // multi-byte varint
    b.instance = "<urn:uuid:1>";
    b.call_id = "cid";
    b.path = std::move(path);
    b.received = "tcp:[2001:db8::1]:5060";
    return b;
}

TEST(PackedRegistration, RoundTripsEverything) {
    Registration reg;
    reg.impi = "alice@ims.example.org";
    reg.impus = {"sip:alice@ims.example.org", "tel:+15550100", "sip:alice-barred@ims.example.org"};
    reg.state = RegState::registered;
    reg.profile = parse_user_data(test::kProfileXml).value();
    reg.bindings = {binding("sip:a@1", 1'800'000'000, {"<sip:p1;lr>", "<sip:p2;lr>"}),
                    binding("sip:a@2", 1'800'000'100, {})};
    const auto packed = pack(reg);
    EXPECT_EQ(packed.impu(1), "tel:+15550100");
    EXPECT_EQ(packed.binding_count, 2u);
    EXPECT_EQ(packed.earliest_expiry, TimePoint(std::chrono::seconds(1'800'000'000)));
    const auto back = unpack(packed);
    EXPECT_EQ(back.impi, reg.impi);
    EXPECT_EQ(back.impus, reg.impus);
    EXPECT_EQ(back.state, reg.state);
    EXPECT_EQ(back.bindings, reg.bindings);
    ASSERT_TRUE(back.profile);
    EXPECT_EQ(back.profile->private_id, "alice@ims.example.org");
    ASSERT_EQ(back.profile->service_profiles.size(), 1u);
    const auto& ids = back.profile->service_profiles[0].public_identities;
    ASSERT_EQ(ids.size(), 3u);
    EXPECT_EQ(ids[1].identity, "tel:+15550100");
    EXPECT_TRUE(ids[2].barred);
    // The iFC set is shared, not copied.
    EXPECT_EQ(back.profile->service_profiles[0].ifc_set, reg.profile->service_profiles[0].ifc_set);
}

TEST(PackedRegistration, IdentitiesOutsideTheSetAndNoProfile) {
    Registration reg;
    reg.impi = "i";
    reg.impus = {"sip:x@y"};
    reg.bindings = {binding("sip:x@1", 5, {})};
    auto back = unpack(pack(reg));
    EXPECT_FALSE(back.profile);
    EXPECT_EQ(back.bindings, reg.bindings);

    auto profile = std::make_shared<UserProfile>();
    profile->private_id = "other-private-id";
    profile->service_profiles.push_back(
        ServiceProfile{{{"sip:unlisted@y", false, 3, "Display Name"}}, nullptr});
    reg.profile = profile;
    back = unpack(pack(reg));
    ASSERT_TRUE(back.profile);
    EXPECT_EQ(back.profile->private_id, "other-private-id");
    const auto& id = back.profile->service_profiles[0].public_identities[0];
    EXPECT_EQ(id.identity, "sip:unlisted@y");
    EXPECT_EQ(id.identity_type, 3);
    EXPECT_EQ(id.display_name, "Display Name");
    EXPECT_TRUE(back.profile->service_profiles[0].ifcs().empty());
}

}  // namespace
}  // namespace ims::scscf
