#pragma once
// Error codes of the HSS (store and control channel). Cx outcomes are not errors: they are
// answers (cx::Outcome); these are for faults that keep the HSS from deciding.

#include <system_error>

namespace ims::hss {

enum class hss_errc {
    store = 1,  ///< the database failed (I/O, corruption, SQL error)
    busy,       ///< the database stayed locked beyond the busy timeout
    bad_data,   ///< a stored row could not be decoded
    control,    ///< the control channel failed (connect, protocol)
};

const std::error_category& hss_category() noexcept;

inline std::error_code make_error_code(hss_errc e) noexcept {
    return {static_cast<int>(e), hss_category()};
}

}  // namespace ims::hss

template <>
struct std::is_error_code_enum<ims::hss::hss_errc> : std::true_type {};
