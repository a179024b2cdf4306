// validate(ExitTimeProblem, MonteCarloSettings): the one place an exit-time run's
// input is checked (exit_time.hpp).
#include <cmath>
#include <cstdint>
#include <fmt/format.h>
#include <limits>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/exit/exit_time.hpp"

namespace ldv {
namespace {

// Far beyond any feasible run, and well inside the 64-bit step counter.
constexpr double kMaxStepsPerPath = 1e15;

}  // namespace

void validate(const ExitTimeProblem& p, const MonteCarloSettings& s) {
  require_positive("eps", p.eps);
  require_positive("step", p.step);
  require_positive("max time", p.max_time);
  const int d = p.model.dimension();
  if (p.domain.dimension() != d)
    throw_invalid(fmt::format("the ball's centre has {} coordinates but the model has dimension {}",
                              p.domain.dimension(), d));
  require_point("start point", p.start, d);
  if (!p.domain.contains(p.start))
    throw_invalid(fmt::format("the start point lies at distance {:.6g} from the centre, not inside the ball of radius {}",
                              std::sqrt(p.domain.squared_distance_from_center(p.start.data())), p.domain.radius()));
  if (p.max_time < p.step)
    throw_invalid(fmt::format("max time = {} is shorter than one step h = {}", p.max_time, p.step));
  if (p.max_time / p.step > kMaxStepsPerPath)
    throw_invalid(fmt::format("max time / step = {:.3g} steps per path exceeds the limit of {:.0e}", p.max_time / p.step,
                              kMaxStepsPerPath));
  if (s.paths < 2)
    throw_invalid(fmt::format("paths = {} is too few: a confidence interval needs at least 2 paths", s.paths));
  if (s.paths > std::numeric_limits<std::uint32_t>::max())
    throw_invalid(fmt::format("paths = {} exceeds the 2^32 − 1 paths one seed can key", s.paths));
  if (s.threads < 0) throw_invalid(fmt::format("threads = {} must be >= 0 (0 means all cores)", s.threads));
  require_open_interval("confidence", s.confidence, 0.0, 1.0);
}

}  // namespace ldv
