#pragma once
// A heuristic, not a reference: the chance that a run of the Ornstein–Uhlenbeck chain
// exits a centred ball within a horizon T, for context beside a measured exit fraction
// (never held against it as a prediction).
//
// Process: dX = −a X dt + √ε s dW, started at the attractor 0; its Euler–Maruyama chain
// X' = (1 − ah) X + √(εh) s ξ, monitored on the grid (exit at the first |X_k| ≥ r).
// Three approximations, each named where it is made:
//  1. an exponential exit law from t = 0: P(τ ≤ T) ≈ 1 − exp(−T/E[τ]) — the law of a
//     metastable exit, off by about the relaxation time 1/a against E[τ];
//  2. Euler's stationary variance: the chain's is ε s²/(a(2 − ah)) = (ε s²/2a)/(1 − ah/2), the
//     continuous process's with ε' = ε/(1 − ah/2);
//  3. the grid's missed excursions: a grid-monitored exit behaves like a continuous exit from
//     the domain pushed out by δ = c₀ s √(ε' h), c₀ = −ζ(1/2)/√(2π) (Gobet & Menozzi 2010,
//     Theorem 2.4; exit/estimator.hpp).
// E[τ] is exact (reference/ou_exit_time.hpp). The O(h) terms beyond 2 and 3 are dropped.
namespace ldv::measure {

struct OuExitChanceSetting {
  double rate;     // a > 0: the drift −a x
  double eps;      // ε > 0
  double step;     // h > 0 with a h < 2 (else the chain diverges)
  double noise;    // s > 0: the noise across the boundary, |σᵀn| at the exit point
  double radius;   // r > 0
  int dimension;   // 1: the interval (−r, r); d >= 2: the ball of radius r, noise s in every direction
  double horizon;  // T > 0
};

struct HeuristicExitChance {
  double continuous = 0.0;  // 1 − exp(−T/E[τ](ε, r)): the continuous process, approximation 1 only
  double discrete = 0.0;    // 1 − exp(−T/E[τ](ε', r + δ)): the chain, approximations 1–3
};

// InvalidInput naming the value outside the ranges above.
HeuristicExitChance heuristic_exit_chance(const OuExitChanceSetting& setting);

}  // namespace ldv::measure
