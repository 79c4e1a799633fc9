#pragma once
// The location service seam. The embedded default is MemoryRegistrationStore, optionally
// behind SqliteRegistrationStore's write-through journal; a shared store (Redis) can implement
// the same interface later. Values go in and come out by copy, as they would over a network.

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/core/result.hpp"
#include "cscf/scscf/packed_registration.hpp"
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
    /// Every registration key (a scan: for rare operations such as an RTR naming only the IMPI).
    virtual std::vector<std::string> keys() const = 0;
    /// Runs `then` once every write made so far has reached the store's persistent form
    /// (`durable` true) or failed to (false). A store without one runs it at once.
    virtual void when_durable(std::function<void(bool durable)> then) { then(true); }
};

/// The embedded location service. Registrations are kept packed (packed_registration.hpp):
/// one buffer per registration, indexes are views into it, so the per-binding cost stays low.
class MemoryRegistrationStore final : public RegistrationStore {
  public:
    MemoryRegistrationStore() = default;
    MemoryRegistrationStore(const MemoryRegistrationStore&) = delete;
    MemoryRegistrationStore& operator=(const MemoryRegistrationStore&) = delete;

    std::optional<Registration> find(std::string_view impu) const override;
    Result<void> put(Registration reg) override;
    Result<void> erase(std::string_view impu) override;
    std::vector<std::string> due(TimePoint now) const override;
    std::optional<TimePoint> next_expiry() const override;
    std::size_t registration_count() const override { return regs_.size(); }
    std::size_t binding_count() const override { return bindings_; }

    std::vector<std::string> keys() const override;

  private:
    struct KeyHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view k) const {
            return std::hash<std::string_view>{}(k);
        }
        std::size_t operator()(const PackedRegistration& p) const { return (*this)(p.impu(0)); }
    };
    struct KeyEq {
        using is_transparent = void;
        static std::string_view key(std::string_view k) { return k; }
        static std::string_view key(const PackedRegistration& p) { return p.impu(0); }
        template <class A, class B>
        bool operator()(const A& a, const B& b) const {
            return key(a) == key(b);
        }
    };

    const PackedRegistration* lookup(std::string_view impu) const;
    void erase_packed(const PackedRegistration* p);

    std::unordered_set<PackedRegistration, KeyHash, KeyEq> regs_;  // keyed by impus.front()
    std::unordered_map<std::string_view, const PackedRegistration*> index_;  // every IMPU
    std::set<std::pair<TimePoint, const PackedRegistration*>> expiry_;
    std::size_t bindings_ = 0;
};

}  // namespace ims::scscf
