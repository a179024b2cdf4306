#include "proofs_checks/kit_figure2.hpp"

#include <cmath>
#include <fmt/format.h>

#include "ldv/measure/figures.hpp"
#include "ldv/stats/quantiles.hpp"
#include "ldv/stats/regression.hpp"
#include "proofs_checks/check_kit.hpp"

namespace ldv::checks {

unsigned figure2_runs_per_setting(verify::Profile profile) { return profile == verify::Profile::quick ? 30u : 1000u; }
unsigned figure2_step_cap(verify::Profile profile) { return profile == verify::Profile::quick ? 10000u : 1000000u; }

mlp::ExitStepSweep figure2_sweep(const std::string& variable, const TrainedMlp& net, const std::vector<double>& x,
                                 const std::vector<mlp::SgdSetting>& settings, const verify::CheckContext& context) {
  std::vector<mlp::ExitRunSettings> runs;
  for (std::size_t i = 0; i < x.size(); ++i)
    runs.push_back({figure2_runs_per_setting(context.profile), figure2_step_cap(context.profile),
                    derived_seed(context.seed, "escape.figure2 " + fmt::format("{}={}", variable, x[i])),
                    context.threads});
  return mlp::sweep_exit_steps(variable, *net.loss, net.quadratic, net.network.theta, x, settings, runs);
}

mlp::ExitStepSweep figure2_radius_sweep(const TrainedMlp& net, const verify::CheckContext& context) {
  const Figure2Ball ball = figure2_ball(net);
  std::vector<double> x;
  std::vector<mlp::SgdSetting> settings;
  for (double r : ball.radii) {
    x.push_back(r * r);
    settings.push_back({ball.eta0, kFigure2Batch, r, 1.0, false});
  }
  return figure2_sweep("r²", net, x, settings, context);
}

verify::Figure figure2_panel(const std::string& name, const std::string& title, const mlp::ExitStepSweep& s,
                             const verify::Decision& decision) {
  std::vector<measure::MeasuredCase> cases;
  std::vector<double> rate;
  for (const mlp::SweepPoint& p : s.points) {
    const double z = stats::normal_quantile(0.5 + 0.5 * decision.measurement_level());
    const double se = stats::log_mean_std_error(p.mean);
    if (!std::isfinite(p.mean.mean) || !std::isfinite(se)) continue;  // every run censored: no point to draw
    cases.push_back({p.x, {fmt::format("mean steps at {} = {:.4g}", s.variable, p.x), p.mean.mean,
                           p.mean.mean * std::exp(-z * se), p.mean.mean * std::exp(z * se),
                           decision.measurement_level(), "estimate_mean, log-normal interval"}});
    rate.push_back(std::exp(p.gaussian_rate));
  }
  if (cases.empty()) cases.push_back({s.points.front().x, {"no setting had a bounded mean", 0, 0, 0, decision.measurement_level(), ""}}), rate.push_back(0);
  verify::Figure f = measure::measured_versus_predicted_figure(name, title, s.variable, "mean exit steps", cases,
                                                               {{"exp(I), the Gaussian chain's exponent", rate}});
  f.log_y = true;
  return f;
}

}  // namespace ldv::checks
