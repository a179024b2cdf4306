#include "ldv/rare/splitting_exit_time.hpp"

#include <chrono>
#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/rare/detail/parallel_units.hpp"
#include "ldv/rare/detail/replica.hpp"

namespace ldv::rare {

void validate_splitting_settings(const ExitTimeProblem& problem, const SplittingSettings& s) {
  if (problem.scheme != StepScheme::euler)
    throw_invalid(fmt::format("splitting runs the Euler step, not the {} step (expected scheme euler)",
                              to_string(problem.scheme)));
  if (s.particles < 2) throw_invalid(fmt::format("splitting: particles = {}; expected at least 2", s.particles));
  if (s.killed_per_iteration < 1 || s.killed_per_iteration >= s.particles)
    throw_invalid(fmt::format("splitting: killed per iteration k = {}; expected 1 <= k < particles = {}",
                              s.killed_per_iteration, s.particles));
  if (s.replicas < 2)
    throw_invalid(fmt::format("splitting: replicas = {}; expected at least 2 (the interval comes from their spread)",
                              s.replicas));
  if (s.threads < 0) throw_invalid(fmt::format("splitting: threads = {}; expected >= 0 (0: all cores)", s.threads));
  if (!(s.confidence > 0.0 && s.confidence < 1.0))
    throw_invalid(fmt::format("splitting: confidence = {}; expected a value in (0, 1)", s.confidence));
  if (s.max_iterations < 1) throw_invalid("splitting: max_iterations must be >= 1");
  if (problem.estimator == ExitEstimator::bridge)
    throw_invalid("splitting: the bridge estimator's kill test depends on the previous point, so its chain is not "
                  "Markov in X_k and the gAMS is not unbiased for it; expected discrete or gobet-menozzi");
}

SplittingResult estimate_exit_time_splitting(const ExitTimeProblem& problem, const SplittingSettings& settings) {
  validate_splitting_settings(problem, settings);
  const std::uint64_t sample_size = settings.particles * settings.replicas;
  std::vector<std::string> warnings =
      validate(problem, MonteCarloSettings{sample_size, settings.seed, settings.threads, settings.confidence, false});
  const auto started = std::chrono::steady_clock::now();

  const ReactionCoordinate xi = ReactionCoordinate::for_model(problem.model, problem.start, settings.coordinate);
  const double boundary = xi.lower_bound_on_sphere(problem.domain.center(), problem.domain.radius());
  const SplittingLevels levels =
      relaxation_levels(xi, problem.model, problem.eps, settings.inner_mass, settings.outer_mass, boundary);
  if (!(xi(problem.start) < levels.outer))
    throw_invalid(fmt::format("splitting: the start has ξ = {:.6g}, not below the outer level {:.6g}", xi(problem.start),
                              levels.outer));

  const ldv::detail::KernelSettings kernel = detail::kernel_settings(problem, settings.seed);
  const detail::ReplicaSettings replica_settings{settings.particles, settings.killed_per_iteration, levels,
                                                 problem.start.data(), kernel.max_steps, settings.max_iterations};
  SplittingResult out;
  out.threads = detail::resolve_threads(settings.threads);
  std::vector<ReplicaSummary> replicas(settings.replicas);
  detail::for_each_unit(problem, xi, kernel, out.threads, settings.replicas, [&](auto& stepper, std::uint64_t m) {
    replicas[m] = detail::Replica(stepper, replica_settings, replica_seed(settings.seed, m)).run();
  });

  out.estimate = combine_replicas(replicas);
  for (const ReplicaSummary& r : replicas) {  // replica order
    out.iterations += r.iterations;
    out.extinctions += r.extinct ? 1 : 0;
    out.loop_exits += r.loop_exits;
    out.steps_simulated += r.steps;
    out.replica_probabilities.push_back(r.probability);
  }
  out.interval = out.estimate.interval(settings.confidence);
  out.confidence = settings.confidence;
  out.coordinate = xi.name();
  out.levels = levels;
  out.boundary_level = boundary;
  out.particles = settings.particles;
  out.killed_per_iteration = settings.killed_per_iteration;
  out.replicas = settings.replicas;
  out.warnings = std::move(warnings);
  out.elapsed_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return out;
}

}  // namespace ldv::rare
