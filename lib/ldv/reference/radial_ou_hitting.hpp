#pragma once
// Exact hitting probabilities of the isotropic d-dimensional Ornstein–Uhlenbeck process
// dX = −a X dt + √ε s dW between two spheres around its attractor: the per-cycle exit
// probability of the escape paper's Appendix B chain (measure/cycle_chain.hpp) for an isotropic
// model, where it is exact at every ε (not only as ε → 0).
//
// The distance ρ = |X| is a 1-D diffusion with generator (ε s²/2)(f'' + (d − 1) f'/ρ) − a ρ f'
// (Itô's formula), whose scale density is S'(ρ) = ρ^{1−d} exp(κ ρ²), κ = a/(ε s²). Started at
// ρ₀ ∈ (inner, outer), it reaches outer before inner with probability
//   P = ∫_inner^ρ₀ S' / ∫_inner^outer S'   (Karlin & Taylor, A Second Course, ch. 15, §3).
// Both integrals are evaluated scaled by their largest factor (exp(κ ρ₀²), exp(κ outer²)), so
// log P is exact to the quadrature's accuracy even where P underflows a double.
// Accuracy: 1e-10 relative (adaptive Gauss–Kronrod, detail/adaptive_quadrature.hpp);
// NumericalFailure when that cannot be certified. Bad input: InvalidInput naming the value.
#include "ldv/reference/ou_exit_time.hpp"

namespace ldv::reference {

struct HittingProbability {
  double probability = 0.0;      // P (0 when it underflows)
  double log_probability = 0.0;  // log P, always finite
};

// dimension >= 1, 0 < inner < rho0 < outer; ou.rate >= 0, ou.eps > 0, ou.noise > 0.
HittingProbability radial_hitting_probability(const OrnsteinUhlenbeck& ou, int dimension, double inner, double outer,
                                              double rho0);

}  // namespace ldv::reference
