// Benchmark (not a test): the coverage of splitting's 95% interval for E[τ] over many seeds,
// on the exact OU cases (dX = −X dt + √ε dW on the unit interval / ball in d = 1, 2, 3,
// V₀ = 1) at V₀/ε far beyond direct simulation (10, 20, 30 by default: E[τ] up to ≈ 1e13).
// Splitting estimates the mean exit time of the Gobet–Menozzi Euler chain, so its interval is
// held against that chain's exact value (reference/discrete_dynkin.hpp on the ball shrunk by
// c₀√(εh), 1e-8 relative): the coverage of its statistical interval. The step's own bias, the
// chain's value against the diffusion's (reference/ou_exit_time.hpp), is printed beside it;
// the exit-time ladder carries it separately (measure/exit_time_ladder.hpp).
// For each case: seeds covering (count, and its 99% Clopper–Pearson interval), the mean
// relative error and half-width, seconds. Prints one JSON object.
// Usage: bench_splitting_coverage [seeds=200] [particles=50] [replicas=30] [threads=2] [k...]
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ldv/core/provenance.hpp"
#include "ldv/exit/estimator.hpp"
#include "ldv/models/spec_parser.hpp"
#include "ldv/rare/splitting_exit_time.hpp"
#include "ldv/reference/discrete_dynkin.hpp"
#include "ldv/reference/ou_exit_time.hpp"
#include "ldv/stats/binomial_interval.hpp"

namespace {

constexpr double kStepTimesRate = 0.005;  // the full profile's h λ

std::string ou_spec(int d) {
  std::string row, matrix;
  for (int i = 0; i < d; ++i) {
    row.clear();
    for (int j = 0; j < d; ++j) row += (j ? "," : "") + std::string(i == j ? "1" : "0");
    matrix += (i ? ",[" : "[") + row + "]";
  }
  return R"({"kind":"quadratic","hessian":[)" + matrix + R"(],"diffusion":"identity"})";
}

nlohmann::json run_case(int d, double k, std::uint64_t seeds, std::uint64_t particles, std::uint64_t replicas,
                        int threads) {
  const double eps = 1.0 / k, h = kStepTimesRate;
  const ldv::ExitTimeProblem p{ldv::parse_model_spec(ou_spec(d)), ldv::Ball(ldv::Vector::Zero(d), 1.0),
                               ldv::Vector::Zero(d), eps, h, 1e9, ldv::ExitEstimator::gobet_menozzi};
  const double edge = 1.0 - ldv::gobet_menozzi_constant() * std::sqrt(eps * h);
  const ldv::reference::DiscreteOrnsteinUhlenbeck chain{1.0, eps, 1.0, h};
  const double chain_exact = d == 1 ? ldv::reference::discrete_mean_exit_time_interval(chain, -edge, edge, 0.0).mean
                                    : ldv::reference::discrete_mean_exit_time_ball(chain, d, edge, 0.0).mean;
  const ldv::reference::OrnsteinUhlenbeck ou{1.0, eps, 1.0};
  const double diffusion_exact = d == 1 ? ldv::reference::mean_exit_time_interval(ou, -1, 1, 0)
                                        : ldv::reference::mean_exit_time_ball(ou, d, 1.0, 0.0);
  std::uint64_t covered = 0;
  double error = 0.0, half_width = 0.0, seconds = 0.0;
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    ldv::rare::SplittingSettings s;
    s.particles = particles;
    s.replicas = replicas;
    s.seed = 100000 * static_cast<std::uint64_t>(d) + static_cast<std::uint64_t>(k) * 1000 + seed;
    s.threads = threads;
    const auto r = ldv::rare::estimate_exit_time_splitting(p, s);
    covered += r.interval.low <= chain_exact && chain_exact <= r.interval.high ? 1 : 0;
    error += (r.estimate.mean / chain_exact - 1.0) / static_cast<double>(seeds);
    half_width += 0.5 * (r.interval.high - r.interval.low) / r.estimate.mean / static_cast<double>(seeds);
    seconds += r.elapsed_seconds;
  }
  const auto band = ldv::stats::clopper_pearson_interval(covered, seeds, 0.99);
  return {{"dimension", d},
          {"barrier_over_eps", k},
          {"step", h},
          {"chain_exact_mean_exit_time", chain_exact},
          {"diffusion_exact_mean_exit_time", diffusion_exact},
          {"step_bias", chain_exact / diffusion_exact - 1.0},
          {"seeds", seeds},
          {"covered", covered},
          {"coverage", static_cast<double>(covered) / static_cast<double>(seeds)},
          {"coverage_99_clopper_pearson", {band.low, band.high}},
          {"mean_relative_error_vs_chain", error},
          {"mean_relative_half_width_95", half_width},
          {"seconds", seconds}};
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t seeds = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 200;
  const std::uint64_t particles = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 50;
  const std::uint64_t replicas = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 30;
  const int threads = argc > 4 ? std::atoi(argv[4]) : 2;
  std::vector<double> ks;
  for (int i = 5; i < argc; ++i) ks.push_back(std::atof(argv[i]));
  if (ks.empty()) ks = {10.0, 20.0, 30.0};
  nlohmann::json out = {{"benchmark", "coverage of splitting's 95% interval on exact OU chains"},
                        {"particles", particles},
                        {"replicas", replicas},
                        {"threads", threads},
                        {"provenance", ldv::provenance(std::vector<std::string>(argv, argv + argc))}};
  for (int d : {1, 2, 3})
    for (double k : ks) {
      out["cases"].push_back(run_case(d, k, seeds, particles, replicas, threads));
      std::fprintf(stderr, "%s\n", out["cases"].back().dump().c_str());  // progress: a killed run keeps what it did
    }
  std::printf("%s\n", out.dump(2).c_str());
}
