#pragma once
// The law of the exit point on the sphere, from the exit points an exit-time ladder kept
// (ExitTimeLadder::keep_exit_points): what the implicit-regularizer paper's Remark 3.6 (eq. 31)
// is about when the minimiser set of φ on ∂U is the pair ±x* (every linear model: V is even).
//  * the side: the fraction of exits with (x − c)·axis > 0, pooled over the ladder's levels, with its
//    exact binomial interval (stats/binomial_interval.hpp) — ½ when both minimisers share the exits;
//  * the spread at one level: E[sin²θ] (θ the angle from the axis) with the normal interval of its
//    sample mean (stats/interval_policy.hpp) — ½ for the uniform law on a circle, → 0 when the law
//    concentrates on ±axis (measure/exit_angle.hpp gives its exponent in ε).
#include <cstddef>
#include <string>

#include "ldv/core/estimate.hpp"
#include "ldv/core/linalg.hpp"
#include "ldv/measure/exit_time_ladder.hpp"

namespace ldv::measure {

// InvalidInput when no exit points were kept or the axis is not a unit vector of the right dimension.
Estimate exit_side_fraction(const BarrierMeasurement& measurement, const Vector& center, const Vector& axis,
                            const std::string& name);

// E[sin²θ] at ladder level `level` (InvalidInput when out of range), under the interval policy with no
// systematic part (the sample standard error of the mean of sin²θ over the level's exits).
Estimate exit_mean_sin2(const BarrierMeasurement& measurement, const Vector& center, const Vector& axis,
                        std::size_t level, const std::string& name);

}  // namespace ldv::measure
