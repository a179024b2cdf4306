#include "ldv/reference/gaussian_norm_tail.hpp"

#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"

namespace ldv::reference {

NormTailRate gaussian_norm_tail_rate(const Vector& eigenvalues, double threshold) {
  require_non_negative("norm tail threshold R", threshold);
  if (eigenvalues.size() == 0) throw_invalid("norm tail: no eigenvalues, expected at least one");
  for (Eigen::Index i = 0; i < eigenvalues.size(); ++i)
    if (!std::isfinite(eigenvalues(i)))
      throw_invalid(fmt::format("norm tail: eigenvalue {} is {}, expected finite", i, eigenvalues(i)));
  const double s_max = eigenvalues.maxCoeff();
  if (!(s_max > 0.0)) throw_invalid("norm tail: no eigenvalue is positive, expected at least one > 0");
  // A covariance computed in floating point has eigenvalues of size ~1e-16 s_max of either sign where
  // it is singular: those are zeros; anything more negative is not a covariance.
  if (eigenvalues.minCoeff() < -kRoundingTolerance * s_max)
    throw_invalid(fmt::format("norm tail: eigenvalue {} < −{} × the largest ({}): not a covariance",
                              eigenvalues.minCoeff(), kRoundingTolerance, s_max));
  const Vector s = eigenvalues.cwiseMax(0.0);
  NormTailRate out;
  if (threshold <= s.sum()) return out;
  const auto mean_under_tilt = [&](double t) { return (s.array() / (1.0 - 2.0 * t * s.array())).sum(); };
  double low = 0.0, high = 0.5 / s_max;  // the left side tends to +∞ as t → 1/(2 s_max)
  while (high - low > 1e-15 * high) {
    const double mid = 0.5 * (low + high);
    if (mid == low || mid == high) break;
    (mean_under_tilt(mid) < threshold ? low : high) = mid;
  }
  out.tilt = low;
  out.slope = low;
  out.rate = low * threshold + 0.5 * (1.0 - 2.0 * low * s.array()).log().sum();
  return out;
}

double gaussian_norm_tail_threshold(const Vector& eigenvalues, double rate) {
  require_non_negative("norm tail rate", rate);
  const Vector s = eigenvalues.cwiseMax(0.0);
  double low = s.sum(), high = 2.0 * low + 1.0;
  while (gaussian_norm_tail_rate(eigenvalues, high).rate < rate) high *= 2.0;  // I(R) >= R/(2 s_max) − O(log)
  while (high - low > 1e-12 * high) {
    const double mid = 0.5 * (low + high);
    (gaussian_norm_tail_rate(eigenvalues, mid).rate < rate ? low : high) = mid;
  }
  return 0.5 * (low + high);
}

}  // namespace ldv::reference
