// Benchmark (not a test) of error-controlled exit times; bench/README.md explains the figures.
//
//   bench_error_control coverage <seeds> <tolerance> [case 0|1|2|-1] [euler|exponential]
//     Coverage of the `--tolerance` interval (exit/error_controlled_exit_time.hpp) of the exact
//     mean exit time over seeds 1 … seeds, on three exact Ornstein–Uhlenbeck cases
//     (reference/ou_exit_time): nominal 95%, required >= 93%.
//
//   bench_error_control time
//     Time to a 1% total relative error (bias + 95% half-width) on the regularizer paper's
//     Example 3.1 (μ = 1.5, ε = 0.25, unit disc, start at the minimum), measured side by side:
//     the PDE solver; `--tolerance 0.01` (multilevel Gobet–Menozzi, exponential step, as the CLI
//     runs a linear drift); plain Euler Gobet–Menozzi at a
//     fixed step meeting half the budget as bias (its time extrapolated from a measured pilot:
//     the full run would take many minutes); and the discrete estimator's √h law (the NumPy
//     peer's estimator: bench/peers/) measured here, whose step and path count the peer's
//     measured throughput turns into a time (bench/run_error_control.sh).
// Prints one JSON object.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "ldv/core/provenance.hpp"
#include "ldv/exit/error_controlled_exit_time.hpp"
#include "ldv/models/spec_parser.hpp"
#include "ldv/pde/mean_exit_time.hpp"
#include "ldv/reference/ou_exit_time.hpp"
#include "ldv/stats/quantiles.hpp"

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

struct ExactCase {
  std::string name;
  int dimension;
  double a, s, eps, radius, rho0;
  ldv::ExitTimeProblem problem(double coarsest_step, ldv::StepScheme scheme) const {
    std::string h = "[", d = "[";
    for (int i = 0; i < dimension; ++i) {
      h += std::string(i ? "," : "") + "[";
      d += std::string(i ? "," : "") + "[";
      for (int j = 0; j < dimension; ++j) {
        h += (j ? "," : "") + std::to_string(i == j ? a : 0.0);
        d += (j ? "," : "") + std::to_string(i == j ? s * s : 0.0);
      }
      h += "]";
      d += "]";
    }
    const ldv::Model model =
        ldv::parse_model_spec(R"({"kind":"quadratic","hessian":)" + h + R"(],"diffusion":)" + d + "]}");
    ldv::Vector start = ldv::Vector::Zero(dimension);
    start(0) = rho0;
    ldv::ExitTimeProblem p{model, ldv::Ball(ldv::Vector::Zero(dimension), radius), start, eps, coarsest_step, 1e4,
                           ldv::ExitEstimator::gobet_menozzi};
    p.scheme = scheme;
    return p;
  }
  double exact() const { return ldv::reference::mean_exit_time_ball({a, eps, s}, dimension, radius, rho0); }
};

nlohmann::json coverage(int seeds, double tolerance, int only_case, ldv::StepScheme scheme) {
  const std::vector<ExactCase> cases = {{"1-D OU, a = 1, s = 1, eps = 0.5, r = 1", 1, 1.0, 1.0, 0.5, 1.0, 0.0},
                                        {"2-D OU, a = 1, s = sqrt 0.5, eps = 1, r = 1", 2, 1.0, std::sqrt(0.5), 1.0, 1.0, 0.0},
                                        {"3-D OU, a = 2, s = 1, eps = 0.5, r = 1, start 0.4", 3, 2.0, 1.0, 0.5, 1.0, 0.4}};
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t k = 0; k < cases.size(); ++k) {
    if (only_case >= 0 && static_cast<int>(k) != only_case) continue;
    const ExactCase& c = cases[k];
    const double exact = c.exact();
    int covered = 0, met = 0;
    double relative_half_width = 0.0, relative_error = 0.0, max_abs_error = 0.0, seconds = 0.0;
    for (int seed = 1; seed <= seeds; ++seed) {
      ldv::ErrorControlSettings settings;
      settings.tolerance = tolerance;
      settings.seed = static_cast<std::uint64_t>(seed);
      const auto r = ldv::estimate_exit_time_to_tolerance(c.problem(0.05, scheme), settings);
      covered += (r.ci_low <= exact && exact <= r.ci_high) ? 1 : 0;
      met += r.tolerance_met ? 1 : 0;
      relative_half_width += r.half_width / r.value / seeds;
      relative_error += (r.value - exact) / exact / seeds;
      max_abs_error = std::max(max_abs_error, std::abs(r.value - exact) / exact);
      seconds += r.elapsed_seconds;
    }
    out.push_back({{"case", c.name},
                   {"exact", exact},
                   {"seeds", seeds},
                   {"tolerance", tolerance},
                   {"scheme", ldv::to_string(scheme)},
                   {"covered", covered},
                   {"coverage", static_cast<double>(covered) / seeds},
                   {"tolerance_met", met},
                   {"mean_relative_half_width", relative_half_width},
                   {"mean_relative_error", relative_error},
                   {"max_relative_error", max_abs_error},
                   {"seconds", seconds}});
    std::cerr << out.back().dump() << '\n';
  }
  return out;
}

