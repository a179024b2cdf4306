#include "ldv/measure/exit_angle.hpp"

#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/stats/interval_policy.hpp"
#include "ldv/stats/running_moments.hpp"

namespace ldv::measure {

std::vector<ExitAngleLevel> exit_angle_levels(const BarrierMeasurement& measurement, const Vector& center,
                                              const Vector& axis) {
  const Eigen::Index d = center.size();
  if (axis.size() != d || std::abs(axis.norm() - 1.0) > 1e-12)
    throw_invalid(fmt::format("exit angle: the axis must be a unit vector of dimension {}", d));
  std::vector<ExitAngleLevel> levels;
  for (const LadderPoint& point : measurement.points) {
    // Splitting levels keep no exit points: their exits are weighted and correlated within a
    // replica, so an honest sin²θ would need the replicas' spread; PDE levels simulate nothing.
    // The direct levels carry them.
    if (point.method != LevelMethod::direct) continue;
    if (point.exit_points.empty())
      throw_invalid(fmt::format("exit angle of {}: the ladder kept no exit points (set keep_exit_points)",
                                measurement.label));
    stats::RunningMoments sin2;
    const std::size_t paths = point.exit_points.size() / static_cast<std::size_t>(d);
    for (std::size_t p = 0; p < paths; ++p) {
      const Vector v = Eigen::Map<const Vector>(point.exit_points.data() + p * d, d) - center;
      // |v − (a·v)a|²/|v|²: the squared sine, computed without cancellation from 1 − cos².
      sin2.add((v - axis.dot(v) * axis).squaredNorm() / v.squaredNorm());
    }
    levels.push_back({point.eps, sin2.mean(), sin2.std_error_of_mean()});
  }
  return levels;
}

ExitAngleConcentration exit_angle_concentration(const BarrierMeasurement& measurement, const Vector& center,
                                                const Vector& axis, const std::string& name) {
  ExitAngleConcentration out;
  out.levels = exit_angle_levels(measurement, center, axis);
  std::vector<double> eps, mean, se;
  for (const ExitAngleLevel& l : out.levels) {
    eps.push_back(l.eps);
    mean.push_back(l.mean_sin2);
    se.push_back(l.std_error);
  }
  out.fit = stats::fit_power_law(eps, mean, se);
  out.exponent = stats::fitted_coefficient(
      name, out.fit.fit, 0, 0.0,
      fmt::format("exponent of E[sin²θ_exit] ∝ ε^κ fitted on (log ε, 1) over {} levels, σ of each mean from the "
                  "sample standard error of its {} exit points",
                  out.levels.size(), measurement.points.front().exit_points.size() / center.size()));
  return out;
}

}  // namespace ldv::measure
