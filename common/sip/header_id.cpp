#include "common/sip/header_id.hpp"

#include <array>
#include <cstdint>
#include <cstring>

#include "common/sip/scan.hpp"

namespace ims::sip {
namespace {

struct Entry {
    std::string_view name;
    HeaderId id;
};

constexpr Entry k_names[] = {
    {"Via", HeaderId::via},
    {"From", HeaderId::from},
    {"To", HeaderId::to},
    {"Call-ID", HeaderId::call_id},
    {"CSeq", HeaderId::cseq},
    {"Max-Forwards", HeaderId::max_forwards},
    {"Contact", HeaderId::contact},
    {"Expires", HeaderId::expires},
    {"Min-Expires", HeaderId::min_expires},
    {"Route", HeaderId::route},
    {"Record-Route", HeaderId::record_route},
    {"Path", HeaderId::path},
    {"Service-Route", HeaderId::service_route},
    {"Require", HeaderId::require},
    {"Proxy-Require", HeaderId::proxy_require},
    {"Supported", HeaderId::supported},
    {"Unsupported", HeaderId::unsupported},
    {"Allow", HeaderId::allow},
    {"Allow-Events", HeaderId::allow_events},
    {"Event", HeaderId::event},
    {"Authorization", HeaderId::authorization},
    {"WWW-Authenticate", HeaderId::www_authenticate},
    {"Proxy-Authorization", HeaderId::proxy_authorization},
    {"Proxy-Authenticate", HeaderId::proxy_authenticate},
    {"Authentication-Info", HeaderId::authentication_info},
    {"Security-Client", HeaderId::security_client},
    {"Security-Server", HeaderId::security_server},
    {"Security-Verify", HeaderId::security_verify},
    {"Content-Type", HeaderId::content_type},
    {"Content-Length", HeaderId::content_length},
    {"Content-Encoding", HeaderId::content_encoding},
    {"Content-Disposition", HeaderId::content_disposition},
    {"Accept", HeaderId::accept},
    {"Accept-Contact", HeaderId::accept_contact},
    {"Reject-Contact", HeaderId::reject_contact},
    {"Request-Disposition", HeaderId::request_disposition},
    {"Subject", HeaderId::subject},
    {"Refer-To", HeaderId::refer_to},
    {"Referred-By", HeaderId::referred_by},
    {"Session-Expires", HeaderId::session_expires},
    {"Identity", HeaderId::identity},
    {"User-Agent", HeaderId::user_agent},
    {"Server", HeaderId::server},
    {"Warning", HeaderId::warning},
    {"Date", HeaderId::date},
    {"Timestamp", HeaderId::timestamp},
    {"Retry-After", HeaderId::retry_after},
    {"Subscription-State", HeaderId::subscription_state},
    {"P-Associated-URI", HeaderId::p_associated_uri},
    {"P-Asserted-Identity", HeaderId::p_asserted_identity},
    {"P-Preferred-Identity", HeaderId::p_preferred_identity},
    {"P-Access-Network-Info", HeaderId::p_access_network_info},
    {"P-Visited-Network-ID", HeaderId::p_visited_network_id},
    {"P-Charging-Vector", HeaderId::p_charging_vector},
    {"P-Charging-Function-Addresses", HeaderId::p_charging_function_addresses},
    {"P-Called-Party-ID", HeaderId::p_called_party_id},
};

// RFC 3261 7.3.3 and later RFCs (IANA "Compact Form" column).
constexpr HeaderId compact(char c) noexcept {
    switch (scan::lower(c)) {
        case 'v':
            return HeaderId::via;
        case 'f':
            return HeaderId::from;
        case 't':
            return HeaderId::to;
        case 'i':
            return HeaderId::call_id;
        case 'm':
            return HeaderId::contact;
        case 'l':
            return HeaderId::content_length;
        case 'c':
            return HeaderId::content_type;
        case 'e':
            return HeaderId::content_encoding;
        case 'k':
            return HeaderId::supported;
        case 's':
            return HeaderId::subject;
        case 'o':
            return HeaderId::event;
        case 'u':
            return HeaderId::allow_events;
        case 'r':
            return HeaderId::refer_to;
        case 'b':
            return HeaderId::referred_by;
        case 'x':
            return HeaderId::session_expires;
        case 'y':
            return HeaderId::identity;
        case 'a':
            return HeaderId::accept_contact;
        case 'j':
            return HeaderId::reject_contact;
        case 'd':
            return HeaderId::request_disposition;
        default:
            return HeaderId::other;
    }
}

constexpr std::size_t k_max_len = 32;

// Names bucketed by length so a lookup compares against two or three candidates only.
struct Buckets {
    std::array<std::array<std::uint8_t, 8>, k_max_len> index{};
    std::array<std::uint8_t, k_max_len> count{};
};

constexpr Buckets make_buckets() {
    Buckets b{};
    for (std::size_t i = 0; i < std::size(k_names); ++i) {
        const std::size_t len = k_names[i].name.size();
        b.index[len][b.count[len]++] = static_cast<std::uint8_t>(i);
    }
    return b;
}

constexpr Buckets k_buckets = make_buckets();

constexpr std::array<std::string_view, static_cast<std::size_t>(HeaderId::count_)>
make_canonical() {
    std::array<std::string_view, static_cast<std::size_t>(HeaderId::count_)> a{};
    for (const Entry& e : k_names) a[static_cast<std::size_t>(e.id)] = e.name;
    return a;
}

constexpr auto k_canonical = make_canonical();

/// Compares a received name with a canonical one (letters, digits and '-' only). OR-ing 0x20
/// folds ASCII case; the only other byte it could confuse with '-' is CR, which is not a token
/// character and so never part of a received name. Eight bytes at a time.
inline bool iequals_canonical(std::string_view name, std::string_view canonical) noexcept {
    std::size_t i = 0;
    for (; i + 8 <= name.size(); i += 8) {
        std::uint64_t a;
        std::uint64_t b;
        std::memcpy(&a, name.data() + i, 8);
        std::memcpy(&b, canonical.data() + i, 8);
        if ((a | 0x2020202020202020ULL) != (b | 0x2020202020202020ULL)) return false;
    }
    for (; i < name.size(); ++i) {
        if ((name[i] | 0x20) != (canonical[i] | 0x20)) return false;
    }
    return true;
}

}  // namespace

HeaderId lookup_header(std::string_view name) noexcept {
    if (name.size() == 1) return compact(name[0]);
    if (name.size() >= k_max_len) return HeaderId::other;
    const std::size_t n = k_buckets.count[name.size()];
    const char first = scan::lower(name[0]);
    for (std::size_t k = 0; k < n; ++k) {
        const Entry& e = k_names[k_buckets.index[name.size()][k]];
        if (scan::lower(e.name[0]) == first && iequals_canonical(name, e.name)) return e.id;
    }
    return HeaderId::other;
}

std::string_view canonical_name(HeaderId id) noexcept {
    return k_canonical[static_cast<std::size_t>(id)];
}

}  // namespace ims::sip
