#include "ldv/measure/exit_time_ladder.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/exit/exit_time.hpp"
#include "ldv/reference/ou_exit_time.hpp"
#include "ldv/stats/interval_policy.hpp"

namespace ldv::measure {
namespace {

// The 3-parameter fit on exact values (σ = 1 each: unweighted) and its slope.
double exact_fit_slope(const std::vector<double>& eps, const std::vector<double>& log_means) {
  std::vector<std::vector<double>> rows;
  for (double e : eps) rows.push_back({1.0 / e, std::log(e), 1.0});
  const auto fit = stats::weighted_least_squares(rows, log_means, std::vector<double>(eps.size(), 1.0));
  return fit.coefficients[0];
}

}  // namespace

stats::MeanEstimate LadderPoint::mean_at(double confidence) const { return stats::estimate_mean(sample, confidence); }

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

BarrierMeasurement measure_exit_barrier(const ExitTimeLadder& ladder, double expected_barrier,
                                        const std::string& label) {
  const std::string name = "V0 fitted, " + label;
  if (ladder.eps.size() < 3) throw_invalid(fmt::format("{}: a ladder needs at least 3 noise levels", name));
  if (ladder.steps.size() != ladder.eps.size())
    throw_invalid(fmt::format("{}: {} steps for {} noise levels", name, ladder.steps.size(), ladder.eps.size()));
  if (!(expected_barrier > 0.0)) throw_invalid(fmt::format("{}: expected barrier {} must be > 0", name, expected_barrier));
  BarrierMeasurement out;
  out.label = label;
  std::vector<stats::MeanEstimate> means;
  for (std::size_t i = 0; i < ladder.eps.size(); ++i) {
    ExitTimeProblem problem{ladder.model, Ball(ladder.center, ladder.radius), ladder.center, ladder.eps[i],
                            ladder.steps[i], ladder.max_time, ladder.estimator};
    // One independent Philox key per rung: seed s, rung i ↦ s·1009 + i (1009 rungs at most).
    const MonteCarloSettings settings{ladder.paths, ladder.seed * 1009u + i, ladder.threads, 0.95,
                                      ladder.keep_exit_points};
    ExitTimeResult result = estimate_exit_time(problem, settings);
    if (!std::isfinite(result.estimate.ci_high))
      throw NumericalFailure(fmt::format("{}: at ε = {} too many paths were censored at t = {} to bound E[τ]", name,
                                         ladder.eps[i], result.horizon));
    LadderPoint point{ladder.eps[i], ladder.steps[i], result.sample, result.estimate, {}, result.elapsed_seconds};
    if (ladder.keep_exit_points) point.exit_points = std::move(result.exit_points);
    means.push_back(result.estimate);
    out.points.push_back(std::move(point));
  }
  out.fit = stats::fit_arrhenius(ladder.eps, means, 0.95, true);
  std::vector<double> barrier_over_eps;
  for (double e : ladder.eps) barrier_over_eps.push_back(expected_barrier / e);
  out.fit_model_relative_error = arrhenius_fit_relative_error(barrier_over_eps, ladder.model.dimension());
  const double systematic = out.fit_model_relative_error * std::abs(out.fit.barrier);
  out.barrier = stats::fitted_coefficient(
      name, out.fit.fit, 0, systematic,
      fmt::format("slope of log E[τ] = V₀/ε + a log ε + b over {} levels, {} paths each, {} estimator; fit-model "
                  "error {:.1f}% of V₀, calibrated on exact OU exit times at the same V₀/ε",
                  ladder.eps.size(), ladder.paths, to_string(ladder.estimator), 100 * out.fit_model_relative_error));
  return out;
}

}  // namespace ldv::measure
