#include "ldv/sim/step_stability.hpp"

#include <Eigen/Eigenvalues>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <type_traits>
#include <variant>

#include "ldv/core/error.hpp"

namespace ldv {
namespace {

// ρ(J) = s ρ(J/s), s = max |J_ij|: the eigen-solver then never sees entries near
// overflow (a Hessian of 1e308 must give ρ = 1e308, not inf or NaN).
double spectral_radius(const Matrix& j) {
  const double scale = j.cwiseAbs().maxCoeff();
  if (!std::isfinite(scale)) return std::numeric_limits<double>::infinity();
  if (scale == 0.0) return 0.0;
  const Matrix scaled = j / scale;
  return scale * Eigen::EigenSolver<Matrix>(scaled, false).eigenvalues().cwiseAbs().maxCoeff();
}

bool is_linear(const Model& model) {
  return model.visit([](const auto& m) { return std::is_base_of_v<LinearGaussianModel, std::decay_t<decltype(m)>>; });
}
bool is_custom(const Model& model) { return std::holds_alternative<CustomModel>(model.variant()); }

}  // namespace

double drift_spectral_radius(const Model& model, const std::vector<Vector>& points) {
  if (is_linear(model)) return spectral_radius(model.drift_jacobian(Vector::Zero(model.dimension())));
  double largest = 0.0;
  for (const Vector& x : points) largest = std::max(largest, spectral_radius(model.drift_jacobian(x)));
  return largest;
}

void check_euler_step(const Model& model, const std::vector<Vector>& points, double step, const std::string& where,
                      std::vector<std::string>& warnings) {
  const double rho = drift_spectral_radius(model, points);
  const double h_rho = step * rho;
  const std::string radius =
      is_linear(model)  ? fmt::format("ρ(∇b) = {:.6g}, the spectral radius of the constant drift Jacobian", rho)
      : is_custom(model) ? fmt::format("ρ(∇b) ≈ {:.6g}, the spectral radius of the drift Jacobian estimated by finite "
                                      "differences at {}",
                                      rho, where)
                         : fmt::format("ρ(∇b) = {:.6g}, the largest spectral radius of the drift Jacobian at {}", rho,
                                       where);
  if (!(h_rho < kUnstableStepTimesRate) && !is_custom(model))
    throw_invalid(fmt::format("step h = {} is too large for the explicit Euler scheme: h·ρ(∇b) = {:.6g} >= {} with {}, "
                              "so the scheme does not relax towards the attractor as the process does; expected "
                              "h < {:.6g} (h <= {:.6g} for an accurate scheme)",
                              step, h_rho, kUnstableStepTimesRate, radius, kUnstableStepTimesRate / rho,
                              kAccurateStepTimesRate / rho));
  if (!(h_rho < kUnstableStepTimesRate))  // custom models only: not refused, see the header
    warnings.push_back(fmt::format("step h = {} gives h·ρ(∇b) ≈ {:.6g} >= {} with {}: beyond the stability limit of "
                                   "the explicit Euler scheme, which then does not relax as the process does; "
                                   "h <= {:.6g} keeps h·ρ(∇b) <= {}",
                                   step, h_rho, kUnstableStepTimesRate, radius, kAccurateStepTimesRate / rho,
                                   kAccurateStepTimesRate));
  else if (h_rho > kAccurateStepTimesRate)
    warnings.push_back(fmt::format("step h = {} gives h·ρ(∇b) = {:.6g} > {} with {}: the Euler scheme's error is not "
                                   "small (for a real rate ρ its stationary variance along that eigenvector is "
                                   "1/(1 − hρ/2) = {:.3g} times the process's); h <= {:.6g} keeps h·ρ(∇b) <= {}",
                                   step, h_rho, kAccurateStepTimesRate, radius, 1.0 / (1.0 - 0.5 * h_rho),
                                   kAccurateStepTimesRate / rho, kAccurateStepTimesRate));
}

}  // namespace ldv
