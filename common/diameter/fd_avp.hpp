#pragma once
// Internal helpers of the codec: build and walk freeDiameter AVP trees. Not part of the API.
// Includes freeDiameter's C headers, so only .cpp files of common/diameter include it.

#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdcore.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "common/diameter/cx_types.hpp"

namespace ims::cx::detail {

/// Appends AVPs under one parent (a message or a grouped AVP). The first failure sticks in
/// rc (errno-style), later calls become no-ops: check ok() once at the end.
class AvpWriter {
  public:
    AvpWriter(msg_or_avp* parent, int* rc) : parent_(parent), rc_(rc) {}

    void str(dict_object* model, std::string_view v) {
        union avp_value val;
        val.os.data = reinterpret_cast<std::uint8_t*>(const_cast<char*>(v.data()));
        val.os.len = v.size();
        add(model, &val);
    }
    void bytes(dict_object* model, const Bytes& v) {
        union avp_value val;
        val.os.data = const_cast<std::uint8_t*>(v.data());
        val.os.len = v.size();
        add(model, &val);
    }
    void u32(dict_object* model, std::uint32_t v) {
        union avp_value val;
        val.u32 = v;
        add(model, &val);
    }
    void i32(dict_object* model, std::int32_t v) {
        union avp_value val;
        val.i32 = v;
        add(model, &val);
    }
    /// A grouped AVP appended to the parent; fill it through the returned writer.
    AvpWriter group(dict_object* model) {
        struct avp* a = nullptr;
        if (*rc_ == 0) a = add(model, nullptr);
        return AvpWriter(a ? static_cast<msg_or_avp*>(a) : nullptr, rc_);
    }
    bool ok() const { return *rc_ == 0; }

  private:
    struct avp* add(dict_object* model, union avp_value* val) {
        if (*rc_ != 0) return nullptr;
        if (!parent_ || !model) {
            *rc_ = EINVAL;
            return nullptr;
        }
        struct avp* a = nullptr;
        int rc = fd_msg_avp_new(model, 0, &a);
        if (rc == 0 && val) rc = fd_msg_avp_setvalue(a, val);
        if (rc == 0) rc = fd_msg_avp_add(parent_, MSG_BRW_LAST_CHILD, a);
        if (rc != 0) {
            if (a) fd_msg_free(a);
            *rc_ = rc;
            return nullptr;
        }
        return a;
    }
    msg_or_avp* parent_;
    int* rc_;
};

/// One child AVP while walking: header fields and (for AVPs in our dictionary) the value.
struct AvpView {
    struct avp* avp = nullptr;
    std::uint32_t code = 0;
    std::uint32_t vendor = 0;
    union avp_value* value = nullptr;  // null for AVPs unknown to the dictionary and grouped ones

    bool is(std::uint32_t c, std::uint32_t v = 0) const { return code == c && vendor == v; }
    std::string str() const {
        return value ? std::string(reinterpret_cast<const char*>(value->os.data), value->os.len)
                     : std::string();
    }
    Bytes bytes() const {
        return value ? Bytes(value->os.data, value->os.data + value->os.len) : Bytes();
    }
    std::uint32_t u32() const { return value ? value->u32 : 0; }
    std::int32_t i32() const { return value ? value->i32 : 0; }
};

/// fd_msg_browse without the C macro's void* conversion.
inline int browse(msg_or_avp* ref, enum msg_brw_dir dir, struct avp** found) {
    msg_or_avp* f = nullptr;
    int rc = fd_msg_browse_internal(ref, dir, &f, nullptr);
    *found = static_cast<struct avp*>(f);
    return rc;
}

/// Calls f(const AvpView&) for each direct child of `parent` (message or grouped AVP).
template <class F>
void for_each_child(msg_or_avp* parent, F&& f) {
    struct avp* a = nullptr;
    if (browse(parent, MSG_BRW_FIRST_CHILD, &a) != 0) return;
    while (a) {
        struct avp_hdr* h = nullptr;
        if (fd_msg_avp_hdr(a, &h) == 0 && h) {
            AvpView v;
            v.avp = a;
            v.code = h->avp_code;
            v.vendor = (h->avp_flags & AVP_FLAG_VENDOR) ? h->avp_vendor : 0;
            v.value = h->avp_value;
            f(static_cast<const AvpView&>(v));
        }
        if (browse(a, MSG_BRW_NEXT, &a) != 0) break;
    }
}

}  // namespace ims::cx::detail
