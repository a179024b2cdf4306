#pragma once
// The rare-event probability at the heart of splitting on its own: from a start x, the
// probability p(x) that the discrete chain leaves the domain before its reaction coordinate
// falls to a return level z (ξ ≤ z), the per-cycle exit probability of the escape paper's
// Lemma 8. Two estimators of the same quantity of the same chain:
//  * gAMS (splitting_exit_time.hpp; M replicas of N particles started at x; unbiased), with
//    the standard error from the spread of its replicas;
//  * direct simulation (each path until it exits or returns; a binomial proportion),
// so that each checks the other where both can reach (tests/test_rare.cpp).
#include <cstdint>
#include <vector>

#include "ldv/exit/exit_time.hpp"
#include "ldv/rare/reaction_coordinate.hpp"
#include "ldv/rare/splitting_exit_time.hpp"

namespace ldv::rare {

struct ReachingProbability {
  double mean = 0.0;       // p
  double std_error = 0.0;  // from the replicas' spread (gAMS) or √(p(1−p)/n) (direct)
  std::uint64_t samples = 0;  // replicas (gAMS) or paths (direct)
  std::uint64_t steps_simulated = 0;
  std::vector<double> replica_probabilities;  // gAMS only, in replica order
};

// gAMS from problem.start with settings.particles, killed_per_iteration, replicas, seed,
// threads, coordinate (the cycle-decomposition fields are not used). The start must lie
// strictly above the return level.
ReachingProbability splitting_reaching_probability(const ExitTimeProblem& problem, double return_level,
                                                   const SplittingSettings& settings);

// `paths` direct paths from problem.start, path p on stream (seed, p); bitwise the same for
// any thread count.
ReachingProbability direct_reaching_probability(const ExitTimeProblem& problem, double return_level,
                                                CoordinateChoice coordinate, std::uint64_t paths, std::uint64_t seed,
                                                int threads);

}  // namespace ldv::rare
