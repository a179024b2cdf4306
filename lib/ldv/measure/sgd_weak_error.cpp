#include "ldv/measure/sgd_weak_error.hpp"

#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/stats/interval_policy.hpp"

namespace ldv::measure {
namespace {

double mean_of_g(const Matrix& z, const Vector& minimiser) {  // E|x − x*|² = tr Cov + |E x − x*|²
  return reference::moment_covariance(z).trace() + (reference::moment_mean(z) - minimiser).squaredNorm();
}

}  // namespace

double diffusion_covariance_rate(const reference::FiniteSumLeastSquares& loss, const Vector& start, double horizon) {
  constexpr double kappa = 1e-6;
  const double one = reference::moment_covariance(loss.diffusion_moments(start, kappa, horizon)).trace() / kappa;
  const double two = reference::moment_covariance(loss.diffusion_moments(start, 2 * kappa, horizon)).trace() / (2 * kappa);
  return 2 * one - two;
}

SgdWeakError measure_sgd_weak_error(const reference::FiniteSumLeastSquares& loss, const SgdWeakErrorSettings& s,
                                    const std::string& name) {
  if (s.steps.size() < 3) throw_invalid(fmt::format("SGD weak error: {} step counts given, at least 3 expected", s.steps.size()));
  for (std::size_t j = 0; j < s.steps.size(); ++j)
    if (s.steps[j] < 1 || (j > 0 && s.steps[j] <= s.steps[j - 1]))
      throw_invalid(fmt::format("SGD weak error: step counts must be positive and increasing (K = {} at position {})", s.steps[j], j));
  if (!(s.horizon > 0.0 && std::isfinite(s.horizon))) throw_invalid(fmt::format("SGD weak error: horizon {} must be positive", s.horizon));
  const double c = loss.batch_factor(s.batch, s.sampling);
  const Vector minimiser = loss.minimiser();
  SgdWeakError w;
  for (int k : s.steps) {
    const double eta = s.horizon / k;
    const Matrix sgd = loss.sgd_moments(s.start, eta, k, s.batch, s.sampling);
    const Matrix sde = loss.diffusion_moments(s.start, c * eta, s.horizon);
    w.eta.push_back(eta);
    w.mean_error.push_back(std::abs(mean_of_g(sgd, minimiser) - mean_of_g(sde, minimiser)));
    w.covariance_rate.push_back(reference::moment_covariance(sgd).trace() / eta);
  }
  const std::size_t j = w.eta.size() - 1;
  const auto slope = [&](std::size_t a, std::size_t b) {
    return std::log(w.mean_error[a] / w.mean_error[b]) / std::log(w.eta[a] / w.eta[b]);
  };
  const double order = slope(j - 1, j), previous = slope(j - 2, j - 1);
  w.mean_order = stats::normal_estimate(
      "weak order of E|x − x*|², " + name, order, 0.0, std::abs(order - previous) + 1e-12,
      fmt::format("slope of log|E g(x_K) − E g(X_T)| in log η between the two smallest η (the next pair gives {:.4f}; the "
                  "change is the systematic); exact moments, diffusion with κ = {:.4g}·η",
                  previous, c));
  const std::vector<double> e = {w.eta[j - 2], w.eta[j - 1], w.eta[j]};
  const std::vector<double> r = {w.covariance_rate[j - 2], w.covariance_rate[j - 1], w.covariance_rate[j]};
  const double quadratic = r[0] * e[1] * e[2] / ((e[0] - e[1]) * (e[0] - e[2])) + r[1] * e[0] * e[2] / ((e[1] - e[0]) * (e[1] - e[2])) +
                           r[2] * e[0] * e[1] / ((e[2] - e[0]) * (e[2] - e[1]));
  const double linear = (r[2] * e[1] - r[1] * e[2]) / (e[1] - e[2]);
  w.covariance_rate_limit = stats::normal_estimate(
      "lim η→0 of tr Cov(x_K)/η, " + name, quadratic, 0.0, std::abs(quadratic - linear) + 1e-12,
      fmt::format("tr Cov(x_K)/η at η = {:.4g}, {:.4g}, {:.4g} ({:.6g}, {:.6g}, {:.6g}), quadratic extrapolation to η = 0; "
                  "systematic = change from the linear one; exact moments",
                  e[0], e[1], e[2], r[0], r[1], r[2]));
  return w;
}

}  // namespace ldv::measure
