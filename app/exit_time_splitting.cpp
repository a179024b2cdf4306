#include "exit_time_splitting.hpp"

#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "json_output.hpp"
#include "ldv/core/error.hpp"
#include "ldv/core/provenance.hpp"
#include "ldv/rare/splitting_exit_time.hpp"

namespace ldv::app {

void run_exit_time_splitting(const ExitTimeProblem& problem, const SplittingOptions& o,
                             const std::vector<std::string>& command_line) {
  // Signed options so that "-5" is reported as negative rather than wrapped around.
  for (const auto& [name, value] : {std::pair<const char*, std::int64_t>{"particles", o.particles},
                                    {"replicas", o.replicas}, {"killed-per-iteration", o.killed}, {"seed", o.seed}})
    if (value < 0) throw_invalid(fmt::format("{} = {} must not be negative", name, value));
  rare::SplittingSettings settings;
  settings.particles = static_cast<std::uint64_t>(o.particles);
  settings.replicas = static_cast<std::uint64_t>(o.replicas);
  settings.killed_per_iteration = static_cast<std::uint64_t>(o.killed);
  settings.coordinate = rare::parse_coordinate_choice(o.coordinate);
  settings.seed = static_cast<std::uint64_t>(o.seed);
  settings.threads = o.threads;
  settings.confidence = o.confidence;
  const rare::SplittingResult r = rare::estimate_exit_time_splitting(problem, settings);
  const rare::RenewalEstimate& e = r.estimate;

  if (o.json) {
    nlohmann::json out = {
        {"command", "exit-time"},
        {"method", "splitting"},
        {"mean", finite_or_null(e.mean)},
        {"ci_low", finite_or_null(r.interval.low)},
        {"ci_high", finite_or_null(r.interval.high)},
        {"confidence", r.confidence},
        {"ci_method", "log-normal interval, delta method over independent replicas"},
        {"std_error", finite_or_null(e.std_error)},
        {"approach_time", e.approach_time},
        {"loop_time", e.loop_time},
        {"loop_time_std_error", e.loop_time_se},
        {"reaching_probability", e.probability},
        {"reaching_probability_std_error", e.probability_se},
        {"reaction_coordinate", r.coordinate},
        {"inner_level", r.levels.inner},
        {"outer_level", r.levels.outer},
        {"particles", r.particles},
        {"replicas", r.replicas},
        {"killed_per_iteration", r.killed_per_iteration},
        {"iterations", r.iterations},
        {"extinctions", r.extinctions},
        {"estimator", to_string(problem.estimator)},
        {"step", problem.step},
        {"eps", problem.eps},
        {"radius", problem.domain.radius()},
        {"center", vector_json(problem.domain.center())},
        {"start", vector_json(problem.start)},
        {"model", nlohmann::json::parse(problem.model.spec_json())},
        {"seed", o.seed},
        {"threads", r.threads},
        {"steps_simulated", r.steps_simulated},
        {"elapsed_s", r.elapsed_seconds},
        {"warnings", r.warnings},
        {"provenance", provenance(command_line)},
    };
    std::cout << out.dump(2) << '\n';
    return;
  }
  for (const std::string& warning : r.warnings) std::cerr << "ldv: warning: " << warning << '\n';
  std::cout << fmt::format("mean exit time E[tau] = {:.6g}   {:g}% CI [{:.6g}, {:.6g}] (splitting: gAMS in the cycle "
                           "decomposition, spread of {} replicas)\n",
                           e.mean, 100 * r.confidence, r.interval.low, r.interval.high, r.replicas)
            << fmt::format("  E[tau] = E[T0] + C/p: T0 = {:.4g}, C = {:.4g} +- {:.2g}, p = {:.4g} +- {:.2g}\n",
                           e.approach_time, e.loop_time, e.loop_time_se, e.probability, e.probability_se)
            << fmt::format("  reaction coordinate {}, levels {:.4g} (return) and {:.4g} (start of an excursion)\n",
                           r.coordinate, r.levels.inner, r.levels.outer)
            << fmt::format("  {} particles x {} replicas, k = {}, {} iterations, {} extinct; estimator {}, eps {:g}, "
                           "step {:g}\n",
                           r.particles, r.replicas, r.killed_per_iteration, r.iterations, r.extinctions,
                           to_string(problem.estimator), problem.eps, problem.step)
            << fmt::format("  seed {}, threads {}, {:.3g} s\n", o.seed, r.threads, r.elapsed_seconds);
}

}  // namespace ldv::app
