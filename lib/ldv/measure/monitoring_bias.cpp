#include "ldv/measure/monitoring_bias.hpp"

#include <chrono>
#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/exit/exit_time.hpp"
#include "ldv/models/quadratic.hpp"
#include "ldv/reference/discrete_dynkin.hpp"
#include "ldv/reference/ou_exit_time.hpp"
#include "ldv/stats/interval_policy.hpp"

namespace ldv::measure {
namespace {

std::vector<double> expansion_row(double h, int terms) {
  std::vector<double> row;
  for (int k = 0; k < terms; ++k) row.push_back(std::pow(h, 0.5 * k));  // 1, √h, h, h^{3/2}, h²
  return row;
}

stats::WeightedFit fit_expansion(const std::vector<double>& steps, const std::vector<double>& errors,
                                 const std::vector<double>& sigma, int terms) {
  std::vector<std::vector<double>> rows;
  for (double h : steps) rows.push_back(expansion_row(h, terms));
  return stats::weighted_least_squares(rows, errors, sigma);
}

double exact_exit_time(const MonitoringCase& c, double radius) {
  return reference::mean_exit_time_ball({c.curvature, c.eps, c.noise}, c.dimension, radius, 0.0);
}

// The estimator's exact mean: the chain on the ball (discrete) or on the ball shrunk by the
// Gobet–Menozzi shift c₀ s √(εh), constant for isotropic constant noise (exit/estimator.hpp).
double exact_estimator_mean(const MonitoringCase& c, ExitEstimator estimator, double step) {
  const double shift =
      estimator == ExitEstimator::gobet_menozzi ? gobet_menozzi_constant() * c.noise * std::sqrt(c.eps * step) : 0.0;
  return reference::discrete_mean_exit_time_ball({c.curvature, c.eps, c.noise, step}, c.dimension, c.radius - shift,
                                                 0.0)
      .mean;
}

MonitoringSeries measure_series(const MonitoringCase& c, ExitEstimator estimator, const std::vector<double>& steps,
                                double exit_time, std::uint64_t paths, std::uint64_t seed, int threads) {
  MonitoringSeries s;
  s.estimator = estimator;
  const Vector center = Vector::Zero(c.dimension);
  const Matrix identity = Matrix::Identity(c.dimension, c.dimension);
  const Model model(QuadraticModel(c.curvature * identity, c.noise * c.noise * identity, "matrix"));
  std::vector<double> errors, sigma, exact_errors;
  std::vector<double> warned_steps;  // rungs the exit module calls valid but not small (exit_time.hpp)
  std::string first_warning;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const ExitTimeProblem problem{model, Ball(center, c.radius), center, c.eps, steps[i], 1e12, estimator};
    // Rung i draws key (seed·1009 + i): independent rungs; both estimators share a rung's increments.
    const ExitTimeResult r = estimate_exit_time(problem, {paths, seed * 1009u + i, threads, 0.95, false});
    if (!r.warnings.empty()) {
      warned_steps.push_back(steps[i]);
      if (first_warning.empty()) first_warning = r.warnings.front();
    }
    MonitoringLevel level{steps[i], r.estimate.mean, r.estimate.std_error, exact_estimator_mean(c, estimator, steps[i])};
    errors.push_back(level.mean - exit_time);
    sigma.push_back(level.std_error);
    exact_errors.push_back(level.exact - exit_time);
    s.levels.push_back(level);
  }
  s.fit = fit_expansion(steps, errors, sigma, 4);
  const stats::WeightedFit exact4 = fit_expansion(steps, exact_errors, sigma, 4);
  const stats::WeightedFit exact5 = fit_expansion(steps, exact_errors, sigma, 5);
  s.exact_fit = exact4.coefficients;
  const std::string name = to_string(estimator);
  const std::string method = fmt::format(
      "e(h) = E_h − E[τ] = a₀ + a₁√h + a₂h + a₃h^(3/2) fitted to Monte Carlo means at {} steps h = {:.4g} … {:.4g}, "
      "{} paths each, against the exact E[τ] = {:.8g}; fit-model error = change of the coefficient when h² is added, "
      "on the estimator's exact means (Nyström)",
      steps.size(), steps.front(), steps.back(), paths, exit_time);
  // Large steps are on the ladder on purpose: the fitted expansion models them, and the same fit
  // of the exact values shows how much the coefficients depend on them. Say so, with the warning.
  const std::string warned =
      warned_steps.empty() ? std::string()
                           : fmt::format("; the exit module warned at h = {:.4g} (first: \"{}\"), kept on purpose: the "
                                         "expansion's higher terms model large steps",
                                         fmt::join(warned_steps, ", "), first_warning);
  s.constant = stats::fitted_coefficient(fmt::format("a₀, error at h → 0, {}, {}", name, c.label), s.fit, 0,
                                         std::abs(exact5.coefficients[0] - exact4.coefficients[0]), method + warned);
  s.root_coefficient = stats::fitted_coefficient(fmt::format("a₁, coefficient of √h in the error, {}, {}", name, c.label),
                                                 s.fit, 1, std::abs(exact5.coefficients[1] - exact4.coefficients[1]),
                                                 method + warned);
  s.linear_coefficient = stats::fitted_coefficient(fmt::format("a₂, coefficient of h in the error, {}, {}", name, c.label),
                                                   s.fit, 2, std::abs(exact5.coefficients[2] - exact4.coefficients[2]),
                                                   method + warned);
  return s;
}

}  // namespace

MonitoringBias measure_monitoring_bias(const MonitoringCase& c, const std::vector<double>& steps, std::uint64_t paths,
                                       std::uint64_t seed, int threads) {
  if (c.dimension < 1) throw_invalid(fmt::format("{}: dimension = {} must be >= 1", c.label, c.dimension));
  require_positive(c.label + ": curvature λ", c.curvature);
  require_positive(c.label + ": noise s", c.noise);
  require_positive(c.label + ": radius r", c.radius);
  require_positive(c.label + ": ε", c.eps);
  if (steps.size() < 5) throw_invalid(fmt::format("{}: the step ladder needs at least 5 steps, got {}", c.label, steps.size()));
  for (double h : steps) require_positive(c.label + ": step h", h);
  const auto start = std::chrono::steady_clock::now();
  MonitoringBias out;
  out.monitoring_case = c;
  out.exit_time = exact_exit_time(c, c.radius);
  // ∂E[τ]/∂r by a central difference of the exact reference: step 1e-4 r, error O(1e-8 r²)
  // relative (E is smooth in r), far below the Monte Carlo resolution of a₁.
  const double dr = 1e-4 * c.radius;
  const double slope = (exact_exit_time(c, c.radius + dr) - exact_exit_time(c, c.radius - dr)) / (2 * dr);
  out.predicted_root_coefficient = gobet_menozzi_constant() * c.noise * std::sqrt(c.eps) * slope;
  out.discrete = measure_series(c, ExitEstimator::discrete, steps, out.exit_time, paths, seed, threads);
  out.gobet_menozzi = measure_series(c, ExitEstimator::gobet_menozzi, steps, out.exit_time, paths, seed, threads);
  out.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace ldv::measure
