#include "ldv/measure/exit_points_within_horizon.hpp"

#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/exit/exit_time.hpp"

namespace ldv::measure {

ExitPointsWithinHorizon exit_points_within_horizon(const ExitWithinHorizonRuns& runs,
                                                   const ExitWithinHorizon& counted) {
  require_positive_count("iterations (the horizon K)", runs.iterations);
  // The problem measure_exit_within_horizon solves, with the exit points kept.
  const ExitTimeProblem problem{runs.model, runs.domain, runs.start,
                                runs.eps,   runs.step,   static_cast<double>(runs.iterations) * runs.step,
                                ExitEstimator::discrete};
  MonteCarloSettings settings;
  settings.paths = runs.runs;
  settings.seed = runs.seed;
  settings.threads = runs.threads;
  settings.keep_paths = true;
  const ExitTimeResult result = estimate_exit_time(problem, settings);

  ExitPointsWithinHorizon out;
  const auto d = static_cast<std::size_t>(problem.model.dimension());
  for (std::uint64_t p = 0; p < runs.runs; ++p) {
    if (result.censored[p]) continue;
    out.runs.push_back(p);
    out.points.insert(out.points.end(), result.exit_points.begin() + static_cast<std::ptrdiff_t>(p * d),
                      result.exit_points.begin() + static_cast<std::ptrdiff_t>((p + 1) * d));
  }
  const bool run0_exits = !result.censored.empty() && !result.censored[0];
  if (out.runs.size() != counted.exits || runs.runs != counted.runs || run0_exits != counted.path0_exit.has_value())
    throw NumericalFailure(fmt::format("replaying the {} runs of '{}' gave {} exits, the count {}: the replay drew "
                                       "other runs",
                                       runs.runs, counted.fraction.name, out.runs.size(), counted.exits));
  return out;
}

}  // namespace ldv::measure
