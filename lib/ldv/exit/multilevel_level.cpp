#include "ldv/exit/multilevel_level.hpp"

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <fmt/format.h>
#include <optional>
#include <vector>

#include "ldv/core/error.hpp"
#include "ldv/exit/coupled_exit_path.hpp"
#include "ldv/exit/exit_kernel.hpp"
#include "ldv/exit/exit_kernel_dispatch.hpp"

namespace ldv {
namespace {

// Paths per block: the unit of parallel work (the sums are exact, so any split gives the same bits).
constexpr std::uint64_t kPathsPerBlock = 256;

void add(LevelSample& s, Int128 d, std::uint64_t steps, bool censored) {
  ++s.paths;
  s.steps += steps;
  if (censored) ++s.censored;
  s.sum += d;
  s.sum_squares += d * d;
}

}  // namespace

void LevelSample::merge(const LevelSample& later) {
  if (later.level != level || later.fine_step != fine_step)
    throw_invalid(fmt::format("cannot merge level {} (h = {}) into level {} (h = {})", later.level, later.fine_step,
                              level, fine_step));
  paths += later.paths;
  censored += later.censored;
  steps += later.steps;
  sum += later.sum;
  sum_squares += later.sum_squares;
}

double LevelSample::mean() const {
  if (paths == 0) throw_invalid(fmt::format("level {} has no paths: no mean", level));
  return fine_step * static_cast<double>(sum) / static_cast<double>(paths);
}

double LevelSample::variance() const {
  if (paths < 2) throw_invalid(fmt::format("level {} has {} path(s): a variance needs 2", level, paths));
  // n Σd² − (Σd)² exactly in integers (|d| <= 2·10^15 steps, n < 2^32: no overflow below ~1.7e38).
  const Int128 n = static_cast<Int128>(paths);
  const Int128 numerator = n * sum_squares - sum * sum;
  const double nd = static_cast<double>(paths);
  return fine_step * fine_step * static_cast<double>(numerator) / (nd * (nd - 1.0));
}

LevelSample run_exit_level(const ExitTimeProblem& problem, int level, std::uint64_t first, std::uint64_t last,
                           std::uint64_t seed, int threads) {
  if (level < 0) throw_invalid(fmt::format("level = {} must be >= 0", level));
  if (!(first <= last)) throw_invalid(fmt::format("path range [{}, {}) is empty or reversed", first, last));
  if (last > 0xFFFF'FFFFull) throw_invalid(fmt::format("path {} exceeds the 2^32 − 1 paths one seed can key", last));
  if (problem.estimator == ExitEstimator::bridge)
    throw_invalid("multilevel levels couple the gobet-menozzi or discrete estimators, not bridge (its kill "
                  "uniforms have no coarse counterpart)");
  const int d = problem.model.dimension();
  if (d > 16) throw_invalid(fmt::format("multilevel levels support dimension <= 16, not {}", d));

  const double h = problem.step;
  // Horizon: whole coarse steps, the fine path gets twice as many.
  const double coarse_steps_real = std::floor(problem.max_time / (level == 0 ? h : 2.0 * h) * (1.0 + 1e-12));
  const auto coarse_steps = static_cast<std::uint64_t>(std::max(1.0, coarse_steps_real));
  const detail::KernelSettings fine_settings{&problem.domain, problem.start.data(), d, problem.eps, h,
                                             level == 0 ? coarse_steps : 2 * coarse_steps, seed};
  const detail::KernelSettings coarse_settings{&problem.domain, problem.start.data(), d, problem.eps, 2.0 * h,
                                               coarse_steps, seed};

  LevelSample total;
  total.level = level;
  total.fine_step = h;
  const std::uint64_t count = last - first;
  const std::uint64_t blocks = (count + kPathsPerBlock - 1) / kPathsPerBlock;
  std::vector<LevelSample> block_samples(blocks, total);
  const int resolved = threads > 0 ? threads : tbb::info::default_concurrency();
  std::optional<tbb::global_control> allow_oversubscription;
  if (resolved > tbb::info::default_concurrency())
    allow_oversubscription.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(resolved));
  tbb::task_arena arena(resolved);
  detail::dispatch_exit_scheme(
      problem.model, problem.estimator, problem.scheme, problem.domain.center(),
      [&]<template <class> class ExitPolicy, class ConcreteModel>(
          const std::function<ConcreteModel(double)>& model_for_step, detail::ExitPolicyTag<ExitPolicy>) {
        if constexpr (detail::static_dimension<ConcreteModel>() > 16 ||
                      std::is_same_v<ExitPolicy<ConcreteModel>, detail::BrownianBridgeKill<ConcreteModel>>) {
          return;  // refused above
        } else {
          // Each member of a pair steps with its own model: the exponential step's coefficients depend on h.
          const ConcreteModel fine_model = model_for_step(h), coarse_model = model_for_step(2.0 * h);
          const detail::ExitRun<ConcreteModel> fine(fine_model, fine_settings);
          const detail::ExitRun<ConcreteModel> coarse(coarse_model, coarse_settings);
          auto run_block = [&](std::uint64_t b) {
            const std::uint64_t lo = first + b * kPathsPerBlock, hi = std::min(last, lo + kPathsPerBlock);
            LevelSample& s = block_samples[b];
            if (level == 0) {
              detail::run_interleaved<ExitPolicy>(fine, lo, hi, [&](std::uint32_t, detail::PathOutcome o, const double*) {
                add(s, static_cast<Int128>(o.steps), o.steps, o.censored);
              });
            } else {
              detail::run_interleaved_pairs<ExitPolicy>(
                  fine, coarse, detail::kMultilevelLaneBase + static_cast<std::uint32_t>(level), lo, hi,
                  [&](std::uint32_t, detail::PairOutcome o) {
                    add(s, static_cast<Int128>(o.fine_steps) - 2 * static_cast<Int128>(o.coarse_steps),
                        o.fine_steps + o.coarse_steps, o.censored);
                  });
            }
          };
          arena.execute([&] {
            tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, blocks, 1), [&](const auto& range) {
              for (std::uint64_t b = range.begin(); b != range.end(); ++b) run_block(b);
            });
          });
        }
      });
  for (const LevelSample& s : block_samples) total.merge(s);
  return total;
}

}  // namespace ldv
