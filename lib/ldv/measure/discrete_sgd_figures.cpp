#include "ldv/measure/discrete_sgd_figures.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "ldv/stats/quantiles.hpp"

namespace ldv::measure {
namespace {

std::string level_text(double level) { return fmt::format("{:.6g}%", 100.0 * level); }

verify::Series series(std::string label, verify::SeriesStyle style) { return {std::move(label), style, {}, {}, {}, {}}; }

}  // namespace

verify::Figure tied_step_limit_figure(const std::vector<TiedStepRatio>& cases, const std::vector<RatioLaw>& laws) {
  verify::Figure f{"tied_step_limit", "lim E[ν]/E[τ] as η → 0 at fixed B, against κ = λ r √B / s",
                   "κ = λ r √B / s", "lim E[ν]/E[τ]", false, false, {}};
  verify::Series measured = series("measured (Nyström + exact E[τ], extrapolated; deterministic bound)",
                                   verify::SeriesStyle::errorbars);
  double lo = 1e300, hi = 0.0;
  for (const TiedStepRatio& c : cases) {
    const double k = c.tied_case.kappa();
    const Interval bound = c.limit.estimate.at(0.5);  // deterministic: the same at every level
    measured.x.push_back(k);
    measured.y.push_back(c.limit.limit);
    measured.y_low.push_back(bound.low);
    measured.y_high.push_back(bound.high);
    lo = std::min(lo, k);
    hi = std::max(hi, k);
  }
  f.series.push_back(std::move(measured));
  const int n = 120;
  for (const RatioLaw& law : laws) {
    verify::Series line = series(law.label, verify::SeriesStyle::lines);
    for (int i = 0; i <= n; ++i) {
      const double k = 0.5 * lo + (1.25 * hi - 0.5 * lo) * i / n;
      line.x.push_back(k);
      line.y.push_back(law.of_kappa(k));
    }
    f.series.push_back(std::move(line));
  }
  return f;
}

verify::Figure tied_step_ladder_figure(const std::vector<TiedStepRatio>& cases,
                                       const std::vector<TiedStepSimulation>& simulations, double level) {
  verify::Figure f{"tied_step_ladder", "E[ν]/E[τ] on the ladder η → 0 at fixed B (h = η, ε = η/B), limit at 0",
                   "ε/V₀ = η/(V₀B)", "E[ν]/E[τ]", false, false, {}};
  for (const TiedStepRatio& c : cases) {
    // The exact ratios from the simulated rung (when this case was simulated) down the ladder to the limit.
    verify::Series ladder = series(c.tied_case.label + ": exact", verify::SeriesStyle::lines);
    for (const TiedStepSimulation& s : simulations)
      if (s.label == c.tied_case.label) {
        ladder.x.push_back(1.0 / s.barrier_over_eps);
        ladder.y.push_back(s.reference / s.exit_continuous);
      }
    for (const TiedStepPoint& p : c.points) {
      ladder.x.push_back(1.0 / p.barrier_over_eps);
      ladder.y.push_back(p.ratio);
    }
    ladder.x.push_back(0.0);
    ladder.y.push_back(c.limit.limit);
    f.series.push_back(std::move(ladder));
  }
  verify::Series limits = series("extrapolated limits (bound)", verify::SeriesStyle::errorbars);
  for (const TiedStepRatio& c : cases) {
    const Interval bound = c.limit.estimate.at(0.5);
    limits.x.push_back(0.0);
    limits.y.push_back(c.limit.limit);
    limits.y_low.push_back(bound.low);
    limits.y_high.push_back(bound.high);
  }
  f.series.push_back(std::move(limits));
  for (const TiedStepSimulation& s : simulations) {
    const Interval mc = s.exit_discrete.at(level);
    verify::Series point = series(fmt::format("{}: simulated SGD (interval at {})", s.label, level_text(level)),
                                  verify::SeriesStyle::errorbars);
    point.x.push_back(1.0 / s.barrier_over_eps);
    point.y.push_back(s.exit_discrete.value / s.exit_continuous);
    point.y_low.push_back(mc.low / s.exit_continuous);
    point.y_high.push_back(mc.high / s.exit_continuous);
    f.series.push_back(std::move(point));
  }
  verify::Series one = series("paper: E[ν]/E[τ] → 1", verify::SeriesStyle::lines);
  double top = 0.0;
  for (const TiedStepRatio& c : cases)
    for (const TiedStepPoint& p : c.points) top = std::max(top, 1.0 / p.barrier_over_eps);
  for (const TiedStepSimulation& s : simulations) top = std::max(top, 1.0 / s.barrier_over_eps);
  one.x = {0.0, top};
  one.y = {1.0, 1.0};
  f.series.push_back(std::move(one));
  return f;
}

verify::Figure log_equivalence_figure(const std::vector<TiedStepRatio>& cases) {
  verify::Figure f{"log_equivalence",
                   "Exponents agree: log(E[ν]/E[τ]) relative to the exponent V₀B/η tends to 0 (E[ν]/E[τ] does not tend to 1)",
                   "ε/V₀ = η/(V₀B)", "log(E[ν]/E[τ]) / (V₀B/η)", false, false, {}};
  for (const TiedStepRatio& c : cases) {
    verify::Series s = series(c.tied_case.label, verify::SeriesStyle::points);
    for (const TiedStepPoint& p : c.points) {
      s.x.push_back(1.0 / p.barrier_over_eps);
      s.y.push_back(std::log(p.ratio) / p.barrier_over_eps);
    }
    f.series.push_back(std::move(s));
  }
  return f;
}

verify::Figure monitoring_bias_figure(const MonitoringBias& bias, double level) {
  const MonitoringCase& c = bias.monitoring_case;
  verify::Figure f{"monitoring_bias",
                   fmt::format("Fixed ε = {}: error of the exit time against √h, {}", c.eps, c.label), "√h",
                   "E_h − E[τ]", false, false, {}};
  const double z = stats::normal_quantile(0.5 * (1.0 + level));
  for (const MonitoringSeries* s : {&bias.discrete, &bias.gobet_menozzi}) {
    const std::string name = to_string(s->estimator);
    verify::Series mc = series(fmt::format("{}: Monte Carlo (intervals at {})", name, level_text(level)),
                               verify::SeriesStyle::errorbars);
    verify::Series exact = series(fmt::format("{}: exact (Nyström)", name), verify::SeriesStyle::lines);
    verify::Series fitted = series(fmt::format("{}: fitted a₀ + a₁√h + a₂h + a₃h^(3/2)", name),
                                   verify::SeriesStyle::lines);
    for (const MonitoringLevel& l : s->levels) {
      const double root = std::sqrt(l.step);
      const double e = l.mean - bias.exit_time;
      mc.x.push_back(root);
      mc.y.push_back(e);
      mc.y_low.push_back(e - z * l.std_error);
      mc.y_high.push_back(e + z * l.std_error);
      exact.x.push_back(root);
      exact.y.push_back(l.exact - bias.exit_time);
    }
    double top = 0.0;
    for (const MonitoringLevel& l : s->levels) top = std::max(top, std::sqrt(l.step));
    for (int i = 0; i <= 40; ++i) {
      const double root = top * i / 40;
      double v = 0.0;
      for (std::size_t k = 0; k < s->fit.coefficients.size(); ++k) v += s->fit.coefficients[k] * std::pow(root, k);
      fitted.x.push_back(root);
      fitted.y.push_back(v);
    }
    f.series.push_back(std::move(mc));
    f.series.push_back(std::move(exact));
    f.series.push_back(std::move(fitted));
  }
  verify::Series first_order = series("Gobet–Menozzi first order: c₀ s √ε (∂E[τ]/∂r) √h", verify::SeriesStyle::lines);
  double top = 0.0;
  for (const MonitoringLevel& l : bias.discrete.levels) top = std::max(top, std::sqrt(l.step));
  first_order.x = {0.0, top};
  first_order.y = {0.0, bias.predicted_root_coefficient * top};
  f.series.push_back(std::move(first_order));
  return f;
}

}  // namespace ldv::measure
