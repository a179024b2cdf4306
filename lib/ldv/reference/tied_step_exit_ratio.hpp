#pragma once
// The limit of E[ν]/E[τ] — discrete SGD's mean exit time over continuous SGD's — in
// the escape paper's own regime, where the step is tied to the noise: h = η, ε = η/B,
// η → 0 at fixed B (Theorem 2). Derivation in the .cpp; exact Nyström solutions of both
// Dynkin equations (discrete_dynkin.hpp, ou_exit_time.hpp) test it (tests/test_discrete_dynkin.cpp).
//
// Near the boundary, in units of one jump σ = s√(εh), the discrete chain is a Gaussian
// random walk whose drift per step, κ = a r h/σ = λ r √B / s (a = λ the curvature, s² the
// noise variance, r the radius), does not shrink as η → 0; so E[ν]/E[τ] tends to a
// constant that depends on κ alone:
//     R*(κ) = e^{−κ²/2} / C(κ),   C(κ) = exp(−2 Σ_{n≥1} Φ(−κ√n)/n) / (2κ²),
// e^{−κ²/2} from the Euler chain's stationary variance, inflated by 1/(1 − ηλ/2), and C the
// Cramér constant of the walk's overshoot (P(max of the walk with drift −κ > u) ~ C e^{−2κu}).
// R*(κ) ≠ 1 except at isolated κ (R* rises from 1 like e^{2c₀κ}, c₀ ≈ 0.5826, peaks near
// 1.9 at κ ≈ 1.1, crosses 1 near κ ≈ 2.1 and then falls like 2κ² e^{−κ²/2}), so E[ν]/E[τ] does
// not tend to 1; only (η/B) log(E[ν]/E[τ]) → 0.

namespace ldv::reference {

// C(μ) = lim_{u→∞} e^{2μu} P(sup_{n≥0} S_n > u) for the random walk S_n with N(−μ, 1)
// steps, μ in [0.01, 30]. The series is summed until its remainder is below 1e-17
// relative (the terms fall like e^{−μ²n/2}).
double gaussian_walk_cramer_constant(double drift);

// R*(κ) = e^{−κ²/2} / C(κ), κ in [0.01, 30].
double tied_step_exit_time_ratio(double kappa);

// κ = a r √(h/ε) / s: the drift per step in units of the jump at the boundary (SGD: h = η,
// ε = η/B, a = λ: κ = λ r √B / s). All inputs > 0.
double tied_step_kappa(double rate, double radius, double eps, double step, double noise);

}  // namespace ldv::reference
