#include "ldv/exit/exit_time.hpp"

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <chrono>
#include <cmath>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ldv/exit/exit_kernel.hpp"
#include "ldv/exit/exit_kernel_dispatch.hpp"

namespace ldv {
namespace {

// Paths per block. Blocks are the unit of parallel work and of the ordered
// reduction; the block size is fixed (never derived from the thread count) so
// the summation order, hence every bit of the result, is the same for any K.
constexpr std::uint64_t kPathsPerBlock = 256;

int resolve_threads(int requested) {
  return requested > 0 ? requested : tbb::info::default_concurrency();
}

// Runs paths [first, last) of one block and adds them, in path order, to the block's summary.
template <template <class> class ExitPolicy, class ConcreteModel>
void run_block(const detail::ExitRun<ConcreteModel>& run, std::uint64_t first, std::uint64_t last,
               stats::CensoredSample& summary, std::uint64_t& steps, ExitTimeResult* keep) {
  const detail::KernelSettings& settings = run.settings;
  const double horizon = static_cast<double>(settings.max_steps) * settings.step;
  std::vector<detail::PathOutcome> outcomes(last - first);
  detail::run_interleaved<ExitPolicy>(run, first, last, [&](std::uint32_t path, detail::PathOutcome outcome,
                                                            const double* x) {
    outcomes[path - first] = outcome;
    if (keep)
      for (int i = 0; i < settings.dimension; ++i) keep->exit_points[path * settings.dimension + i] = x[i];
  });
  // Paths end out of order; the summary takes them in path order so its bits never depend on interleaving.
  for (std::uint64_t path = first; path < last; ++path) {
    const detail::PathOutcome outcome = outcomes[path - first];
    const double time = static_cast<double>(outcome.steps) * settings.step;
    steps += outcome.steps;
    if (outcome.censored) summary.add_censored();
    else summary.add_exit(time);
    if (keep) {
      keep->exit_times[path] = outcome.censored ? horizon : time;
      keep->censored[path] = outcome.censored ? 1 : 0;
    }
  }
}

}  // namespace

ExitTimeResult estimate_exit_time(const ExitTimeProblem& problem, const MonteCarloSettings& settings) {
  std::vector<std::string> warnings = validate(problem, settings);
  const auto started = std::chrono::steady_clock::now();
  const int d = problem.model.dimension();
  const double steps_real = std::floor(problem.max_time / problem.step * (1.0 + 1e-12));
  const auto max_steps = static_cast<std::uint64_t>(steps_real);
  const double horizon = static_cast<double>(max_steps) * problem.step;
  const detail::KernelSettings kernel{&problem.domain, problem.start.data(), d,        problem.eps,
                                      problem.step,    max_steps,            settings.seed};

  ExitTimeResult result{stats::MeanEstimate{}, stats::CensoredSample(horizon), horizon, 0, 0, 0.0, {}, {}, {},
                        std::move(warnings)};
  result.threads = resolve_threads(settings.threads);
  if (settings.keep_paths) {
    result.exit_times.assign(settings.paths, 0.0);
    result.censored.assign(settings.paths, 0);
    result.exit_points.assign(settings.paths * static_cast<std::uint64_t>(d), 0.0);
  }
  ExitTimeResult* keep = settings.keep_paths ? &result : nullptr;

  const std::uint64_t blocks = (settings.paths + kPathsPerBlock - 1) / kPathsPerBlock;
  std::vector<stats::CensoredSample> block_summaries(blocks, stats::CensoredSample(horizon));
  std::vector<std::uint64_t> block_steps(blocks, 0);
  // More threads than cores is honoured (oversubscribed), not silently capped:
  // TBB needs its global worker limit raised for that.
  std::optional<tbb::global_control> allow_oversubscription;
  if (result.threads > tbb::info::default_concurrency())
    allow_oversubscription.emplace(tbb::global_control::max_allowed_parallelism,
                                   static_cast<std::size_t>(result.threads));
  tbb::task_arena arena(result.threads);
  // The model, its dimension and the exit policy are resolved here, once; the blocks run typed code.
  detail::dispatch_exit_scheme(
      problem.model, problem.estimator, problem.scheme, problem.domain.center(),
      [&]<template <class> class ExitPolicy, class ConcreteModel>(
          const std::function<ConcreteModel(double)>& model_for_step, detail::ExitPolicyTag<ExitPolicy>) {
        const ConcreteModel model = model_for_step(problem.step);
        const detail::ExitRun<ConcreteModel> run(model, kernel);
        auto run_blocks = [&](const tbb::blocked_range<std::uint64_t>& range) {
          for (std::uint64_t b = range.begin(); b != range.end(); ++b) {
            const std::uint64_t first = b * kPathsPerBlock;
            const std::uint64_t last = std::min(settings.paths, first + kPathsPerBlock);
            run_block<ExitPolicy>(run, first, last, block_summaries[b], block_steps[b], keep);
          }
        };
        arena.execute([&] { tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, blocks, 1), run_blocks); });
      });

  for (std::uint64_t b = 0; b < blocks; ++b) {  // ordered reduction
    result.sample.merge(block_summaries[b]);
    result.steps_simulated += block_steps[b];
  }
  result.estimate = stats::estimate_mean(result.sample, settings.confidence);
  result.elapsed_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace ldv
