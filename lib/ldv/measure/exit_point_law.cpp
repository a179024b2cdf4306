#include "ldv/measure/exit_point_law.hpp"

#include <cmath>
#include <cstdint>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/measure/exit_angle.hpp"
#include "ldv/stats/binomial_interval.hpp"
#include "ldv/stats/interval_policy.hpp"

namespace ldv::measure {

Estimate exit_side_fraction(const BarrierMeasurement& measurement, const Vector& center, const Vector& axis,
                            const std::string& name) {
  const Eigen::Index d = center.size();
  if (axis.size() != d || std::abs(axis.norm() - 1.0) > 1e-12)
    throw_invalid(fmt::format("{}: the axis must be a unit vector of dimension {}", name, d));
  std::uint64_t positive = 0, total = 0;
  std::size_t direct_levels = 0;
  for (const LadderPoint& point : measurement.points) {
    if (point.method != LevelMethod::direct) continue;  // splitting and PDE levels keep no exit points
    ++direct_levels;
    if (point.exit_points.empty())
      throw_invalid(fmt::format("{}: the ladder of {} kept no exit points (set keep_exit_points)", name,
                                measurement.label));
    const std::size_t paths = point.exit_points.size() / static_cast<std::size_t>(d);
    for (std::size_t p = 0; p < paths; ++p) {
      const Vector v = Eigen::Map<const Vector>(point.exit_points.data() + p * d, d) - center;
      positive += axis.dot(v) > 0.0 ? 1 : 0;
      ++total;
    }
  }
  if (total == 0)
    throw_invalid(fmt::format("{}: the ladder of {} has no direct level with exit points", name, measurement.label));
  return stats::binomial_proportion(name, positive, total,
                                    fmt::format("exits on the side (x − c)·axis > 0, pooled over the {} direct levels",
                                                direct_levels));
}

Estimate exit_mean_sin2(const BarrierMeasurement& measurement, const Vector& center, const Vector& axis,
                        std::size_t level, const std::string& name) {
  if (level >= measurement.points.size())
    throw_invalid(fmt::format("{}: level {} does not exist (the ladder has {})", name, level, measurement.points.size()));
  const std::vector<ExitAngleLevel> levels = exit_angle_levels(measurement, center, axis);
  const ExitAngleLevel& l = levels[level];
  return stats::normal_estimate(name, l.mean_sin2, l.std_error, 0.0,
                                fmt::format("mean of sin²θ over the exits at ε = {:.4g}, θ the angle from the axis; "
                                            "sample standard error × normal quantile",
                                            l.eps));
}

}  // namespace ldv::measure
