#pragma once
// The tail of the squared norm of a centred Gaussian vector, |y|² with y ~ N(0, Σ): the
// large-deviation (Chernoff–Cramér) rate
//   I(R) = sup_{0 ≤ t < 1/(2 s_max)} [ t R + ½ Σᵢ log(1 − 2 t sᵢ) ],   sᵢ the eigenvalues of Σ,
// so that P(|y|² ≥ R) ≤ exp(−I(R)) for every R (Chernoff's bound, from E e^{t|y|²} =
// Πᵢ (1 − 2t sᵢ)^{-1/2}), and −log P(|y|² ≥ R) = I(R) + O(log I) (Bahadur–Rao). I = 0 for
// R ≤ E|y|² = tr Σ; I(R) → R/(2 s_max) + ½ Σ_{i≠max} log(1 − sᵢ/s_max) + … as R → ∞, the
// one-direction Freidlin–Wentzell rate R/(2 s_max) plus a constant that grows with the number
// of directions whose sᵢ is comparable to s_max. Why it is here: in many dimensions, the
// stationary law of a linear Gaussian chain reaches the sphere |y| = r long before the
// asymptotic rate r²/(2 s_max) describes it, and I(r²) is then the exponent of its exit.
#include "ldv/core/linalg.hpp"

namespace ldv::reference {

struct NormTailRate {
  double rate = 0.0;      // I(R)
  double tilt = 0.0;      // the maximising t (0 when R ≤ tr Σ)
  double slope = 0.0;     // dI/dR = t at the maximiser (envelope theorem)
};

// Eigenvalues within kRoundingTolerance × the largest below 0 are rounding of a singular Σ and count as 0.
inline constexpr double kRoundingTolerance = 1e-10;

// `eigenvalues`: those of Σ (any order, finite, >= −kRoundingTolerance s_max, at least one > 0); R >= 0.
// The maximiser solves Σ sᵢ/(1 − 2t sᵢ) = R, found by bisection to a relative width of 1e-15
// in t (the left side increases monotonically in t). InvalidInput naming the bad value.
NormTailRate gaussian_norm_tail_rate(const Vector& eigenvalues, double threshold);

// The inverse: the R >= tr Σ with I(R) = rate (rate >= 0; I increases strictly beyond tr Σ), by
// bisection to a relative width of 1e-12 in R. Used to choose radii from a target exponent.
double gaussian_norm_tail_threshold(const Vector& eigenvalues, double rate);

}  // namespace ldv::reference
