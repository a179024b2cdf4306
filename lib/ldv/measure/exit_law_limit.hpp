#pragma once
// Where the exits go as ε → 0, on a circle (2-D), measured and predicted.
//
// Prediction, to leading order in ε (boundary-layer analysis of the quasi-stationary density
// at a non-characteristic boundary: B. J. Matkowsky & Z. Schuss, SIAM J. Appl. Math. 33 (1977)
// 365–382; Z. Schuss, Theory and Applications of Stochastic Processes (2010), §10.2): the
// exit density on ∂D is ∝ |b·n| ρ_G dS, ρ_G ∝ e^{−V/ε} the Gaussian quasi-stationary density
// of the linear model (V its Lyapunov quasi-potential). Near ∂D the density solves
// (ε/2)D_nn ρ'' − (|b·n|ρ)' ≈ 0 across a layer of width ε D_nn/|b·n|, so the flux is |b·n| times
// the outer density and D_nn cancels. Hence as ε → 0:
//  * V with isolated minimisers on ∂D: the exits concentrate there (Remark 3.6 of the
//    regularizer paper);
//  * V constant on ∂D (e.g. C = H: V = |θ|²): nothing concentrates, but the law is not uniform
//    either: its density is ∝ |b·n| = θᵀHθ/r, heavier where the drift is strongest.
// The statistic is sin²θ of the angle from an axis (measure/exit_angle.hpp).
#include <string>
#include <vector>

#include "ldv/core/estimate.hpp"
#include "ldv/core/linalg.hpp"
#include "ldv/measure/exit_angle.hpp"
#include "ldv/measure/exit_time_ladder.hpp"
#include "ldv/models/model.hpp"
#include "ldv/stats/regression.hpp"

namespace ldv::measure {

// E[sin²θ] under the density ∝ |b·n| e^{−V/ε} on the circle of `radius` around the origin, for
// a 2-D linear-Gaussian model (kinds quadratic, linear), θ from the unit `axis`; trapezoidal
// rule on `nodes` equal angles (spectrally accurate: the integrand is smooth and periodic).
// eps = 0 gives the limit law: |b·n|-weighted when V is constant on the circle (within 1e-9
// relative), otherwise the mean over V's minimisers on the grid. InvalidInput for other
// dimensions or kinds, eps < 0, nodes < 8.
double flux_exit_law_mean_sin2(const Model& model, double radius, double eps, const Vector& axis, int nodes = 4096);

// The measured ε → 0 limit of E[sin²θ_exit]: the means per level (exit_angle_levels) fitted
// linearly in ε, E[sin²θ] = m₀ + m₁ε, weighted by their standard errors; m₀ is the estimate
// (no systematic part: the linear law is the first-order expansion, and the fit's χ² — Birge
// scaling — shows where curvature is resolved).
struct ExitAngleLimit {
  std::vector<ExitAngleLevel> levels;
  stats::WeightedFit fit;  // on (1, ε)
  Estimate limit;          // m₀
};
ExitAngleLimit exit_angle_limit(const BarrierMeasurement& measurement, const Vector& center, const Vector& axis,
                                const std::string& name);

}  // namespace ldv::measure
