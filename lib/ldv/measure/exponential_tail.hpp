#pragma once
// The exponential rate of a tail, P(X > t) ∝ e^{−κ t} for large t, from a sample: e.g. the
// sojourn time of the escape paper's Lemma 9, whose logarithmic survival must be linear in T.
//
// Estimator: with T₁ the (k+1)-th largest value, k = ⌈tail_fraction · n⌉, the k excesses
// X − T₁ of the larger values are independent Exp(κ) exactly when the tail is exponential beyond
// T₁ (Rényi's representation of exponential order statistics), so the maximum-likelihood rate
// κ̂ = k / Σ (X − T₁) has the exact interval 2κ Σ(X − T₁) ~ χ²(2k):
//   [χ²_{(1−c)/2}(2k), χ²_{(1+c)/2}(2k)] / (2 Σ(X − T₁)).
// The tail fraction chooses where the law must already be exponential; for a sojourn that is
// after the quasi-stationary law has formed (then the rate is the principal Dirichlet eigenvalue).
#include <cstdint>
#include <string>
#include <vector>

#include "ldv/core/estimate.hpp"

namespace ldv::measure {

struct ExponentialTail {
  double threshold = 0.0;       // T₁
  std::uint64_t tail = 0;       // k
  std::uint64_t sample = 0;     // n
  double excess = 0.0;          // Σ (X − T₁) over the tail
  Estimate rate;                // κ̂ with its exact interval at any level
  // Empirical survival P(X > t) at `points` equally spaced t in [0, max X], for figures.
  std::vector<double> survival_t, survival;
};

// InvalidInput when tail_fraction is not in (0, 1), fewer than 2 tail values result, or a value
// is negative or not finite.
ExponentialTail exponential_tail_rate(std::vector<double> values, double tail_fraction, const std::string& name,
                                      int points = 40);

}  // namespace ldv::measure
