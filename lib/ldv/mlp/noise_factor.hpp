#pragma once
// The escape paper's Assumption 7 (§5): C(θ) = H G with a positive invertible G, c₁ ≤ λ(G) ≤ c₂. With H
// symmetric positive definite, G = H⁻¹C always exists; what the assumption adds is that G is bounded and —
// for HG to be a covariance with G symmetric — that H and G commute. This measures both on given C, H:
//   • the commutator ‖HG − GH‖_F/‖HG‖_F (0 iff HG = GH; HG = C, GH = H⁻¹CH);
//   • the asymmetry of G, ‖G − Gᵀ‖_F/‖G‖_F (0 iff HC = CH, since Gᵀ = CH⁻¹);
//   • the spectrum of the symmetrised factor G_s = H^{-1/2} C H^{-1/2} (similar to G: same eigenvalues),
//     whose extremes are the tightest c₁, c₂ with c₁H ≤ C ≤ c₂H (Loewner order): Theorem 3's constants.
// Exact linear algebra, no sampling.
#include "ldv/core/linalg.hpp"

namespace ldv::mlp {

struct NoiseFactor {
  double lambda_min_h = 0.0, lambda_max_h = 0.0;  // H's spectrum extremes (H SPD: λ_min > 0)
  double commutator = 0.0;                        // ‖HG − GH‖_F / ‖HG‖_F
  double g_asymmetry = 0.0;                       // ‖G − Gᵀ‖_F / ‖G‖_F
  double c1 = 0.0, c2 = 0.0;                      // λ_min, λ_max of H^{-1/2}CH^{-1/2}
  Vector spectrum;                                // every eigenvalue of H^{-1/2}CH^{-1/2}, ascending
};

// c: d×d symmetric positive semi-definite, h: d×d symmetric positive definite, c ≠ 0. InvalidInput naming
// what is wrong (sizes, asymmetry, λ_min(H) ≤ 0 with its value).
NoiseFactor noise_factor(const Matrix& c, const Matrix& h);

}  // namespace ldv::mlp
