#include "ldv/measure/exit_points_within_horizon.hpp"

#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/exit/exit_time.hpp"
#include "ldv/measure/detail/horizon_runs.hpp"

namespace ldv::measure {

ExitPointsWithinHorizon exit_points_within_horizon(const ExitWithinHorizonRuns& runs,
                                                   const ExitWithinHorizon& counted) {
  // The runs measure_exit_within_horizon counted, with their exit points.
  const ExitTimeResult result = detail::run_within_horizon(runs);

  ExitPointsWithinHorizon out;
  const auto d = static_cast<std::size_t>(runs.model.dimension());
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
