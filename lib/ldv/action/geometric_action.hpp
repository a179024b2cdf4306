#pragma once
// The geometric action of Heymann & Vanden-Eijnden (CPAM 61, 2008, eq. (2.8)),
// as derived in the implicit-regularizer paper's Appendix B (proof of Theorem 3.4):
//   Ŝ(φ) = ∫ |φ'|_A |b(φ)|_A − ⟨φ', b(φ)⟩_A ds,  A = D(φ)⁻¹,
// the minimum of S_T over T and over all time-parametrisations of the curve φ;
// it does not depend on how the curve is parametrised. V(x) = min over curves
// from the attractor to x of Ŝ.
// Discretisation: per segment, with Δφᵢ = φᵢ₊₁ − φᵢ, everything at the midpoint
// φ̄ᵢ:  Ŝ ≈ Σᵢ |Δφᵢ|_Aᵢ |b(φ̄ᵢ)|_Aᵢ − ⟨Δφᵢ, b(φ̄ᵢ)⟩_Aᵢ  (second order in the node spacing).
#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"

namespace ldv::action {

// `path` is d × (N+1), columns the nodes; any parametrisation.
double geometric_action(const Model& model, const Matrix& path);

// The integrand's two pieces on segment i, for diagnostics: |Δφ|_A |b|_A and ⟨Δφ, b⟩_A.
struct GeometricSegment {
  double length_times_speed;
  double alignment;
};
GeometricSegment geometric_segment(const Model& model, const Vector& left, const Vector& right);

}  // namespace ldv::action
