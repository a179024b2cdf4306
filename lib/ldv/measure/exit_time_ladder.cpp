#include "ldv/measure/exit_time_ladder.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/exit/exit_time.hpp"
#include "ldv/pde/mean_exit_time.hpp"
#include "ldv/reference/discrete_dynkin.hpp"
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

// E[τ] of a splitting level as a MeanEstimate at `confidence`: its log-normal interval,
// whose log-scale half-width over z is the standard error of log E[τ] that the fit reads
// back (stats::log_mean_std_error).
stats::MeanEstimate splitting_mean(const rare::SplittingResult& r, double confidence) {
  const Interval interval = r.estimate.interval(confidence);
  stats::MeanEstimate m;
  m.mean = r.estimate.mean;
  m.ci_low = interval.low;
  m.ci_high = interval.high;
  m.confidence = confidence;
  m.std_error = r.estimate.std_error;  // delta method over the replicas
  m.method = "splitting (gAMS + renewal, log-normal interval over replicas)";
  m.model_free_lower_bound = 0.0;  // no path-wise bound: splitting never simulates τ itself
  m.paths = r.particles * r.replicas;
  m.censored = 0;
  return m;
}

// E[τ] of a PDE level: the Richardson value with its error bound, a deterministic interval
// valid at every level; the bound also stands in for the standard error the fit reads.
stats::MeanEstimate pde_mean(double value, double bound, double confidence) {
  stats::MeanEstimate m;
  m.mean = value;
  m.ci_low = value - bound;
  m.ci_high = value + bound;
  m.confidence = confidence;
  m.std_error = bound;
  m.method = "Dynkin equation on polar grids, Richardson-extrapolated; ± its error bound";
  m.model_free_lower_bound = 0.0;
  return m;
}

// The PDE level at ε: NumericalFailure unless the grids reach the ladder's tolerance with a
// positive value (beyond V₀/ε ≈ 25 the discrete system's conditioning ~E[τ] defeats them).
stats::MeanEstimate solve_pde_level(const ExitTimeLadder& ladder, double eps, const std::string& name) {
  pde::PdeSettings settings;
  settings.tolerance = ladder.pde_tolerance;
  const pde::PdeEstimate e =
      pde::mean_exit_time({ladder.model, ladder.center, ladder.radius, ladder.center, eps}, settings);
  if (!e.tolerance_met || !(e.value > 0.0) || !(e.error_estimate < e.value))
    throw NumericalFailure(fmt::format("{}: at ε = {} the PDE grids did not reach relative error {} (value {:.6g} ± {:.3g})",
                                       name, eps, ladder.pde_tolerance, e.value, e.error_estimate));
  return pde_mean(e.value, e.error_estimate, 0.95);
}

}  // namespace

std::string to_string(LevelMethod method) {
  switch (method) {
    case LevelMethod::direct: return "direct";
    case LevelMethod::splitting: return "splitting";
    case LevelMethod::pde: return "pde";
  }
  return "?";
}

stats::MeanEstimate LadderPoint::mean_at(double confidence) const {
  if (splitting) return splitting_mean(*splitting, confidence);
  if (pde_error_bound) return mean;  // deterministic: the same interval at every level
  return stats::estimate_mean(sample, confidence);
}

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

double arrhenius_step_bias_relative_error(const std::vector<double>& barrier_over_eps,
                                          const std::vector<double>& steps_times_rate, int dimension,
                                          ExitEstimator estimator) {
  if (barrier_over_eps.size() < 3) throw_invalid("the Arrhenius fit needs at least 3 noise levels");
  if (steps_times_rate.size() != barrier_over_eps.size())
    throw_invalid(fmt::format("{} steps for {} noise levels", steps_times_rate.size(), barrier_over_eps.size()));
  if (estimator == ExitEstimator::bridge)
    throw_invalid("the bridge estimator has no exact chain reference: expected discrete or gobet-menozzi");
  // The same OU cases as arrhenius_fit_relative_error (rate 1, noise 1, radius 1, V₀ = 1). The
  // Gobet–Menozzi chain stops at the first X_k outside the ball shrunk by c₀√(εh) (|σᵀn| = 1):
  // its mean is the discrete chain's on the shrunk domain, exactly.
  const double c0 = estimator == ExitEstimator::gobet_menozzi ? gobet_menozzi_constant() : 0.0;
  std::vector<double> eps, log_1d, log_radial, chain_1d, chain_radial;
  for (std::size_t i = 0; i < barrier_over_eps.size(); ++i) {
    const double e = 1.0 / barrier_over_eps[i], h = steps_times_rate[i];
    if (!(h >= 0.0)) throw_invalid(fmt::format("step × rate {} must be >= 0 (0: a level with no step)", h));
    eps.push_back(e);
    const reference::OrnsteinUhlenbeck ou{1.0, e, 1.0};
    log_1d.push_back(std::log(reference::mean_exit_time_interval(ou, -1.0, 1.0, 0.0)));
    log_radial.push_back(std::log(reference::mean_exit_time_ball(ou, dimension, 1.0, 0.0)));
    if (h == 0.0) {  // no time step: the chain is the diffusion
      chain_1d.push_back(log_1d.back());
      chain_radial.push_back(log_radial.back());
      continue;
    }
    const reference::DiscreteOrnsteinUhlenbeck chain{1.0, e, 1.0, h};
    const double edge = 1.0 - c0 * std::sqrt(e * h);
    if (!(edge > 0.0)) throw_invalid(fmt::format("step × rate {} at ε = {} shifts the boundary past the centre", h, e));
    chain_1d.push_back(std::log(reference::discrete_mean_exit_time_interval(chain, -edge, edge, 0.0).mean));
    chain_radial.push_back(std::log(reference::discrete_mean_exit_time_ball(chain, dimension, edge, 0.0).mean));
  }
  return std::max(std::abs(exact_fit_slope(eps, chain_1d) - exact_fit_slope(eps, log_1d)),
                  std::abs(exact_fit_slope(eps, chain_radial) - exact_fit_slope(eps, log_radial)));
}

