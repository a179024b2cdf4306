#include "kit_regularizer.hpp"

#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "check_kit.hpp"

namespace ldv::checks {
namespace {

void require_two_by_two(const char* what, const Matrix& m) {
  if (m.rows() != 2 || m.cols() != 2) throw_invalid(fmt::format("{} must be 2 × 2, got {} × {}", what, m.rows(), m.cols()));
}

// b = −Mx − β|x|²x, written into out.
void cubic_drift(const Matrix& m, double beta, const double* x, double* out) {
  const double r2 = x[0] * x[0] + x[1] * x[1];
  out[0] = -(m(0, 0) * x[0] + m(0, 1) * x[1]) - beta * r2 * x[0];
  out[1] = -(m(1, 0) * x[0] + m(1, 1) * x[1]) - beta * r2 * x[1];
}

CustomModel::SigmaFunction constant_sigma(const Matrix& diffusion) {
  const Matrix l = require_spd_cholesky("diffusion D", diffusion);
  return [l](const double*, double* s) {
    s[0] = l(0, 0), s[1] = l(0, 1), s[2] = l(1, 0), s[3] = l(1, 1);
  };
}

}  // namespace

Model quartic_loss_constant_noise(const Matrix& hessian, double beta, const Matrix& diffusion) {
  require_two_by_two("hessian H", hessian);
  require_two_by_two("diffusion D", diffusion);
  require_spd_cholesky("hessian H", hessian);
  if (!(beta >= 0.0)) throw_invalid(fmt::format("quartic coefficient β = {} must be >= 0", beta));
  return Model(CustomModel(2, [hessian, beta](const double* x, double* b) { cubic_drift(hessian, beta, x, b); },
                           constant_sigma(diffusion),
                           fmt::format("f = ½xᵀHx + β|x|⁴/4, β = {}, H = {}, D = {}", beta, matrix_text(hessian),
                                       matrix_text(diffusion))));
}

Model quartic_loss_turning_noise(const Matrix& hessian, double beta, double major, double minor, double turn) {
  require_two_by_two("hessian H", hessian);
  require_spd_cholesky("hessian H", hessian);
  if (!(beta >= 0.0)) throw_invalid(fmt::format("quartic coefficient β = {} must be >= 0", beta));
  if (!(major > 0.0 && minor > 0.0 && std::isfinite(major) && std::isfinite(minor)))
    throw_invalid(fmt::format("noise variances {} and {} must be positive and finite", major, minor));
  const double a = std::sqrt(major), c = std::sqrt(minor);
  return Model(CustomModel(2, [hessian, beta](const double* x, double* b) { cubic_drift(hessian, beta, x, b); },
                           [a, c, turn](const double* x, double* s) {
                             const double co = std::cos(turn * x[0]), si = std::sin(turn * x[0]);
                             s[0] = co * a, s[1] = -si * c, s[2] = si * a, s[3] = co * c;  // R diag(√major, √minor)
                           },
                           fmt::format("f = ½xᵀHx + β|x|⁴/4, β = {}, H = {}, D(x) = R(a x₁) diag({}, {}) Rᵀ, a = {}", beta,
                                       matrix_text(hessian), major, minor, turn)));
}

Model nongradient_cubic(const Matrix& drift_matrix, double beta, const Matrix& diffusion) {
  require_two_by_two("drift matrix A", drift_matrix);
  require_two_by_two("diffusion D", diffusion);
  require_spd_cholesky("A + Aᵀ (b·x < 0 away from O)", drift_matrix + drift_matrix.transpose());
  if (!(beta >= 0.0)) throw_invalid(fmt::format("cubic coefficient β = {} must be >= 0", beta));
  return Model(CustomModel(2, [drift_matrix, beta](const double* x, double* b) { cubic_drift(drift_matrix, beta, x, b); },
                           constant_sigma(diffusion),
                           fmt::format("b = −Ax − β|x|²x, β = {}, A = {}, D = {}", beta, matrix_text(drift_matrix),
                                       matrix_text(diffusion))));
}

LadderBudget custom_model_ladder_budget(verify::Profile profile) {
  if (profile == verify::Profile::quick) return {2000, {3.0, 3.75, 4.5, 5.25, 6.0}, 0.02};
  return {20000, {3.0, 4.0, 5.0, 6.0, 7.0, 8.0}, 0.005};
}

quasipotential::ExitBarrier gmam_exit_barrier(const Model& model, const Vector& centre, double radius) {
  quasipotential::ExitBarrierSettings settings;
  settings.method = quasipotential::BarrierMethod::gmam;
  settings.linearisation_directions = false;
  quasipotential::ExitBarrier out = quasipotential::exit_barrier(model, centre, radius, settings);
  if (!out.converged)
    throw NumericalFailure(fmt::format("{}: geometric-MAM exit barrier did not converge: {}", model.kind(), out.stop_reason));
  return out;
}

GmamBarrier measure_gmam_barrier(const verify::CheckContext& context, const Model& model, const Vector& centre,
                                 double radius, double largest_rate, const LadderBudget& budget,
                                 const std::string& label, const std::string& salt) {
  GmamBarrier out;
  out.first_principles = gmam_exit_barrier(model, centre, radius);
  const double v0 = out.first_principles.barrier;
  // The budget's whole ladder: direct levels, and PDE or splitting levels where it has them (the full profile).
  out.measured = measure_budget_barrier(budget, model, centre, radius, largest_rate, v0,
                                        derived_seed(context.seed, salt), context.threads, false, label);
  return out;
}

}  // namespace ldv::checks

namespace ldv::checks {

Model quartic_loss_1d_sine_noise(double amplitude) {
  if (!(amplitude >= 0.0 && amplitude < 1.0))
    throw_invalid(fmt::format("noise amplitude {} must be in [0, 1) (D = 1 + amplitude sin 2x > 0)", amplitude));
  return Model(CustomModel(
      1, [](const double* x, double* b) { b[0] = -x[0] - x[0] * x[0] * x[0]; },
      [amplitude](const double* x, double* s) { s[0] = std::sqrt(1.0 + amplitude * std::sin(2 * x[0])); },
      fmt::format("f = x²/2 + x⁴/4, D(x) = 1 + {} sin 2x", amplitude)));
}

}  // namespace ldv::checks

namespace ldv::checks {

reference::FiniteSumLeastSquares synthetic_least_squares() {
  constexpr int n = 20;
  Matrix features(n, 2);
  Vector targets(n);
  for (int i = 1; i <= n; ++i) {
    features.row(i - 1) << 1 + 0.5 * std::cos(2.1 * i), 0.8 * std::sin(1.3 * i) + 0.3 * std::cos(0.7 * i);
    targets(i - 1) = features(i - 1, 0) - 0.5 * features(i - 1, 1) + 0.6 * std::sin(3.7 * i);
  }
  return reference::FiniteSumLeastSquares(features, targets);
}

}  // namespace ldv::checks
