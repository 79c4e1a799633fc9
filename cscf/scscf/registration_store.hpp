#pragma once
// The location service seam. The embedded default is MemoryRegistrationStore, optionally
// behind SqliteRegistrationStore's write-through journal; a shared store (Redis) can implement
// the same interface later. Values go in and come out by copy, as they would over a network.

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/core/result.hpp"
#include "cscf/scscf/registration.hpp"

namespace ims::scscf {

/// Called from the S-CSCF's io_context thread only; implementations need not be thread-safe.
class RegistrationStore {
  public:
    virtual ~RegistrationStore() = default;
    /// The registration whose implicit set contains `impu`.
    virtual std::optional<Registration> find(std::string_view impu) const = 0;
    /// Inserts or replaces the registration keyed by `reg.key()`; every IMPU of `reg.impus`
    /// then finds it. A registration with no bindings is erased instead.
    virtual Result<void> put(Registration reg) = 0;
    /// Removes the registration containing `impu`; absent is not an error.
    virtual Result<void> erase(std::string_view impu) = 0;
    /// Keys of registrations holding a binding that expires at or before `now`.
    virtual std::vector<std::string> due(TimePoint now) const = 0;
    /// The earliest binding expiry of all registrations (to arm one timer).
    virtual std::optional<TimePoint> next_expiry() const = 0;
    virtual std::size_t registration_count() const = 0;
    virtual std::size_t binding_count() const = 0;
};

class MemoryRegistrationStore final : public RegistrationStore {
  public:
    std::optional<Registration> find(std::string_view impu) const override;
    Result<void> put(Registration reg) override;
    Result<void> erase(std::string_view impu) override;
    std::vector<std::string> due(TimePoint now) const override;
    std::optional<TimePoint> next_expiry() const override;
    std::size_t registration_count() const override { return regs_.size(); }
    std::size_t binding_count() const override { return bindings_; }

    /// All keys (for the journal and diagnostics).
    std::vector<std::string> keys() const;

  private:
    void erase_key(const std::string& key);

    std::unordered_map<std::string, Registration> regs_;  // key -> registration
    std::unordered_map<std::string, std::string> index_;  // any IMPU of a set -> key
    std::set<std::pair<TimePoint, std::string>> expiry_;  // (earliest expiry, key)
    std::size_t bindings_ = 0;
};

}  // namespace ims::scscf