BarrierMeasurement measure_exit_barrier(const ExitTimeLadder& ladder, double expected_barrier,
                                        const std::string& label) {
  const std::string name = "V0 fitted, " + label;
  if (ladder.eps.size() < 3) throw_invalid(fmt::format("{}: a ladder needs at least 3 noise levels", name));
  if (ladder.steps.size() != ladder.eps.size())
    throw_invalid(fmt::format("{}: {} steps for {} noise levels", name, ladder.steps.size(), ladder.eps.size()));
  if (!(expected_barrier > 0.0)) throw_invalid(fmt::format("{}: expected barrier {} must be > 0", name, expected_barrier));
  const std::size_t levels = ladder.eps.size();
  if (!ladder.methods.empty() && ladder.methods.size() != levels)
    throw_invalid(fmt::format("{}: {} methods for {} noise levels", name, ladder.methods.size(), levels));
  if (!ladder.fitted.empty() && ladder.fitted.size() != levels)
    throw_invalid(fmt::format("{}: {} fitted flags for {} noise levels", name, ladder.fitted.size(), levels));
  auto method_of = [&](std::size_t i) { return ladder.methods.empty() ? LevelMethod::direct : ladder.methods[i]; };
  auto fitted = [&](std::size_t i) { return ladder.fitted.empty() || ladder.fitted[i]; };
  BarrierMeasurement out;
  out.label = label;
  std::vector<double> fit_eps, fit_steps;
  std::vector<stats::MeanEstimate> means;
  std::size_t fitted_direct = 0, splitting_levels = 0, pde_levels = 0;
  for (std::size_t i = 0; i < levels; ++i) {
    ExitTimeProblem problem{ladder.model, Ball(ladder.center, ladder.radius), ladder.center, ladder.eps[i],
                            ladder.steps[i], ladder.max_time, ladder.estimator};
    // One independent Philox key per rung: seed s, rung i ↦ s·1009 + i (1009 rungs at most).
    const std::uint64_t seed = ladder.seed * 1009u + i;
    LadderPoint point;
    point.eps = ladder.eps[i];
    point.step = ladder.steps[i];
    point.method = method_of(i);
    point.fitted = fitted(i);
    if (point.method == LevelMethod::direct) {
      if (point.fitted) ++fitted_direct;
      const MonteCarloSettings settings{ladder.paths, seed, ladder.threads, 0.95, ladder.keep_exit_points};
      ExitTimeResult result = estimate_exit_time(problem, settings);
      if (!std::isfinite(result.estimate.ci_high))
        throw NumericalFailure(fmt::format("{}: at ε = {} too many paths were censored at t = {} to bound E[τ]", name,
                                           ladder.eps[i], result.horizon));
      point.sample = result.sample;
      point.mean = result.estimate;
      point.elapsed_s = result.elapsed_seconds;
      if (ladder.keep_exit_points) point.exit_points = std::move(result.exit_points);
    } else if (point.method == LevelMethod::pde) {
      ++pde_levels;
      const auto start = std::chrono::steady_clock::now();
      point.mean = solve_pde_level(ladder, point.eps, name);
      point.pde_error_bound = point.mean.std_error;
      point.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    } else {
      ++splitting_levels;
      rare::SplittingSettings settings = ladder.splitting;
      settings.seed = seed;
      settings.threads = ladder.threads;
      settings.confidence = 0.95;
      rare::SplittingResult result = rare::estimate_exit_time_splitting(problem, settings);
      if (!std::isfinite(result.estimate.mean))
        throw NumericalFailure(fmt::format("{}: at ε = {} no splitting replica reached the boundary, so E[τ] is not "
                                           "bounded (more particles or replicas)",
                                           name, ladder.eps[i]));
      point.mean = splitting_mean(result, 0.95);
      point.elapsed_s = result.elapsed_seconds;
      point.splitting = std::move(result);
    }
    if (point.fitted) {
      fit_eps.push_back(point.eps);
      fit_steps.push_back(point.method == LevelMethod::pde ? 0.0 : point.step * ladder.relaxation_rate);
    }
    out.points.push_back(std::move(point));
  }
  if (fit_eps.size() < 3) throw_invalid(fmt::format("{}: the fit needs at least 3 fitted noise levels", name));
  // PDE levels carry equal relative errors (each the largest relative error bound among them,
  // a wider and still valid interval): their bounds (1e-7 to 1e-3 of E[τ]) are far below the fit
  // model's own misfit, so weighting by them would let the most accurate level decide alone, and
  // the fit-model calibration, an unweighted fit of exact values, would no longer describe the
  // fit. The level's own bound stays in pde_error_bound.
  double pde_relative = 0.0;
  for (const LadderPoint& p : out.points)
    if (p.pde_error_bound) pde_relative = std::max(pde_relative, *p.pde_error_bound / p.mean.mean);
  for (LadderPoint& p : out.points) {
    if (p.pde_error_bound) p.mean = pde_mean(p.mean.mean, pde_relative * p.mean.mean, 0.95);
    if (p.fitted) means.push_back(p.mean);
  }
  out.fit = stats::fit_arrhenius(fit_eps, means, 0.95, true);
  std::vector<double> barrier_over_eps;
  for (double e : fit_eps) barrier_over_eps.push_back(expected_barrier / e);
  out.fit_model_relative_error = arrhenius_fit_relative_error(barrier_over_eps, ladder.model.dimension());
  // PDE levels have no step (h = 0 in the calibration: the diffusion's own value).
  const bool simulated = std::any_of(out.points.begin(), out.points.end(),
                                     [](const LadderPoint& p) { return p.fitted && p.method != LevelMethod::pde; });
  const bool step_calibrated =
      simulated && ladder.relaxation_rate > 0.0 && ladder.estimator != ExitEstimator::bridge;
  if (step_calibrated)
    out.step_bias_relative_error = arrhenius_step_bias_relative_error(barrier_over_eps, fit_steps,
                                                                      ladder.model.dimension(), ladder.estimator);
  const double systematic =
      (out.fit_model_relative_error + out.step_bias_relative_error.value_or(0.0)) * std::abs(out.fit.barrier);
  std::string coordinate = "—";
  for (const LadderPoint& p : out.points)
    if (p.splitting) coordinate = p.splitting->coordinate;
  std::string parts;
  auto part = [&parts](const std::string& text) { parts += (parts.empty() ? "" : "; ") + text; };
  if (splitting_levels > 0)
    part(fmt::format("{} by splitting: {} replicas × {} particles, k = {}, {} reaction coordinate", splitting_levels,
                     ladder.splitting.replicas, ladder.splitting.particles, ladder.splitting.killed_per_iteration,
                     coordinate));
  if (pde_levels > 0)
    part(fmt::format("{} by the Dynkin equation (polar grids, Richardson; relative error bound ≤ {:g})", pde_levels,
                     ladder.pde_tolerance));
  if (fitted_direct > 0 && splitting_levels + pde_levels > 0)
    part(fmt::format("{} direct, {} paths each", fitted_direct, ladder.paths));
  if (fit_eps.size() != levels)
    part(fmt::format("{} more levels, {} paths each, for exit points only, not fitted", levels - fit_eps.size(),
                     ladder.paths));
  // The ladder of ldv 0.1 (every level direct and fitted) keeps its text word for word.
  const std::string levels_text =
      splitting_levels + pde_levels == 0 && fit_eps.size() == levels
          ? fmt::format("{} levels, {} paths each", levels, ladder.paths)
          : fmt::format("{} levels ({})", fit_eps.size(), parts);
  out.barrier = stats::fitted_coefficient(
      name, out.fit.fit, 0, systematic,
      fmt::format("slope of log E[τ] = V₀/ε + a log ε + b over {}, {}; fit-model "
                  "error {:.1f}% of V₀, calibrated on exact OU exit times at the same V₀/ε{}",
                  levels_text, simulated ? to_string(ladder.estimator) + " estimator" : "no simulation",
                  100 * out.fit_model_relative_error,
                  step_calibrated
                      ? fmt::format("; step bias {:.2f}% of V₀, calibrated on the OU chains' exact mean exit times "
                                    "at the same hλ",
                                    100 * *out.step_bias_relative_error)
                      : simulated ? "; step bias not calibrated" : "; no time step (PDE levels)"));
  return out;
}

}  // namespace ldv::measure
