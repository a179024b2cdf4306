#pragma once
// Where exits happen: the concentration of the exit point on the minimiser set of the
// quasi-potential on the sphere (regularizer paper, Remark 3.6 / eq. 31). The statistic
// is sin²θ of the angle θ between the exit point (from the centre) and a given axis, its
// mean per noise level (Welford, stats/running_moments.hpp), and the exponent κ of the
// power law E[sin²θ] ∝ ε^κ: κ > 0 means the exits concentrate on the axis as ε → 0
// (Laplace's method gives κ = 1 at a non-degenerate minimiser), κ = 0 means they do not.
#include <string>
#include <vector>

#include "ldv/core/estimate.hpp"
#include "ldv/core/linalg.hpp"
#include "ldv/measure/exit_time_ladder.hpp"
#include "ldv/stats/regression.hpp"

namespace ldv::measure {

struct ExitAngleLevel {
  double eps = 0.0;
  double mean_sin2 = 0.0;  // E[sin²θ] over the exit points of the level
  double std_error = 0.0;  // its standard error
};

struct ExitAngleConcentration {
  std::vector<ExitAngleLevel> levels;
  stats::PowerLawFit fit;  // log E[sin²θ] on (log ε, 1)
  Estimate exponent;       // κ, under the interval policy (no systematic part)
};

// sin²θ per direct level from the exit points the ladder kept (ExitTimeLadder::keep_exit_points),
// θ measured from the unit `axis` through `center` (splitting levels are skipped). InvalidInput
// when exit points were not kept.
std::vector<ExitAngleLevel> exit_angle_levels(const BarrierMeasurement& measurement, const Vector& center,
                                              const Vector& axis);
ExitAngleConcentration exit_angle_concentration(const BarrierMeasurement& measurement, const Vector& center,
                                                const Vector& axis, const std::string& name);

}  // namespace ldv::measure
