#pragma once
// Where a recorded trajectory first leaves a ball B = {x : |x − c| < r} (sim/ball.hpp).
//
// Indices count the trajectory's recorded points: record every iterate
// (TrajectorySettings::record_every = 1) and they are the iterations, and the first exit is
// the chain's own — the one an exit-time run with the discrete estimator stops at.
#include <cstdint>
#include <optional>

#include "ldv/sim/ball.hpp"
#include "ldv/sim/trajectory.hpp"

namespace ldv::measure {

// The first index i with |x_i − c| ≥ r (B is open: a point on the sphere is outside, as in
// Ball::contains), or nullopt when every point lies inside. InvalidInput when the ball's
// dimension is not the trajectory's or the trajectory holds no points.
std::optional<std::uint64_t> first_exit_index(const Trajectory& path, const Ball& ball);

// The number of recorded points, after checking that there is at least one and that the
// ball's dimension is the trajectory's (InvalidInput naming `what` otherwise).
std::uint64_t recorded_points(const Trajectory& path, const Ball& ball, const char* what);

}  // namespace ldv::measure
