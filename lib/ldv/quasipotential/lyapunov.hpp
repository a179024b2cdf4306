#pragma once
// The exact quasi-potential of a linear system dX = −A X dt + √ε σ dW, D = σσᵀ,
// A stable (every eigenvalue has positive real part; A need not be symmetric).
// The stationary covariance Σ (divided by ε) solves the Lyapunov equation
//   A Σ + Σ Aᵀ = D,
// and V(x) = ½ (x − x*)ᵀ Σ⁻¹ (x − x*) (Freidlin & Wentzell, Ch. 4, §3; the
// Gaussian stationary density ∝ exp(−V/ε)). Solved by Bartels–Stewart on the
// complex Schur form of A, then checked: the relative residual must be small.
#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"

namespace ldv::quasipotential {

class LyapunovQuasiPotential {
 public:
  // A square and stable, D SPD of the same size; the attractor x* (default 0).
  LyapunovQuasiPotential(const Matrix& drift_matrix, const Matrix& diffusion);
  LyapunovQuasiPotential(const Matrix& drift_matrix, const Matrix& diffusion, const Vector& attractor);

  int dimension() const { return static_cast<int>(covariance_.rows()); }
  const Matrix& covariance() const { return covariance_; }  // Σ
  const Matrix& precision() const { return precision_; }    // Σ⁻¹
  const Vector& attractor() const { return attractor_; }
  double relative_residual() const { return relative_residual_; }  // ‖AΣ + ΣAᵀ − D‖_F / ‖D‖_F

  double value(const Vector& x) const;     // V(x) = ½ (x − x*)ᵀ Σ⁻¹ (x − x*)
  Vector gradient(const Vector& x) const;  // ∇V = Σ⁻¹ (x − x*)

  // min of V over the sphere |x − x*| = r: r² / (2 λ_max(Σ)), attained at x* ± r v
  // with v the unit top eigenvector of Σ (the sign fixed so its largest |entry| is positive).
  double sphere_minimum(double radius) const;
  Vector sphere_argmin(double radius) const;

  // The minimum-action path from x* to x, `nodes` nodes equidistant in arc length.
  // It is the time reversal of the fluctuation dynamics φ' = b + D∇V = M(φ − x*),
  // M = −A + DΣ⁻¹ = ΣAᵀΣ⁻¹ (by the Lyapunov equation), so φ(t) = x* + e^{Mt}(x − x*)
  // for t ∈ (−∞, 0]; sampled until |φ − x*| < 1e-10 |x − x*| and then resampled.
  Matrix minimum_action_path(const Vector& x, int nodes) const;

 private:
  Matrix drift_matrix_, diffusion_;
  Matrix covariance_, precision_;
  Vector attractor_;
  double relative_residual_ = 0.0;
};

// Solves A Σ + Σ Aᵀ = D (A stable, D symmetric) by Bartels–Stewart; throws
// InvalidInput naming the eigenvalue if A is not stable.
Matrix solve_lyapunov(const Matrix& drift_matrix, const Matrix& diffusion);

// The exact quasi-potential of a model, if it is linear-Gaussian (kinds
// "quadratic" and "linear"; attractor 0); throws InvalidInput for other kinds.
LyapunovQuasiPotential exact_quasipotential(const Model& model);
bool has_exact_quasipotential(const Model& model);

}  // namespace ldv::quasipotential
