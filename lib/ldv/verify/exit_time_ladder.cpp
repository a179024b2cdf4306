#include "ldv/verify/exit_time_ladder.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/exit/exit_time.hpp"
#include "ldv/reference/ou_exit_time.hpp"
#include "ldv/stats/quantiles.hpp"

namespace ldv::verify {
namespace {

// The 3-parameter fit on exact values (σ = 1 each: unweighted) and its slope.
double exact_fit_slope(const std::vector<double>& eps, const std::vector<double>& log_means) {
  std::vector<std::vector<double>> rows;
  for (double e : eps) rows.push_back({1.0 / e, std::log(e), 1.0});
  const auto fit = stats::weighted_least_squares(rows, log_means, std::vector<double>(eps.size(), 1.0));
  return fit.coefficients[0];
}

}  // namespace

double arrhenius_fit_relative_error(const std::vector<double>& barrier_over_eps, int dimension) {
  if (barrier_over_eps.size() < 3) throw_invalid("the Arrhenius fit needs at least 3 noise levels");
  // OU with rate 1, noise 1 and radius 1: V(x) = |x|², so V₀ = 1 and ε = 1/(V₀/ε).
  std::vector<double> eps, log_1d, log_radial;
  for (double k : barrier_over_eps) {
    const double e = 1.0 / k;
    eps.push_back(e);
    const reference::OrnsteinUhlenbeck ou{1.0, e, 1.0};
    log_1d.push_back(std::log(reference::mean_exit_time_interval(ou, -1.0, 1.0, 0.0)));
    log_radial.push_back(std::log(reference::mean_exit_time_ball(ou, dimension, 1.0, 0.0)));
  }
  return std::max(std::abs(exact_fit_slope(eps, log_1d) - 1.0), std::abs(exact_fit_slope(eps, log_radial) - 1.0));
}

BarrierMeasurement measure_exit_barrier(const ExitTimeLadder& ladder, double confidence, double expected_barrier,
                                        const std::string& name) {
  if (ladder.eps.size() < 3) throw_invalid(fmt::format("{}: a ladder needs at least 3 noise levels", name));
  if (ladder.steps.size() != ladder.eps.size())
    throw_invalid(fmt::format("{}: {} steps for {} noise levels", name, ladder.steps.size(), ladder.eps.size()));
  if (!(expected_barrier > 0.0)) throw_invalid(fmt::format("{}: expected barrier {} must be > 0", name, expected_barrier));
  BarrierMeasurement out;
  std::vector<stats::MeanEstimate> means;
  for (std::size_t i = 0; i < ladder.eps.size(); ++i) {
    ExitTimeProblem problem{ladder.model, Ball(ladder.center, ladder.radius), ladder.center, ladder.eps[i],
                            ladder.steps[i], ladder.max_time, ladder.estimator};
    // One independent Philox key per rung: seed s, rung i ↦ s·1009 + i (1009 rungs at most).
    const MonteCarloSettings settings{ladder.paths, ladder.seed * 1009u + i, ladder.threads, 0.95,
                                      ladder.keep_exit_points};
    const ExitTimeResult result = estimate_exit_time(problem, settings);
    if (!std::isfinite(result.estimate.ci_high))
      throw NumericalFailure(fmt::format("{}: at ε = {} too many paths were censored at t = {} to bound E[τ]", name,
                                         ladder.eps[i], result.horizon));
    LadderPoint point{ladder.eps[i], ladder.steps[i], result.estimate, {}, result.elapsed_seconds};
    if (ladder.keep_exit_points) point.exit_points = result.exit_points;
    means.push_back(result.estimate);
    out.points.push_back(std::move(point));
  }
  out.fit = stats::fit_arrhenius(ladder.eps, means, confidence, true);
  std::vector<double> barrier_over_eps;
  for (double e : ladder.eps) barrier_over_eps.push_back(expected_barrier / e);
  out.fit_model_relative_error = arrhenius_fit_relative_error(barrier_over_eps, ladder.model.dimension());
  // Statistical half-width: the σ of each log E[τ] is known (the Monte Carlo standard error
  // of ≥ 10³ paths, itself accurate to ~1/√(2n)), so the normal quantile applies; when the
  // residuals exceed those σ the covariance is already scaled by S² = χ²/dof (Birge ratio,
  // the Particle Data Group's convention). Not Student-t(dof): with 5 levels and 3
  // parameters dof = 2, and t₂ at 99.9% would widen the interval tenfold for scatter that
  // the known σ already describe; the fit-model error is accounted for separately below.
  const double statistical =
      stats::normal_quantile(0.5 * (1.0 + confidence)) * out.fit.fit.std_error(0);
  const double systematic = out.fit_model_relative_error * std::abs(out.fit.barrier);
  out.fit.barrier_ci_low = out.fit.barrier - statistical;  // the interval actually used
  out.fit.barrier_ci_high = out.fit.barrier + statistical;
  out.barrier = Measurement{name,
                            out.fit.barrier,
                            out.fit.barrier - statistical - systematic,
                            out.fit.barrier + statistical + systematic,
                            confidence,
                            fmt::format("slope of log E[τ] = V₀/ε + a log ε + b (weighted least squares, {} levels, "
                                        "{} paths each, {} estimator; χ²/dof = {:.2f}); ± {:.3g} statistical (normal "
                                        "quantile, Birge-scaled when χ²/dof > 1) + {:.3g} fit-model error "
                                        "({:.1f}% of V₀, calibrated on exact OU exit times at the same V₀/ε)",
                                        ladder.eps.size(), ladder.paths, to_string(ladder.estimator),
                                        out.fit.fit.dof > 0 ? out.fit.fit.chi_squared / out.fit.fit.dof : 0.0, statistical,
                                        systematic, 100 * out.fit_model_relative_error)};
  return out;
}

}  // namespace ldv::verify
