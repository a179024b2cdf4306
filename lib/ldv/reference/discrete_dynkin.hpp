#pragma once
// Exact mean exit times of the discrete chain — Euler–Maruyama of the isotropic
// Ornstein–Uhlenbeck process, i.e. discrete SGD on a quadratic loss (escape paper eq. 2,
// Definition 2) — the reference that E[ν] is checked against.
//
// Chain (DESIGN.md conventions): X_{k+1} = X_k − h a X_k + √(ε h) s ξ_k, ξ_k ~ N(0, I),
// started at X_0 = x0 ∈ D. Exit time ν = h·min{k ≥ 1 : X_k ∉ D} (D open: an interval or a
// ball centred at the attractor 0). Its mean u(x) = E_x[ν] solves the discrete Dynkin
// equation, a Fredholm equation of the second kind:
//     u(x) = h + ∫_D p(x, y) u(y) dy,     p the Gaussian one-step transition density.
// In SGD units h = η, ε = η/B, a = λ (the Hessian), s² the noise covariance (C = s² I).
//
// Method (derivations in the .cpp). Nyström: the integral is replaced by a composite
// Gauss–Legendre rule on panels one jump (σ = s√(εh)) wide — the kernel's own width and
// that of u's boundary layer — so that u at the nodes solves a killed Markov chain on the
// nodes. Two things make the answer exact to ~1e-8 however rare the exit is (mean times
// up to ~e^700 steps):
//  * each node's killing (one-step exit) probability is computed in closed form (or by a
//    quadrature of a positive integrand), never as 1 − (what stays); the rule's weights
//    in a row are scaled so that staying + leaving = 1 exactly. Without that, a quadrature
//    error of 1e-14 per step would act as a spurious killing and, over E[N] = 1e20 steps,
//    change the answer completely;
//  * the linear system is solved by subtraction-free (Grassmann–Taksar–Heyman) banded
//    elimination, entrywise accurate whatever its condition number (~E[N]).
// Jumps beyond K σ are dropped (K chosen so that the dropped probability per step times
// the largest mean number of steps is < 1e-3 × tolerance, checked after the solve: a
// coupling bound on the relative error). The rule is refined (more nodes per panel) until
// two successive answers differ by less than `relative_tolerance`; that last change is
// reported as the error bound (p-refinement converges geometrically, so the error of the
// finer answer is far below it).
//
// Bad input: InvalidInput naming the value. An accuracy the method cannot certify within
// `max_order`, or a mean exit time that overflows a double: NumericalFailure.
#include <vector>

namespace ldv::reference {

struct DiscreteOrnsteinUhlenbeck {
  double rate;   // a >= 0 in X_{k+1} = X_k − h a X_k + √(εh) s ξ (a = 0: random walk)
  double eps;    // ε > 0
  double noise;  // s > 0
  double step;   // h > 0
};

struct NystromSettings {
  double relative_tolerance = 1e-8;  // stop when successive answers differ by less (relative)
  int initial_order = 8;             // Gauss–Legendre nodes per panel of the first solve
  int max_order = 48;                // give up (NumericalFailure) beyond this many per panel
  double panel_jumps = 1.0;          // panel width in units of the jump σ = s√(εh)
};

struct NystromLevel {
  int nodes = 0;     // quadrature nodes of the solve
  double mean = 0.0; // E[ν] from that solve
};

struct DiscreteExitTime {
  double mean = 0.0;         // E[ν] = h E[N] from the finest solve
  double error_bound = 0.0;  // |last change in the refinement| + truncation + rounding (10 n u) bounds (absolute)
  int nodes = 0;             // quadrature nodes of the finest solve
  double jump = 0.0;         // σ = s√(εh), the width of the kernel and of u's boundary layer
  double truncation = 0.0;   // relative error bound from dropping jumps beyond K σ
  std::vector<NystromLevel> refinement;  // every solve, coarse to fine
};

// Mean exit time of the 1-D chain from the interval (lower, upper), lower < x0 < upper.
DiscreteExitTime discrete_mean_exit_time_interval(const DiscreteOrnsteinUhlenbeck& chain, double lower, double upper,
                                                  double x0, const NystromSettings& settings = {});

// Mean exit time of the isotropic d-dimensional chain (dimension >= 1) from the ball of the
// given radius centred at the attractor, started at distance rho0 ∈ [0, radius) from it.
// Solved for the norm |X_k|, itself a Markov chain (non-central chi transitions).
DiscreteExitTime discrete_mean_exit_time_ball(const DiscreteOrnsteinUhlenbeck& chain, int dimension, double radius,
                                              double rho0, const NystromSettings& settings = {});

// The one-step transition density of the norm: the density of |c ρ e + σ ξ| at `to`, for
// |e| = 1, ξ ~ N(0, I_d), contraction c = |1 − h a| (c ρ = `mean_radius`), σ = `jump`.
// (Non-central chi with d degrees of freedom; d = 1 is the folded normal.) Exposed for tests.
double radial_transition_density(int dimension, double mean_radius, double to, double jump);
// P(|c ρ e + σ ξ| ≥ radius): the one-step exit probability from the ball. Exposed for tests.
double radial_exit_probability(int dimension, double mean_radius, double radius, double jump);

}  // namespace ldv::reference
