#pragma once
// Error codes of the transaction layer (calls from the TU that cannot be honoured).

#include <system_error>

namespace ims::sip {

enum class transaction_errc {
    missing_branch = 1,      ///< a client request without a top Via branch
    duplicate_transaction,   ///< a client transaction with this branch and method exists
    unknown_transaction,     ///< no live transaction with this id (it may have ended)
    wrong_transaction_kind,  ///< e.g. respond() on a client transaction
};

const std::error_category& transaction_category() noexcept;

inline std::error_code make_error_code(transaction_errc e) noexcept {
    return {static_cast<int>(e), transaction_category()};
}

}  // namespace ims::sip

template <>
struct std::is_error_code_enum<ims::sip::transaction_errc> : std::true_type {};
