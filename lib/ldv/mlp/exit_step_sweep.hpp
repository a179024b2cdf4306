#pragma once
// Section 6's sweeps: mini-batch SGD exit steps on the network (mlp/sgd_exit.hpp) over a ladder of one
// variable (α, r², B/η), the regression of log E[steps] on it, and beside each point the exponent the
// first-principles Gaussian model gives for that setting: the Cramér rate I(r²) of |θ − θ₀|² under the
// exact stationary law of the Gaussian chain on the quadratic model (mlp/quadratic_sgd.hpp,
// reference/gaussian_norm_tail.hpp; on L_α's scale, so α enters through ηα only).
#include <string>
#include <vector>

#include "ldv/core/estimate.hpp"
#include "ldv/mlp/quadratic_sgd.hpp"
#include "ldv/mlp/sgd_exit.hpp"
#include "ldv/stats/regression.hpp"

namespace ldv::mlp {

struct SweepPoint {
  double x = 0.0;                  // the swept variable's value
  SgdSetting setting;
  ExitSteps steps;
  stats::MeanEstimate mean;        // E[steps] (interval at 95%: only its σ is used by the fit)
  double gaussian_rate = 0.0;      // I(r²) of the Gaussian chain's stationary law
};

struct ExitStepSweep {
  std::string variable;            // e.g. "α"
  std::vector<SweepPoint> points;
  bool fitted = false;             // false when some mean is unbounded (every run censored)
  stats::WeightedFit fit;          // log E[steps] = slope · x + intercept, σ from each mean's interval
  // The slope under stats::fitted_coefficient (an unbounded interval when !fitted).
  Estimate slope(const std::string& name) const;
  // (I(last) − I(first)) / (x_last − x_first): the slope of the Gaussian exponent alone (no prefactor).
  double gaussian_rate_slope() const;
};

// settings[i] is run at x[i] (>= 2 points, distinct x), each with runs.seed derived per point by the caller.
ExitStepSweep sweep_exit_steps(const std::string& variable, const MlpLoss& loss, const QuadraticModel& model,
                               const Vector& theta0, const std::vector<double>& x,
                               const std::vector<SgdSetting>& settings, const std::vector<ExitRunSettings>& runs);

// log E[steps]_a − log E[steps]_b under the interval policy, σ² the sum of each mean's σ² on the log scale
// (stats::log_mean_std_error of its 95% interval); an unbounded interval when either mean is unbounded.
Estimate log_ratio_of_means(const std::string& name, const ExitSteps& a, const ExitSteps& b);

// The Gaussian chain's rate I(r²) for a setting (its exact stationary covariance, law gaussian).
double gaussian_exit_rate(const QuadraticModel& model, const SgdSetting& setting);
// The radius whose Gaussian rate is `rate` for a setting (its radius ignored).
double radius_for_gaussian_rate(const QuadraticModel& model, const SgdSetting& setting, double rate);

}  // namespace ldv::mlp
