#pragma once
// Requests in flight inside freeDiameter. Internal to common/diameter (CxClient, DiameterCore).
//
// freeDiameter calls exactly one of the answer or the expiry callback of a request it accepted;
// neither if the core shuts down first. Every pending request is registered here, and whoever
// take()s it first (answer callback, expiry callback, or the shutdown sweep) completes and frees
// it: a request is released exactly once.

#include <mutex>
#include <unordered_set>
#include <vector>

#include "common/diameter/cx_errc.hpp"
#include "common/diameter/fd_msg_ptr.hpp"

namespace ims::cx {

/// A request waiting for its answer. Completion methods run on a freeDiameter thread (or the
/// thread calling DiameterCore::stop) and must not block: they decode and post to the owner.
class PendingRequest {
  public:
    virtual ~PendingRequest() = default;
    /// The answer (owning; it carries the request too). Deletes this.
    virtual void complete_answer(MsgPtr answer) noexcept = 0;
    /// No answer: timeout, unable_to_deliver, shutting_down. Deletes this.
    virtual void complete_error(cx_errc error) noexcept = 0;
};

class PendingRegistry {
  public:
    /// False once closed (core stopping): the caller completes the request itself.
    bool add(PendingRequest* p) {
        std::lock_guard lock(mutex_);
        if (closed_) return false;
        set_.insert(p);
        return true;
    }
    /// True if `p` was pending and is now the caller's to complete.
    bool take(PendingRequest* p) {
        std::lock_guard lock(mutex_);
        return set_.erase(p) == 1;
    }
    /// Closes the registry and hands over everything still pending.
    std::vector<PendingRequest*> close() {
        std::lock_guard lock(mutex_);
        closed_ = true;
        std::vector<PendingRequest*> all(set_.begin(), set_.end());
        set_.clear();
        return all;
    }
    std::size_t size() const {
        std::lock_guard lock(mutex_);
        return set_.size();
    }

  private:
    mutable std::mutex mutex_;
    std::unordered_set<PendingRequest*> set_;
    bool closed_ = false;
};

/// The process-wide registry (one freeDiameter core per process; the freeDiameter callbacks
/// have no other way to reach it once a request may already have been freed).
PendingRegistry& pending_registry() noexcept;

}  // namespace ims::cx
