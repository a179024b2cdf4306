#pragma once
// The Markov chain of the escape paper's Appendix B (proof of Lemma 7, Figure 4), built from
// simulated paths: two spheres around the attractor θ*, γ = ∂B_{μ/2} (inner) and Γ = ∂B_μ
// (outer), inside the domain D = B_r(θ*). With τ₀ = 0,
//   σ_k = inf{t > τ_k : θ_t ∈ Γ},   τ_{k+1} = inf{t > σ_k : θ_t ∈ γ ∪ ∂D},   Z_k = θ_{τ_k},
// so a cycle [τ_k, τ_{k+1}] goes out from γ to Γ and comes back to γ, or ends the chain on ∂D.
// What is recorded, per path until it exits D (or reaches the horizon, or `max_cycles`):
//  * the cycles and whether each ended on ∂D: the per-cycle exit probability
//    p = P(Z_{k+1} ∈ ∂D | Z_k ∈ γ) = exits / cycles (Lemma 8), with its exact binomial
//    (Clopper–Pearson) interval. The interval treats cycles as independent trials, which they
//    are when the chain's law does not depend on the entrance point on γ (exactly so for an
//    isotropic model; otherwise an approximation, said so where it is used);
//  * the cycle lengths τ_{k+1} − τ_k of cycles that began on γ, and the return legs
//    τ_{k+1} − σ_k (the time from Γ to γ ∪ ∂D: Lemma 7's t₁ bounds its mean from below; it is
//    the sojourn ζ of Lemma 9 in D \ B_{μ/2} started on Γ);
//  * the exit time τ of each path (censored at the horizon): E[τ] (Lemma 7).
// A path that starts outside B_μ (e.g. on Γ) is armed at once: its first cycle is a return leg.
//
// Discretisation: Euler–Maruyama with step h (sim/euler_maruyama.hpp); each sphere is crossed
// at the first grid point beyond it, with the Gobet–Menozzi shift c₀|σᵀn|√(εh) (n the radial
// normal, c₀ = exit/estimator.hpp's constant) moving every sphere into the domain the path is
// leaving (D and B_μ shrink, B_{μ/2} grows), which takes the O(√h) bias of discrete monitoring
// of exit times and exit positions to O(h) (Gobet & Menozzi 2010). Path p of seed s draws
// Philox stream (s, p) (the exit module's streams); paths run in fixed blocks merged in order,
// so every number is the same for any thread count.
#include <cstdint>
#include <string>
#include <vector>

#include "ldv/core/estimate.hpp"
#include "ldv/models/model.hpp"
#include "ldv/stats/censored_sample.hpp"
#include "ldv/stats/running_moments.hpp"

namespace ldv::measure {

struct CycleChainRuns {
  Model model;
  Vector center;                  // θ*, the attractor and the centre of all three spheres
  double domain_radius = 1.0;     // r: D = B_r(θ*)
  double inner_radius = 0.25;     // μ/2: γ
  double outer_radius = 0.5;      // μ: Γ; 0 < inner < outer < domain
  Vector start;                   // strictly inside D
  double eps = 0.1;               // ε > 0
  double step = 0.01;             // h > 0
  std::uint64_t paths = 1000;     // >= 2
  double max_time = 1e6;          // censoring horizon per path (> h)
  std::uint64_t max_cycles = 0;   // stop a path after this many cycles (0: only at exit or the horizon)
  std::uint64_t seed = 1;
  int threads = 0;                // 0: all cores (the result does not depend on it)
  bool keep_return_legs = false;  // also return every return leg's duration, in path order

  // InvalidInput naming the first bad field and what was expected.
  void validate() const;
};

struct CycleChain {
  std::uint64_t paths = 0;
  std::uint64_t exits = 0;            // paths that left D
  std::uint64_t cycles = 0;           // cycles that ended (on γ or on ∂D)
  Estimate exit_probability;          // p = exits / cycles, Clopper–Pearson at any level
  stats::CensoredSample exit_time{1.0};  // τ of every path that exited or reached the horizon (censored);
                                         // paths stopped by max_cycles are not in it
  stats::RunningMoments cycle_length;    // τ_{k+1} − τ_k, cycles that began on γ
  stats::RunningMoments return_leg;      // τ_{k+1} − σ_k, every cycle that ended
  std::vector<double> return_legs;       // when kept: every return leg, in path order
  std::uint64_t steps = 0;
  double elapsed_s = 0.0;
};

// `name` names the per-cycle exit probability (e.g. "per-cycle exit probability, ε = 0.2").
CycleChain run_cycle_chain(const CycleChainRuns& runs, const std::string& name);

}  // namespace ldv::measure
