#pragma once
// Test helpers: a clock the test advances by hand, and a harness that drives one transaction
// machine against it, keeping its armed timers and recording everything it sends or passes up.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/sip/transaction/transaction_events.hpp"

namespace ims::sip::test {

struct FakeClock {
    TimePoint now{std::chrono::hours{1000}};  // any fixed origin; tests measure from start()
    TimePoint origin = now;
    Duration elapsed() const { return std::chrono::duration_cast<Duration>(now - origin); }
};

/// Drives one machine: feeds events, applies ArmTimer/CancelTimer, fires due timers in deadline
/// order when the clock is advanced. Records every send (with the time it happened) and every
/// message passed to the TU.
class MachineHarness {
  public:
    struct Sent {
        Duration at;
        std::string bytes;
    };

    explicit MachineHarness(std::unique_ptr<TransactionMachine> m) : machine_(std::move(m)) {}

    void feed(const Event& e) { apply(machine_->handle(e, clock_.now)); }

    /// Advance the fake clock to `clock.origin + t`, firing every timer due on the way.
    void advance_to(Duration t) {
        const TimePoint target = clock_.origin + t;
        for (;;) {
            auto due = next_due();
            if (!due || due->second > target) break;
            clock_.now = due->second;
            timers_.erase(due->first);
            feed(event::TimerFired{due->first});
        }
        clock_.now = target;
    }

    TransactionMachine& machine() { return *machine_; }
    const std::vector<Sent>& sent() const { return sent_; }
    const std::vector<action::PassToTu>& passed() const { return passed_; }
    std::optional<TerminationReason> terminated() const { return terminated_; }
    std::optional<Duration> terminated_at() const { return terminated_at_; }
    bool armed(TimerId id) const { return timers_.count(id) != 0; }
    std::size_t armed_count() const { return timers_.size(); }
    const FakeClock& clock() const { return clock_; }

  private:
    std::optional<std::pair<TimerId, TimePoint>> next_due() const {
        std::optional<std::pair<TimerId, TimePoint>> best;
        for (const auto& [id, at] : timers_) {
            if (!best || at < best->second) best = std::make_pair(id, at);
        }
        return best;
    }

    void apply(const Actions& actions) {
        for (const auto& a : actions) {
            if (const auto* s = std::get_if<action::SendToTransport>(&a)) {
                sent_.push_back({clock_.elapsed(), *s->bytes});
            } else if (const auto* p = std::get_if<action::PassToTu>(&a)) {
                passed_.push_back(*p);
            } else if (const auto* arm = std::get_if<action::ArmTimer>(&a)) {
                timers_[arm->id] = arm->deadline;
            } else if (const auto* c = std::get_if<action::CancelTimer>(&a)) {
                timers_.erase(c->id);
            } else if (const auto* t = std::get_if<action::Terminated>(&a)) {
                terminated_ = t->reason;
                terminated_at_ = clock_.elapsed();
                timers_.clear();
            }
        }
    }

    FakeClock clock_;
    std::unique_ptr<TransactionMachine> machine_;
    std::map<TimerId, TimePoint> timers_;
    std::vector<Sent> sent_;
    std::vector<action::PassToTu> passed_;
    std::optional<TerminationReason> terminated_;
    std::optional<Duration> terminated_at_;
};

}  // namespace ims::sip::test
