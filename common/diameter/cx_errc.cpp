#include "common/diameter/cx_errc.hpp"

#include <string>

namespace ims::cx {
namespace {

class CxCategory final : public std::error_category {
  public:
    const char* name() const noexcept override { return "cx"; }
    std::string message(int ev) const override {
        switch (static_cast<cx_errc>(ev)) {
            case cx_errc::ok:
                return "success";
            case cx_errc::missing_avp:
                return "mandatory AVP missing";
            case cx_errc::invalid_avp_value:
                return "invalid AVP value";
            case cx_errc::unexpected_command:
                return "unexpected Diameter command";
            case cx_errc::encode_failed:
                return "could not encode Diameter message";
            case cx_errc::timeout:
                return "no Diameter answer before the timeout";
            case cx_errc::unable_to_deliver:
                return "unable to deliver: no open Diameter peer for the destination";
            case cx_errc::not_started:
                return "Diameter core not started";
            case cx_errc::shutting_down:
                return "Diameter core shutting down";
            case cx_errc::core_failure:
                return "freeDiameter core failure";
            case cx_errc::tls_setup_failed:
                return "TLS certificate/key setup failed";
        }
        return "unknown cx error " + std::to_string(ev);
    }
};

}  // namespace

const std::error_category& cx_category() noexcept {
    static const CxCategory category;
    return category;
}

}  // namespace ims::cx
