#include "common/sip/transaction/transaction_errors.hpp"

#include <string>

namespace ims::sip {
namespace {

class TransactionCategory final : public std::error_category {
  public:
    const char* name() const noexcept override { return "sip.transaction"; }
    std::string message(int ev) const override {
        switch (static_cast<transaction_errc>(ev)) {
            case transaction_errc::missing_branch:
                return "Request has no Via branch";
            case transaction_errc::duplicate_transaction:
                return "A client transaction with this branch and method already exists";
            case transaction_errc::unknown_transaction:
                return "No such transaction";
            case transaction_errc::wrong_transaction_kind:
                return "Operation does not apply to this kind of transaction";
        }
        return "Unknown transaction error " + std::to_string(ev);
    }
};

}  // namespace

const std::error_category& transaction_category() noexcept {
    static const TransactionCategory category;
    return category;
}

}  // namespace ims::sip
