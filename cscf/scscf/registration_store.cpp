#include "cscf/scscf/registration_store.hpp"

namespace ims::scscf {

const PackedRegistration* MemoryRegistrationStore::lookup(std::string_view impu) const {
    const auto idx = index_.find(impu);
    return idx == index_.end() ? nullptr : idx->second;
}

std::optional<Registration> MemoryRegistrationStore::find(std::string_view impu) const {
    const auto* p = lookup(impu);
    if (p == nullptr) return std::nullopt;
    return unpack(*p);
}

void MemoryRegistrationStore::erase_packed(const PackedRegistration* p) {
    for (std::size_t i = 0; i < p->impu_spans.size(); ++i) {
        const auto idx = index_.find(p->impu(i));
        if (idx != index_.end() && idx->second == p) index_.erase(idx);
    }
    expiry_.erase({p->earliest_expiry, p});
    bindings_ -= p->binding_count;
    const auto it = regs_.find(p->impu(0));
    if (it != regs_.end() && &*it == p) regs_.erase(it);
}

Result<void> MemoryRegistrationStore::put(Registration reg) {
    if (reg.impus.empty()) return success();
    if (auto it = regs_.find(std::string_view(reg.key())); it != regs_.end()) erase_packed(&*it);
    if (reg.bindings.empty()) return success();
    // An IMPU now belongs to this set only: a set registered before under another key that
    // shares an IMPU is stale (the HSS redefined the implicit set) and goes.
    for (const auto& impu : reg.impus) {
        if (const auto* other = lookup(impu)) erase_packed(other);
    }
    const auto [it, inserted] = regs_.insert(pack(reg));
    const PackedRegistration* p = &*it;
    for (std::size_t i = 0; i < p->impu_spans.size(); ++i) index_.emplace(p->impu(i), p);
    expiry_.insert({p->earliest_expiry, p});
    bindings_ += p->binding_count;
    return success();
}

Result<void> MemoryRegistrationStore::erase(std::string_view impu) {
    if (const auto* p = lookup(impu)) erase_packed(p);
    return success();
}

std::vector<std::string> MemoryRegistrationStore::due(TimePoint now) const {
    std::vector<std::string> out;
    for (const auto& [t, p] : expiry_) {
        if (t > now) break;
        out.emplace_back(p->impu(0));
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
    for (const auto& p : regs_) out.emplace_back(p.impu(0));
    return out;
}

}  // namespace ims::scscf
