#pragma once
// Compact in-memory form of a Registration for the location service (target: at most 1 KiB of
// S-CSCF memory per binding). Every string of a registration (identities, the per-user part of
// the profile, each binding's contact, params, Call-ID, Path...) lives in ONE byte buffer;
// identity strings that repeat (the private id, the profile's identities) are stored once and
// referenced. The shared iFC sets stay shared pointers. Callers never see this type: the store
// packs on put() and unpacks on find().

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/core/result.hpp"
#include "cscf/scscf/registration.hpp"

namespace ims::scscf {

struct PackedRegistration {
    std::string blob;  // never short enough for the small-string buffer: views into it are stable
    std::vector<std::shared_ptr<const IfcSet>> ifc_sets;  // one per service profile
    TimePoint earliest_expiry{};
    std::uint32_t binding_count = 0;
    // Where each IMPU of the implicit set sits in `blob` (for index keys).
    std::vector<std::pair<std::uint32_t, std::uint32_t>> impu_spans;

    std::string_view impu(std::size_t i) const {
        return std::string_view(blob).substr(impu_spans[i].first, impu_spans[i].second);
    }
};

/// Requires !reg.impus.empty() and !reg.bindings.empty().
PackedRegistration pack(const Registration& reg);
Registration unpack(const PackedRegistration& packed);

}  // namespace ims::scscf
