#pragma once
// One level of a multilevel Monte Carlo exit-time estimate (Giles 2008) with the
// Gobet–Menozzi estimator: level 0 is a plain run with step h₀ (Y₀ = τ_{h₀}); level l >= 1
// runs coupled pairs with steps h_l = h₀ 2^{−l} and 2h_l (Y_l = τ_{h_l} − τ_{2h_l},
// coupled_exit_path.hpp). Σ_{l<=L} E[Y_l] = E[τ_{h_L}] telescopes.
//
// Sums are kept exactly, as integers in units of the level's fine step (Y = h_l · d with d
// = k for level 0 and d = k_f − 2k_c above), so a level's sample is the same to the last
// bit whatever the number of threads or the order in which blocks finish, and samples of
// consecutive path ranges merge exactly.
#include <cstdint>

#include "ldv/exit/exit_time.hpp"

namespace ldv {

__extension__ using Int128 = __int128;  // GCC/Clang: exact sums of squared step counts

struct LevelSample {
  int level = 0;
  double fine_step = 0.0;  // h_l
  std::uint64_t paths = 0;
  std::uint64_t censored = 0;       // pairs (or paths) with a member still inside at the horizon
  std::uint64_t steps = 0;          // path-steps simulated (fine + coarse)
  Int128 sum = 0;                   // Σ d
  Int128 sum_squares = 0;           // Σ d²

  void merge(const LevelSample& later);  // same level and step (InvalidInput otherwise)
  double mean() const;                   // E[Y_l] estimate: h_l Σd / n
  double variance() const;               // unbiased sample variance of Y_l (needs 2 paths)
};

// Runs paths [first, last) of level `level` for `problem` with fine step h_l = problem.step
// (problem.estimator must be gobet_menozzi or discrete; the horizon is problem.max_time
// rounded down to whole coarse steps). Path p of level l draws from the stream keyed by
// (seed, p) on lane 0 (l = 0) or lane 16 + l (coupled_exit_path.hpp), so levels are
// independent and a level's paths do not depend on how the range was split.
LevelSample run_exit_level(const ExitTimeProblem& problem, int level, std::uint64_t first, std::uint64_t last,
                           std::uint64_t seed, int threads);

}  // namespace ldv
