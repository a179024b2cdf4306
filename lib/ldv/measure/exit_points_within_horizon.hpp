#pragma once
// Where the runs of measure_exit_within_horizon (measure/exit_within_horizon.hpp) leave the
// ball: the same runs — the same problem and the same Philox streams (seed, run) — replayed
// with their exit points kept, so a figure can show the exit law of exactly the runs its
// exit fraction counts. Replaying costs one more pass over the runs; the counts are then
// compared with the ones given, so a replay that drew other runs cannot go unnoticed.
#include <cstdint>
#include <vector>

#include "ldv/measure/exit_within_horizon.hpp"

namespace ldv::measure {

struct ExitPointsWithinHorizon {
  std::vector<double> points;     // row-major exits × d: the first iterate with |x − c| ≥ r, in run order
  std::vector<std::uint64_t> runs;  // the index of each exiting run
};

// `counted` must be measure_exit_within_horizon(runs, …): NumericalFailure when the replay's
// exits differ from its count or from its run 0; InvalidInput as measure_exit_within_horizon.
ExitPointsWithinHorizon exit_points_within_horizon(const ExitWithinHorizonRuns& runs,
                                                   const ExitWithinHorizon& counted);

}  // namespace ldv::measure
