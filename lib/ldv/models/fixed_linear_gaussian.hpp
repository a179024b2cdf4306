#pragma once
// A LinearGaussianModel with its dimension known at compile time: the same
// b = −A x and σ, but loops the compiler can unroll. The exit-time kernel uses
// it for d ≤ 3, where the runtime-d loops cost as much as the arithmetic.
#include <array>

#include "ldv/models/linear_gaussian.hpp"

namespace ldv {

template <int Dim>
class FixedLinearGaussianModel {
 public:
  explicit FixedLinearGaussianModel(const LinearGaussianModel& model)
      : FixedLinearGaussianModel(model, model) {}

  // Steps with `stepping`'s A and σ; its exit tests (normal_variance) read `boundary`'s D.
  // Why two: the exponential step (sim/exponential_euler.hpp) is the Euler step of a model
  // with D̃ = Q_h/h, while the boundary corrections (Gobet–Menozzi shift, bridge) describe
  // the continuous diffusion's excursions between grid times, whose local variance is D.
  FixedLinearGaussianModel(const LinearGaussianModel& stepping, const LinearGaussianModel& boundary)
      : max_normal_variance_(boundary.max_normal_variance()) {
    for (int i = 0; i < Dim; ++i)
      for (int j = 0; j < Dim; ++j) {
        a_[i * Dim + j] = stepping.drift_matrix()(i, j);
        s_[i * Dim + j] = stepping.sigma_matrix()(i, j);
        d_[i * Dim + j] = boundary.diffusion_matrix()(i, j);
      }
  }

  static constexpr int dimension() { return Dim; }
  double max_normal_variance() const { return max_normal_variance_; }

  void drift(const double* x, double* out) const { linear_gaussian::drift(a_.data(), Dim, x, out); }
  void apply_sigma(const double*, const double* z, double* out) const {
    linear_gaussian::apply_sigma(s_.data(), Dim, z, out);
  }
  double normal_variance(const double*, const double* n) const {
    return linear_gaussian::normal_variance(d_.data(), Dim, n);
  }

 private:
  std::array<double, Dim * Dim> a_{}, s_{}, d_{};
  double max_normal_variance_;
};

}  // namespace ldv
