#pragma once
// In-memory SubscriberStore for unit tests: same contract as SqliteStore, plus knobs to inject
// failures and to observe writes.

#include <map>
#include <mutex>

#include "hss/lib/hss_errc.hpp"
#include "hss/lib/subscriber_store.hpp"

namespace ims::hss {

class FakeSubscriberStore final : public SubscriberStore {
  public:
    void put(Subscriber s) {
        std::lock_guard lock(mutex_);
        subs_[s.impi] = std::move(s);
    }
    void put_profile(ServiceProfile p) {
        std::lock_guard lock(mutex_);
        profiles_[p.name] = std::move(p);
    }
    Subscriber get(const std::string& impi) {
        std::lock_guard lock(mutex_);
        return subs_.at(impi);
    }

    /// When set, every call fails with this error.
    std::optional<std::error_code> fail_with;
    /// Number of compare_and_set_sqn calls that report a concurrent change before succeeding.
    int cas_conflicts = 0;
    int sqn_writes = 0;
    int registration_writes = 0;

    Result<std::optional<Subscriber>> load(std::string_view impi) override {
        std::lock_guard lock(mutex_);
        if (fail_with) return *fail_with;
        auto it = subs_.find(std::string(impi));
        if (it == subs_.end()) return std::optional<Subscriber>();
        return std::optional<Subscriber>(it->second);
    }
    Result<std::optional<std::string>> owner_of(std::string_view impu) override {
        std::lock_guard lock(mutex_);
        if (fail_with) return *fail_with;
        for (const auto& [impi, sub] : subs_)
            if (sub.find_impu(std::string(impu))) return std::optional<std::string>(impi);
        return std::optional<std::string>();
    }
    Result<std::optional<ServiceProfile>> profile(std::string_view name) override {
        std::lock_guard lock(mutex_);
        if (fail_with) return *fail_with;
        auto it = profiles_.find(std::string(name));
        if (it == profiles_.end()) return std::optional<ServiceProfile>();
        return std::optional<ServiceProfile>(it->second);
    }
    Result<bool> compare_and_set_sqn(std::string_view impi, std::uint64_t expected,
                                     std::uint64_t next) override {
        std::lock_guard lock(mutex_);
        if (fail_with) return *fail_with;
        auto& sub = subs_.at(std::string(impi));
        if (cas_conflicts > 0) {
            --cas_conflicts;
            sub.aka->sqn += 32;  // someone else took one
            return false;
        }
        if (sub.aka->sqn != expected) return false;
        sub.aka->sqn = next;
        ++sqn_writes;
        return true;
    }
    Result<void> update_registration(const RegistrationUpdate& u) override {
        std::lock_guard lock(mutex_);
        if (fail_with) return *fail_with;
        ++registration_writes;
        auto& sub = subs_.at(u.impi);
        if (u.scscf_name) sub.scscf_name = *u.scscf_name;
        for (auto& set : sub.sets)
            for (auto& id : set.impus)
                for (const auto& uri : u.impus)
                    if (id.uri == uri) id.state = u.state;
        return success();
    }
    Result<ProvisionReport> provision(const std::vector<ServiceProfile>& profiles,
                                      const std::function<bool(Subscriber&)>& next) override {
        std::lock_guard lock(mutex_);
        ProvisionReport r;
        for (const auto& p : profiles) profiles_[p.name] = p, ++r.profiles;
        Subscriber s;
        while (next(s)) subs_[s.impi] = s, ++r.subscribers;
        return r;
    }
    Result<bool> remove(std::string_view impi) override {
        std::lock_guard lock(mutex_);
        return subs_.erase(std::string(impi)) > 0;
    }
    Result<std::vector<std::string>> list(std::size_t offset, std::size_t limit) override {
        std::lock_guard lock(mutex_);
        std::vector<std::string> out;
        std::size_t i = 0;
        for (const auto& [impi, _] : subs_)
            if (i++ >= offset && out.size() < limit) out.push_back(impi);
        return out;
    }
    Result<std::size_t> count() override {
        std::lock_guard lock(mutex_);
        return subs_.size();
    }

  private:
    std::mutex mutex_;
    std::map<std::string, Subscriber> subs_;
    std::map<std::string, ServiceProfile> profiles_;
};

}  // namespace ims::hss
