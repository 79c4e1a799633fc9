#pragma once
// The location service's data (RFC 3261 10.3, TS 24.229 5.4.1): one Registration per implicit
// registration set, holding the contacts (bindings) the UE registered. Large, shared things
// (the user profile) live once per registration; a binding keeps only what is per contact,
// so that a binding stays well under 1 KiB of S-CSCF memory.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cscf/scscf/user_profile.hpp"

namespace ims::scscf {

/// Absolute wall-clock seconds: bindings survive a restart through the journal.
using TimePoint = std::chrono::sys_seconds;

/// TS 24.229 / TS 29.228 registration state of an implicit set.
enum class RegState : std::uint8_t { not_registered = 0, registered = 1, unregistered = 2 };

/// One contact of a registration.
struct Binding {
    std::string contact_uri;  // the addr-spec inside <...>
    // Contact parameters as received except expires (e.g. `;+sip.instance="<urn:..>";reg-id=1`),
    // echoed in the 200 OK; the full raw header is not kept to stay compact.
    std::string contact_params;
    TimePoint expires{};
    std::uint16_t q = 1000;    // q-value x 1000 (RFC 3261 20.10)
    std::uint32_t reg_id = 0;  // RFC 5626 reg-id; 0: none
    std::uint32_t cseq = 0;
    std::string instance;  // RFC 5626/5627 +sip.instance value (quotes stripped); empty: none
    std::string call_id;
    std::vector<std::string> path;  // RFC 3327 Path values, top first
    std::string received;           // "udp:192.0.2.1:5060": where the REGISTER came from

    /// RFC 5626 6 / RFC 5627: bindings with an instance key by (instance, reg-id); others by URI.
    bool same_key(const Binding& other) const {
        if (!instance.empty() || !other.instance.empty()) {
            return instance == other.instance && reg_id == other.reg_id;
        }
        return contact_uri == other.contact_uri;
    }
    /// Whole seconds left at `now` (0 when expired).
    std::uint32_t remaining(TimePoint now) const {
        return expires > now ? static_cast<std::uint32_t>((expires - now).count()) : 0;
    }
    friend bool operator==(const Binding&, const Binding&) = default;
};

/// A registered implicit registration set (TS 23.228 4.3.3.3).
struct Registration {
    std::string impi;
    std::vector<std::string> impus;  // impus.front(): the IMPU the set was registered with (key)
    RegState state = RegState::registered;
    std::shared_ptr<const UserProfile> profile;  // from the SAA; shared, never per binding
    std::vector<Binding> bindings;

    const std::string& key() const { return impus.front(); }
    std::optional<TimePoint> earliest_expiry() const {
        std::optional<TimePoint> t;
        for (const auto& b : bindings) {
            if (!t || b.expires < *t) t = b.expires;
        }
        return t;
    }
    /// The bindings still alive at `now`.
    std::vector<Binding> live_bindings(TimePoint now) const {
        std::vector<Binding> out;
        for (const auto& b : bindings) {
            if (b.expires > now) out.push_back(b);
        }
        return out;
    }
};

}  // namespace ims::scscf
