#pragma once
// The model of a run: drift b, diffusion factor σ (D = σσᵀ), optional loss.
// One value type over the built-in kinds (a closed std::variant, so the
// Monte Carlo kernel is compiled once per kind and dispatched once per run,
// not once per step) plus CustomModel for user callables.
#include <optional>
#include <string>
#include <variant>

#include "ldv/core/linalg.hpp"
#include "ldv/models/custom.hpp"
#include "ldv/models/linear_gaussian.hpp"
#include "ldv/models/two_well.hpp"

namespace ldv {

class Model {
 public:
  using Variant = std::variant<QuadraticModel, LinearModel, TwoWellModel, MaierSteinModel, CustomModel>;

  // `spec_json` is the canonical JSON spec the model came from (empty for models built in code).
  explicit Model(Variant variant, std::string spec_json = {});

  int dimension() const;
  std::string kind() const;  // "quadratic", "linear", "two_well", "maier_stein" or the custom name
  const std::string& spec_json() const { return spec_json_; }

  Vector drift(const Vector& x) const;
  Matrix sigma(const Vector& x) const;      // a factor with σσᵀ = D (lower Cholesky for constant D)
  Matrix diffusion(const Vector& x) const;  // D(x)
  // ∂b_i/∂x_j at x: exact for the built-in kinds (piecewise for two_well, whose ∇f
  // jumps across the unit circles), central differences for custom models.
  Matrix drift_jacobian(const Vector& x) const;
  // True when D does not depend on x (quadratic, linear, maier_stein): path methods
  // then skip the derivative of D.
  bool constant_diffusion() const;
  std::optional<double> loss(const Vector& x) const;  // for gradient models (b = −∇L); nullopt otherwise

  const Variant& variant() const { return variant_; }
  template <class Visitor>
  decltype(auto) visit(Visitor&& visitor) const {
    return std::visit(std::forward<Visitor>(visitor), variant_);
  }

 private:
  void require_dimension(const Vector& x) const;
  Variant variant_;
  std::string spec_json_;
};

}  // namespace ldv
