#include "cscf/scscf/registration_store.hpp"

namespace ims::scscf {

std::optional<Registration> MemoryRegistrationStore::find(std::string_view impu) const {
    const auto idx = index_.find(std::string(impu));
    if (idx == index_.end()) return std::nullopt;
    const auto it = regs_.find(idx->second);
    if (it == regs_.end()) return std::nullopt;
    return it->second;
}

void MemoryRegistrationStore::erase_key(const std::string& key) {
    const auto it = regs_.find(key);
    if (it == regs_.end()) return;
    for (const auto& impu : it->second.impus) {
        const auto idx = index_.find(impu);
        if (idx != index_.end() && idx->second == key) index_.erase(idx);
    }
    if (const auto t = it->second.earliest_expiry()) expiry_.erase({*t, key});
    bindings_ -= it->second.bindings.size();
    regs_.erase(it);
}

Result<void> MemoryRegistrationStore::put(Registration reg) {
    if (reg.impus.empty()) return success();
    const std::string key = reg.key();
    erase_key(key);
    if (reg.bindings.empty()) return success();
    // An IMPU now belongs to this set only: a set registered before under another key that
    // shares an IMPU is stale (the HSS redefined the implicit set) and goes.
    for (const auto& impu : reg.impus) {
        const auto idx = index_.find(impu);
        if (idx != index_.end() && idx->second != key) erase_key(std::string(idx->second));
    }
    for (const auto& impu : reg.impus) index_[impu] = key;
    if (const auto t = reg.earliest_expiry()) expiry_.insert({*t, key});
    bindings_ += reg.bindings.size();
    regs_.emplace(key, std::move(reg));
    return success();
}

Result<void> MemoryRegistrationStore::erase(std::string_view impu) {
    const auto idx = index_.find(std::string(impu));
    if (idx != index_.end()) erase_key(std::string(idx->second));
    return success();
}

std::vector<std::string> MemoryRegistrationStore::due(TimePoint now) const {
    std::vector<std::string> out;
    for (const auto& [t, key] : expiry_) {
        if (t > now) break;
        out.push_back(key);
    }
    return out;
}

std::optional<TimePoint> MemoryRegistrationStore::next_expiry() const {
    if (expiry_.empty()) return std::nullopt;
    return expiry_.begin()->first;
}

std::vector<std::string> MemoryRegistrationStore::keys() const {
    std::vector<std::string> out;
    out.reserve(regs_.size());
    for (const auto& [k, _] : regs_) out.push_back(k);
    return out;
}

}  // namespace ims::scscf
