#pragma once
// The measurement behind the escape paper's Theorem 2 in its own regime: discrete SGD
// with its step tied to its noise (h = η, ε = η/B, DESIGN.md) against continuous SGD,
// E[ν]/E[τ] on a ladder of η → 0 at fixed B, and the limit of that ratio.
//
// Model: L(θ) = ½ λ |θ|² in d dimensions with isotropic gradient noise C = s² I (the
// paper's "C = I" is s = 1, its Assumption 2 "C = H" is s² = λ), the ball of radius r
// around θ* = 0, started at θ*. Both exit times come from exact references: E[ν] from the
// Nyström solution of the discrete Dynkin equation (reference/discrete_dynkin.hpp), E[τ]
// from the continuous one (reference/ou_exit_time.hpp). Monte Carlo could not reach them:
// E[τ] ~ e^{V₀B/η} grows beyond 1e80 on the ladder.
//
// What the interval of the limit means (measure/limit_extrapolation.hpp): a deterministic
// bound — the ratios' own numerical error bounds carried through the extrapolation, plus
// the extrapolation's model error (calibrated on known limits). R(η) expands in integer
// powers of η: near the boundary the chain moves one jump σ = s η/√B per step, and every
// correction to the limit is a power of σ/r (drift variation over a jump, the boundary's
// curvature, the Gaussian's curvature) or of ε (the continuous prefactor); `order` measures
// the leading power on the ladder itself.
#include <cstdint>
#include <string>
#include <vector>

#include "ldv/core/estimate.hpp"
#include "ldv/measure/limit_extrapolation.hpp"
#include "ldv/models/model.hpp"

namespace ldv::measure {

struct TiedStepCase {
  std::string label;       // e.g. "1-D, C = I, λ = 1, r = 1, B = 1"
  int dimension = 1;
  double curvature = 1.0;  // λ: L(θ) = ½ λ |θ|²
  double noise = 1.0;      // s: C = s² I
  double radius = 1.0;     // r
  double batch = 1.0;      // B
  // κ = λ r √B / s: the drift per step in units of the jump at the boundary, the one
  // parameter of the limit (reference/tied_step_exit_ratio.hpp).
  double kappa() const;
  // V₀ = λ r²/s²: the quasi-potential V(θ) = λ|θ|²/s² (Lyapunov: 2λΣ = s² I) on the sphere.
  double barrier() const;
  Model model() const;     // the SDE dθ = −λθ dt + √ε s dW of the paper's eq. (3)
};

struct TiedStepPoint {
  double barrier_over_eps = 0.0;  // V₀B/η
  double eta = 0.0, eps = 0.0;    // η and ε = η/B
  double exit_discrete = 0.0;     // E[ν] (Nyström)
  double exit_continuous = 0.0;   // E[τ] (exact)
  double ratio = 0.0;             // R(η) = E[ν]/E[τ]
  double ratio_error = 0.0;       // its numerical error bound (absolute)
  int nodes = 0;                  // Nyström nodes of the accepted solve
  int first_nodes = 0;            // nodes of the first solve (8 Gauss–Legendre nodes per jump)
  double refinement_change = 0.0; // |E[ν] of the accepted solve − E[ν] of the one before| / E[ν]
};

struct TiedStepRatio {
  TiedStepCase tied_case;
  std::vector<TiedStepPoint> points;
  LimitExtrapolation limit;  // R* = lim_{η→0} R(η); its estimate is named "lim E[ν]/E[τ] as η → 0, <label>"
  Estimate order;            // the leading power p of R(η) − R* ∝ η^p, from the finest three points
  double elapsed_s = 0.0;
};

// `barrier_over_eps`: the ladder as values of V₀B/η, a geometric sequence of at least 3
// (InvalidInput otherwise). NumericalFailure when a reference cannot certify its accuracy
// (e.g. E[τ] beyond a double: V₀B/η ≳ 700).
TiedStepRatio measure_tied_step_ratio(const TiedStepCase& c, const std::vector<double>& barrier_over_eps);

// Monte Carlo of the chain itself (exit/exit_time.hpp, estimator "discrete": exactly the
// chain whose Dynkin equation the reference solves) at one rung, beside the reference.
struct TiedStepSimulation {
  std::string label;           // the case's label
  double barrier_over_eps = 0.0, eta = 0.0;
  Estimate exit_discrete;      // E[ν] by simulation, its interval at any level (stats::estimate_mean)
  double reference = 0.0;      // E[ν] by the Nyström reference
  double exit_continuous = 0.0;
};
TiedStepSimulation simulate_tied_step_exit(const TiedStepCase& c, double barrier_over_eps, std::uint64_t paths,
                                           std::uint64_t seed, int threads);

}  // namespace ldv::measure
