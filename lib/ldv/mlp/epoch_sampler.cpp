#include "ldv/mlp/epoch_sampler.hpp"

#include <fmt/format.h>
#include <numeric>

#include "ldv/core/error.hpp"

namespace ldv::mlp {

EpochSampler::EpochSampler(std::uint32_t samples, std::uint32_t batch, std::uint64_t seed, std::uint32_t run,
                           bool replace)
    : samples_(samples), batch_(batch), replace_(replace),
      words_(seed, run, static_cast<std::uint32_t>(StreamLane::user)) {
  if (samples < 2) throw_invalid(fmt::format("mini-batch sampler: {} samples, expected at least 2", samples));
  if (batch < 1 || batch > samples)
    throw_invalid(fmt::format("mini-batch sampler: batch size B = {}, expected 1 <= B <= N = {}", batch, samples));
  order_.resize(replace ? batch : samples);
  std::iota(order_.begin(), order_.end(), 0u);
  position_ = static_cast<std::uint32_t>(order_.size());  // the first call starts an epoch
}

std::uint32_t EpochSampler::below(std::uint32_t n) {
  // 32 random bits times n: the high word is uniform on [0, n) once the biased low words are rejected.
  std::uint64_t m = (words_.next() & 0xffffffffull) * n;
  auto low = static_cast<std::uint32_t>(m);
  if (low < n) {
    const std::uint32_t threshold = static_cast<std::uint32_t>(-n) % n;
    while (low < threshold) {
      m = (words_.next() & 0xffffffffull) * n;
      low = static_cast<std::uint32_t>(m);
    }
  }
  return static_cast<std::uint32_t>(m >> 32);
}

void EpochSampler::shuffle() {
  for (std::uint32_t i = samples_ - 1; i > 0; --i) std::swap(order_[i], order_[below(i + 1)]);
}

const std::uint32_t* EpochSampler::next() {
  if (replace_) {
    for (std::uint32_t& i : order_) i = below(samples_);
    return order_.data();
  }
  if (position_ + batch_ > samples_) {  // fewer than B left: a new epoch (drop_last)
    shuffle();
    position_ = 0;
  }
  const std::uint32_t* out = order_.data() + position_;
  position_ += batch_;
  return out;
}

}  // namespace ldv::mlp
