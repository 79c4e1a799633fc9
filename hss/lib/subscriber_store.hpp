#pragma once
// SubscriberStore: the seam between the HSS logic and where subscribers live.
// The real implementation is SqliteStore (one SQLite file shared by the daemon and the
// operator command line); unit tests use an in-memory fake (tests/unit/hss/fake_subscriber_store).

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/core/result.hpp"
#include "hss/lib/subscriber.hpp"

namespace ims::hss {

/// One change of registration state, applied atomically by the store.
struct RegistrationUpdate {
    std::string impi;
    /// New assigned S-CSCF: a name, "" to clear it, nullopt to leave it.
    std::optional<std::string> scscf_name;
    /// IMPUs whose state changes to `state` (whole implicit sets, expanded by the caller).
    std::vector<std::string> impus;
    RegState state = RegState::not_registered;
};

/// What provisioning reports: counts, or the first identity that clashes with the store.
struct ProvisionReport {
    std::size_t subscribers = 0;
    std::size_t profiles = 0;
    /// Index (in the order the source produced them) of a subscriber one of whose IMPUs already
    /// belongs to another IMPI in the store; the transaction was rolled back.
    std::optional<std::size_t> conflict_index;
    std::string conflict_impu;
    std::string conflict_owner;
};

/// Thread-safety: every method may be called from any thread (freeDiameter's threads call the
/// Cx handlers concurrently); implementations serialise internally. Errors are I/O or database
/// errors (hss_errc::store); "not found" is an empty optional, never an error.
class SubscriberStore {
  public:
    virtual ~SubscriberStore() = default;

    /// The subscription of `impi` with its sets, credentials and current state.
    virtual Result<std::optional<Subscriber>> load(std::string_view impi) = 0;
    /// The IMPI owning `impu`.
    virtual Result<std::optional<std::string>> owner_of(std::string_view impu) = 0;
    virtual Result<std::optional<ServiceProfile>> profile(std::string_view name) = 0;

    /// Atomically replaces the stored SQN of `impi` with `next` if it still equals `expected`.
    /// Returns false when it changed meanwhile (caller reloads and retries). The new value is
    /// durable (committed) when this returns true: TS 33.102 C.1: an SQN is never reused.
    virtual Result<bool> compare_and_set_sqn(std::string_view impi, std::uint64_t expected,
                                             std::uint64_t next) = 0;
    virtual Result<void> update_registration(const RegistrationUpdate& update) = 0;

    /// Provisioning: upserts `profiles`, then every subscriber `next` yields (it returns false
    /// when exhausted), all in one transaction. An existing IMPI keeps its SQN if higher than
    /// the provisioned one, its S-CSCF and the state of IMPUs it keeps.
    virtual Result<ProvisionReport> provision(const std::vector<ServiceProfile>& profiles,
                                              const std::function<bool(Subscriber&)>& next) = 0;
    /// Removes the IMPI and its IMPUs; false if it did not exist.
    virtual Result<bool> remove(std::string_view impi) = 0;
    virtual Result<std::vector<std::string>> list(std::size_t offset, std::size_t limit) = 0;
    virtual Result<std::size_t> count() = 0;
};

}  // namespace ims::hss
