#pragma once
// The least Freidlin–Wentzell action inside a tube: the rate of a tube probability at fixed width.
//   R(δ) = inf { S_T(ψ) : ψ(0) = φ(0), sup_{t ≤ T} |ψ(t) − φ(t)| ≤ δ }.
// Freidlin–Wentzell (2012) Theorem 3.3.1 gives, for the open tube around φ,
//   lim_{ε→0} −ε log P(sup_t |X_t − φ_t| < δ) = inf over the open tube of S = R(δ)
// (the infimum over the open tube equals that over its closure: S is convex along segments for a
// linear drift and lower semicontinuous in general). So at fixed δ the rate is R(δ) ≤ S_T(φ), and
// only the second limit δ → 0 gives S_T(φ): the order of limits is ε → 0 first, then δ → 0.
//
// Discretisation: ψ on the uniform grid of φ's nodes, the action of action/time_action.hpp
// (midpoint rule, second order for a smooth path; the constrained minimiser touches the tube's
// wall, where it is only Lipschitz, so compare two resolutions for the error). The constraint is
// one ball per node, a convex set whose projection is explicit; the minimiser is accelerated
// projected gradient (FISTA with backtracking and adaptive restart, Beck & Teboulle 2009;
// O'Donoghue & Candès 2015). For a linear drift and constant D the discrete action is a convex
// quadratic, so the minimum found is the global one.
#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"

namespace ldv::quasipotential {

struct TubeMinimum {
  Matrix path;             // the minimiser ψ* (same grid as the centre)
  double action = 0.0;     // S_T(ψ*)
  int iterations = 0;
  bool converged = false;  // the gradient-mapping norm fell below tolerance × its first value, or the
                           // action changed by less than 1e-14 relative over 100 iterations
  double step_norm = 0.0;  // the last gradient-mapping norm (RMS over the free nodes)
};

// `centre` is φ at the nodes t_i = i T / N (d × (N+1)); ψ(0) = φ(0) is held fixed. InvalidInput
// for a bad centre, T ≤ 0, δ ≤ 0 or a non-positive iteration budget / tolerance. The tolerance is
// relative: the first gradient-mapping norm (at φ) sets the scale (an absolute one stalls at the
// rounding floor L·ulp, which grows with the node count).
TubeMinimum tube_minimum_action(const Model& model, const Matrix& centre, double duration, double radius,
                                int max_iterations = 100000, double tolerance = 1e-7);

}  // namespace ldv::quasipotential
