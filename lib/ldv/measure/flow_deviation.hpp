#pragma once
// How far the noisy process strays from the noise-free flow over a finite horizon:
//   m(t) = E|x(t) − x_GD(t)|² / ε,  x the SDE dx = b dt + √ε σ dW, x_GD the flow dx/dt = b, both from x₀
// (implicit-regularizer paper, Lemma 3.1 and Appendix C: max_{t ≤ T} E|x − x_GD|² ≤ Cε). m(t) is the
// constant such a bound needs at time t.
//
// Simulation: Euler–Maruyama for x and Euler for x_GD with the same step h (DESIGN.md: discrete SGD is
// Euler–Maruyama with h = η), n paths, path p drawing Philox stream (s, p) (random/philox_stream.hpp).
// Error bar at each recorded time (the one interval policy, stats/interval_policy.hpp):
//  * statistical: the sample standard error of the mean of |x − x_GD|²/ε over the paths;
//  * systematic: Euler's weak error, O(h). Each path is also run at step 2h on the same Brownian path
//    (each coarse increment the sum of two fine ones), so the two means differ by the O(h) term alone
//    (the noise is common and cancels); for a first-order error the fine value is off by about that
//    difference, which is the systematic half-width.
// Paths run in fixed blocks on `threads` threads; block summaries (Welford) are merged in block order,
// so every number is the same for any thread count.
#include <cstdint>
#include <string>
#include <vector>

#include "ldv/core/estimate.hpp"
#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"
#include "ldv/verify/evidence.hpp"

namespace ldv::measure {

struct FlowDeviationRuns {
  Model model;
  Vector start;                  // x₀
  double eps;                    // ε > 0
  double horizon;                // T > 0
  double step;                   // h > 0; T/(2h) must be a whole number (checked to 1e-9)
  std::uint64_t record_every;    // record m(t) every `record_every` coarse steps (>= 1)
  std::uint64_t paths;           // n >= 2
  std::uint64_t seed = 1;
  int threads = 0;               // 0: hardware concurrency
};

struct FlowDeviation {
  std::vector<double> times;       // t of each record (0 excluded, T included)
  std::vector<double> mean;        // m(t) at step h
  std::vector<double> std_error;   // its sample standard error
  std::vector<double> coarse_mean; // m(t) at step 2h on the same Brownian paths
  std::vector<double> difference_std_error;  // standard error of mean − coarse_mean (paired over the paths)
  // max over recorded t ≤ T of m(t) (taken at the recorded time where the fine mean is largest; for the
  // increasing curves of a bound's worst case the selection among noisy means costs nothing).
  Estimate max_constant(double horizon, const std::string& name) const;
};

// InvalidInput naming the bad value (ε, T, h, the grid, n, the start's dimension); NumericalFailure when a
// path leaves the finite numbers.
FlowDeviation measure_flow_deviation(const FlowDeviationRuns& runs);

// m(t) against t with intervals at `level` (statistical × normal quantile + the step-halving difference, as
// max_constant draws them; pass the Decision's measurement_level()), and each curve given as (label, value
// at each recorded time) drawn as a line. Log scale in m.
struct TimeCurve {
  std::string label;
  std::vector<double> values;  // one per recorded time
};
verify::Figure flow_deviation_figure(const std::string& name, const std::string& title, const FlowDeviation& measured,
                                     double level, const std::vector<TimeCurve>& curves);

}  // namespace ldv::measure
