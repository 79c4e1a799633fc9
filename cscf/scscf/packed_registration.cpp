#include "cscf/scscf/packed_registration.hpp"

#include <cstring>

namespace ims::scscf {
namespace {

class Writer {
  public:
    explicit Writer(std::string& out) : out_(out) {}

    void varint(std::uint64_t v) {
        while (v >= 0x80) {
            out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
            v >>= 7;
        }
        out_.push_back(static_cast<char>(v));
    }
    /// Returns the offset of the string bytes.
    std::uint32_t str(std::string_view s) {
        varint(s.size());
        const auto at = static_cast<std::uint32_t>(out_.size());
        out_.append(s);
        return at;
    }
    void i64(std::int64_t v) {
        char b[8];
        std::memcpy(b, &v, 8);
        out_.append(b, 8);
    }
    // A string that is often one of `table` (impi, impus): reference (odd) or literal (even).
    void ref_str(std::string_view s, const std::vector<std::string_view>& table) {
        for (std::size_t i = 0; i < table.size(); ++i) {
            if (table[i] == s) return varint((i << 1) | 1);
        }
        varint(s.size() << 1);
        out_.append(s);
    }

  private:
    std::string& out_;
};

class Reader {
  public:
    explicit Reader(std::string_view in) : in_(in) {}

    std::uint64_t varint() {
        std::uint64_t v = 0;
        for (int shift = 0; pos_ < in_.size() && shift < 64; shift += 7) {
            const auto b = static_cast<std::uint8_t>(in_[pos_++]);
            v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
            if ((b & 0x80) == 0) break;
        }
        return v;
    }
    std::string str() { return std::string(take(varint())); }
    std::int64_t i64() {
        std::int64_t v = 0;
        const auto b = take(8);
        if (b.size() == 8) std::memcpy(&v, b.data(), 8);
        return v;
    }
    std::string ref_str(const std::vector<std::string>& table) {
        const auto v = varint();
        if ((v & 1) != 0) {
            const auto i = v >> 1;
            return i < table.size() ? table[i] : std::string();
        }
        return std::string(take(v >> 1));
    }

  private:
    std::string_view take(std::uint64_t n) {
        const auto len = std::min<std::uint64_t>(n, in_.size() - pos_);
        const auto s = in_.substr(pos_, len);
        pos_ += len;
        return s;
    }

    std::string_view in_;
    std::size_t pos_ = 0;
};

}  // namespace

PackedRegistration pack(const Registration& reg) {
    PackedRegistration p;
    Writer w(p.blob);
    p.blob.push_back(static_cast<char>(reg.state));
    w.str(reg.impi);
    w.varint(reg.impus.size());
    std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;
    for (const auto& impu : reg.impus) {
        spans.emplace_back(w.str(impu), static_cast<std::uint32_t>(impu.size()));
    }
    std::vector<std::string_view> table{reg.impi};
    table.insert(table.end(), reg.impus.begin(), reg.impus.end());

    p.blob.push_back(reg.profile ? 1 : 0);
    if (reg.profile) {
        w.ref_str(reg.profile->private_id, table);
        w.varint(reg.profile->service_profiles.size());
        for (const auto& sp : reg.profile->service_profiles) {
            w.varint(sp.public_identities.size());
            for (const auto& id : sp.public_identities) {
                w.ref_str(id.identity, table);
                w.varint((static_cast<std::uint64_t>(id.identity_type) << 1) | (id.barred ? 1 : 0));
                w.str(id.display_name);
            }
            p.ifc_sets.push_back(sp.ifc_set);
        }
    }
    w.varint(reg.bindings.size());
    for (const auto& b : reg.bindings) {
        w.str(b.contact_uri);
        w.str(b.contact_params);
        w.i64(b.expires.time_since_epoch().count());
        w.varint(b.q);
        w.varint(b.reg_id);
        w.varint(b.cseq);
        w.str(b.instance);
        w.str(b.call_id);
        w.varint(b.path.size());
        for (const auto& hop : b.path) w.str(hop);
        w.str(b.received);
    }
    // Keep the buffer out of the small-string optimisation so views into it never move.
    if (p.blob.size() < 2 * sizeof(std::string)) p.blob.resize(2 * sizeof(std::string), '\0');
    p.blob.shrink_to_fit();
    p.impu_spans = std::move(spans);
    p.impu_spans.shrink_to_fit();
    p.ifc_sets.shrink_to_fit();
    p.earliest_expiry = reg.earliest_expiry().value_or(TimePoint{});
    p.binding_count = static_cast<std::uint32_t>(reg.bindings.size());
    return p;
}

Registration unpack(const PackedRegistration& p) {
    Registration reg;
    Reader r(p.blob);
    reg.state = static_cast<RegState>(r.varint());
    reg.impi = r.str();
    const auto n_impus = r.varint();
    for (std::uint64_t i = 0; i < n_impus; ++i) reg.impus.push_back(r.str());
    std::vector<std::string> table{reg.impi};
    table.insert(table.end(), reg.impus.begin(), reg.impus.end());

    if (r.varint() != 0) {
        auto profile = std::make_shared<UserProfile>();
        profile->private_id = r.ref_str(table);
        const auto n_sp = r.varint();
        for (std::uint64_t s = 0; s < n_sp; ++s) {
            ServiceProfile sp;
            const auto n_ids = r.varint();
            for (std::uint64_t i = 0; i < n_ids; ++i) {
                PublicIdentity id;
                id.identity = r.ref_str(table);
                const auto flags = r.varint();
                id.barred = (flags & 1) != 0;
                id.identity_type = static_cast<int>(flags >> 1);
                id.display_name = r.str();
                sp.public_identities.push_back(std::move(id));
            }
            if (s < p.ifc_sets.size()) sp.ifc_set = p.ifc_sets[s];
            profile->service_profiles.push_back(std::move(sp));
        }
        reg.profile = std::move(profile);
    }
    const auto n_bindings = r.varint();
    for (std::uint64_t i = 0; i < n_bindings; ++i) {
        Binding b;
        b.contact_uri = r.str();
        b.contact_params = r.str();
        b.expires = TimePoint(std::chrono::seconds(r.i64()));
        b.q = static_cast<std::uint16_t>(r.varint());
        b.reg_id = static_cast<std::uint32_t>(r.varint());
        b.cseq = static_cast<std::uint32_t>(r.varint());
        b.instance = r.str();
        b.call_id = r.str();
        const auto n_path = r.varint();
        for (std::uint64_t h = 0; h < n_path; ++h) b.path.push_back(r.str());
        b.received = r.str();
        reg.bindings.push_back(std::move(b));
    }
    return reg;
}

}  // namespace ims::scscf
