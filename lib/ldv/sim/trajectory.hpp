#pragma once
// One Euler–Maruyama (= discrete SGD with ε = η/B, h = η) trajectory, recorded on
// a sub-grid: what figures of sample paths (e.g. the regularizer paper's
// Figures 1–2) and path-level checks need. Path p of seed s draws the same
// increments as path p of an exit-time run with seed s.
#include <cstdint>
#include <string>
#include <vector>

#include "ldv/models/model.hpp"

namespace ldv {

struct TrajectorySettings {
  double eps;                 // noise level ε >= 0 (0 gives the deterministic Euler scheme)
  double step;                // h > 0
  std::uint64_t steps;        // number of Euler–Maruyama steps
  std::uint64_t record_every = 1;  // keep X_k for k a multiple of this (X_0 always)
  std::uint64_t seed = 1;
  std::uint32_t path = 0;
};

struct Trajectory {
  std::vector<double> times;   // k h of each recorded point
  std::vector<double> points;  // row-major: times.size() × d
  int dimension;
  std::vector<std::string> warnings;  // a valid but not small step (sim/step_stability.hpp)
};

// Throws InvalidInput for bad settings, also for a step with h·ρ(∇b) ≥ 2 at the start
// point (sim/step_stability.hpp: explicit Euler would not relax as the process does).
Trajectory simulate_trajectory(const Model& model, const Vector& start, const TrajectorySettings& settings);

}  // namespace ldv
