#include "ldv/measure/arrhenius_prefactor.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/reference/ou_exit_time.hpp"
#include "ldv/stats/interval_policy.hpp"
#include "ldv/stats/quantiles.hpp"

namespace ldv::measure {
namespace {

struct Fits {
  double free_exponent = 0.0, exponent = 0.0, constant = 0.0;
};

// Both fits, unweighted, on exact values log E[τ](ε) of a case with V₀ = 1.
Fits fit_exact(const std::vector<double>& eps, const std::vector<double>& log_means) {
  std::vector<std::vector<double>> free_rows, given_rows;
  std::vector<double> given_y;
  for (std::size_t i = 0; i < eps.size(); ++i) {
    free_rows.push_back({1.0 / eps[i], std::log(eps[i]), 1.0});
    given_rows.push_back({std::log(eps[i]), 1.0});
    given_y.push_back(log_means[i] - 1.0 / eps[i]);
  }
  const std::vector<double> ones(eps.size(), 1.0);
  const auto free = stats::weighted_least_squares(free_rows, log_means, ones);
  const auto given = stats::weighted_least_squares(given_rows, given_y, ones);
  return {free.coefficients[1], given.coefficients[0], given.coefficients[1]};
}

}  // namespace

PrefactorCalibration calibrate_prefactor_fits(const std::vector<double>& barrier_over_eps, int dimension) {
  if (barrier_over_eps.size() < 3) throw_invalid("prefactor calibration needs at least 3 noise levels");
  if (dimension < 1) throw_invalid(fmt::format("prefactor calibration: dimension = {} must be at least 1", dimension));
  // OU with rate 1, noise 1, radius 1: V₀ = 1, ε = 1/(V₀/ε).
  std::vector<double> eps, log_1d, log_radial;
  for (double k : barrier_over_eps) {
    require_positive("V₀/ε", k);
    const double e = 1.0 / k;
    eps.push_back(e);
    const reference::OrnsteinUhlenbeck ou{1.0, e, 1.0};
    log_1d.push_back(std::log(reference::mean_exit_time_interval(ou, -1.0, 1.0, 0.0)));
    log_radial.push_back(std::log(reference::mean_exit_time_ball(ou, dimension, 1.0, 0.0)));
  }
  PrefactorCalibration out;
  // Asymptotics of the radial d-D ball from its centre: E[τ] ≈ ½Γ(d/2) ε^{d/2} e^{1/ε}
  // (Laplace's method on the closed form; the 1-D interval is d = 1).
  const Fits line = fit_exact(eps, log_1d), ball = fit_exact(eps, log_radial);
  out.free_exponent_1d = line.free_exponent;
  out.exponent_1d = line.exponent;
  out.free_exponent_ball = ball.free_exponent;
  out.exponent_ball = ball.exponent;
  for (const auto& [f, d] : {std::pair{line, 1}, std::pair{ball, dimension}}) {
    const double a = 0.5 * d, b = std::log(0.5 * std::tgamma(0.5 * d));
    out.free_exponent_error = std::max(out.free_exponent_error, std::abs(f.free_exponent - a));
    out.exponent_error = std::max(out.exponent_error, std::abs(f.exponent - a));
    out.constant_error = std::max(out.constant_error, std::abs(f.constant - b));
  }
  return out;
}

std::string PrefactorCalibration::text() const {
  return fmt::format("on exact OU mean exit times at the same V₀/ε, the 3-parameter fit returns a = {:.3f} (asymptotic "
                     "½, 1-D) and {:.3f} (d/2, ball), the fit with V₀ given a = {:.3f} and {:.3f}",
                     free_exponent_1d, free_exponent_ball, exponent_1d, exponent_ball);
}

PrefactorMeasurement measure_prefactor(const BarrierMeasurement& ladder, double barrier, int dimension,
                                       const std::string& label) {
  if (!(barrier > 0.0) || !std::isfinite(barrier))
    throw_invalid(fmt::format("prefactor of {}: the given V₀ = {} must be positive and finite", label, barrier));
  if (ladder.points.size() < 3) throw_invalid(fmt::format("prefactor of {}: a ladder needs at least 3 levels", label));
  PrefactorMeasurement out;
  std::vector<std::vector<double>> rows;
  std::vector<double> y, sigma, barrier_over_eps;
  for (const LadderPoint& p : ladder.points) {
    const double se = stats::log_mean_std_error(p.mean);
    out.points.push_back({p.eps, std::log(p.mean.mean) - barrier / p.eps, se});
    rows.push_back({std::log(p.eps), 1.0});
    y.push_back(out.points.back().log_prefactor);
    sigma.push_back(se);
    barrier_over_eps.push_back(barrier / p.eps);
  }
  out.fit = stats::weighted_least_squares(rows, y, sigma);
  out.calibration = calibrate_prefactor_fits(barrier_over_eps, dimension);
  const std::string levels = fmt::format("{} levels at V₀/ε ∈ [{:.3g}, {:.3g}]", ladder.points.size(),
                                         barrier_over_eps.front(), barrier_over_eps.back());
  out.free_exponent = stats::fitted_coefficient(
      "prefactor exponent a (3-parameter fit), " + label, ladder.fit.fit, 1, out.calibration.free_exponent_error,
      fmt::format("coefficient of log ε in the ladder's fit log E[τ] = V₀/ε + a log ε + b over {}; fit-model error "
                  "{:.3f} calibrated on exact OU exit times at the same V₀/ε",
                  levels, out.calibration.free_exponent_error));
  const std::string given = fmt::format("V₀ = {:.6g} given", barrier);
  out.exponent = stats::fitted_coefficient(
      fmt::format("prefactor exponent a ({}), {}", given, label), out.fit, 0, out.calibration.exponent_error,
      fmt::format("slope of log E[τ] − V₀/ε on (log ε, 1) over {}, V₀ from first principles; fit-model error {:.3f} "
                  "calibrated on exact OU exit times at the same V₀/ε",
                  levels, out.calibration.exponent_error));
  out.constant = stats::fitted_coefficient(
      fmt::format("prefactor constant b ({}), {}", given, label), out.fit, 1, out.calibration.constant_error,
      fmt::format("intercept of log E[τ] − V₀/ε on (log ε, 1) over {}; fit-model error {:.3f} calibrated on exact "
                  "OU exit times at the same V₀/ε",
                  levels, out.calibration.constant_error));
  return out;
}

verify::Figure prefactor_figure(const std::vector<std::string>& labels, const std::vector<PrefactorMeasurement>& cases,
                                double level, const std::vector<std::vector<PrefactorLaw>>& laws) {
  verify::Figure f{"prefactor", "Prefactor of the mean exit time: log E[τ] − V₀/ε against log ε", "log ε",
                   "log E[τ] − V₀/ε", false, false, {}};
  const double z = stats::normal_quantile(0.5 * (1.0 + level));
  for (std::size_t c = 0; c < cases.size(); ++c) {
    verify::Series points{fmt::format("{} (intervals at {:.6g}%)", labels.at(c), 100 * level),
                          verify::SeriesStyle::errorbars, {}, {}, {}, {}};
    verify::Series fitted{"fit a log ε + b, " + labels.at(c), verify::SeriesStyle::lines, {}, {}, {}, {}};
    for (const PrefactorPoint& p : cases[c].points) {
      const double x = std::log(p.eps);
      points.x.push_back(x);
      points.y.push_back(p.log_prefactor);
      points.y_low.push_back(p.log_prefactor - z * p.std_error);
      points.y_high.push_back(p.log_prefactor + z * p.std_error);
      fitted.x.push_back(x);
      fitted.y.push_back(cases[c].fit.coefficients[0] * x + cases[c].fit.coefficients[1]);
    }
    f.series.push_back(std::move(points));
    f.series.push_back(std::move(fitted));
    if (c < laws.size())
      for (const PrefactorLaw& law : laws[c]) {
        verify::Series line{law.label, verify::SeriesStyle::lines, {}, {}, {}, {}};
        for (const PrefactorPoint& p : cases[c].points) {
          line.x.push_back(std::log(p.eps));
          line.y.push_back(law.exponent * std::log(p.eps) + law.constant);
        }
        f.series.push_back(std::move(line));
      }
  }
  return f;
}

}  // namespace ldv::measure
