#pragma once
// The prefactor of the mean exit time, apart from its exponent (DESIGN.md: log E[τ] =
// V₀/ε + a log ε + b; escape paper Theorem 5 writes E[τ] = exp(V₀/ε), i.e. a = b = 0).
//
// What a is expected to be (Laplace's method on the boundary flux, checked below on exact
// references): the exit rate is ≈ ∮_{∂D} |b·n| ρ_G dS with ρ_G ∝ ε^{−d/2} e^{−V/ε} the Gaussian
// quasi-stationary density. Where V has isolated non-degenerate minimisers on ∂D, the
// integral over the (d − 1)-dimensional boundary gives ε^{(d−1)/2}, so E[τ] ∝ ε^{1/2} e^{V₀/ε}:
// a = ½. Where V is constant on ∂D nothing concentrates: a = d/2. The exact Ornstein–Uhlenbeck
// mean exit times (reference/ou_exit_time.hpp) have both, E[τ] ≈ ½Γ(d/2) ε^{d/2} e^{1/ε} for
// the radial d-D ball (1-D: the interval), and fix the fits' own bias.
//
// Two fits of the same ladder, each with its fit-model error calibrated like the barrier's
// (measure/exit_time_ladder.hpp): the same fit applied to the exact OU values at the same
// V₀/ε, its miss of the asymptotic a (and b) taken as the systematic half-width.
//  * free: the ladder's own 3-parameter fit (V₀, a, b together). 1/ε and log ε are nearly
//    collinear over a short ladder, so a is poorly determined (at V₀/ε ∈ [3, 8] the fit on
//    exact OU values returns a = 0.27 for ½ and 0.54 for 1).
//  * given the exponent: log E[τ] − V₀/ε = a log ε + b with V₀ fixed at a value computed
//    independently (the Lyapunov / geometric-MAM V₀, whose slope the ladder confirms
//    separately): at V₀/ε ∈ [3, 8] the same fit on exact OU values misses a by ≈ 0.03 (1-D)
//    and 0.06 (2-D).
#include <string>
#include <vector>

#include "ldv/core/estimate.hpp"
#include "ldv/measure/exit_time_ladder.hpp"
#include "ldv/stats/regression.hpp"
#include "ldv/verify/evidence.hpp"

namespace ldv::measure {

// What the fits return on exact OU mean exit times (V₀ = 1) at the given V₀/ε, minus the
// asymptotic values (a = ½ for the 1-D interval and d/2 for the radial d-D ball; b = log(½Γ(d/2))).
struct PrefactorCalibration {
  double free_exponent_error = 0.0;   // max over 1-D and d-D of |a_free − a_asymptotic|
  double exponent_error = 0.0;        // the same for a with V₀ given
  double constant_error = 0.0;        // the same for b with V₀ given
  // What the fits return on the exact references (asymptotically ½ for 1-D, d/2 for the ball).
  double free_exponent_1d = 0.0, free_exponent_ball = 0.0;
  double exponent_1d = 0.0, exponent_ball = 0.0;
  std::string text() const;  // "on exact OU exit times at this ladder the fits return a = … (½) …"
};
PrefactorCalibration calibrate_prefactor_fits(const std::vector<double>& barrier_over_eps, int dimension);

struct PrefactorPoint {
  double eps = 0.0;
  double log_prefactor = 0.0;  // log E[τ] − V₀/ε
  double std_error = 0.0;      // of log E[τ]
};

struct PrefactorMeasurement {
  std::vector<PrefactorPoint> points;
  stats::WeightedFit fit;      // log E[τ] − V₀/ε on (log ε, 1)
  PrefactorCalibration calibration;
  Estimate free_exponent;      // a of the 3-parameter fit
  Estimate exponent;           // a with V₀ given
  Estimate constant;           // b with V₀ given
};

// Names: "prefactor exponent a (3-parameter fit), <label>", "prefactor exponent a (V₀ = …
// given), <label>", "prefactor constant b (V₀ = … given), <label>". `dimension` is the model's
// (it picks the radial OU reference of the calibration). InvalidInput when the barrier is not
// positive and finite.
PrefactorMeasurement measure_prefactor(const BarrierMeasurement& ladder, double barrier, int dimension,
                                       const std::string& label);

// log E[τ] − V₀/ε against log ε for each case with intervals at `level`, the fitted line, and
// each stated law a log ε + b as a line: (label, a, b) per case in `laws` (same order).
struct PrefactorLaw {
  std::string label;
  double exponent = 0.0, constant = 0.0;
};
verify::Figure prefactor_figure(const std::vector<std::string>& labels, const std::vector<PrefactorMeasurement>& cases,
                                double level, const std::vector<std::vector<PrefactorLaw>>& laws);

}  // namespace ldv::measure
