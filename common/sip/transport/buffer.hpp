#pragma once
// One serialized SIP message as it travels between transport, transactions and the TU: shared and
// immutable, so a retransmission or a write queue never copies it.

#include <memory>
#include <string>

namespace ims::sip {

using Buffer = std::shared_ptr<const std::string>;

inline Buffer make_buffer(std::string bytes) {
    return std::make_shared<const std::string>(std::move(bytes));
}

}  // namespace ims::sip
