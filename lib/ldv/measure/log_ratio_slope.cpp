#include "ldv/measure/log_ratio_slope.hpp"

#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/stats/interval_policy.hpp"

namespace ldv::measure {

LogRatioSlope log_ratio_slope(const BarrierMeasurement& numerator, const BarrierMeasurement& denominator,
                              const std::string& name, double systematic, const std::string& method) {
  if (numerator.points.size() != denominator.points.size())
    throw_invalid(fmt::format("{}: ladders of {} and {} levels; the log ratio needs one common ladder", name,
                              numerator.points.size(), denominator.points.size()));
  LogRatioSlope out;
  std::vector<std::vector<double>> rows;
  std::vector<double> y, sigma;
  for (std::size_t i = 0; i < numerator.points.size(); ++i) {
    const LadderPoint& a = numerator.points[i];
    const LadderPoint& b = denominator.points[i];
    if (std::abs(a.eps - b.eps) > 1e-12 * b.eps)
      throw_invalid(fmt::format("{}: level {} has ε = {} and {}; the log ratio needs one common ladder", name, i,
                                a.eps, b.eps));
    const double inverse = 1.0 / b.eps;
    const double ratio = std::log(a.mean.mean) - std::log(b.mean.mean);
    const double se = std::hypot(stats::log_mean_std_error(a.mean), stats::log_mean_std_error(b.mean));
    out.points.push_back({inverse, ratio, se});
    rows.push_back({inverse, 1.0});
    y.push_back(ratio);
    sigma.push_back(se);
  }
  out.fit = stats::weighted_least_squares(rows, y, sigma);
  out.slope = stats::fitted_coefficient(
      name, out.fit, 0, systematic,
      fmt::format("slope of Δ = log E[τ]({}) − log E[τ]({}) on (1/ε, 1) over {} levels, independent streams; {}",
                  numerator.label, denominator.label, out.points.size(), method));
  return out;
}

}  // namespace ldv::measure
