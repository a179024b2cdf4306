#include "exit_time_methods.hpp"

#include <fmt/format.h>

#include <iostream>

#include "json_output.hpp"
#include "ldv/exit/error_controlled_exit_time.hpp"
#include "ldv/pde/mean_exit_time.hpp"

namespace ldv::app {
namespace {

void print_warnings(const std::vector<std::string>& warnings) {
  for (const std::string& warning : warnings) std::cerr << "ldv: warning: " << warning << '\n';
}

}  // namespace

void run_exit_time_to_tolerance(const ExitTimeRequest& r) {
  ErrorControlSettings settings;
  settings.tolerance = *r.tolerance;
  settings.confidence = r.confidence;
  settings.seed = r.seed;
  settings.threads = r.threads;
  const ErrorControlledExitTime e = estimate_exit_time_to_tolerance(r.problem, settings);
  if (r.json) {
    nlohmann::json levels = nlohmann::json::array();
    for (const LevelSample& s : e.levels)
      levels.push_back({{"level", s.level},
                        {"step", s.fine_step},
                        {"paths", s.paths},
                        {"mean", s.mean()},
                        {"variance", s.variance()},
                        {"steps_simulated", s.steps},
                        {"censored", s.censored}});
    nlohmann::json out = r.echo;
    out.update({{"command", "exit-time"},
                {"method", "multilevel-" + to_string(r.problem.estimator)},
                {"mean", e.value},
                {"ci_low", e.ci_low},
                {"ci_high", e.ci_high},
                {"confidence", e.confidence},
                {"ci_method", "normal quantile x standard error + bias estimate"},
                {"std_error", e.std_error},
                {"bias_estimate", e.bias_estimate},
                {"half_width", e.half_width},
                {"tolerance", *r.tolerance},
                {"tolerance_met", e.tolerance_met},
                {"coarsest_step", e.coarsest_step},
                {"finest_step", e.finest_step},
                {"levels", levels},
                {"censored", e.censored},
                {"steps_simulated", e.steps_simulated},
                {"elapsed_s", e.elapsed_seconds},
                {"warnings", e.warnings}});
    std::cout << out.dump(2) << '\n';
    return;
  }
  print_warnings(e.warnings);
  std::cout << fmt::format("mean exit time E[tau] = {:.6g}   {:g}% CI [{:.6g}, {:.6g}] (statistics + bias)\n", e.value,
                           100 * e.confidence, e.ci_low, e.ci_high)
            << fmt::format("  bias estimate {:.3g}, standard error {:.3g}, total {:.3g} = {:.3g}% (tolerance {:g}%{})\n",
                           e.bias_estimate, e.std_error, e.half_width, 100 * e.half_width / std::abs(e.value),
                           100 * *r.tolerance, e.tolerance_met ? "" : ", NOT met")
            << fmt::format("  multilevel {}, {} step: {} levels, steps {:g} ... {:g}\n",
                           to_string(r.problem.estimator), to_string(r.problem.scheme), e.levels.size(),
                           e.coarsest_step, e.finest_step);
  for (const LevelSample& s : e.levels)
    std::cout << fmt::format("    level {:2d}  h {:<10.4g} paths {:>10}  mean {:<+12.5g} variance {:.4g}\n", s.level,
                             s.fine_step, s.paths, s.mean(), s.variance());
  std::cout << fmt::format("  {} steps simulated, seed {}, {:.3g} s\n", e.steps_simulated, r.seed, e.elapsed_seconds);
}

void run_exit_time_pde(const ExitTimeRequest& r) {
  pde::PdeSettings settings;
  if (r.tolerance) settings.tolerance = *r.tolerance;
  const pde::PdeProblem problem{r.problem.model, r.problem.domain.center(), r.problem.domain.radius(), r.problem.start,
                                r.problem.eps};
  const pde::PdeEstimate e = pde::mean_exit_time(problem, settings);
  if (r.json) {
    nlohmann::json grids = nlohmann::json::array();
    for (const pde::GridSolution& g : e.grids)
      grids.push_back({{"radial", g.radial},
                       {"angular", g.angular},
                       {"stretching", g.stretching},
                       {"unknowns", g.unknowns},
                       {"value", g.value},
                       {"peclet", g.peclet.value},
                       {"seconds", g.seconds}});
    nlohmann::json out = r.echo;
    out.update({{"command", "exit-time"},
                {"method", "pde"},
                {"mean", e.value},
                {"error_estimate", e.error_estimate},
                {"ci_low", e.value - e.error_estimate},
                {"ci_high", e.value + e.error_estimate},
                {"ci_method", "Richardson: last change of the extrapolated value (deterministic bound, no level)"},
                {"observed_order", finite_or_null(e.observed_order)},
                {"tolerance_met", e.tolerance_met},
                {"grids", grids},
                {"elapsed_s", e.elapsed_seconds},
                {"warnings", e.warnings}});
    if (r.tolerance) out["tolerance"] = *r.tolerance;
    std::cout << out.dump(2) << '\n';
    return;
  }
  print_warnings(e.warnings);
  std::cout << fmt::format("mean exit time E[tau] = {:.10g} ± {:.3g} (PDE, continuous time; Richardson error "
                           "estimate), observed order {:.3g}\n",
                           e.value, e.error_estimate, e.observed_order);
  for (const pde::GridSolution& g : e.grids)
    std::cout << fmt::format("    grid {:4d} x {:<4d} stretching {:<5g} value {:<14.10g} Peclet {:.3g}  {:.3g} s\n",
                             g.radial, g.angular, g.stretching, g.value, g.peclet.value, g.seconds);
  std::cout << fmt::format("  {:.3g} s\n", e.elapsed_seconds);
}

}  // namespace ldv::app
