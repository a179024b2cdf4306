#pragma once
// SGD on the quadratic loss L(θ) = ½ θᵀHθ (escape paper, Assumption 1 with θ* = 0,
// L(θ*) = 0): dθ = −Hθ dt + √ε σ dW, so A = H and D = C, the gradient-noise covariance
// ("identity", "hessian" meaning C = H as in Assumption 2, or a matrix).
// Drift, σ and the Jacobian −H come from LinearGaussianModel.
#include <string>
#include <string_view>

#include "ldv/core/linalg.hpp"
#include "ldv/models/linear_gaussian.hpp"

namespace ldv {

struct QuadraticModel : LinearGaussianModel {
  static constexpr std::string_view kind_name = "quadratic";

  // hessian H (SPD: θ* = 0 is a strict minimum), diffusion C (SPD).
  QuadraticModel(Matrix hessian, Matrix diffusion, std::string diffusion_kind);

  std::string_view kind() const { return kind_name; }
  double loss(const Vector& x) const { return 0.5 * x.dot(drift_matrix() * x); }  // ½ xᵀHx
  const Matrix& hessian() const { return drift_matrix(); }
  std::string diffusion_kind;  // "identity", "hessian" or "matrix"
};

}  // namespace ldv
