#include "common/sip/transaction/transaction_events.hpp"

#include "common/sip/transaction/client_transaction.hpp"
#include "common/sip/transaction/server_transaction.hpp"

namespace ims::sip {

std::string_view to_string(TimerId id) noexcept {
    switch (id) {
        case TimerId::A:
            return "A";
        case TimerId::B:
            return "B";
        case TimerId::D:
            return "D";
        case TimerId::E:
            return "E";
        case TimerId::F:
            return "F";
        case TimerId::G:
            return "G";
        case TimerId::H:
            return "H";
        case TimerId::I:
            return "I";
        case TimerId::J:
            return "J";
        case TimerId::K:
            return "K";
    }
    return "?";
}

std::string_view to_string(TerminationReason r) noexcept {
    switch (r) {
        case TerminationReason::completed:
            return "completed";
        case TerminationReason::timeout:
            return "timeout";
        case TerminationReason::transport_error:
            return "transport_error";
    }
    return "?";
}

std::string_view to_string(TransactionState s) noexcept {
    switch (s) {
        case TransactionState::calling:
            return "Calling";
        case TransactionState::trying:
            return "Trying";
        case TransactionState::proceeding:
            return "Proceeding";
        case TransactionState::completed:
            return "Completed";
        case TransactionState::confirmed:
            return "Confirmed";
        case TransactionState::terminated:
            return "Terminated";
    }
    return "?";
}

std::unique_ptr<TransactionMachine> make_transaction_machine(TransactionKind kind, Buffer request,
                                                             bool reliable,
                                                             const TimerConfig& timers) {
    switch (kind) {
        case TransactionKind::invite_client:
            return std::make_unique<InviteClientTransaction>(std::move(request), reliable, timers);
        case TransactionKind::non_invite_client:
            return std::make_unique<NonInviteClientTransaction>(std::move(request), reliable,
                                                                timers);
        case TransactionKind::invite_server:
            return std::make_unique<InviteServerTransaction>(std::move(request), reliable, timers);
        case TransactionKind::non_invite_server:
            return std::make_unique<NonInviteServerTransaction>(std::move(request), reliable,
                                                                timers);
    }
    return nullptr;
}

}  // namespace ims::sip
