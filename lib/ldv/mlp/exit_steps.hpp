#pragma once
// Steps until a run leaves the r-ball, over many runs: the result type of every exit-step
// experiment of this module (mini-batch SGD on the network, SGD on its quadratic model with
// mini-batch, Gaussian or isotropic noise), and the harness that runs them: runs in fixed
// blocks on oneTBB, outcomes stored per run and summarised in run order, so the result is
// bitwise the same for any thread count. A run that has not left the ball after max_steps is
// right-censored there (stats/censored_sample.hpp), never dropped.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ldv/stats/censored_sample.hpp"
#include "ldv/stats/mean_estimate.hpp"

namespace ldv::mlp {

struct ExitRunSettings {
  std::uint64_t runs = 1000;       // >= 2
  std::uint64_t max_steps = 0;     // the cap, >= 1
  std::uint64_t seed = 1;          // run p draws from the Philox streams (seed, p)
  int threads = 0;                 // 0: all cores
  void validate() const;           // InvalidInput naming the bad value
};

struct RunOutcome {
  std::uint64_t steps = 0;  // the exit step k (the first k with |θ_k − centre| > r), or max_steps
  bool censored = false;
};

struct ExitSteps {
  std::vector<std::uint64_t> steps;  // per run, in run order
  std::vector<char> censored;        // 1 when the run hit the cap
  stats::CensoredSample sample{1.0}; // the steps as times, horizon max_steps
  double elapsed_s = 0.0;
  std::uint64_t exits() const { return sample.exits(); }
  // E[steps] with its interval at `confidence` (stats::estimate_mean).
  stats::MeanEstimate mean(double confidence) const;
};

// Calls run(p) for p = 0 … runs − 1 (in parallel over fixed blocks) and summarises.
ExitSteps run_exit_steps(const ExitRunSettings& settings, const std::function<RunOutcome(std::uint32_t)>& run);

}  // namespace ldv::mlp
