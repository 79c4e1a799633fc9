#pragma once
// Errors are values: parsers, decoders and protocol logic return Result<T>, holding either a T
// or an std::error_code from one of our own categories (sip_errc, cx_errc, config_errc...).
// std::expected is C++23; Boost.Outcome gives the same shape on bookworm's g++ 12.

#include <boost/outcome/std_result.hpp>
#include <boost/outcome/try.hpp>
#include <system_error>

namespace ims {

template <class T>
using Result = boost::outcome_v2::std_result<T>;

using boost::outcome_v2::success;

// Propagation: BOOST_OUTCOME_TRY(value, expr) declares `value` (Boost 1.74 spelling, no `auto`).

/// An error result from an error code enum of our own categories (needs make_error_code ADL).
template <class Enum>
inline std::error_code make_error(Enum e) {
    return make_error_code(e);
}

}  // namespace ims
