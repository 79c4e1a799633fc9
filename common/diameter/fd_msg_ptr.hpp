#pragma once
// RAII ownership of freeDiameter messages. A MsgPtr owns a `struct msg` (and, for an answer built
// with fd_msg_new_answer_from_req or received for our request, the request attached to it:
// fd_msg_free on the answer frees both). Hand ownership to freeDiameter with release().

#include <memory>

struct msg;  // freeDiameter's message (libfdproto.h)

namespace ims::cx {

struct FdMsgDeleter {
    void operator()(struct msg* m) const noexcept;  // fd_msg_free
};

using MsgPtr = std::unique_ptr<struct msg, FdMsgDeleter>;

}  // namespace ims::cx
