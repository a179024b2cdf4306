#include "ldv/mlp/exit_step_sweep.hpp"

#include <Eigen/Eigenvalues>
#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "ldv/core/error.hpp"
#include "ldv/reference/gaussian_norm_tail.hpp"
#include "ldv/stats/interval_policy.hpp"

namespace ldv::mlp {
namespace {

Vector stationary_eigenvalues(const QuadraticModel& model, const SgdSetting& s) {
  const Matrix sigma = gaussian_stationary_covariance(model, {s.learning_rate, s.batch, 1.0, s.alpha, NoiseLaw::gaussian});
  return Eigen::SelfAdjointEigenSolver<Matrix>(sigma, Eigen::EigenvaluesOnly).eigenvalues();
}

}  // namespace

double gaussian_exit_rate(const QuadraticModel& model, const SgdSetting& setting) {
  return reference::gaussian_norm_tail_rate(stationary_eigenvalues(model, setting), setting.radius * setting.radius).rate;
}

double radius_for_gaussian_rate(const QuadraticModel& model, const SgdSetting& setting, double rate) {
  return std::sqrt(reference::gaussian_norm_tail_threshold(stationary_eigenvalues(model, setting), rate));
}

Estimate ExitStepSweep::slope(const std::string& name) const {
  const std::string method = fmt::format("weighted least squares of log E[steps] on {} over {} settings", variable,
                                         points.size());
  if (!fitted)
    return stats::normal_estimate(name, 0.0, std::numeric_limits<double>::infinity(), 0.0,
                                  method + "; some setting had every run censored: no bounded mean, no slope");
  return stats::fitted_coefficient(name, fit, 0, 0.0, method);
}

Estimate log_ratio_of_means(const std::string& name, const ExitSteps& a, const ExitSteps& b) {
  const stats::MeanEstimate ma = a.mean(0.95), mb = b.mean(0.95);
  const double sa = stats::log_mean_std_error(ma), sb = stats::log_mean_std_error(mb);
  const std::string method = fmt::format("log ratio of censored mean exit steps ({} and {} runs), σ² summed", ma.paths,
                                         mb.paths);
  if (!std::isfinite(ma.mean) || !std::isfinite(mb.mean) || !std::isfinite(sa) || !std::isfinite(sb))
    return stats::normal_estimate(name, 0.0, std::numeric_limits<double>::infinity(), 0.0, method + "; a mean is unbounded");
  return stats::normal_estimate(name, std::log(ma.mean) - std::log(mb.mean), std::hypot(sa, sb), 0.0, method);
}

double ExitStepSweep::gaussian_rate_slope() const {
  return (points.back().gaussian_rate - points.front().gaussian_rate) / (points.back().x - points.front().x);
}

ExitStepSweep sweep_exit_steps(const std::string& variable, const MlpLoss& loss, const QuadraticModel& model,
                               const Vector& theta0, const std::vector<double>& x,
                               const std::vector<SgdSetting>& settings, const std::vector<ExitRunSettings>& runs) {
  if (x.size() < 2 || settings.size() != x.size() || runs.size() != x.size())
    throw_invalid(fmt::format("exit-step sweep over {}: {} values, {} settings, {} run settings; expected >= 2 of each, "
                              "equally many", variable, x.size(), settings.size(), runs.size()));
  ExitStepSweep out;
  out.variable = variable;
  out.fitted = true;
  std::vector<std::vector<double>> rows;
  std::vector<double> y, sigma;
  for (std::size_t i = 0; i < x.size(); ++i) {
    SweepPoint p{x[i], settings[i], sgd_exit_steps(loss, theta0, settings[i], runs[i]), {}, 0.0};
    p.mean = p.steps.mean(0.95);
    p.gaussian_rate = gaussian_exit_rate(model, settings[i]);
    const double s = stats::log_mean_std_error(p.mean);
    if (!std::isfinite(p.mean.mean) || !std::isfinite(s) || !(s > 0.0)) out.fitted = false;
    rows.push_back({x[i], 1.0});
    y.push_back(std::log(p.mean.mean));
    sigma.push_back(s);
    out.points.push_back(std::move(p));
  }
  if (out.fitted) out.fit = stats::weighted_least_squares(rows, y, sigma);
  return out;
}

}  // namespace ldv::mlp
