#pragma once
// Running count, mean and sum of squared deviations of a stream of numbers: Welford's
// update for one value and the pairwise merge of Chan, Golub & LeVeque for two blocks.
// Stable where one-pass sums Σx, Σx² cancel catastrophically, and mergeable in a fixed
// order, so a parallel reduction is bitwise the same whatever the thread count.
// Header-only and light: it sits next to the hot Monte Carlo loop (CensoredSample).
#include <cstdint>

namespace ldv::stats {

class RunningMoments {
 public:
  // Welford (1962).
  void add(double value) {
    ++count_;
    const double deviation = value - mean_;
    mean_ += deviation / static_cast<double>(count_);
    sum_squared_deviations_ += deviation * (value - mean_);
  }

  // Appends a later block: M2 = M2_a + M2_b + δ² n_a n_b / n, δ = mean_b − mean_a
  // (Chan, Golub & LeVeque, "Updating formulae and a pairwise algorithm for computing
  // sample variances", 1979). The result depends only on the sequence of merges.
  void merge(const RunningMoments& later) {
    if (later.count_ == 0) return;
    if (count_ == 0) {
      *this = later;
      return;
    }
    const double n_a = static_cast<double>(count_);
    const double n_b = static_cast<double>(later.count_);
    const double n = n_a + n_b;
    const double delta = later.mean_ - mean_;
    mean_ += delta * (n_b / n);
    sum_squared_deviations_ += later.sum_squared_deviations_ + delta * delta * (n_a * n_b / n);
    count_ += later.count_;
  }

  std::uint64_t count() const { return count_; }
  // The sample mean (0 for an empty stream: callers that need a value check count()).
  double mean() const { return mean_; }
  double sum_squared_deviations() const { return sum_squared_deviations_; }
  // Unbiased sample variance; InvalidInput with fewer than 2 values.
  double variance() const;
  // √(variance / count): the standard error of the mean.
  double std_error_of_mean() const;

 private:
  std::uint64_t count_ = 0;
  double mean_ = 0.0;
  double sum_squared_deviations_ = 0.0;
};

}  // namespace ldv::stats
