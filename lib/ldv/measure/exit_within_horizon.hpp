#pragma once
// How often a model's chain leaves a ball within a fixed number of iterations: the
// question a figure of iterates over a fixed horizon raises ("by iteration K this run has
// exited, that one has not"), asked of N runs instead of one.
//
// Each run is the Euler–Maruyama chain X_{k+1} = X_k + b(X_k) h + √(εh) σ(X_k) ξ_k (discrete
// SGD with h = η, DESIGN.md) from the start point, monitored on the grid only: it exits at
// the first k with |X_k − c| ≥ r (the open ball of sim/ball.hpp; the exit estimator
// `discrete`, exit/estimator.hpp), which is what a figure of iterates shows. Run p of seed s
// draws Philox stream (s, p), so every count is the same for any thread count
// (exit/exit_time.hpp), and run 0 steps the increments simulate_trajectory draws with path 0
// of s: a figure can show run 0 in full beside the count it belongs to (draw_run0).
#include <cstdint>
#include <optional>
#include <string>

#include "ldv/core/estimate.hpp"
#include "ldv/models/model.hpp"
#include "ldv/sim/ball.hpp"
#include "ldv/sim/trajectory.hpp"

namespace ldv::measure {

struct ExitWithinHorizonRuns {
  Model model;
  Ball domain;               // the open ball B
  Vector start;              // strictly inside B
  double eps;                // ε > 0
  double step;               // h > 0
  std::uint64_t iterations;  // the horizon K >= 1: exits at k <= K count
  std::uint64_t runs;        // N >= 2
  std::uint64_t seed = 1;
  int threads = 0;           // 0: all cores (the counts do not depend on it)
  bool draw_run0 = false;    // also record every iterate of run 0 (simulate_trajectory, path 0)
};

struct ExitWithinHorizon {
  Estimate fraction;  // exits / runs, with its Clopper–Pearson interval at any level (stats/binomial_interval.hpp)
  std::uint64_t exits = 0, runs = 0;
  std::optional<std::uint64_t> path0_exit;  // run 0's exit iteration, when it exits within K
  // When drawn: run 0's iterates X_0 … X_K, not stopped at the exit; its first exit
  // (measure/first_exit.hpp) is path0_exit, checked.
  std::optional<Trajectory> run0;
};

// `name` names the fraction (e.g. "fraction of runs exiting U within 140 000 iterations").
// InvalidInput naming the value when K = 0, N < 2, or the problem is invalid (exit/exit_time.hpp:
// validate); NumericalFailure when the horizon K h does not resolve back to K steps, or when the
// drawn run 0 and run 0 of the count exit at different iterations (a stream or a scheme diverged).
ExitWithinHorizon measure_exit_within_horizon(const ExitWithinHorizonRuns& runs, std::string name);

}  // namespace ldv::measure
