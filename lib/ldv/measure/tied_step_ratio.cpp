#include "ldv/measure/tied_step_ratio.hpp"

#include <algorithm>
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
#include "ldv/stats/mean_estimate.hpp"

namespace ldv::measure {
namespace {

// ou_exit_time.hpp promises 1e-10 relative.
constexpr double kContinuousRelativeError = 1e-10;

void validate_case(const TiedStepCase& c) {
  if (c.dimension < 1) throw_invalid(fmt::format("{}: dimension = {} must be >= 1", c.label, c.dimension));
  require_positive(c.label + ": curvature λ", c.curvature);
  require_positive(c.label + ": noise s", c.noise);
  require_positive(c.label + ": radius r", c.radius);
  require_positive(c.label + ": batch B", c.batch);
}

struct Rung {
  double eps, eta;
};
Rung rung(const TiedStepCase& c, double barrier_over_eps) {
  require_positive(c.label + ": V0 B/η", barrier_over_eps);
  const double eps = c.barrier() / barrier_over_eps;
  return {eps, c.batch * eps};
}

}  // namespace

double TiedStepCase::kappa() const { return curvature * radius * std::sqrt(batch) / noise; }
double TiedStepCase::barrier() const { return curvature * radius * radius / (noise * noise); }

Model TiedStepCase::model() const {
  const Matrix identity = Matrix::Identity(dimension, dimension);
  const bool hessian_noise = std::abs(noise * noise - curvature) <= 1e-15 * curvature;
  return Model(QuadraticModel(curvature * identity, noise * noise * identity,
                              noise == 1.0 ? "identity" : hessian_noise ? "hessian" : "matrix"));
}

TiedStepRatio measure_tied_step_ratio(const TiedStepCase& c, const std::vector<double>& barrier_over_eps) {
  validate_case(c);
  if (barrier_over_eps.size() < 3)
    throw_invalid(fmt::format("{}: the η ladder needs at least 3 rungs, got {}", c.label, barrier_over_eps.size()));
  for (std::size_t i = 2; i < barrier_over_eps.size(); ++i) {
    const double q0 = barrier_over_eps[i - 1] / barrier_over_eps[i - 2], q1 = barrier_over_eps[i] / barrier_over_eps[i - 1];
    if (!(q0 > 1.0) || std::abs(q1 - q0) > 1e-12 * q0)
      throw_invalid(fmt::format("{}: the ladder of V0 B/η must increase geometrically; rungs {}, {}, {} do not",
                                c.label, barrier_over_eps[i - 2], barrier_over_eps[i - 1], barrier_over_eps[i]));
  }
  const auto start = std::chrono::steady_clock::now();
  TiedStepRatio out;
  out.tied_case = c;
  std::vector<double> eta, ratio, error;
  for (double k : barrier_over_eps) {
    const Rung r = rung(c, k);
    const reference::DiscreteExitTime discrete = reference::discrete_mean_exit_time_ball(
        {c.curvature, r.eps, c.noise, r.eta}, c.dimension, c.radius, 0.0);
    const double continuous =
        reference::mean_exit_time_ball({c.curvature, r.eps, c.noise}, c.dimension, c.radius, 0.0);
    const auto& levels = discrete.refinement;  // at least two solves, coarse to fine
    TiedStepPoint p{k, r.eta, r.eps, discrete.mean, continuous, discrete.mean / continuous, 0.0, discrete.nodes,
                    levels.front().nodes, std::abs(levels.back().mean - levels[levels.size() - 2].mean) / discrete.mean};
    p.ratio_error = p.ratio * (discrete.error_bound / discrete.mean + kContinuousRelativeError);
    eta.push_back(p.eta);
    ratio.push_back(p.ratio);
    error.push_back(p.ratio_error);
    out.points.push_back(p);
  }
  double largest_change = 0.0;
  for (const TiedStepPoint& p : out.points) largest_change = std::max(largest_change, p.refinement_change);
  out.limit = extrapolate_to_zero(
      eta, ratio, error, extrapolation_calibration(barrier_over_eps),
      fmt::format("lim E[ν]/E[τ] as η → 0, {}", c.label),
      fmt::format("E[ν] from the Nyström solution of the discrete Dynkin equation, E[τ] from the exact continuous "
                  "one, at V₀B/η = {:.4g} … {:.4g}; Nyström refined until E[ν] moved < 1e-8: {} … {} nodes at the "
                  "finest rule ({} … {} at the first), largest last change {:.2g} relative",
                  barrier_over_eps.front(), barrier_over_eps.back(), out.points.front().nodes, out.points.back().nodes,
                  out.points.front().first_nodes, out.points.back().first_nodes, largest_change));
  // Leading power: on a geometric ladder (ratio q) the differences of R(η) = R* + c η^p + …
  // shrink by q^p; p from the finest three points, its spread from the three before.
  const std::size_t n = ratio.size();
  const double q = eta[n - 2] / eta[n - 1];
  auto order_at = [&](std::size_t last) {
    return std::log((ratio[last - 2] - ratio[last - 1]) / (ratio[last - 1] - ratio[last])) / std::log(q);
  };
  const double p = order_at(n - 1);
  const double spread = n >= 4 ? std::abs(p - order_at(n - 2)) : std::abs(p);
  out.order = stats::normal_estimate(
      fmt::format("leading power p of E[ν]/E[τ] − R* ∝ η^p, {}", c.label), p, 0.0, spread,
      fmt::format("log of the ratio of successive differences of R(η) over log {:.3g} (the ladder's factor), finest "
                  "three rungs; bound = its change from the three rungs before",
                  q));
  out.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

TiedStepSimulation simulate_tied_step_exit(const TiedStepCase& c, double barrier_over_eps, std::uint64_t paths,
                                           std::uint64_t seed, int threads) {
  validate_case(c);
  const Rung r = rung(c, barrier_over_eps);
  TiedStepSimulation out;
  out.label = c.label;
  out.barrier_over_eps = barrier_over_eps;
  out.eta = r.eta;
  const Vector center = Vector::Zero(c.dimension);
  const ExitTimeProblem problem{c.model(), Ball(center, c.radius), center, r.eps, r.eta, 1e12, ExitEstimator::discrete};
  const ExitTimeResult result = estimate_exit_time(problem, {paths, seed, threads, 0.95, false});
  const stats::CensoredSample sample = result.sample;
  out.exit_discrete = Estimate{
      fmt::format("E[ν] by simulation of discrete SGD, {}, V₀B/η = {:.4g}", c.label, barrier_over_eps),
      result.estimate.mean,
      [sample](double confidence) {
        const stats::MeanEstimate m = stats::estimate_mean(sample, confidence);
        return Interval{m.ci_low, m.ci_high};
      },
      fmt::format("{} paths of θ_(k+1) = θ_k − ηλθ_k + (η/√B) s ξ_k from θ* (exit estimator 'discrete'), η = {:.4g}; "
                  "Student-t interval, {} censored",
                  paths, r.eta, result.estimate.censored)};
  out.reference =
      reference::discrete_mean_exit_time_ball({c.curvature, r.eps, c.noise, r.eta}, c.dimension, c.radius, 0.0).mean;
  out.exit_continuous = reference::mean_exit_time_ball({c.curvature, r.eps, c.noise}, c.dimension, c.radius, 0.0);
  return out;
}

}  // namespace ldv::measure
