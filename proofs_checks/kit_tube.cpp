#include "kit_tube.hpp"

#include <Eigen/Eigenvalues>
#include <boost/math/special_functions/bessel.hpp>
#include <cmath>
#include <fmt/format.h>

#include "ldv/action/euler_action.hpp"
#include "ldv/action/time_action.hpp"
#include "ldv/core/error.hpp"
#include "ldv/quasipotential/tube_minimum_action.hpp"

namespace ldv::checks {

TubeBudget tube_budget(verify::Profile profile) {
  if (profile == verify::Profile::quick) return {4000, 500, {0.2, 0.1, 0.05}, {0.2, 0.15, 0.11, 0.08, 0.06}};
  return {40000, 1000, {0.2, 0.1, 0.05, 0.025}, {0.2, 0.17, 0.14, 0.11, 0.09, 0.07, 0.055}};
}

nlohmann::json tube_budget_json(verify::Profile profile) {
  const TubeBudget b = tube_budget(profile);
  return {{"paths_per_level", b.paths}, {"euler_steps", b.segments}, {"tube_radii", b.radii},
          {"eps_over_delta2_over_lambda_max_D", b.eps_over_scale},
          {"sampling", "Girsanov drift change onto the tube's least-action path; Gobet–Menozzi shift on the tube"}};
}

Matrix straight_path(const Vector& end, int segments) {
  Matrix path(end.size(), segments + 1);
  for (int k = 0; k <= segments; ++k) path.col(k) = end * (static_cast<double>(k) / segments);
  return path;
}

TubeInfimum tube_infimum(const Model& model, const Vector& end, double duration, double radius) {
  const auto coarse = quasipotential::tube_minimum_action(model, straight_path(end, 50), duration, radius);
  const auto fine = quasipotential::tube_minimum_action(model, straight_path(end, 100), duration, radius);
  if (!coarse.converged || !fine.converged)
    throw NumericalFailure(fmt::format("tube infimum (δ = {}): the projected gradient did not converge ({} / {} "
                                       "iterations)",
                                       radius, coarse.iterations, fine.iterations));
  return {fine.action, std::abs(fine.action - coarse.action), fine.path};
}

TubeRate tube_rate(const verify::CheckContext& context, const Model& model, const Vector& end, double duration,
                   double radius, const std::string& label, const std::string& seed_salt) {
  const TubeBudget budget = tube_budget(context.profile);
  const double lambda_max = Eigen::SelfAdjointEigenSolver<Matrix>(model.diffusion(end)).eigenvalues().maxCoeff();
  TubeRate out;
  out.radius = radius;
  out.infimum = tube_infimum(model, end, duration, radius);
  const Matrix centre = straight_path(end, budget.segments);
  const Matrix importance = measure::resample_uniform(out.infimum.path, budget.segments);
  std::vector<double> y, sigma, small_ball;
  const double j0 = boost::math::cyl_bessel_j_zero(0.0, 1);
  for (double k : budget.eps_over_scale) {
    const double eps = k * radius * radius / lambda_max;
    measure::TubeRuns runs{model, centre, importance, duration, radius, eps, budget.paths,
                           derived_seed(context.seed, fmt::format("{} delta={} eps={}", seed_salt, radius, eps)),
                           context.threads};
    out.levels.push_back(measure::measure_tube_probability(
        runs, fmt::format("log P(tube), {}, δ = {}, ε = {:.4g}", label, radius, eps)));
    out.eps.push_back(eps);
    y.push_back(-out.levels.back().log_probability.value);
    sigma.push_back(out.levels.back().relative_error);
    small_ball.push_back(0.5 * j0 * j0 * lambda_max * duration * eps / (radius * radius));
  }
  const std::string name = fmt::format("rate R̂(δ) of the tube probability, {}, δ = {}", label, radius);
  const auto probe = measure::fit_rate_with_prefactor(name, out.eps, y, sigma, 0.0, "");
  const double small_ball_bias = std::abs(measure::reference_slope(probe, small_ball));
  // The Euler chain's rate differs from the diffusion's by S_h − S = O(h) (action/euler_action.hpp).
  const double euler_bias =
      std::abs(action::euler_chain_action(model, importance, duration) - action::time_action(model, importance, duration));
  out.fit = measure::fit_rate_with_prefactor(
      name, out.eps, y, sigma, small_ball_bias + out.infimum.error + euler_bias,
      fmt::format("−log P on {} levels of ε (importance sampling, σ = the relative error); systematic: the slope a "
                  "small-ball term (j₀²/2) λ_max(D) T ε/δ² would add ({:.2g}), the tube infimum's change between "
                  "50 and 100 nodes ({:.2g}) and the Euler chain's rate minus the diffusion's on the least-action "
                  "path, S_h − S ({:.2g}, h = {})",
                  out.eps.size(), small_ball_bias, out.infimum.error, euler_bias, duration / budget.segments));
  return out;
}

verify::Figure tube_ladder_figure(const std::string& name, const std::string& title, const std::vector<TubeRate>& rates,
                                  double level) {
  // x = ε/δ² (so every δ spans the same range), y = −ε log P, which tends to R(δ) as ε → 0.
  verify::Figure f{name, title, "ε/δ²", "−ε log P(sup|X − φ| < δ)", false, false, {}};
  for (const TubeRate& r : rates) {
    verify::Series s{fmt::format("δ = {} (intervals at {:.4g}%)", r.radius, 100 * level), verify::SeriesStyle::errorbars,
                     {}, {}, {}, {}};
    verify::Series limit{fmt::format("δ = {}: least action in the tube", r.radius), verify::SeriesStyle::lines, {}, {},
                         {}, {}};
    for (std::size_t i = 0; i < r.eps.size(); ++i) {
      const Interval in = r.levels[i].log_probability.at(level);
      const double x = r.eps[i] / (r.radius * r.radius);
      s.x.push_back(x);
      s.y.push_back(-r.eps[i] * r.levels[i].log_probability.value);
      s.y_low.push_back(-r.eps[i] * in.high);
      s.y_high.push_back(-r.eps[i] * in.low);
      limit.x.push_back(x);
      limit.y.push_back(r.infimum.value);
    }
    f.series.push_back(std::move(s));
    f.series.push_back(std::move(limit));
  }
  return f;
}

verify::Figure tube_rate_figure(const std::string& name, const std::string& title, const std::vector<TubeRate>& rates,
                                double level, const std::vector<Curve>& curves) {
  std::vector<double> x, values;
  std::vector<Interval> intervals;
  for (const TubeRate& r : rates) {
    x.push_back(r.radius);
    values.push_back(r.fit.slope.value);
    intervals.push_back(r.fit.slope.at(level));
  }
  return ladder_figure(name, title, "tube radius δ", "rate of the tube probability", false,
                       fmt::format("fitted rate R̂(δ), intervals at {:.4g}%", 100 * level), x, intervals, values, curves);
}

}  // namespace ldv::checks
