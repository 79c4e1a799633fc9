#pragma once
#include <cstdint>
#include <span>

#include "cscf/scscf/codec.hpp"

namespace ims::scscf::test {

/// Deterministic bytes: 0, 1, 2, ... continuing across calls.
class FakeRandom final : public RandomSource {
  public:
    void fill(std::span<std::uint8_t> out) override {
        for (auto& b : out) b = next_++;
    }

  private:
    std::uint8_t next_ = 0;
};

}  // namespace ims::scscf::test
