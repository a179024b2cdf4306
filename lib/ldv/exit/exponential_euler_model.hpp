#pragma once
// The exponential Euler step (sim/exponential_euler.hpp) as a concrete model of the exit
// kernels (internal to exit/): a model whose *Euler* step of size h is the exponential step of
// the wrapped model, b̃ = φ₁(hJ) b and D̃ = Q_h/h, so the kernels, exit policies and multilevel
// pairs run it unchanged. Built once per run and step (the coefficients depend on h).
// The exit tests (normal_variance: Gobet–Menozzi's shift, the bridge's kill probability) keep
// the diffusion's own D: they describe the continuous path's excursions between grid times,
// whose local variance is εD per unit time, not the grid increments' εQ_h/h. Measured on
// Example 3.1 (μ = 1.5, ε = 0.25, h = 0.02, 10⁵ paths): with D the estimate is −0.1% off the
// PDE's 36.7513, with D̃ ≈ D(1 − 2h) it is +0.7% off (a 2% smaller shift).
//  * exponential_linear_gaussian: for b = −A x the scheme is again linear-Gaussian,
//    Ã = φ₁(−hA) A and D̃, i.e. the exact Ornstein–Uhlenbeck transition; the kernel keeps its
//    compile-time-dimension fast path (FixedLinearGaussianModel).
//  * ExponentialEulerModel<Concrete>: any model with constant diffusion and dimension <= 16.
#include <Eigen/Eigenvalues>
#include <array>

#include "ldv/core/linalg.hpp"
#include "ldv/models/linear_gaussian.hpp"
#include "ldv/sim/exponential_euler.hpp"

namespace ldv::detail {

inline LinearGaussianModel exponential_linear_gaussian(const LinearGaussianModel& model,
                                                       const ExponentialEulerCoefficients& c) {
  return LinearGaussianModel(c.phi * model.drift_matrix(), c.diffusion);
}

template <class Concrete>
class ExponentialEulerModel {
 public:
  // `diffusion`: the model's constant D (for the exit tests).
  ExponentialEulerModel(const Concrete& model, const ExponentialEulerCoefficients& c, const Matrix& diffusion)
      : model_(&model), dimension_(static_cast<int>(c.phi.rows())) {
    for (int i = 0; i < dimension_; ++i)
      for (int j = 0; j < dimension_; ++j) {
        phi_[i * dimension_ + j] = c.phi(i, j);
        sigma_[i * dimension_ + j] = c.sigma(i, j);
        diffusion_[i * dimension_ + j] = diffusion(i, j);
      }
    max_normal_variance_ = Eigen::SelfAdjointEigenSolver<Matrix>(diffusion).eigenvalues().maxCoeff();
  }

  int dimension() const { return dimension_; }
  double max_normal_variance() const { return max_normal_variance_; }

  // out = φ₁(hJ) b(x)
  void drift(const double* x, double* out) const {
    std::array<double, kMaxExponentialEulerDimension> b{};  // zeroed: d <= 16 entries are written
    model_->drift(x, b.data());
    for (int i = 0; i < dimension_; ++i) {
      double sum = phi_[i * dimension_] * b[0];
      for (int j = 1; j < dimension_; ++j) sum += phi_[i * dimension_ + j] * b[j];
      out[i] = sum;
    }
  }
  void apply_sigma(const double*, const double* z, double* out) const {
    linear_gaussian::apply_sigma(sigma_.data(), dimension_, z, out);
  }
  double normal_variance(const double*, const double* n) const {
    return linear_gaussian::normal_variance(diffusion_.data(), dimension_, n);
  }

 private:
  static constexpr int kEntries = kMaxExponentialEulerDimension * kMaxExponentialEulerDimension;
  const Concrete* model_;
  int dimension_;
  std::array<double, kEntries> phi_{}, sigma_{}, diffusion_{};  // φ₁(hJ), chol(Q_h/h), D
  double max_normal_variance_ = 0.0;
};

}  // namespace ldv::detail
