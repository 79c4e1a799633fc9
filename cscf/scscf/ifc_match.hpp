#pragma once
// Evaluation of initial filter criteria against a request (TS 29.228 annex B/C,
// TS 23.218 6.4). Pure: the caller describes the request in a RequestFacts.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cscf/scscf/user_profile.hpp"

namespace ims::scscf {

/// What an SPT can look at. Header names compare case-insensitively.
struct RequestFacts {
    std::string method;
    std::string request_uri;
    SessionCase session_case = SessionCase::originating;
    std::optional<RegistrationType> registration_type;         // set for REGISTER
    std::vector<std::pair<std::string, std::string>> headers;  // name, value (one per value)
    std::vector<std::pair<char, std::string>> sdp_lines;       // 'm', "audio 49170 RTP/AVP 0"
    bool user_registered = true;  // ProfilePartIndicator: 0 REGISTERED / 1 UNREGISTERED
};

/// One SPT, negation applied.
bool spt_matches(const Spt& spt, const RequestFacts& facts);

/// A trigger point (CNF or DNF over groups). An absent trigger point always matches.
bool trigger_matches(const std::optional<TriggerPoint>& tp, const RequestFacts& facts);

/// The iFCs of `profile` that match, in priority order.
std::vector<const InitialFilterCriteria*> matching_ifcs(const ServiceProfile& profile,
                                                        const RequestFacts& facts);

}  // namespace ims::scscf
