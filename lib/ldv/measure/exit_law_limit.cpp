#include "ldv/measure/exit_law_limit.hpp"

#include <cmath>
#include <fmt/format.h>
#include <numbers>

#include "ldv/core/error.hpp"
#include "ldv/quasipotential/lyapunov.hpp"
#include "ldv/stats/interval_policy.hpp"

namespace ldv::measure {

double flux_exit_law_mean_sin2(const Model& model, double radius, double eps, const Vector& axis, int nodes) {
  if (model.dimension() != 2)
    throw_invalid(fmt::format("flux exit law: the model has dimension {}; this quadrature is for circles (2-D)",
                              model.dimension()));
  if (!(radius > 0.0) || !std::isfinite(radius))
    throw_invalid(fmt::format("flux exit law: radius = {} must be positive and finite", radius));
  if (!(eps >= 0.0) || !std::isfinite(eps)) throw_invalid(fmt::format("flux exit law: ε = {} must be >= 0", eps));
  if (nodes < 8) throw_invalid(fmt::format("flux exit law: nodes = {} must be at least 8", nodes));
  if (axis.size() != 2 || std::abs(axis.norm() - 1.0) > 1e-12)
    throw_invalid("flux exit law: the axis must be a 2-D unit vector");
  const quasipotential::LyapunovQuasiPotential v = quasipotential::exact_quasipotential(model);
  std::vector<double> value(static_cast<std::size_t>(nodes)), flux(value.size()), sin2(value.size());
  double low = INFINITY, high = -INFINITY;
  for (int k = 0; k < nodes; ++k) {
    const double angle = 2.0 * std::numbers::pi * k / nodes;
    const Vector n{{std::cos(angle), std::sin(angle)}};
    const Vector x = radius * n;
    const std::size_t i = static_cast<std::size_t>(k);
    value[i] = v.value(x);
    flux[i] = std::max(0.0, -model.drift(x).dot(n));  // inward drift carries the exits: |b·n|
    const double c = axis.dot(n);
    sin2[i] = 1.0 - c * c;
    low = std::min(low, value[i]);
    high = std::max(high, value[i]);
  }
  const bool constant = high - low <= 1e-9 * std::max(1.0, std::abs(high));
  double weight_sum = 0.0, sum = 0.0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    double w;
    if (eps > 0.0) w = flux[i] * std::exp(-(value[i] - low) / eps);
    else if (constant) w = flux[i];
    else w = value[i] - low <= 1e-9 * std::max(1.0, std::abs(low)) ? 1.0 : 0.0;  // the minimisers only
    weight_sum += w;
    sum += w * sin2[i];
  }
  if (!(weight_sum > 0.0)) throw NumericalFailure("flux exit law: no weight on the circle (no inward drift)");
  return sum / weight_sum;
}

ExitAngleLimit exit_angle_limit(const BarrierMeasurement& measurement, const Vector& center, const Vector& axis,
                                const std::string& name) {
  ExitAngleLimit out;
  out.levels = exit_angle_levels(measurement, center, axis);
  if (out.levels.size() < 3) throw_invalid(fmt::format("{}: at least 3 levels are needed", name));
  std::vector<std::vector<double>> rows;
  std::vector<double> y, se;
  for (const ExitAngleLevel& l : out.levels) {
    if (!(l.std_error > 0.0)) throw_invalid(fmt::format("{}: the level at ε = {} has no spread", name, l.eps));
    rows.push_back({1.0, l.eps});
    y.push_back(l.mean_sin2);
    se.push_back(l.std_error);
  }
  out.fit = stats::weighted_least_squares(rows, y, se);
  out.limit = stats::fitted_coefficient(
      name, out.fit, 0, 0.0,
      fmt::format("intercept m₀ of E[sin²θ_exit] = m₀ + m₁ε fitted over {} levels (ε ∈ [{:.3g}, {:.3g}]), σ of each "
                  "mean from the sample standard error of its {} exit points",
                  out.levels.size(), out.levels.back().eps, out.levels.front().eps,
                  measurement.points.front().exit_points.size() / static_cast<std::size_t>(center.size())));
  return out;
}

}  // namespace ldv::measure
