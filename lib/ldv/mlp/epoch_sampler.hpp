#pragma once
// Mini-batches as practitioners draw them: sampling without replacement within an epoch.
// Each epoch is a fresh uniform permutation of the N samples (Fisher–Yates), cut into
// consecutive batches of B; the last N mod B samples of a permutation are dropped (PyTorch's
// DataLoader with shuffle=True, drop_last=True), so every batch has exactly B samples.
// The permutations of run p of seed s come from the Philox words of stream (s, p) on lane
// `user` (random/philox_stream.hpp): a run's batches are a pure function of (s, p).
// With replace = true the batches are B indices drawn independently and uniformly with
// replacement instead (the i.i.d. sampling the SDE models assume), from the same stream.
#include <cstdint>
#include <vector>

#include "ldv/random/philox_stream.hpp"

namespace ldv::mlp {

class EpochSampler {
 public:
  // N >= 2, 1 <= B <= N (InvalidInput naming the value).
  EpochSampler(std::uint32_t samples, std::uint32_t batch, std::uint64_t seed, std::uint32_t run, bool replace = false);

  // The next batch: B indices into the data set, valid until the next call.
  const std::uint32_t* next();
  std::uint32_t batch() const { return batch_; }

 private:
  // Uniform in [0, n), unbiased (Lemire 2019, "Fast random integer generation in an interval").
  std::uint32_t below(std::uint32_t n);
  void shuffle();

  std::uint32_t samples_, batch_;
  bool replace_;
  WordStream words_;
  std::vector<std::uint32_t> order_;
  std::uint32_t position_;
};

}  // namespace ldv::mlp
