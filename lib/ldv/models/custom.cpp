#include "ldv/models/custom.hpp"

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
