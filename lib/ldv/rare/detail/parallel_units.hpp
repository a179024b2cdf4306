#pragma once
// Runs independent units of a splitting or direct run (replicas, or blocks of paths) in
// parallel (internal): dispatches the model and exit policy once (exit_kernel_dispatch.hpp),
// then calls body(stepper, unit) for every unit in [0, units) on a oneTBB arena of `threads`
// threads, each unit with a ChainStepper of its own. Units write only their own results, and
// the caller reduces them in unit order, so nothing depends on the thread count.
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <type_traits>

#include "ldv/exit/exit_kernel_dispatch.hpp"
#include "ldv/exit/exit_time.hpp"
#include "ldv/rare/detail/chain_stepper.hpp"

namespace ldv::rare::detail {

inline int resolve_threads(int requested) { return requested > 0 ? requested : tbb::info::default_concurrency(); }

// The kernel settings of `problem` (max_steps from max_time, as in exit_time.cpp).
inline ldv::detail::KernelSettings kernel_settings(const ExitTimeProblem& problem, std::uint64_t seed) {
  const double steps_real = std::floor(problem.max_time / problem.step * (1.0 + 1e-12));
  const auto max_steps = static_cast<std::uint64_t>(std::max(1.0, steps_real));
  return {&problem.domain, problem.start.data(), problem.model.dimension(), problem.eps, problem.step, max_steps, seed};
}

template <class Body>
void for_each_unit(const ExitTimeProblem& problem, const ReactionCoordinate& xi,
                   const ldv::detail::KernelSettings& kernel, int threads, std::uint64_t units, Body&& body) {
  std::optional<tbb::global_control> allow_oversubscription;  // more threads than cores: honoured, not capped
  if (threads > tbb::info::default_concurrency())
    allow_oversubscription.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  tbb::task_arena arena(threads);
  ldv::detail::dispatch_exit_kernel(
      problem.model, problem.estimator,
      [&]<template <class> class ExitPolicy, class ConcreteModel>(const ConcreteModel& model,
                                                                 ldv::detail::ExitPolicyTag<ExitPolicy>) {
        // The bridge is refused by every caller (its test needs the previous point, so the
        // chain is not Markov in X_k); not instantiating it keeps its code out of the library.
        if constexpr (!std::is_same_v<ExitPolicy<ConcreteModel>, ldv::detail::BrownianBridgeKill<ConcreteModel>>) {
          const ldv::detail::ExitRun<ConcreteModel> run(model, kernel);
          arena.execute([&] {
            tbb::parallel_for(std::uint64_t{0}, units, [&](std::uint64_t unit) {
              ChainStepper<ExitPolicy, ConcreteModel> stepper(run, xi);
              body(stepper, unit);
            });
          });
        }
      });
}

}  // namespace ldv::rare::detail
