#pragma once
// A model given by user callables, for library users whose drift or diffusion is
// not one of the built-in kinds. Slower than the built-ins (one std::function
// call per evaluation) but runs through the same simulation and estimators.
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "ldv/core/linalg.hpp"

namespace ldv {

class CustomModel {
 public:
  // drift(x, b): write b(x) into b[0..d). sigma(x, s): write σ(x) row-major into
  // s[0..d*d); D = σσᵀ must be SPD wherever the process goes. Both are called
  // concurrently from the Monte Carlo worker threads, so they must be thread-safe
  // (pure functions of x are).
  using DriftFunction = std::function<void(const double* x, double* b)>;
  using SigmaFunction = std::function<void(const double* x, double* sigma_row_major)>;

  CustomModel(int dimension, DriftFunction drift, SigmaFunction sigma, std::string name = "custom");

  int dimension() const { return dimension_; }
  const std::string& name() const { return name_; }
  std::string_view kind() const { return name_; }  // the name given, "custom" by default

  void drift(const double* x, double* out) const { drift_(x, out); }
  // ∂b/∂x by central differences of the drift callable (no derivative is given).
  Matrix drift_jacobian(const Vector& x) const;
  // No loss callable is given, and D may depend on x for all the model knows.
  std::optional<double> loss(const Vector& /*x*/) const { return std::nullopt; }
  static constexpr bool constant_diffusion() { return false; }
  void sigma(const double* x, double* out) const { sigma_(x, out); }
  void apply_sigma(const double* x, const double* z, double* out) const;
  double normal_variance(const double* x, const double* n) const;  // |σ(x)ᵀ n|²
  // No bound is known for user callables, so the exit kernel never skips a correction.
  double max_normal_variance() const { return std::numeric_limits<double>::infinity(); }

 private:
  int dimension_;
  DriftFunction drift_;
  SigmaFunction sigma_;
  std::string name_;
};

}  // namespace ldv
