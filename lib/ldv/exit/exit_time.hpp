#pragma once
// Monte Carlo mean exit time from a ball. Reads like QuantLib's
// MonteCarloModel::addSamples: for each path, open its random stream, step the
// model until the exit functional fires, add the outcome to an accumulator.
// Paths run in parallel (oneTBB) in fixed blocks whose summaries are merged in
// block order, so the result is bitwise the same for any thread count.
#include <cstdint>
#include <string>
#include <vector>

#include "ldv/exit/estimator.hpp"
#include "ldv/models/model.hpp"
#include "ldv/sim/ball.hpp"
#include "ldv/sim/exponential_euler.hpp"
#include "ldv/stats/censored_sample.hpp"
#include "ldv/stats/mean_estimate.hpp"

namespace ldv {

struct ExitTimeProblem {
  Model model;
  Ball domain;
  Vector start;     // must lie strictly inside the domain
  double eps;       // noise level ε > 0
  double step;      // Euler–Maruyama step h > 0
  double max_time;  // paths still inside at the last grid time ≤ max_time are right-censored there
  ExitEstimator estimator = ExitEstimator::gobet_menozzi;
  // euler: Euler–Maruyama (the SGD chain when h = η, ε = η/B); exponential_euler: the
  // exponential step about the ball's centre (sim/exponential_euler.hpp; constant D only),
  // exact for linear drifts, for the continuous-time E[τ] with a far smaller step bias.
  StepScheme scheme = StepScheme::euler;
};

struct MonteCarloSettings {
  std::uint64_t paths = 1000;
  std::uint64_t seed = 1;
  int threads = 0;            // 0: all cores
  double confidence = 0.95;
  bool keep_paths = false;    // also return each path's exit time and exit point
};

struct ExitTimeResult {
  stats::MeanEstimate estimate;  // E[τ] with its confidence interval
  stats::CensoredSample sample;  // the merged per-path summary
  double horizon;                // the censoring time actually used (a whole number of steps)
  std::uint64_t steps_simulated;
  int threads;                   // threads used (results do not depend on it)
  double elapsed_seconds;
  // Filled only when keep_paths: per path, in path order.
  std::vector<double> exit_times;       // censored paths hold the horizon
  std::vector<char> censored;           // 1 when censored
  std::vector<double> exit_points;      // row-major paths × d: the position at the exit step
  // Valid input that is close to giving a wrong answer (see validate); empty when none.
  std::vector<std::string> warnings;
};

// Checks the problem and settings; throws InvalidInput naming the bad value, also for
// a step that would give a silently wrong answer:
//  * h·ρ(∇b) ≥ 2 (explicit Euler does not relax; sim/step_stability.hpp), ρ the
//    spectral radius of the drift Jacobian — constant for linear drifts, the larger
//    of its values at the start point and the ball's centre for the other built-in
//    kinds, never refused for custom models (finite differences; warned about);
//  * exponential_euler only: a state-dependent diffusion, a dimension above 16, a drift
//    Jacobian at the ball's centre that is not finite;
//  * gobet-menozzi only: a shift c₀|σ(x₀)ᵀn|√(εh) at the start point x₀ at least its
//    distance to the boundary (every path would exit at step 0).
// Returns warnings for a step that is valid but not small: h·ρ(∇b) > 0.2, or
// (gobet-menozzi) a shift above 10% of the start point's distance to the boundary.
std::vector<std::string> validate(const ExitTimeProblem& problem, const MonteCarloSettings& settings);

ExitTimeResult estimate_exit_time(const ExitTimeProblem& problem, const MonteCarloSettings& settings);

}  // namespace ldv
