#pragma once
// Error category of the S-CSCF's own layer (location service, profile parsing).

#include <string>
#include <system_error>

namespace ims::scscf {

enum class scscf_errc {
    store_open_failed = 1,    // the SQLite journal could not be opened or created
    store_io,                 // a journal read or write failed
    store_corrupt,            // a journal row could not be decoded
    profile_invalid_xml,      // User-Data is not well-formed XML
    profile_missing_element,  // a mandatory TS 29.228 element is absent
    profile_bad_value,        // an element holds a value outside its range
    profile_bad_regex,        // an SPT regular expression does not compile
    bad_base64,               // a base64 parameter (nonce, auts) does not decode
    bad_auth_vector,          // an MAA authentication item lacks what its scheme needs
};

const std::error_category& scscf_category() noexcept;

inline std::error_code make_error_code(scscf_errc e) noexcept {
    return {static_cast<int>(e), scscf_category()};
}

}  // namespace ims::scscf

template <>
struct std::is_error_code_enum<ims::scscf::scscf_errc> : std::true_type {};
