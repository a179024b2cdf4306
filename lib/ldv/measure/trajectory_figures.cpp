#include "ldv/measure/trajectory_figures.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <numbers>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"

namespace ldv::measure {
namespace {

// |x_i − c| as std::hypot folded over the coordinates: no overflow or underflow of the
// squares (a diverging run stays drawable), and for d = 2 exactly std::hypot(x₁ − c₁, x₂ − c₂).
double radius_at(const Trajectory& path, const Ball& ball, std::uint64_t i) {
  const double* x = path.points.data() + i * static_cast<std::uint64_t>(path.dimension);
  double r = std::abs(x[0] - ball.center()(0));
  for (int j = 1; j < path.dimension; ++j) r = std::hypot(r, x[j] - ball.center()(j));
  return r;
}

std::string exit_label(std::uint64_t i) { return fmt::format("first exit (iteration {})", i); }

std::string centre_text(const Ball& ball) {
  return fmt::format("({})", fmt::join(ball.center().data(), ball.center().data() + ball.dimension(), ", "));
}

}  // namespace

verify::Figure radial_figure(const Trajectory& path, const Ball& ball, std::uint64_t window,
                             const TrajectoryFigureLabels& labels) {
  const std::uint64_t n = recorded_points(path, ball, "radial figure");
  require_positive_count("radial figure window", window);
  const bool at_origin = (ball.center().array() == 0.0).all();
  const std::string y_label =
      at_origin ? "R(t) = |x(t)|" : fmt::format("R(t) = |x(t) − c|, c = {}", centre_text(ball));
  verify::Figure f{labels.name, labels.title, "iteration", y_label, false, false, {}};
  verify::Series radial{labels.path, verify::SeriesStyle::lines, {}, {}, {}, {}};
  const auto add = [&](std::uint64_t i) {
    radial.x.push_back(static_cast<double>(i));
    radial.y.push_back(radius_at(path, ball, i));
  };
  for (std::uint64_t first = 0; first < n; first += window) {
    const std::uint64_t last = std::min(first + window, n);  // the window [first, last)
    std::uint64_t low = first, high = first;
    double r_low = radius_at(path, ball, first), r_high = r_low;
    for (std::uint64_t i = first + 1; i < last; ++i) {  // strict: a tie keeps its first occurrence
      const double r = radius_at(path, ball, i);
      if (r < r_low) low = i, r_low = r;
      if (r > r_high) high = i, r_high = r;
    }
    add(std::min(low, high));
    if (low != high) add(std::max(low, high));
  }
  f.series.push_back(std::move(radial));
  f.series.push_back({labels.boundary, verify::SeriesStyle::lines, {0.0, static_cast<double>(n - 1)},
                      {ball.radius(), ball.radius()}, {}, {}});
  if (const auto exit = first_exit_index(path, ball))
    f.series.push_back({exit_label(*exit), verify::SeriesStyle::points, {static_cast<double>(*exit)},
                        {radius_at(path, ball, *exit)}, {}, {}});
  return f;
}

verify::Figure positions_figure(const Trajectory& path, const Ball& ball, std::uint64_t every,
                                const TrajectoryFigureLabels& labels) {
  if (path.dimension != 2)
    throw_invalid(fmt::format("positions figure: the trajectory has dimension {}, expected 2 (a plane figure)",
                              path.dimension));
  const std::uint64_t n = recorded_points(path, ball, "positions figure");
  require_positive_count("positions figure stride", every);
  verify::Figure f{labels.name, labels.title, "x₁", "x₂", false, false, {}};
  verify::Series points{labels.path, verify::SeriesStyle::points, {}, {}, {}, {}};
  for (std::uint64_t i = 0; i < n; i += every) {
    points.x.push_back(path.points[2 * i]);
    points.y.push_back(path.points[2 * i + 1]);
  }
  f.series.push_back(std::move(points));
  verify::Series circle{labels.boundary, verify::SeriesStyle::lines, {}, {}, {}, {}};
  const double c1 = ball.center()(0), c2 = ball.center()(1), r = ball.radius();
  for (int k = 0; k <= 360; ++k) {  // one point a degree, the first repeated last to close the curve
    const double t = 2.0 * std::numbers::pi * k / 360.0;
    circle.x.push_back(c1 + r * std::cos(t));
    circle.y.push_back(c2 + r * std::sin(t));
  }
  f.series.push_back(std::move(circle));
  if (const auto exit = first_exit_index(path, ball))
    f.series.push_back({exit_label(*exit), verify::SeriesStyle::points, {path.points[2 * *exit]},
                        {path.points[2 * *exit + 1]}, {}, {}});
  return f;
}

}  // namespace ldv::measure
