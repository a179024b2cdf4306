#include "kit_cycles.hpp"

#include <cmath>
#include <fmt/format.h>

#include "ldv/reference/radial_ou_hitting.hpp"

namespace ldv::checks {

CycleBudget cycle_budget(verify::Profile profile) {
  if (profile == verify::Profile::quick) return {2000, 0.005, {2.0, 2.75, 3.5, 4.25, 5.0}};
  return {20000, 0.002, {2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0}};
}

nlohmann::json cycle_budget_json(verify::Profile profile) {
  const CycleBudget b = cycle_budget(profile);
  return {{"paths_per_level", b.paths}, {"step", b.step}, {"barrier_over_eps", b.barrier_over_eps},
          {"model", "dθ = −θ dt + √ε dW in 2-D (H = I, C = I), D = unit disc"},
          {"monitoring", "discrete, Gobet–Menozzi shift on every sphere"}};
}

Model isotropic_model() {
  return QuadraticCase{"H = I, C = I, r = 1", Matrix::Identity(2, 2), kCycleDomainRadius}.model(Matrix::Identity(2, 2));
}

reference::OrnsteinUhlenbeck isotropic_ou(double eps) { return {1.0, eps, 1.0}; }

std::vector<ChainLevel> chain_ladder(const verify::CheckContext& context, double mu, const std::string& seed_salt) {
  const CycleBudget budget = cycle_budget(context.profile);
  const double v0 = quasipotential::first_principles_barrier(isotropic_model(), kCycleDomainRadius).value();
  std::vector<ChainLevel> levels;
  for (double k : budget.barrier_over_eps) {
    ChainLevel level;
    level.eps = v0 / k;
    level.exact_log_p =
        reference::radial_hitting_probability(isotropic_ou(level.eps), 2, mu / 2, kCycleDomainRadius, mu).log_probability;
    level.exact_mean_exit = reference::mean_exit_time_ball(isotropic_ou(level.eps), 2, kCycleDomainRadius, 0.0);
    measure::CycleChainRuns runs{isotropic_model(), Vector::Zero(2), kCycleDomainRadius, mu / 2, mu, Vector::Zero(2),
                                 level.eps, budget.step, budget.paths,
                                 // censoring far beyond the mean (an exit time is Exp-like: P(τ > 200 E[τ]) ~ e^{-200})
                                 200.0 * level.exact_mean_exit};
    runs.seed = derived_seed(context.seed, fmt::format("{} eps={}", seed_salt, level.eps));
    runs.threads = context.threads;
    level.chain = measure::run_cycle_chain(runs, fmt::format("per-cycle exit probability, μ = {}, ε = {:.4g}", mu, level.eps));
    levels.push_back(std::move(level));
  }
  return levels;
}

verify::Figure ladder_figure(const std::string& name, const std::string& title, const std::string& x_label,
                             const std::string& y_label, bool log_y, const std::string& measured_label,
                             const std::vector<double>& x, const std::vector<Interval>& measured,
                             const std::vector<double>& values, const std::vector<Curve>& curves) {
  verify::Figure f{name, title, x_label, y_label, false, log_y, {}};
  verify::Series points{measured_label, verify::SeriesStyle::errorbars, x, values, {}, {}};
  for (const Interval& i : measured) {
    points.y_low.push_back(i.low);
    points.y_high.push_back(i.high);
  }
  f.series.push_back(std::move(points));
  for (const Curve& c : curves) f.series.push_back({c.label, verify::SeriesStyle::lines, c.x, c.y, {}, {}});
  return f;
}

}  // namespace ldv::checks
