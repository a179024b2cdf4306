#pragma once
// How close the gradient-noise covariance C is to the Hessian H (the escape paper's Assumption 2,
// C(θ) ≈ H near the minimum): the best g in C ≈ gH in the Frobenius norm, g = ⟨C, H⟩_F / ⟨H, H⟩_F, and
// the relative residuals that say how far C is from any multiple of H, from H itself and from isotropy.
// All exact linear algebra on the given matrices (no sampling).
#include "ldv/core/linalg.hpp"

namespace ldv::mlp {

struct CovarianceShape {
  double g = 0.0;                   // argmin_g ‖C − gH‖_F
  double fit_residual = 0.0;        // ‖C − gH‖_F / ‖C‖_F (0 iff C ∝ H)
  double spectral_residual = 0.0;   // ‖C − gH‖₂ / ‖C‖₂
  double identity_residual = 0.0;   // ‖C − H‖_F / ‖H‖_F (0 iff C = H)
  double isotropic_residual = 0.0;  // ‖C − (tr C/d) I‖_F / ‖C‖_F (0 iff C ∝ I)
  Vector curvature;                 // H's eigenvalues hᵢ, ascending
  Vector noise_along;               // vᵢ = qᵢᵀ C qᵢ, C along H's eigenvector qᵢ (C = gH gives vᵢ = g hᵢ)
};

// c, h: d × d symmetric, same size, h ≠ 0, c ≠ 0 (InvalidInput naming what is wrong).
CovarianceShape covariance_shape(const Matrix& c, const Matrix& h);

}  // namespace ldv::mlp
