#include "ldv/stats/regression.hpp"

#include <Eigen/Dense>
#include <cmath>
#include <fmt/format.h>
#include <string>
#include <tuple>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/stats/quantiles.hpp"

namespace ldv::stats {

// ---- weighted least squares ---------------------------------------------------------

double WeightedFit::std_error(int k) const {
  const int p = static_cast<int>(coefficients.size());
  if (k < 0 || k >= p)
    throw_invalid(fmt::format("coefficient index k = {} must lie in [0, {}]", k, p - 1));
  return std::sqrt(covariance[static_cast<std::size_t>(k) * static_cast<std::size_t>(p) +
                              static_cast<std::size_t>(k)]);
}

std::pair<double, double> WeightedFit::confidence_interval(int k, double confidence) const {
  require_open_interval("confidence", confidence, 0.0, 1.0);
  const double se = std_error(k);
  const double p = 0.5 * (1.0 + confidence);
  // Inflated by the residuals: the scale was estimated from dof residuals, hence Student-t;
  // otherwise the σ_i are taken at their word and the estimate is exactly normal.
  const double quantile = birge_ratio > 1.0 ? student_t_quantile(p, dof) : normal_quantile(p);
  const double centre = coefficients[static_cast<std::size_t>(k)];
  return {centre - quantile * se, centre + quantile * se};
}

namespace {

void validate_regression_input(const std::vector<std::vector<double>>& design_rows,
                               const std::vector<double>& y, const std::vector<double>& y_std_error) {
  const std::size_t n = design_rows.size();
  if (n == 0) throw_invalid("weighted_least_squares: design_rows is empty, need at least 1 row");
  const std::size_t p = design_rows.front().size();
  if (p == 0) throw_invalid("weighted_least_squares: design_rows[0] is empty, need at least 1 column");
  if (y.size() != n)
    throw_invalid(fmt::format("weighted_least_squares: y has {} values, expected {} (one per design row)",
                              y.size(), n));
  if (y_std_error.size() != n)
    throw_invalid(fmt::format(
        "weighted_least_squares: y_std_error has {} values, expected {} (one per design row)",
        y_std_error.size(), n));
  if (n < p)
    throw_invalid(fmt::format("weighted_least_squares: {} data points cannot determine {} coefficients",
                              n, p));
  for (std::size_t i = 0; i < n; ++i) {
    if (design_rows[i].size() != p)
      throw_invalid(fmt::format("weighted_least_squares: design_rows[{}] has {} columns, expected {}", i,
                                design_rows[i].size(), p));
    for (std::size_t j = 0; j < p; ++j)
      require_finite(fmt::format("design_rows[{}][{}]", i, j), design_rows[i][j]);
    require_finite(fmt::format("y[{}]", i), y[i]);
    require_positive(fmt::format("y_std_error[{}]", i), y_std_error[i]);
  }
}

}  // namespace

WeightedFit weighted_least_squares(const std::vector<std::vector<double>>& design_rows,
                                   const std::vector<double>& y, const std::vector<double>& y_std_error) {
  validate_regression_input(design_rows, y, y_std_error);
  const Eigen::Index n = static_cast<Eigen::Index>(design_rows.size());
  const Eigen::Index p = static_cast<Eigen::Index>(design_rows.front().size());

  // Whitening each row by 1/σ_i turns the weighted problem into ordinary least squares
  // min |Aβ − b|², solved by column-pivoting Householder QR (A P = Q R): no normal equations,
  // so the conditioning is that of A, not its square.
  Eigen::MatrixXd whitened_design(n, p);
  Eigen::VectorXd whitened_y(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double weight = 1.0 / y_std_error[static_cast<std::size_t>(i)];
    for (Eigen::Index j = 0; j < p; ++j)
      whitened_design(i, j) = weight * design_rows[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
    whitened_y(i) = weight * y[static_cast<std::size_t>(i)];
  }
  const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(whitened_design);
  if (qr.rank() < p)
    throw_invalid(fmt::format(
        "weighted_least_squares: the design has rank {} < {} coefficients (collinear columns or "
        "repeated abscissae)",
        qr.rank(), p));
  const Eigen::VectorXd beta = qr.solve(whitened_y);

  // (AᵀA)⁻¹ = P R⁻¹ R⁻ᵀ Pᵀ.
  const Eigen::MatrixXd r = qr.matrixR().topLeftCorner(p, p).triangularView<Eigen::Upper>();
  const Eigen::MatrixXd r_inverse =
      r.triangularView<Eigen::Upper>().solve(Eigen::MatrixXd::Identity(p, p));
  Eigen::MatrixXd covariance = qr.colsPermutation() * (r_inverse * r_inverse.transpose()) *
                               qr.colsPermutation().transpose();

  WeightedFit fit;
  fit.chi_squared = (whitened_design * beta - whitened_y).squaredNorm();
  fit.dof = static_cast<int>(n - p);
  fit.birge_ratio = fit.dof > 0 ? std::sqrt(fit.chi_squared / fit.dof) : 1.0;
  // Birge (1932): residuals larger than the stated errors mean the σ_i were understated by
  // about this ratio; never shrink them when the residuals are small (that would be luck).
  if (fit.birge_ratio > 1.0) covariance *= fit.birge_ratio * fit.birge_ratio;

  fit.coefficients.assign(beta.data(), beta.data() + p);
  fit.covariance.resize(static_cast<std::size_t>(p * p));
  for (Eigen::Index i = 0; i < p; ++i)
    for (Eigen::Index j = 0; j < p; ++j) fit.covariance[static_cast<std::size_t>(i * p + j)] = covariance(i, j);
  return fit;
}

// ---- Arrhenius / Freidlin–Wentzell fit -------------------------------------------------

double log_mean_std_error(const MeanEstimate& estimate) {
  // The interval of E[τ] maps to an interval of log E[τ]; read its width as ±z σ.
  const double z = normal_quantile(0.5 * (1.0 + estimate.confidence));
  return (std::log(estimate.ci_high) - std::log(estimate.ci_low)) / (2.0 * z);
}

ArrheniusFit fit_arrhenius(const std::vector<double>& eps, const std::vector<MeanEstimate>& means,
                           double confidence, bool with_log_eps_term) {
  require_open_interval("confidence", confidence, 0.0, 1.0);
  if (means.size() != eps.size())
    throw_invalid(fmt::format("fit_arrhenius: {} mean estimates for {} values of eps, expected one each",
                              means.size(), eps.size()));
  const std::size_t coefficients = with_log_eps_term ? 3 : 2;
  if (eps.size() < coefficients)
    throw_invalid(fmt::format("fit_arrhenius: {} points cannot determine {} coefficients (V0{}, b)",
                              eps.size(), coefficients, with_log_eps_term ? ", a" : ""));

  std::vector<std::vector<double>> design;
  std::vector<double> log_mean, log_std_error;
  for (std::size_t i = 0; i < eps.size(); ++i) {
    const MeanEstimate& m = means[i];
    require_positive(fmt::format("eps[{}]", i), eps[i]);
    require_positive(fmt::format("means[{}].mean", i), m.mean);
    require_positive(fmt::format("means[{}].ci_low", i), m.ci_low);
    require_positive(fmt::format("means[{}].ci_high", i), m.ci_high);
    require_open_interval(fmt::format("means[{}].confidence", i), m.confidence, 0.0, 1.0);
    if (!(m.ci_high > m.ci_low))
      throw_invalid(fmt::format("means[{}]: ci_high = {} must exceed ci_low = {}", i, m.ci_high, m.ci_low));
    log_std_error.push_back(log_mean_std_error(m));
    log_mean.push_back(std::log(m.mean));
    if (with_log_eps_term)
      design.push_back({1.0 / eps[i], std::log(eps[i]), 1.0});
    else
      design.push_back({1.0 / eps[i], 1.0});
  }

  ArrheniusFit result;
  result.fit = weighted_least_squares(design, log_mean, log_std_error);
  result.confidence = confidence;
  result.with_log_eps_term = with_log_eps_term;
  result.barrier = result.fit.coefficients[0];
  std::tie(result.barrier_ci_low, result.barrier_ci_high) = result.fit.confidence_interval(0, confidence);
  if (with_log_eps_term) {
    result.log_eps_coefficient = result.fit.coefficients[1];
    std::tie(result.log_eps_ci_low, result.log_eps_ci_high) = result.fit.confidence_interval(1, confidence);
  }
  result.intercept = result.fit.coefficients.back();
  return result;
}

// ---- empirical convergence order ---------------------------------------------------------

ConvergenceOrder fit_convergence_order(const std::vector<double>& steps, const std::vector<double>& errors,
                                       const std::vector<double>& error_std_errors, double confidence) {
  require_open_interval("confidence", confidence, 0.0, 1.0);
  if (errors.size() != steps.size() || error_std_errors.size() != steps.size())
    throw_invalid(fmt::format(
        "fit_convergence_order: {} steps, {} errors and {} error_std_errors, expected equal counts",
        steps.size(), errors.size(), error_std_errors.size()));
  if (steps.size() < 2)
    throw_invalid(fmt::format("fit_convergence_order: {} step(s) cannot determine an order and a constant",
                              steps.size()));

  std::vector<std::vector<double>> design;
  std::vector<double> log_error, log_std_error;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    require_positive(fmt::format("steps[{}]", i), steps[i]);
    require_finite(fmt::format("errors[{}]", i), errors[i]);
    require_positive(fmt::format("error_std_errors[{}]", i), error_std_errors[i]);
    const double magnitude = std::abs(errors[i]);
    // Below 2 se the sign and size of the error are noise: log|e| would be meaningless.
    if (magnitude < 2.0 * error_std_errors[i])
      throw_invalid(fmt::format(
          "fit_convergence_order: the error at step h = {} is unresolved: |{}| < 2 x its std error {}; "
          "use more paths or drop this step",
          steps[i], errors[i], error_std_errors[i]));
    design.push_back({1.0, std::log(steps[i])});
    log_error.push_back(std::log(magnitude));
    log_std_error.push_back(error_std_errors[i] / magnitude);  // delta method
  }

  ConvergenceOrder result;
  result.fit = weighted_least_squares(design, log_error, log_std_error);
  result.confidence = confidence;
  result.log_constant = result.fit.coefficients[0];
  result.order = result.fit.coefficients[1];
  std::tie(result.ci_low, result.ci_high) = result.fit.confidence_interval(1, confidence);
  return result;
}

// ---- power laws ---------------------------------------------------------------------------

PowerLawFit fit_power_law(const std::vector<double>& x, const std::vector<double>& y,
                          const std::vector<double>& y_std_errors) {
  if (y.size() != x.size() || y_std_errors.size() != x.size())
    throw_invalid(fmt::format("fit_power_law: {} x, {} y and {} y_std_errors, expected equal counts", x.size(),
                              y.size(), y_std_errors.size()));
  if (x.size() < 2)
    throw_invalid(fmt::format("fit_power_law: {} point(s) cannot determine an exponent and a constant", x.size()));
  std::vector<std::vector<double>> design;
  std::vector<double> log_y, log_std_error;
  for (std::size_t i = 0; i < x.size(); ++i) {
    require_positive(fmt::format("x[{}]", i), x[i]);
    require_positive(fmt::format("y[{}]", i), y[i]);
    require_positive(fmt::format("y_std_errors[{}]", i), y_std_errors[i]);
    design.push_back({std::log(x[i]), 1.0});
    log_y.push_back(std::log(y[i]));
    log_std_error.push_back(y_std_errors[i] / y[i]);  // delta method
  }
  PowerLawFit result;
  result.fit = weighted_least_squares(design, log_y, log_std_error);
  result.exponent = result.fit.coefficients[0];
  result.log_constant = result.fit.coefficients[1];
  return result;
}

}  // namespace ldv::stats
