#pragma once
// Whether a candidate quasi-potential solves the Hamilton–Jacobi equation of a model,
//   R(x) = ½ ∇V(x)ᵀ D(x) ∇V(x) + b(x)·∇V(x) = 0
// (implicit-regularizer paper, Theorem 3.4, eq. (26), written there for b = −∇f), as a measurement.
// The residual is reported relative to the size of its two terms,
//   r(x) = R(x) / (½ ∇VᵀD∇V + |b·∇V|)  ∈ [−1, 1]   (r = 0 where ∇V = 0: both terms vanish),
// so that "0" means the same at every point and for every candidate; the statistic is
// max over the points of |r|, and a candidate is held to solve the equation iff 0 lies in its interval.
//  * An exactly known candidate (its gradient in closed form): r is exact to rounding; the
//    systematic half-width is 1e-12.
//  * ldv's own quasi-potential, computed independently of the equation: V(x ± h e_k) by geometric
//    MAM from the attractor (quasipotential/path_quasipotential.hpp), ∇V by central differences —
//    deliberately not the path's terminal momentum, which satisfies H(x, θ̂) = 0 by construction
//    (paths/gmam.hpp) and would test nothing. Computed at two resolutions, (N nodes, step h) and
//    (2N − 1 nodes, h/2); both errors (the path's O(Δs²), the differences' O(h²)) shrink fourfold,
//    so the fine value's error is about a third of the change: the systematic half-width is the
//    largest change |r_fine − r_coarse| over the points (a factor 3 of margin) plus 1e-9.
// The residual may be taken in the equation of another model (`equation`) than the one V belongs
// to, e.g. the escape paper's variant with C^{1/2} in place of D.
#include <string>
#include <vector>

#include "ldv/action/hamilton_jacobi.hpp"
#include "ldv/core/estimate.hpp"
#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"

namespace ldv::measure {

struct HjResidual {
  Matrix points;                  // d × M
  std::vector<double> relative;   // r at each point (the fine resolution for ldv's V)
  Estimate max_relative;          // max |r| with its half-width
};

// r(x) for a candidate with a known gradient, in the equation of `equation`. InvalidInput for points of the
// wrong dimension or not finite, or a gradient of the wrong size.
HjResidual exact_candidate_residual(const Model& equation, const action::PotentialGradient& gradient,
                                    const Matrix& points, const std::string& name);

struct QuasipotentialResidualSettings {
  int nodes = 101;                 // N (>= 3)
  double difference_step = 2e-3;   // h > 0, relative to max(1, |x|)
  double tolerance = 1e-10;        // gMAM stop tolerance in (0, 1): V's noise enters ∇V as tolerance·V/h
  void validate() const;           // InvalidInput naming the first bad field
};

// r(x) for ldv's quasi-potential V of `model` relative to `attractor` (geometric MAM), in the equation of
// `equation` (nullptr: `model` itself). NumericalFailure naming the point when a gMAM run does not converge.
HjResidual quasipotential_residual(const Model& model, const Vector& attractor, const Matrix& points,
                                   const std::string& name, const QuasipotentialResidualSettings& settings = {},
                                   const Model* equation = nullptr);

}  // namespace ldv::measure
