#pragma once
// The IMS subscription document carried in User-Data (TS 29.228 annex B/E, CxDataType.xsd):
// <IMSSubscription><PrivateID/><ServiceProfile>{<PublicIdentity/>..., <InitialFilterCriteria/>...}
// ... </IMSSubscription>. Pure text building; the S-CSCF parses it back.

#include <string>
#include <vector>

#include "hss/lib/subscriber.hpp"

namespace ims::hss {

/// One <ServiceProfile>: the identities sharing it and the profile's iFCs.
struct ProfileBlock {
    std::vector<PublicIdentity> identities;
    ServiceProfile profile;
};

/// Builds the User-Data XML for `impi`. iFCs are written in ascending priority order.
std::string build_user_data(const std::string& impi, const std::vector<ProfileBlock>& blocks);

/// XML character escaping for text content (& < > " ').
std::string xml_escape(const std::string& text);

}  // namespace ims::hss
