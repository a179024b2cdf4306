#include "ldv/measure/exit_angle_law.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <numbers>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/stats/binomial_interval.hpp"

namespace ldv::measure {

ExitAngleLaw exit_angle_law(const std::vector<double>& exit_points, const Vector& center, const Vector& axis,
                            int bins, double near_axis_degrees, std::string name) {
  const Eigen::Index d = center.size();
  if (d < 2) throw_invalid(fmt::format("exit angle law: the centre has dimension {}, expected at least 2", d));
  require_point("exit angle law: centre", center, static_cast<int>(d));
  if (axis.size() != d || !axis.allFinite() || std::abs(axis.norm() - 1.0) > 1e-12)
    throw_invalid(fmt::format("exit angle law: the axis must be a finite unit vector of dimension {}", d));
  if (bins < 1) throw_invalid(fmt::format("exit angle law: bins = {}, expected at least 1", bins));
  require_open_interval("exit angle law: near-axis angle (degrees)", near_axis_degrees, 0.0, 90.0);
  if (exit_points.size() % static_cast<std::size_t>(d) != 0)
    throw_invalid(fmt::format("exit angle law: {} coordinates are not a whole number of points of dimension {}",
                              exit_points.size(), d));

  ExitAngleLaw law;
  law.near_axis_degrees = near_axis_degrees;
  law.counts.assign(static_cast<std::size_t>(bins), 0);
  const std::size_t n = exit_points.size() / static_cast<std::size_t>(d);
  for (std::size_t p = 0; p < n; ++p) {
    const Vector v = Eigen::Map<const Vector>(exit_points.data() + p * d, d) - center;
    if (!v.allFinite() || v.squaredNorm() == 0.0)
      throw_invalid(fmt::format("exit angle law: exit point {} has no direction from the centre", p));
    const double along = std::abs(axis.dot(v));
    // atan2 of the perpendicular and the parallel parts: accurate near 0° and 90° alike.
    const double psi = std::atan2((v - axis.dot(v) * axis).norm(), along) * 180.0 / std::numbers::pi;
    law.angles.push_back(psi);
    const auto bin = std::min<std::size_t>(static_cast<std::size_t>(psi / 90.0 * bins), law.counts.size() - 1);
    ++law.counts[bin];
    if (psi <= near_axis_degrees) ++law.near_axis;
  }
  if (n > 0)
    law.near_axis_fraction = stats::binomial_proportion(
        std::move(name), law.near_axis, n,
        fmt::format("exits whose direction from the centre lies within {}° of the axis line", near_axis_degrees));
  return law;
}

verify::Figure exit_angle_law_figure(const std::string& name, const std::string& title,
                                     const std::vector<std::string>& labels, const std::vector<ExitAngleLaw>& laws,
                                     double level) {
  if (labels.size() != laws.size())
    throw_invalid(fmt::format("exit angle law figure: {} labels for {} laws", labels.size(), laws.size()));
  verify::Figure f{name, title, "angle ψ of the exit point from the axis line (degrees)", "fraction of exits per bin",
                   false, false, {}};
  std::size_t bins = 0;
  for (std::size_t i = 0; i < laws.size(); ++i) {
    const ExitAngleLaw& law = laws[i];
    bins = std::max(bins, law.counts.size());
    if (law.exits() == 0) continue;
    const double width = 90.0 / static_cast<double>(law.counts.size());
    verify::Series s{fmt::format("{} ({} exits; intervals at {:.6g}%)", labels[i], law.exits(), 100.0 * level),
                     verify::SeriesStyle::errorbars, {}, {}, {}, {}};
    for (std::size_t b = 0; b < law.counts.size(); ++b) {
      const Interval ci = stats::clopper_pearson_interval(law.counts[b], law.exits(), level);
      s.x.push_back((static_cast<double>(b) + 0.5) * width);
      s.y.push_back(static_cast<double>(law.counts[b]) / static_cast<double>(law.exits()));
      s.y_low.push_back(ci.low);
      s.y_high.push_back(ci.high);
    }
    f.series.push_back(std::move(s));
  }
  if (bins > 0)
    f.series.push_back({"uniform exit direction in the plane: 1/bins", verify::SeriesStyle::lines, {0.0, 90.0},
                        {1.0 / static_cast<double>(bins), 1.0 / static_cast<double>(bins)}, {}, {}});
  return f;
}

}  // namespace ldv::measure
