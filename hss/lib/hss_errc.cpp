#include "hss/lib/hss_errc.hpp"

#include <string>

namespace ims::hss {
namespace {

class HssCategory : public std::error_category {
  public:
    const char* name() const noexcept override { return "ims.hss"; }
    std::string message(int c) const override {
        switch (static_cast<hss_errc>(c)) {
            case hss_errc::store:
                return "subscriber store error";
            case hss_errc::busy:
                return "subscriber store busy";
            case hss_errc::bad_data:
                return "subscriber store holds undecodable data";
            case hss_errc::control:
                return "control channel error";
        }
        return "unknown hss error";
    }
};

}  // namespace

const std::error_category& hss_category() noexcept {
    static const HssCategory category;
    return category;
}

}  // namespace ims::hss
