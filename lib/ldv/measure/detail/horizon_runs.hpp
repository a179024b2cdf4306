#pragma once
// The Monte Carlo runs behind measure_exit_within_horizon and exit_points_within_horizon: the
// same problem and streams, so the exit points replay exactly the runs that were counted.
#include "ldv/exit/exit_time.hpp"
#include "ldv/measure/exit_within_horizon.hpp"

namespace ldv::measure::detail {

// Discrete-monitoring exit runs censored at K h (a run exits within K iterations iff its discrete
// exit time is at most K h: the estimator censors at the last grid time <= max_time), paths kept.
// InvalidInput when K = 0.
ExitTimeResult run_within_horizon(const ExitWithinHorizonRuns& runs);

}  // namespace ldv::measure::detail
