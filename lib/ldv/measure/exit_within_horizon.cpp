#include "ldv/measure/exit_within_horizon.hpp"

#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/exit/exit_time.hpp"
#include "ldv/measure/detail/horizon_runs.hpp"
#include "ldv/measure/first_exit.hpp"
#include "ldv/stats/binomial_interval.hpp"

namespace ldv::measure {
namespace {

std::string point_text(const Vector& x) { return fmt::format("({})", fmt::join(x.data(), x.data() + x.size(), ", ")); }

std::string exit_text(const std::optional<std::uint64_t>& exit) {
  return exit ? fmt::format("exits at iteration {}", *exit) : std::string("does not exit");
}

}  // namespace

namespace detail {

ExitTimeResult run_within_horizon(const ExitWithinHorizonRuns& runs) {
  require_positive_count("iterations (the horizon K)", runs.iterations);
  const ExitTimeProblem problem{runs.model, runs.domain, runs.start,
                                runs.eps,   runs.step,   static_cast<double>(runs.iterations) * runs.step,
                                ExitEstimator::discrete};
  MonteCarloSettings settings;
  settings.paths = runs.runs;
  settings.seed = runs.seed;
  settings.threads = runs.threads;
  settings.keep_paths = true;  // run 0's exit iteration; the exit points of the replay
  return estimate_exit_time(problem, settings);
}

}  // namespace detail

ExitWithinHorizon measure_exit_within_horizon(const ExitWithinHorizonRuns& runs, std::string name) {
  const ExitTimeResult result = detail::run_within_horizon(runs);
  const auto horizon_steps = static_cast<std::uint64_t>(std::llround(result.horizon / runs.step));
  if (horizon_steps != runs.iterations)
    throw NumericalFailure(fmt::format("the censoring horizon K h = {} resolves to {} steps of h = {}, expected {}",
                                       result.horizon, horizon_steps, runs.step, runs.iterations));

  ExitWithinHorizon out;
  out.exits = result.sample.exits();
  out.runs = result.sample.paths();
  if (!result.censored[0]) out.path0_exit = static_cast<std::uint64_t>(std::llround(result.exit_times[0] / runs.step));
  out.fraction = stats::binomial_proportion(
      std::move(name), out.exits, out.runs,
      fmt::format("{} Euler–Maruyama runs (ε = {}, h = {}) from {}, run p on Philox stream (seed {}, p); a run exits "
                  "at its first iterate with |x − c| ≥ {}, c = {} (discrete monitoring), counted when within {} "
                  "iterations",
                  out.runs, runs.eps, runs.step, point_text(runs.start), runs.seed, runs.domain.radius(),
                  point_text(runs.domain.center()), runs.iterations));
  if (runs.draw_run0) {
    out.run0 = simulate_trajectory(runs.model, runs.start, {runs.eps, runs.step, runs.iterations, 1, runs.seed, 0});
    // The same increments with the same arithmetic (sim/euler_maruyama.hpp), so the same exit.
    const std::optional<std::uint64_t> drawn_exit = first_exit_index(*out.run0, runs.domain);
    if (drawn_exit != out.path0_exit)
      throw NumericalFailure(fmt::format("{}: the drawn run 0 {} but run 0 of the count {}", out.fraction.name,
                                         exit_text(drawn_exit), exit_text(out.path0_exit)));
  }
  return out;
}

}  // namespace ldv::measure
