#include "ldv/measure/first_exit.hpp"

#include <fmt/format.h>

#include "ldv/core/error.hpp"

namespace ldv::measure {

std::uint64_t recorded_points(const Trajectory& path, const Ball& ball, const char* what) {
  if (path.dimension != ball.dimension())
    throw_invalid(fmt::format("{}: the trajectory has dimension {} but the ball's centre has {} coordinates", what,
                              path.dimension, ball.dimension()));
  const std::uint64_t n = path.dimension > 0 ? path.points.size() / static_cast<std::uint64_t>(path.dimension) : 0;
  if (n == 0) throw_invalid(fmt::format("{}: the trajectory holds no points, expected at least 1", what));
  return n;
}

std::optional<std::uint64_t> first_exit_index(const Trajectory& path, const Ball& ball) {
  const std::uint64_t n = recorded_points(path, ball, "first exit");
  const auto d = static_cast<std::uint64_t>(path.dimension);
  const double r2 = ball.radius() * ball.radius();
  // The negation of Ball::contains, on the same arithmetic, so the exit is the exit-time kernel's.
  for (std::uint64_t i = 0; i < n; ++i)
    if (ball.squared_distance_from_center(path.points.data() + i * d) >= r2) return i;
  return std::nullopt;
}

}  // namespace ldv::measure
