#include "ldv/rare/reaching_probability.hpp"

#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/rare/detail/parallel_units.hpp"
#include "ldv/rare/detail/replica.hpp"

namespace ldv::rare {
namespace {

constexpr std::uint64_t kPathsPerBlock = 256;  // fixed: the reduction order never depends on threads

// The start is not the attractor here, so a distance coordinate is centred at the domain's centre.
ReactionCoordinate checked_coordinate(const ExitTimeProblem& problem, double return_level, CoordinateChoice choice) {
  const ReactionCoordinate xi = ReactionCoordinate::for_model(problem.model, problem.domain.center(), choice);
  if (!(xi(problem.start) > return_level))
    throw_invalid(fmt::format("reaching probability: the start has ξ = {:.6g}, not above the return level {:.6g}",
                              xi(problem.start), return_level));
  return xi;
}

}  // namespace

ReachingProbability splitting_reaching_probability(const ExitTimeProblem& problem, double return_level,
                                                   const SplittingSettings& settings) {
  validate_splitting_settings(problem, settings);
  validate(problem, MonteCarloSettings{settings.replicas, settings.seed, settings.threads, settings.confidence, false});
  const ReactionCoordinate xi = checked_coordinate(problem, return_level, settings.coordinate);
  const ldv::detail::KernelSettings kernel = detail::kernel_settings(problem, settings.seed);
  const detail::ReplicaSettings replica_settings{settings.particles, settings.killed_per_iteration,
                                                 SplittingLevels{return_level, xi(problem.start)},
                                                 problem.start.data(), kernel.max_steps, settings.max_iterations};
  const std::vector<double> start(problem.start.data(), problem.start.data() + problem.start.size());
  std::vector<ReplicaSummary> replicas(settings.replicas);
  detail::for_each_unit(problem, xi, kernel, detail::resolve_threads(settings.threads), settings.replicas,
                        [&](auto& stepper, std::uint64_t m) {
                          replicas[m] = detail::Replica(stepper, replica_settings, replica_seed(settings.seed, m))
                                            .splitting_only(start);
                        });
  ReachingProbability out;
  out.samples = settings.replicas;
  double sum = 0.0, sum2 = 0.0;
  for (const ReplicaSummary& r : replicas) {  // replica order
    out.replica_probabilities.push_back(r.probability);
    out.steps_simulated += r.steps;
    sum += r.probability;
  }
  out.mean = sum / static_cast<double>(settings.replicas);
  for (double p : out.replica_probabilities) sum2 += (p - out.mean) * (p - out.mean);
  out.std_error = std::sqrt(sum2 / static_cast<double>(settings.replicas * (settings.replicas - 1)));
  return out;
}

ReachingProbability direct_reaching_probability(const ExitTimeProblem& problem, double return_level,
                                                CoordinateChoice coordinate, std::uint64_t paths, std::uint64_t seed,
                                                int threads) {
  if (paths < 2) throw_invalid(fmt::format("reaching probability: paths = {}; expected at least 2", paths));
  if (problem.estimator == ExitEstimator::bridge)
    throw_invalid("reaching probability: expected the discrete or gobet-menozzi estimator, not bridge");
  validate(problem, MonteCarloSettings{paths, seed, threads, 0.95, false});
  const ReactionCoordinate xi = checked_coordinate(problem, return_level, coordinate);
  const ldv::detail::KernelSettings kernel = detail::kernel_settings(problem, seed);
  const std::uint64_t blocks = (paths + kPathsPerBlock - 1) / kPathsPerBlock;
  std::vector<std::uint64_t> exits(blocks, 0), steps(blocks, 0);
  const int d = problem.model.dimension();
  detail::for_each_unit(problem, xi, kernel, detail::resolve_threads(threads), blocks, [&](auto& stepper, std::uint64_t b) {
    std::vector<double> x(static_cast<std::size_t>(d));
    for (std::uint64_t p = b * kPathsPerBlock; p < std::min(paths, (b + 1) * kPathsPerBlock); ++p) {
      NormalStream normals(seed, static_cast<std::uint32_t>(p));
      std::copy(problem.start.data(), problem.start.data() + d, x.begin());
      for (std::uint64_t k = 1;; ++k) {
        if (k > kernel.max_steps)
          throw NumericalFailure(fmt::format("reaching probability: path {} ran more than {} steps", p, kernel.max_steps));
        ++steps[b];
        if (stepper.step(x.data(), normals)) {
          ++exits[b];
          break;
        }
        if (stepper.level(x.data()) <= return_level) break;
      }
    }
  });
  ReachingProbability out;
  std::uint64_t total = 0;
  for (std::uint64_t b = 0; b < blocks; ++b) {
    total += exits[b];
    out.steps_simulated += steps[b];
  }
  out.samples = paths;
  out.mean = static_cast<double>(total) / static_cast<double>(paths);
  out.std_error = std::sqrt(out.mean * (1.0 - out.mean) / static_cast<double>(paths));
  return out;
}

}  // namespace ldv::rare
