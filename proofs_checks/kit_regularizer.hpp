#pragma once
// What the implicit-regularizer checks share beyond check_kit: the models that go past the paper's
// Example 3.1 — a convex but non-quadratic loss, noise that is anisotropic and not diagonal, noise that
// depends on the state, and a drift that is not a gradient. Each is an ldv::Model (a CustomModel with its
// formulas here), so the simulation, the path methods and the Fokker–Planck solver run on it unchanged.
#include <string>

#include "ldv/core/linalg.hpp"
#include "ldv/measure/exit_time_ladder.hpp"
#include "ldv/models/model.hpp"
#include "ldv/quasipotential/exit_barrier.hpp"
#include "ldv/reference/sgd_moments.hpp"
#include "ldv/verify/registry.hpp"
#include "check_kit.hpp"

namespace ldv::checks {

// f(x) = ½ xᵀHx + (β/4)|x|⁴ (H SPD, β ≥ 0): convex with its only minimum at O, non-quadratic for β > 0;
// drift b = −∇f = −Hx − β|x|²x. Outward on every sphere around O (−∇f·x < 0), as Theorem 3.5 asks of ∂U.
// Constant noise D (SPD, any orientation): σ its lower Cholesky factor.
Model quartic_loss_constant_noise(const Matrix& hessian, double beta, const Matrix& diffusion);

// The same loss with noise whose principal axes turn with the state:
//   D(x) = R(turn·x₁) diag(major, minor) R(turn·x₁)ᵀ,  R(a) the rotation by angle a,
// SPD everywhere with tr D = major + minor (bounded: the paper's Assumption 1, eq. 7), and not constant
// for turn ≠ 0 (so the paper's eq. (8) and the Itô form differ). σ(x) = R(turn·x₁) diag(√major, √minor).
Model quartic_loss_turning_noise(const Matrix& hessian, double beta, double major, double minor, double turn);

// A drift that is not a gradient: b(x) = −Ax − β|x|²x with A stable and not symmetric (a rotation part),
// constant noise D. O is its only attractor and b·x < 0 away from O when A + Aᵀ is positive definite.
Model nongradient_cubic(const Matrix& drift_matrix, double beta, const Matrix& diffusion);

// The exit-time ladder for the models above. They run through CustomModel's std::function calls, about 4×
// slower per step than the built-in kinds (measured: 2.9 vs 11 M steps/s on one core), and E[τ] grows like
// e^{V₀/ε}, so the quick ladder stops at V₀/ε = 6 instead of check_kit's 8 (≈ e² = 7× less work); its
// fit-model error is calibrated at these very values (measure/exit_time_ladder.hpp), so the interval says so.
LadderBudget custom_model_ladder_budget(verify::Profile profile);

// V₀ = min over the sphere |x − centre| = r of ldv's quasi-potential relative to the attractor `centre`, by
// geometric MAM alone (quasipotential/exit_barrier.hpp, no hint from a linearisation). NumericalFailure when
// the search does not converge.
quasipotential::ExitBarrier gmam_exit_barrier(const Model& model, const Vector& centre, double radius);

// The exit barrier of a model with no closed-form quasi-potential (check_kit's BarrierTable needs Lyapunov and
// the origin): V₀ of the ball of `radius` around the attractor `centre` by gmam_exit_barrier, and V₀ measured on
// `budget`'s exit-time ladder from `centre` (ε = V₀/k, step = step_fraction / largest_rate, the largest rate of
// the drift Jacobian at the minimum as in check_kit), streams from derived_seed(seed, salt).
struct GmamBarrier {
  quasipotential::ExitBarrier first_principles;
  measure::BarrierMeasurement measured;
};
GmamBarrier measure_gmam_barrier(const verify::CheckContext& context, const Model& model, const Vector& centre,
                                 double radius, double largest_rate, const LadderBudget& budget,
                                 const std::string& label, const std::string& salt);

}  // namespace ldv::checks

namespace ldv::checks {

// One dimension, for the Fokker–Planck checks: f = x²/2 + x⁴/4 (b = −x − x³) with noise
// D(x) = 1 + amplitude·sin 2x (0 ≤ amplitude < 1: positive and bounded, Assumption 1), so D'' = −4 amplitude sin 2x.
Model quartic_loss_1d_sine_noise(double amplitude);

}  // namespace ldv::checks

namespace ldv::checks {

// The finite-sum data set of the Lemma 2.1 check: n = 20 samples in d = 2, deterministic (no seed), with
// aᵢ = (1 + 0.5 cos 2.1i, 0.8 sin 1.3i + 0.3 cos 0.7i), yᵢ = aᵢᵀ(1, −0.5) + 0.6 sin 3.7i (i = 1..20): the
// residuals at the minimiser are not zero, so the gradient noise does not vanish there.
reference::FiniteSumLeastSquares synthetic_least_squares();

}  // namespace ldv::checks
