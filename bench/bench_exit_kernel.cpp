// Benchmark (not a test): path-steps per second of the 2-D exit-time kernel on
// the implicit-regularizer paper's Example 3.1 (f = x₁² + x₂², D = diag(μ, 2 − μ),
// μ = 1.5, unit disc, ε = 0.25, h = 1e-3), on 1 and 2 threads, beside the raw
// throughput of the RNG's normal variates alone (two per 2-D step: the bound the
// kernel cannot beat) and of the Philox kernels of each SIMD level. Prints one
// JSON object; bench/README.md explains the figures.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "ldv/core/provenance.hpp"
#include "ldv/exit/exit_time.hpp"
#include "ldv/models/spec_parser.hpp"
#include "ldv/random/philox_batch.hpp"
#include "ldv/random/philox_stream.hpp"
#include "ldv/random/simd_level.hpp"

namespace {

// Each figure is the best of this many repetitions: the least-disturbed run is the
// closest to what the code can do (other processes only ever slow it down).
constexpr int kRepetitions = 3;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

template <class Measure>
double best_of(Measure measure) {
  double best = 0.0;
  for (int i = 0; i < kRepetitions; ++i) best = std::max(best, measure());
  return best;
}

// Normals per second of one thread, generated exactly as the kernel draws them
// (one NormalStream per path, two normals per step), summed so nothing is optimised away.
double normals_per_second(std::uint64_t paths, std::uint64_t steps_per_path) {
  const auto start = std::chrono::steady_clock::now();
  double sink = 0.0;
  double z[2];
  for (std::uint64_t p = 0; p < paths; ++p) {
    ldv::NormalStream normals(42, static_cast<std::uint32_t>(p));
    for (std::uint64_t k = 0; k < steps_per_path; ++k) {
      normals.fill(z, 2);
      sink += z[0] + z[1];
    }
  }
  const double elapsed = seconds_since(start);
  if (sink == 12345.678) std::puts("");  // keeps `sink` alive
  return static_cast<double>(2 * paths * steps_per_path) / elapsed;
}

// Philox4x32-10 blocks per second of one thread with the kernel of `level`
// (bit-identical across levels; only the speed differs).
double philox_blocks_per_second(ldv::SimdLevel level, std::uint64_t batches) {
  ldv::PhiloxBatchPosition position{42, 0, 0, 0, 0};
  ldv::PhiloxBatch batch;
  std::uint32_t sink = 0;
  const auto start = std::chrono::steady_clock::now();
  for (std::uint64_t b = 0; b < batches; ++b) {
    ldv::philox_batch(level, position, batch);
    position.first_block += ldv::kPhiloxBatchBlocks;
    sink ^= batch.words[b & 3][b & 15];
  }
  const double elapsed = seconds_since(start);
  if (sink == 12345u) std::puts("");
  return static_cast<double>(batches * ldv::kPhiloxBatchBlocks) / elapsed;
}

double kernel_steps_per_second(const ldv::Model& model, int threads, std::uint64_t paths,
                               ldv::ExitEstimator estimator) {
  ldv::ExitTimeProblem problem{model, ldv::Ball(ldv::Vector::Zero(2), 1.0), ldv::Vector::Zero(2), 0.25, 1e-3, 1e7,
                               estimator};
  const ldv::MonteCarloSettings settings{paths, 42, threads, 0.95, false};
  const ldv::ExitTimeResult result = ldv::estimate_exit_time(problem, settings);
  return static_cast<double>(result.steps_simulated) / result.elapsed_seconds;
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t paths = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 512;
  const ldv::Model model = ldv::parse_model_spec(
      R"({"kind":"quadratic","hessian":[[2,0],[0,2]],"diffusion":[[1.5,0],[0,0.5]]})");
  nlohmann::json out;
  out["benchmark"] = "exit-time kernel, implicit-regularizer Example 3.1, mu = 1.5, eps = 0.25, h = 1e-3";
  out["paths"] = paths;
  out["repetitions"] = kRepetitions;
  out["simd_level"] = ldv::to_string(ldv::active_simd_level());
  for (ldv::SimdLevel level : ldv::supported_simd_levels())
    out["philox_blocks_per_second_1_thread"][ldv::to_string(level)] =
        best_of([&] { return philox_blocks_per_second(level, 2'000'000); });
  const double rng = best_of([&] { return normals_per_second(paths, 40000); });
  out["rng_normals_per_second_1_thread"] = rng;
  out["rng_bound_steps_per_second_1_thread"] = rng / 2.0;
  for (auto estimator : {ldv::ExitEstimator::discrete, ldv::ExitEstimator::gobet_menozzi, ldv::ExitEstimator::bridge}) {
    const std::string name = ldv::to_string(estimator);
    const double one = best_of([&] { return kernel_steps_per_second(model, 1, paths, estimator); });
    const double two = best_of([&] { return kernel_steps_per_second(model, 2, paths, estimator); });
    out[name] = {{"steps_per_second_1_thread", one},
                 {"steps_per_second_2_threads", two},
                 {"fraction_of_rng_bound_1_thread", one / (rng / 2.0)},
                 {"speedup_2_threads", two / one}};
  }
  out["provenance"] = ldv::provenance(std::vector<std::string>(argv, argv + argc));
  std::printf("%s\n", out.dump(2).c_str());
  return 0;
}