nlohmann::json time_to_one_percent() {
  const ldv::Model model =
      ldv::parse_model_spec(R"({"kind":"quadratic","hessian":[[2,0],[0,2]],"diffusion":[[1.5,0],[0,0.5]]})");
  const ldv::Vector origin = ldv::Vector::Zero(2);
  const double eps = 0.25, tolerance = 0.01, z = ldv::stats::normal_quantile(0.975);
  nlohmann::json out;

  // The PDE: continuous time, its own error estimate.
  auto started = std::chrono::steady_clock::now();
  const auto pde = ldv::pde::mean_exit_time({model, origin, 1.0, origin, eps});
  const double pde_seconds = seconds_since(started);
  const double reference = pde.value;
  out["pde"] = {{"value", pde.value}, {"error_estimate", pde.error_estimate}, {"seconds", pde_seconds}};
  std::cerr << out["pde"].dump() << '\n';

  // --tolerance 0.01 as `ldv exit-time` runs it on this linear drift: the exponential step
  // (sim/exponential_euler.hpp), multilevel from h₀ = 0.05.
  const ldv::ExitTimeProblem base{model, ldv::Ball(origin, 1.0), origin, eps, 0.05, 1e4,
                                  ldv::ExitEstimator::gobet_menozzi};
  ldv::ErrorControlSettings settings;
  settings.tolerance = tolerance;
  auto exponential = base;
  exponential.scheme = ldv::StepScheme::exponential_euler;
  const auto mlmc = ldv::estimate_exit_time_to_tolerance(exponential, settings);
  out["tolerance"] = {{"value", mlmc.value},          {"half_width", mlmc.half_width},
                      {"bias_estimate", mlmc.bias_estimate}, {"std_error", mlmc.std_error},
                      {"levels", mlmc.levels.size()}, {"finest_step", mlmc.finest_step},
                      {"steps", mlmc.steps_simulated}, {"error_vs_pde", (mlmc.value - reference) / reference},
                      {"scheme", "exponential"}, {"seconds", mlmc.elapsed_seconds}};
  std::cerr << out["tolerance"].dump() << '\n';

  // Paths a plain run needs for a 0.5% half-width (half the budget), from a pilot's standard
  // deviation; its time = pilot time × paths / pilot paths.
  auto paths_for_half_budget = [&](const ldv::ExitTimeResult& pilot, double pilot_paths) {
    const double sd = pilot.estimate.std_error * std::sqrt(pilot_paths);
    return std::pow(z * sd / (0.5 * tolerance * reference), 2);
  };

  // Context, not the benchmark's baseline: plain Gobet–Menozzi with the exponential step at a
  // fixed step, uncertified (its bias is measured here against the PDE, which a user without a
  // reference cannot do): paths for a 0.5% half-width, time extrapolated from a pilot.
  nlohmann::json plain_exponential = nlohmann::json::array();
  for (double h : {0.05, 0.02}) {
    auto plain = exponential;
    plain.step = h;
    const auto r = ldv::estimate_exit_time(plain, {100'000, 3, 0, 0.95, false});
    const double paths = paths_for_half_budget(r, 1e5);
    plain_exponential.push_back({{"step", h}, {"mean", r.estimate.mean}, {"std_error", r.estimate.std_error},
                                 {"relative_error_vs_pde", (r.estimate.mean - reference) / reference},
                                 {"paths_needed", paths}, {"seconds_extrapolated", r.elapsed_seconds * paths / 1e5}});
  }
  out["plain_exponential_uncertified"] = plain_exponential;
  std::cerr << plain_exponential.dump() << '\n';

  // Plain Gobet–Menozzi (Euler, ldv's fixed-step default): the step whose bias is half the budget, 0.5%. From the issue's
  // measurements (−2.5% at 2e-3, −1.3% at 1e-3, 40 000 paths each) the two-term expansion
  // b(h)/E[τ] = −16.3 h + 104 h^{3/2} gives −0.50% at h = 3.5e-4. Paths for a 0.5% half-width
  // from the pilot's standard deviation; time = pilot time × paths / pilot paths.
  const double plain_step = 3.5e-4;
  const std::uint64_t pilot_paths = 4000;
  auto plain = base;
  plain.step = plain_step;
  plain.max_time = 1e4;
  const auto pilot = ldv::estimate_exit_time(plain, {pilot_paths, 1, 0, 0.95, false});
  const double plain_paths = paths_for_half_budget(pilot, static_cast<double>(pilot_paths));
  const double plain_seconds = pilot.elapsed_seconds * plain_paths / pilot_paths;
  out["plain_gobet_menozzi"] = {{"step", plain_step},
                                {"pilot_paths", pilot_paths},
                                {"pilot_mean", pilot.estimate.mean},
                                {"pilot_seconds", pilot.elapsed_seconds},
                                {"steps_per_second", pilot.steps_simulated / pilot.elapsed_seconds},
                                {"paths_needed", plain_paths},
                                {"seconds_extrapolated", plain_seconds}};
  std::cerr << out["plain_gobet_menozzi"].dump() << '\n';

  // The discrete estimator's √h law (the peer's estimator): bias at two steps against the PDE.
  nlohmann::json law = nlohmann::json::array();
  double a1 = 0.0;
  for (double h : {4e-3, 1e-3}) {
    auto discrete = base;
    discrete.step = h;
    discrete.estimator = ldv::ExitEstimator::discrete;
    const auto r = ldv::estimate_exit_time(discrete, {20'000, 2, 0, 0.95, false});
    const double relative_bias = (r.estimate.mean - reference) / reference;
    law.push_back({{"step", h}, {"mean", r.estimate.mean}, {"std_error", r.estimate.std_error},
                   {"relative_bias", relative_bias}, {"a1", relative_bias / std::sqrt(h)}});
    a1 = relative_bias / std::sqrt(h);  // the finer step's coefficient
  }
  const double peer_step = std::pow(0.5 * tolerance / std::abs(a1), 2);
  out["discrete_law"] = {{"points", law},
                         {"a1_relative", a1},
                         {"step_for_half_percent_bias", peer_step},
                         {"paths_needed", plain_paths},
                         {"path_steps_needed", plain_paths * reference / peer_step}};
  const double plain_steps = plain_paths * static_cast<double>(pilot.steps_simulated) / pilot_paths;
  out["ratios"] = {{"plain_over_tolerance", plain_seconds / mlmc.elapsed_seconds},
                   {"plain_steps_over_tolerance_steps", plain_steps / static_cast<double>(mlmc.steps_simulated)},
                   {"plain_over_pde", plain_seconds / pde_seconds},
                   {"tolerance_over_pde", mlmc.elapsed_seconds / pde_seconds}};
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "time";
  nlohmann::json out = {{"benchmark", "error_control"}, {"provenance", ldv::provenance({argv, argv + argc})}};
  if (mode == "coverage") {
    const int seeds = argc > 2 ? std::atoi(argv[2]) : 200;
    const double tolerance = argc > 3 ? std::atof(argv[3]) : 0.02;
    const int only_case = argc > 4 ? std::atoi(argv[4]) : -1;  // 0, 1, 2: one case; default all
    // The step scheme: exponential by default, as `ldv exit-time --tolerance` runs these linear drifts.
    const auto scheme = ldv::parse_step_scheme(argc > 5 ? argv[5] : "exponential");
    out["coverage"] = coverage(seeds, tolerance, only_case, scheme);
  } else {
    out["time_to_one_percent"] = time_to_one_percent();
  }
  std::cout << out.dump(2) << '\n';
  return 0;
}
