#pragma once
// The per-cycle exit probability of the implicit-regularizer paper's Theorem 3.5, eq. (28)–(29):
// with γ = ∂B(O, μ/2) and Γ = ∂B(O, μ) inside U, a cycle starts on Γ and ends on γ ∪ ∂U; the
// probability that it ends on ∂U, P(y, ∂U), satisfies ε ln P → −(exponent) as ε → 0 at fixed μ.
// From a start y on Γ the exponent is inf over paths from y to ∂U that avoid γ of the action; when y is
// where the minimum-action path from O to the exit point x* last crosses Γ it is V₀ − V(y) (the tail of
// a minimum-action path is one, and V(x) ≤ V(y) + φ(x; y) everywhere), which tends to V₀ as μ → 0:
// eq. (29) as an iterated limit, ε → 0 first.
//
// Simulation: Euler–Maruyama X_{k+1} = X_k + b h + √(εh) σ ξ (sim/euler_maruyama.hpp) from y, in the
// annulus μ/2 < |x − c| < R, each boundary pushed into the annulus by Gobet & Menozzi's shift
// c₀ |σᵀn| √(εh) (exit/estimator.hpp: the grid misses crossings between steps; the shift makes the bias
// o(√h)), n the normal of the sphere through X_k. Path p of seed s draws Philox stream (s, p)
// (random/philox_stream.hpp); paths run in fixed blocks on `threads` threads and only integer counts are
// merged, so the counts are the same for any thread count.
//
// The exponent: log P over a ladder of ε fitted as log P = −s/ε + a log ε + b (the law of
// measure/exit_time_ladder.hpp for E[τ], whose inverse P is in the Markov-chain picture), σ of each
// log P̂ by the delta method, √((1 − P̂)/(n P̂)); the estimate of s adds the fit model's own error at
// finite ε, calibrated like the exit-time ladder's: the same fit on the exact per-cycle probabilities of
// the 1-D Ornstein–Uhlenbeck process (its scale function) at the same values of s/ε.
#include <cstdint>
#include <string>
#include <vector>

#include "ldv/core/estimate.hpp"
#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"
#include "ldv/stats/regression.hpp"

namespace ldv::measure {

struct CycleExitRuns {
  Model model;
  Vector center;             // the attractor O
  double outer_radius;       // R: ∂U is the sphere |x − c| = R
  double inner_radius;       // μ/2: γ
  Vector start;              // y, with μ/2 < |y − c| < R (on Γ: |y − c| = μ)
  double eps;                // ε > 0
  double step;               // h > 0
  std::uint64_t paths;       // n >= 1
  std::uint64_t max_steps = 100'000'000;  // a path still in the annulus then is counted as censored
  std::uint64_t seed = 1;
  int threads = 0;           // 0: hardware concurrency (the counts do not depend on it)
};

struct CycleExitCount {
  std::uint64_t outer = 0, inner = 0, censored = 0, steps = 0;
};

// InvalidInput naming the bad value (radii, start outside the annulus, ε, h, n).
CycleExitCount count_cycle_exits(const CycleExitRuns& runs);

struct CycleExitLadder {
  CycleExitRuns runs;        // eps and seed are set per level from the two fields below
  std::vector<double> eps;   // at least 3 levels
  double expected_exponent;  // > 0: places the calibration's ladder of s/ε (pass the first-principles value)
};

struct CycleExitLevel {
  double eps = 0.0;
  CycleExitCount count;
  double probability = 0.0, log_std_error = 0.0;
};

struct CycleExitExponent {
  std::vector<CycleExitLevel> levels;
  stats::WeightedFit fit;             // on (1/ε, log ε, 1); coefficient 0 is −s
  double fit_model_relative_error = 0.0;
  Estimate exponent;                  // s
};

// Level i draws seed runs.seed·1009 + i. InvalidInput when a level sees no exit through ∂U (no logarithm:
// the message says so and names ε) or fewer than 3 levels; NumericalFailure when a path is censored.
CycleExitExponent measure_cycle_exit_exponent(const CycleExitLadder& ladder, const std::string& name);

// Largest relative error of the 3-parameter fit's slope on the exact per-cycle probability of the 1-D
// process dX = −X dt + √ε dW (V = x², exponent R² − ρ²) between μ/2 and R from ρ = μ, at the given values
// of exponent/ε. R = 1, μ = ρ: ratios only matter.
double cycle_fit_relative_error(const std::vector<double>& exponent_over_eps, double start_over_outer);

}  // namespace ldv::measure
