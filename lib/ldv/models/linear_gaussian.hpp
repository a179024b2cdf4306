#pragma once
// The shared base of the models with linear drift b(x) = −A x and constant
// diffusion D = σσᵀ: QuadraticModel (quadratic.hpp) and LinearModel (linear.hpp).
// The hot loop sees only raw row-major arrays (dimensions here are small and a
// hand loop beats a dynamic-size Eigen product for d = 2).
#include <vector>

#include "ldv/core/linalg.hpp"

namespace ldv {

// The three small loops of a linear-Gaussian model on row-major d×d arrays,
// shared by LinearGaussianModel (run-time d) and FixedLinearGaussianModel
// (compile-time d, where they unroll).
namespace linear_gaussian {

// out = −A x
// (Sums start from their first term, not 0.0: x + 0.0 is not foldable in IEEE
// arithmetic, so a literal zero would cost an add per row in the kernel.)
inline void drift(const double* a, int d, const double* x, double* out) {
  for (int i = 0; i < d; ++i) {
    double sum = a[i * d] * x[0];
    for (int j = 1; j < d; ++j) sum += a[i * d + j] * x[j];
    out[i] = -sum;
  }
}
// out = σ z, σ lower triangular
inline void apply_sigma(const double* s, int d, const double* z, double* out) {
  for (int i = 0; i < d; ++i) {
    double sum = s[i * d] * z[0];
    for (int j = 1; j <= i; ++j) sum += s[i * d + j] * z[j];
    out[i] = sum;
  }
}
// nᵀ D n
inline double normal_variance(const double* diffusion, int d, const double* n) {
  double sum = 0.0;
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < d; ++j) sum += n[i] * diffusion[i * d + j] * n[j];
  return sum;
}

}  // namespace linear_gaussian

class LinearGaussianModel {
 public:
  // drift_matrix A (square), diffusion D (SPD, same size).
  LinearGaussianModel(Matrix drift_matrix, Matrix diffusion);

  int dimension() const { return dimension_; }
  const Matrix& drift_matrix() const { return drift_matrix_; }
  const Matrix& diffusion_matrix() const { return diffusion_; }
  const Matrix& sigma_matrix() const { return sigma_; }  // lower Cholesky factor of D

  // ∂b/∂x = −A at every x.
  Matrix drift_jacobian(const Vector& /*x*/) const { return -drift_matrix_; }
  // D = σσᵀ is the same at every x.
  static constexpr bool constant_diffusion() { return true; }

  // out = b(x) = −A x
  void drift(const double* x, double* out) const { linear_gaussian::drift(a_.data(), dimension_, x, out); }
  // out = σ z (σ lower triangular)
  void apply_sigma(const double* /*x*/, const double* z, double* out) const {
    linear_gaussian::apply_sigma(s_.data(), dimension_, z, out);
  }
  // An upper bound of nᵀD(x)n over unit n and all x: lets the exit kernel skip
  // boundary corrections that cannot matter far from the boundary.
  double max_normal_variance() const { return max_normal_variance_; }
  // nᵀ D n = |σᵀ n|², the noise variance across a boundary with normal n.
  double normal_variance(const double* /*x*/, const double* n) const {
    return linear_gaussian::normal_variance(d_.data(), dimension_, n);
  }

 private:
  int dimension_;
  Matrix drift_matrix_, diffusion_, sigma_;
  std::vector<double> a_, s_, d_;  // row-major copies for the hot loop
  double max_normal_variance_;     // λ_max(D)
};

}  // namespace ldv
