#include "ldv/measure/exponential_tail.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/stats/quantiles.hpp"

namespace ldv::measure {

ExponentialTail exponential_tail_rate(std::vector<double> values, double tail_fraction, const std::string& name,
                                      int points) {
  require_open_interval(name + ": tail fraction", tail_fraction, 0.0, 1.0);
  for (double v : values)
    if (!std::isfinite(v) || v < 0.0)
      throw_invalid(fmt::format("{}: a value {} is negative or not finite; durations >= 0 expected", name, v));
  const std::uint64_t n = values.size();
  const auto k = static_cast<std::uint64_t>(std::ceil(tail_fraction * static_cast<double>(n)));
  if (k < 2 || k >= n)
    throw_invalid(fmt::format("{}: a tail fraction {} of {} values leaves {} tail values; at least 2 (and fewer than "
                              "all) expected",
                              name, tail_fraction, n, k));
  std::sort(values.begin(), values.end());
  ExponentialTail out;
  out.sample = n;
  out.tail = k;
  out.threshold = values[n - k - 1];
  for (std::uint64_t i = n - k; i < n; ++i) out.excess += values[i] - out.threshold;
  if (!(out.excess > 0.0))
    throw_invalid(fmt::format("{}: the {} largest values all equal the threshold {}: no tail to fit", name, k,
                              out.threshold));
  const double excess = out.excess, dof = 2.0 * static_cast<double>(k);
  out.rate = {name, static_cast<double>(k) / excess,
              [excess, dof](double c) {
                require_open_interval("confidence", c, 0.0, 1.0);
                return Interval{stats::chi_squared_quantile(0.5 * (1.0 - c), dof) / (2.0 * excess),
                                stats::chi_squared_quantile(0.5 * (1.0 + c), dof) / (2.0 * excess)};
              },
              fmt::format("exponential tail rate beyond the {}-th largest of {} values (T₁ = {:.4g}): maximum-likelihood "
                          "k/Σ(X − T₁), exact χ²(2k) interval (Rényi: the excesses of an exponential tail are iid "
                          "exponential)",
                          k + 1, n, out.threshold)};
  const double top = values.back();
  for (int i = 0; i < points; ++i) {
    const double t = top * i / points;
    const auto above = values.end() - std::upper_bound(values.begin(), values.end(), t);
    out.survival_t.push_back(t);
    out.survival.push_back(static_cast<double>(above) / static_cast<double>(n));
  }
  return out;
}

}  // namespace ldv::measure
