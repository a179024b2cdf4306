#pragma once
// The quasi-potential by minimum action paths, for any model:
//   V(x) = inf_T inf_{φ(0)=x*, φ(T)=x} S_T(φ) = min over curves of the geometric action Ŝ
// (implicit-regularizer paper eq. (23) and its Appendix B, where the infimum over T
// is taken analytically), computed by geometric MAM (paths/gmam.hpp) from the
// attractor x* to x. Accuracy: second order in the node spacing (the midpoint rule
// of action/geometric_action.hpp on a smooth path), plus the gMAM tolerance.
//
// The gradient ∇V(x) is the terminal momentum θ̂ = D⁻¹(λφ' − b) at the path's end
// (gmam.hpp, geometric_momentum): minimum action paths are characteristics of the
// Hamilton–Jacobi equation ½ ∇Vᵀ D ∇V + b·∇V = 0 (eq. (26) with b = −∇f), along which
// the momentum is ∇V. The end tangent is the second-order one-sided difference, so
// the gradient is accurate to O(h²) in direction where the path is smooth; it is
// what the exit barrier uses to descend V over a sphere.
#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"
#include "ldv/paths/gmam.hpp"
#include "ldv/paths/minimum_action_path.hpp"

namespace ldv::quasipotential {

struct PathQuasiPotential {
  double value = 0.0;            // V(x) ≈ Ŝ of the gMAM path
  Vector gradient;               // ∇V(x) ≈ terminal momentum θ̂
  paths::MinimumActionPath path; // the gMAM result (converged flag and stop reason included)
};

// V(x) relative to `attractor` (not checked to be one here; exit_barrier checks its
// centre). x == attractor gives V = 0, ∇V = 0 and a path of `nodes` copies of x.
// `initial_path` as for geometric_minimum_action_method (warm starts).
PathQuasiPotential path_quasipotential(const Model& model, const Vector& attractor, const Vector& x,
                                       const paths::GmamSettings& settings = {},
                                       const Matrix* initial_path = nullptr);

// θ̂ at the last node of `path` (d × n, n >= 3), the end tangent by the second-order
// one-sided difference (3φ_N − 4φ_{N−1} + φ_{N−2}).
Vector terminal_momentum(const Model& model, const Matrix& path);

// Rejects a point that is not an equilibrium of the drift: |b(point)| must not exceed
// tolerance × max(1, max_k |b(point ± radius e_k)|), the drift scale at distance
// `radius`. The message names |b(point)| and the threshold.
void require_equilibrium(const Model& model, const Vector& point, double radius, double tolerance,
                         const char* name = "centre");

}  // namespace ldv::quasipotential
