#pragma once
// The law of the exit time, not only its mean: as ε → 0, τ/E[τ] → Exp(1) (Freidlin &
// Wentzell Ch. 4 §4; Day 1983) — the memorylessness behind the escape paper's cycle
// argument (Appendix B, Lemma 6) and behind reading E[τ] as an exponential rate. Measured by
// the Kolmogorov–Smirnov distance of the per-path exit times, scaled by their own mean,
// from Exp(1) (stats/goodness_of_fit.hpp: an interval valid at every n and any level).
// At finite ε the law is not exactly exponential: no exit happens while the process first
// relaxes to the minimum, which shifts the law by about a relaxation time over E[τ].
#include <string>
#include <vector>

#include "ldv/core/estimate.hpp"
#include "ldv/exit/exit_time.hpp"
#include "ldv/stats/goodness_of_fit.hpp"
#include "ldv/verify/evidence.hpp"

namespace ldv::measure {

struct ExitTimeLaw {
  std::string label;
  double eps = 0.0;
  std::vector<double> times;   // τ_i in path order
  std::vector<double> scaled;  // τ_i / mean, ascending
  stats::ExponentialKolmogorovSmirnov test;
  Estimate distance;           // δ = sup_x |P(τ/E[τ] ≤ x) − (1 − e^{−x})|
  double elapsed_s = 0.0;
};

// Runs `problem` with per-path exit times kept (settings.keep_paths is forced on).
// NumericalFailure when a path is censored (raise problem.max_time): a censored time is not
// an exit time. The estimate is named "KS distance of τ/E[τ] from Exp(1), <label>".
ExitTimeLaw measure_exit_time_law(const ExitTimeProblem& problem, MonteCarloSettings settings,
                                  const std::string& label);

// A law that is not exponential, for a test's power: the sums τ_{2i} + τ_{2i+1} of the exit
// times of independent paths (for an exponential τ, Gamma(2): KS distance 0.14 from Exp(1) once
// scaled by its mean). Named "KS distance from Exp(1) of sums of two exit times, <label>".
ExitTimeLaw pair_sum_law(const ExitTimeLaw& law);

// Empirical CDFs of τ/mean against 1 − e^{−x}, one series per law (at most 400 points each).
verify::Figure exit_time_law_figure(const std::vector<ExitTimeLaw>& laws);

}  // namespace ldv::measure
