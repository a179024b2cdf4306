#include "ldv/exit/exit_time.hpp"

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <chrono>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <optional>
#include <type_traits>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/exit/exit_kernel.hpp"
#include "ldv/models/fixed_linear_gaussian.hpp"

namespace ldv {
namespace {

// Paths per block. Blocks are the unit of parallel work and of the ordered
// reduction; the block size is fixed (never derived from the thread count) so
// the summation order, hence every bit of the result, is the same for any K.
constexpr std::uint64_t kPathsPerBlock = 256;

// Far beyond any feasible run, and well inside the 64-bit step counter.
constexpr double kMaxStepsPerPath = 1e15;

int resolve_threads(int requested) {
  return requested > 0 ? requested : tbb::info::default_concurrency();
}

template <ExitEstimator Estimator, class ConcreteModel>
void run_block(const ConcreteModel& model, const detail::KernelSettings& settings, std::uint64_t first,
               std::uint64_t last, stats::CensoredSample& summary, std::uint64_t& steps, ExitTimeResult* keep) {
  const double horizon = static_cast<double>(settings.max_steps) * settings.step;
  std::vector<detail::PathOutcome> outcomes(last - first);
  detail::run_interleaved<Estimator>(
      model, settings, first, last, [&](std::uint32_t path, detail::PathOutcome outcome, const double* x) {
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

void validate(const ExitTimeProblem& p, const MonteCarloSettings& s) {
  require_positive("eps", p.eps);
  require_positive("step", p.step);
  require_positive("max time", p.max_time);
  const int d = p.model.dimension();
  if (p.domain.dimension() != d)
    throw_invalid(fmt::format("the ball's centre has {} coordinates but the model has dimension {}",
                              p.domain.dimension(), d));
  require_point("start point", p.start, d);
  if (!p.domain.contains(p.start))
    throw_invalid(fmt::format("the start point lies at distance {:.6g} from the centre, not inside the ball of radius {}",
                              std::sqrt(p.domain.squared_distance_from_center(p.start.data())), p.domain.radius()));
  if (p.max_time < p.step)
    throw_invalid(fmt::format("max time = {} is shorter than one step h = {}", p.max_time, p.step));
  if (p.max_time / p.step > kMaxStepsPerPath)
    throw_invalid(fmt::format("max time / step = {:.3g} steps per path exceeds the limit of {:.0e}", p.max_time / p.step,
                              kMaxStepsPerPath));
  if (s.paths < 2)
    throw_invalid(fmt::format("paths = {} is too few: a confidence interval needs at least 2 paths", s.paths));
  if (s.paths > std::numeric_limits<std::uint32_t>::max())
    throw_invalid(fmt::format("paths = {} exceeds the 2^32 − 1 paths one seed can key", s.paths));
  if (s.threads < 0) throw_invalid(fmt::format("threads = {} must be >= 0 (0 means all cores)", s.threads));
  require_open_interval("confidence", s.confidence, 0.0, 1.0);
}

ExitTimeResult estimate_exit_time(const ExitTimeProblem& problem, const MonteCarloSettings& settings) {
  validate(problem, settings);
  const auto started = std::chrono::steady_clock::now();
  const int d = problem.model.dimension();
  const double steps_real = std::floor(problem.max_time / problem.step * (1.0 + 1e-12));
  const auto max_steps = static_cast<std::uint64_t>(steps_real);
  const double horizon = static_cast<double>(max_steps) * problem.step;
  const detail::KernelSettings kernel{&problem.domain, problem.start.data(), d,        problem.eps,
                                      problem.step,    max_steps,            settings.seed};

  ExitTimeResult result{stats::MeanEstimate{}, stats::CensoredSample(horizon), horizon, 0, 0, 0.0, {}, {}, {}};
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
  auto run_estimator = [&](const auto& model, std::uint64_t first, std::uint64_t last, std::uint64_t b) {
    switch (problem.estimator) {
      case ExitEstimator::discrete:
        return run_block<ExitEstimator::discrete>(model, kernel, first, last, block_summaries[b], block_steps[b], keep);
      case ExitEstimator::bridge:
        return run_block<ExitEstimator::bridge>(model, kernel, first, last, block_summaries[b], block_steps[b], keep);
      case ExitEstimator::gobet_menozzi:
        return run_block<ExitEstimator::gobet_menozzi>(model, kernel, first, last, block_summaries[b],
                                                       block_steps[b], keep);
    }
  };
  auto run_blocks = [&](const tbb::blocked_range<std::uint64_t>& range) {
    for (std::uint64_t b = range.begin(); b != range.end(); ++b) {
      const std::uint64_t first = b * kPathsPerBlock;
      const std::uint64_t last = std::min(settings.paths, first + kPathsPerBlock);
      problem.model.visit([&](const auto& model) {
        using Concrete = std::decay_t<decltype(model)>;
        if constexpr (std::is_base_of_v<LinearGaussianModel, Concrete>) {
          // Small linear-Gaussian models get compile-time-dimension loops.
          switch (d) {
            case 1: return run_estimator(FixedLinearGaussianModel<1>(model), first, last, b);
            case 2: return run_estimator(FixedLinearGaussianModel<2>(model), first, last, b);
            case 3: return run_estimator(FixedLinearGaussianModel<3>(model), first, last, b);
            default: break;
          }
        }
        run_estimator(model, first, last, b);
      });
    }
  };
  // More threads than cores is honoured (oversubscribed), not silently capped:
  // TBB needs its global worker limit raised for that.
  std::optional<tbb::global_control> allow_oversubscription;
  if (result.threads > tbb::info::default_concurrency())
    allow_oversubscription.emplace(tbb::global_control::max_allowed_parallelism,
                                   static_cast<std::size_t>(result.threads));
  tbb::task_arena arena(result.threads);
  arena.execute([&] { tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, blocks, 1), run_blocks); });

  for (std::uint64_t b = 0; b < blocks; ++b) {  // ordered reduction
    result.sample.merge(block_summaries[b]);
    result.steps_simulated += block_steps[b];
  }
  result.estimate = stats::estimate_mean(result.sample, settings.confidence);
  result.elapsed_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace ldv
