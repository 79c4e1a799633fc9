#include "cscf/scscf/errors.hpp"

namespace ims::scscf {
namespace {

class Category final : public std::error_category {
  public:
    const char* name() const noexcept override { return "scscf"; }
    std::string message(int ev) const override {
        switch (static_cast<scscf_errc>(ev)) {
            case scscf_errc::store_open_failed:
                return "registration journal could not be opened";
            case scscf_errc::store_io:
                return "registration journal I/O error";
            case scscf_errc::store_corrupt:
                return "registration journal row is corrupt";
            case scscf_errc::profile_invalid_xml:
                return "user data is not well-formed XML";
            case scscf_errc::profile_missing_element:
                return "user data lacks a mandatory element";
            case scscf_errc::profile_bad_value:
                return "user data element has an invalid value";
            case scscf_errc::profile_bad_regex:
                return "user data trigger point has an invalid regular expression";
            case scscf_errc::bad_base64:
                return "invalid base64 value";
            case scscf_errc::bad_auth_vector:
                return "unusable authentication vector";
        }
        return "unknown scscf error";
    }
};

}  // namespace

const std::error_category& scscf_category() noexcept {
    static const Category category;
    return category;
}

}  // namespace ims::scscf
