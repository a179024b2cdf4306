#pragma once
// The model of a run: drift b, diffusion factor σ (D = σσᵀ), optional loss.
// One value type over the built-in kinds (a closed std::variant, so the
// Monte Carlo kernel is compiled once per kind and dispatched once per run,
// not once per step) plus CustomModel for user callables.
//
// Each kind owns its math in its own header (ModelKind below lists what it
// provides); Model only checks the point's dimension and dispatches. Adding a
// kind touches its header, the Variant and the spec parser (spec_parser.cpp).
#include <concepts>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "ldv/core/linalg.hpp"
#include "ldv/models/custom.hpp"
#include "ldv/models/linear.hpp"
#include "ldv/models/maier_stein.hpp"
#include "ldv/models/quadratic.hpp"
#include "ldv/models/two_well.hpp"

namespace ldv {

// What every kind of model provides. The raw-array members are the exit kernel's
// hot loop; the Vector ones serve the path methods and the checks.
template <class M>
concept ModelKind = requires(const M& m, const double* x, const double* z, double* out, const Vector& v) {
  { m.kind() } -> std::convertible_to<std::string_view>;  // "quadratic", ... or the custom name
  { m.dimension() } -> std::convertible_to<int>;
  { m.drift(x, out) };                                      // out = b(x)
  { m.drift_jacobian(v) } -> std::convertible_to<Matrix>;  // ∂b_i/∂x_j at v
  { m.loss(v) } -> std::convertible_to<std::optional<double>>;  // L with b = −∇L, if the kind has one
  { m.apply_sigma(x, z, out) };                             // out = σ(x) z
  { m.normal_variance(x, z) } -> std::convertible_to<double>;  // zᵀ D(x) z
  { m.max_normal_variance() } -> std::convertible_to<double>;  // a bound of the above over unit z and all x
  { m.constant_diffusion() } -> std::convertible_to<bool>;     // D independent of x
};

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
  // True when b(x) = −A x (quadratic, linear): the exponential step is then the exact
  // transition (sim/exponential_euler.hpp).
  bool linear_drift() const;
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
