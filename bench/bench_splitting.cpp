// Benchmark (not a test): the time to measure E[τ] to 10% relative error (95% interval
// half-width ≤ 10%) at V₀/ε = 20, by splitting against direct simulation, side by side in
// one run, on the exact Ornstein–Uhlenbeck cases (1-D interval and 2-D disc, V₀ = 1,
// h = 0.05 ε, Gobet–Menozzi). Direct simulation cannot be run to the end there (E[τ] ≈ 1e8
// time units in 1-D): its time is extrapolated from its measured throughput (path-steps per
// second on the same threads) × the steps it needs, n·E[τ]/h with n = (1.96 CV / 0.1)² paths
// and CV = 1 (the exit time is asymptotically exponential). Splitting is run: a pilot of
// `pilot` replicas gives the per-replica spread, the replicas for 10% follow, and that run is
// made and timed and its error against the exact value printed. Prints one JSON object.
// Usage: bench_splitting [pilot_replicas=40] [threads=2] [barrier_over_eps=20]
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ldv/core/provenance.hpp"
#include "ldv/exit/exit_time.hpp"
#include "ldv/models/spec_parser.hpp"
#include "ldv/rare/splitting_exit_time.hpp"
#include "ldv/reference/ou_exit_time.hpp"

namespace {

constexpr double kTarget = 0.10, kZ = 1.959963984540054;

ldv::ExitTimeProblem problem(int d, double k) {
  const std::string m = d == 1 ? R"({"kind":"quadratic","hessian":[[1]],"diffusion":[[1]]})"
                               : R"({"kind":"quadratic","hessian":[[1,0],[0,1]],"diffusion":[[1,0],[0,1]]})";
  return {ldv::parse_model_spec(m), ldv::Ball(ldv::Vector::Zero(d), 1.0), ldv::Vector::Zero(d), 1.0 / k, 0.05 / k,
          1e9, ldv::ExitEstimator::gobet_menozzi};
}

nlohmann::json run_case(int d, double k, std::uint64_t pilot, int threads) {
  const ldv::ExitTimeProblem p = problem(d, k);
  const ldv::reference::OrnsteinUhlenbeck ou{1.0, p.eps, 1.0};
  const double exact = d == 1 ? ldv::reference::mean_exit_time_interval(ou, -1, 1, 0)
                              : ldv::reference::mean_exit_time_ball(ou, d, 1.0, 0.0);
  // Direct: throughput on censored paths (each runs `horizon` time units), same threads.
  ldv::ExitTimeProblem censored = p;
  censored.max_time = 200.0;
  const auto direct = ldv::estimate_exit_time(censored, {256, 7, threads, 0.95, false});
  const double throughput = static_cast<double>(direct.steps_simulated) / direct.elapsed_seconds;
  const double paths_needed = std::pow(kZ / kTarget, 2);  // CV = 1
  const double direct_seconds = paths_needed * exact / p.step / throughput;
  // Splitting: pilot, then the run sized for 10%.
  ldv::rare::SplittingSettings s;
  s.particles = 100;
  s.replicas = pilot;
  s.seed = 3;
  s.threads = threads;
  const auto first = ldv::rare::estimate_exit_time_splitting(p, s);
  const double per_replica = first.estimate.log_std_error() * std::sqrt(static_cast<double>(pilot));
  s.replicas = std::max<std::uint64_t>(2, static_cast<std::uint64_t>(std::ceil(std::pow(kZ * per_replica / kTarget, 2))));
  s.seed = 4;
  const auto sized = ldv::rare::estimate_exit_time_splitting(p, s);
  const double half_width = kZ * sized.estimate.log_std_error();
  return {{"dimension", d},
          {"barrier_over_eps", k},
          {"step", p.step},
          {"exact_mean_exit_time", exact},
          {"direct", {{"path_steps_per_second", throughput},
                      {"paths_for_10_percent", paths_needed},
                      {"steps_per_path", exact / p.step},
                      {"extrapolated_seconds", direct_seconds}}},
          {"splitting", {{"particles", s.particles},
                         {"replicas", s.replicas},
                         {"seconds", sized.elapsed_seconds},
                         {"steps_simulated", sized.steps_simulated},
                         {"mean", sized.estimate.mean},
                         {"relative_half_width_95", half_width},
                         {"relative_error_vs_exact", sized.estimate.mean / exact - 1.0},
                         {"interval_covers_exact", sized.interval.low <= exact && exact <= sized.interval.high},
                         {"pilot_seconds", first.elapsed_seconds}}},
          {"speedup", direct_seconds / sized.elapsed_seconds}};
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t pilot = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 40;
  const int threads = argc > 2 ? std::atoi(argv[2]) : 2;
  const double k = argc > 3 ? std::atof(argv[3]) : 20.0;
  nlohmann::json out = {{"benchmark", "splitting vs direct, E[tau] to 10% at 95%"},
                        {"threads", threads},
                        {"provenance", ldv::provenance(std::vector<std::string>(argv, argv + argc))}};
  for (int d : {1, 2}) out["cases"].push_back(run_case(d, k, pilot, threads));
  std::printf("%s\n", out.dump(2).c_str());
}
