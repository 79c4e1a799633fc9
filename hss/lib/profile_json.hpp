#pragma once
// Service profiles are stored as compact JSON text in the subscriber store (one row per named
// profile); this is their codec. Not an external format: provisioning YAML is the user's one.

#include <string>
#include <string_view>

#include "common/core/result.hpp"
#include "hss/lib/subscriber.hpp"

namespace ims::hss {

std::string profile_to_json(const ServiceProfile& profile);
/// hss_errc::bad_data when the text is not a profile this version wrote.
Result<ServiceProfile> profile_from_json(std::string_view name, std::string_view json);

}  // namespace ims::hss
