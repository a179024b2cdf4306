#include "ldv/models/custom.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <vector>

#include "ldv/core/error.hpp"

namespace ldv {

CustomModel::CustomModel(int dimension, DriftFunction drift, SigmaFunction sigma, std::string name)
    : dimension_(dimension), drift_(std::move(drift)), sigma_(std::move(sigma)), name_(std::move(name)) {
  if (dimension_ < 1) throw_invalid(fmt::format("custom model dimension = {} must be at least 1", dimension_));
  if (!drift_) throw_invalid("custom model needs a drift function");
  if (!sigma_) throw_invalid("custom model needs a sigma function");
}

Matrix CustomModel::drift_jacobian(const Vector& x) const {
  // Central differences, step ∝ cbrt(machine ε) × scale: O(h²) truncation
  // balanced against O(ε/h) rounding (≈ 1e-10 relative for smooth b).
  const int d = dimension_;
  Matrix j(d, d);
  Vector plus(d), minus(d), shifted = x;
  for (int k = 0; k < d; ++k) {
    const double h = 6.0e-6 * std::max(1.0, std::abs(x(k)));
    shifted(k) = x(k) + h;
    drift(shifted.data(), plus.data());
    shifted(k) = x(k) - h;
    drift(shifted.data(), minus.data());
    shifted(k) = x(k);
    j.col(k) = (plus - minus) / (2.0 * h);
  }
  return j;
}

void CustomModel::apply_sigma(const double* x, const double* z, double* out) const {
  thread_local std::vector<double> s;
  s.resize(static_cast<std::size_t>(dimension_ * dimension_));
  sigma_(x, s.data());
  for (int i = 0; i < dimension_; ++i) {
    double sum = 0.0;
    for (int j = 0; j < dimension_; ++j) sum += s[static_cast<std::size_t>(i * dimension_ + j)] * z[j];
    out[i] = sum;
  }
}

double CustomModel::normal_variance(const double* x, const double* n) const {
  thread_local std::vector<double> s;
  s.resize(static_cast<std::size_t>(dimension_ * dimension_));
  sigma_(x, s.data());
  double total = 0.0;
  for (int j = 0; j < dimension_; ++j) {  // (σᵀ n)_j = Σ_i σ_ij n_i
    double component = 0.0;
    for (int i = 0; i < dimension_; ++i) component += s[static_cast<std::size_t>(i * dimension_ + j)] * n[i];
    total += component * component;
  }
  return total;
}

}  // namespace ldv
