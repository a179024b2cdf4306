#pragma once
// Weighted least squares with known measurement errors, and the two fits ldv's checks
// are made of: the Arrhenius / Freidlin–Wentzell law of mean exit times and the
// empirical convergence order of a step ladder.
#include <utility>
#include <vector>

#include "ldv/stats/mean_estimate.hpp"

namespace ldv::stats {

struct WeightedFit {
  std::vector<double> coefficients;  // p values, in the order of the design columns
  // Row-major p×p: (XᵀWX)⁻¹ with W = diag(1/σ_i²), multiplied by birge_ratio² when
  // birge_ratio > 1 (the residuals show the stated σ_i were too small).
  std::vector<double> covariance;
  double chi_squared = 0.0;  // Σ ((y_i − x_iᵀβ)/σ_i)²
  int dof = 0;               // n − p
  double birge_ratio = 1.0;  // sqrt(chi²/dof) (1 when dof = 0)

  // sqrt(covariance[k][k]); throws InvalidInput when k is not a coefficient index.
  double std_error(int k) const;
  // Two-sided interval for coefficient k at `confidence` in (0, 1): Student-t(dof) quantile
  // when the scale was inflated by the residuals (birge_ratio > 1), the normal quantile
  // otherwise (the variances are then taken as known).
  std::pair<double, double> confidence_interval(int k, double confidence) const;
};

// Minimises Σ ((y_i − x_iᵀβ)/σ_i)² over β; design_rows[i] = x_i (all of one length p),
// y_std_error[i] = σ_i > 0. Needs n >= p and a design of full column rank.
WeightedFit weighted_least_squares(const std::vector<std::vector<double>>& design_rows,
                                   const std::vector<double>& y, const std::vector<double>& y_std_error);

// Arrhenius / Freidlin–Wentzell law (DESIGN.md): log E[τ] = V0/ε + a·log ε + b, the log ε
// term optional. The σ of log mean_i comes from each estimate's own interval:
// (log ci_high − log ci_low)/(2 z_i), z_i the normal quantile at (1 + confidence_i)/2.
// Design columns: (1/ε, log ε, 1) with the log ε term, (1/ε, 1) without.
// σ of log E[τ] read from an estimate's own interval: (log ci_high − log ci_low)/(2 z),
// z the normal quantile at (1 + confidence)/2 (the interval mapped to log scale as ±zσ).
double log_mean_std_error(const MeanEstimate& estimate);

struct ArrheniusFit {
  double barrier = 0.0, barrier_ci_low = 0.0, barrier_ci_high = 0.0;  // V0, the slope in 1/ε
  double log_eps_coefficient = 0.0, log_eps_ci_low = 0.0, log_eps_ci_high = 0.0;  // a (0 when not fitted)
  double intercept = 0.0;  // b
  double confidence = 0.0;
  bool with_log_eps_term = false;
  WeightedFit fit;
};
ArrheniusFit fit_arrhenius(const std::vector<double>& eps, const std::vector<MeanEstimate>& means,
                           double confidence, bool with_log_eps_term);

// Empirical convergence order from a step ladder: |error(h)| ≈ C h^p, fitted as
// log|e| = log C + p log h with σ_log = se/|e| (delta method). An error with |e| < 2 se is
// not resolved from zero and has no usable logarithm: InvalidInput naming the step.
// Design columns: (1, log h).
struct ConvergenceOrder {
  double order = 0.0, ci_low = 0.0, ci_high = 0.0;  // p and its interval
  double log_constant = 0.0;                         // log C
  double confidence = 0.0;
  WeightedFit fit;
};
ConvergenceOrder fit_convergence_order(const std::vector<double>& steps, const std::vector<double>& errors,
                                       const std::vector<double>& error_std_errors, double confidence);

// Power law y ≈ C x^κ fitted as log y = κ log x + log C with σ_log = se/y (delta method).
// Needs y_i > 0, x_i > 0, se_i > 0 and at least 2 points. Design columns: (log x, 1), so
// coefficient 0 is the exponent κ and coefficient 1 is log C.
struct PowerLawFit {
  double exponent = 0.0;      // κ
  double log_constant = 0.0;  // log C
  WeightedFit fit;
};
PowerLawFit fit_power_law(const std::vector<double>& x, const std::vector<double>& y,
                          const std::vector<double>& y_std_errors);

}  // namespace ldv::stats
