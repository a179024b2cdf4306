#pragma once
// The classical solutions of a Hamilton–Jacobi equation that are quadratic forms, for a
// linear drift b = −Aθ and a constant metric M (SPD):
//   ½ ∇Vᵀ M ∇V − (Aθ)·∇V = 0,   V(0) = 0.                                    (HJ)
// M = D is the Freidlin–Wentzell equation, M = D^{1/2} the escape paper's eq. (4); its
// Assumption 6 asserts that (HJ) with W(0) = 0 has a unique solution. It has at least 2^d:
// for every set S of eigenvectors u_i of Aᵀ (Aᵀu_i = λ_i u_i, real λ_i > 0), with U = [u_i]_{i∈S},
// the coordinates y = Uᵀθ obey a closed linear equation dy = −Λ_S y dt + √ε Uᵀσ dW
// (u_iᵀA = λ_i u_iᵀ), whose quasi-potential V_S(θ) = ½ yᵀ Σ_S⁻¹ y, with
//   Λ_S Σ_S + Σ_S Λ_S = Uᵀ M U,   i.e. (Σ_S)_ij = (UᵀMU)_ij / (λ_i + λ_j),
// solves (HJ): ∇V_S = U Σ_S⁻¹ y gives ½yᵀΣ_S⁻¹(Λ_SΣ_S + Σ_SΛ_S)Σ_S⁻¹y − yᵀΛ_SΣ_S⁻¹y = 0.
// S = ∅ is W ≡ 0; S = all modes is the Lyapunov quasi-potential ½θᵀΣ⁻¹θ (lyapunov.hpp), the
// maximal one: every V_S ≤ V_all (the projection of a path costs no more action than the
// path), and only V_all is positive on the whole sphere. The exit exponent selects it.
// With a repeated eigenvalue every subspace of its eigenspace gives a solution as well, so
// the family is then a continuum; this returns the 2^d built on one eigenbasis.
#include <string>
#include <vector>

#include "ldv/core/linalg.hpp"

namespace ldv::quasipotential {

struct QuadraticHjSolution {
  std::vector<int> modes;  // S: indices of the eigenvalues of A in ascending order (0-based)
  Matrix form;             // P, symmetric PSD: V_S(θ) = θᵀPθ
  std::string label;       // "S = {}" (W ≡ 0), "S = {1}", "S = {1, 2}", ... (1-based in the label)
  double value(const Vector& x) const { return x.dot(form * x); }
  Vector gradient(const Vector& x) const { return 2.0 * form * x; }
  // min over |θ| = r of V_S: r² λ_min(P) (0 unless S holds every mode).
  double sphere_minimum(double radius) const;
};

// All 2^d solutions, S ordered by the bits of its index (S = ∅ first, all modes last).
// InvalidInput when A or M is not square and finite of one size, d > 12, M is not SPD, or A
// has a complex or non-positive eigenvalue, or is not diagonalisable (eigenvector matrix
// condition number above 1e10).
std::vector<QuadraticHjSolution> quadratic_hamilton_jacobi_solutions(const Matrix& drift_matrix,
                                                                      const Matrix& metric);

}  // namespace ldv::quasipotential
