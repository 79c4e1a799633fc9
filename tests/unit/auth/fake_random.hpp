#pragma once
// Deterministic Random for tests: yields bytes from a fixed pattern (or a counter), and can be
// told to fail.

#include <cstdint>
#include <span>
#include <vector>

#include "common/auth/auth_errc.hpp"
#include "common/auth/random.hpp"

namespace ims::auth {

class FakeRandom final : public Random {
  public:
    FakeRandom() = default;
    /// Repeats `pattern` forever (continuing where the previous fill stopped).
    explicit FakeRandom(std::vector<std::uint8_t> pattern) : pattern_(std::move(pattern)) {}

    Result<void> fill(std::span<std::uint8_t> out) noexcept override {
        if (fail_) return make_error_code(auth_errc::random_failure);
        for (auto& byte : out) {
            byte = pattern_.empty() ? static_cast<std::uint8_t>(position_)
                                    : pattern_[position_ % pattern_.size()];
            ++position_;
        }
        ++calls_;
        return success();
    }

    void set_fail(bool fail) { fail_ = fail; }
    int calls() const { return calls_; }

  private:
    std::vector<std::uint8_t> pattern_;
    std::size_t position_ = 0;
    bool fail_ = false;
    int calls_ = 0;
};

}  // namespace ims::auth
