#pragma once
// Mean exit times far beyond direct simulation: adaptive multilevel splitting inside the
// cycle (renewal) decomposition of the escape paper's Appendix B.
//
// What is estimated. E[τ] of exactly the discrete chain `estimate_exit_time` simulates
// (exit/exit_time.hpp): Euler–Maruyama with the model's drift and σ, step h, and the same
// exit policy (discrete monitoring, or the Gobet–Menozzi shift for the continuous exit;
// its residual bias is O(h), measured in tests/test_exit.cpp and, at large V₀/ε, in
// tests/test_rare.cpp and bench/). Only how the rare paths are found differs.
//
// The cycle decomposition (escape paper, proof of Lemma 7, the chain Z_k between
// ∂B_{μ/2} and ∂B_μ; here level sets of a reaction coordinate ξ, reaction_coordinate.hpp):
// γ = {ξ = z_γ} (inner) and Γ = {ξ = z_Γ} (outer) at the relaxation scale
// (relaxation_levels.hpp). From the start x₀ (ξ(x₀) < z_Γ) the chain first reaches Γ after
// the approach time T₀, at the entry Y₀. A loop from an entry y is the excursion until the
// chain leaves D (probability p(y)) or returns to γ (time T₁), followed, after a return, by
// the climb back to Γ (time T₂) that ends at the next entry. So
//   τ = T₀ + Σ_{returned loops} (T₁ + T₂) + T₁(the last, exiting, excursion).
// Renewal–reward: if the entries are i.i.d. with law π, the number R of returned loops is
// geometric, P(R = n) = (1 − p)ⁿ p with p = ∫ p dπ, and Wald's identity gives
//   E[τ] = E[T₀] + ((1 − p)/p) E[T₁ + T₂ | return] + E[T₁ | exit]
//        = E[T₀] + C/p,   C = E[T₁ + T₂·1{return}]   (the mean loop time),
// since (1 − p)E[T₁|return] + p E[T₁|exit] = E[T₁]. This is the issue's
// E[cycle]·(1 − p)/p + E[last excursion] with the start from the attractor added. It is
// exact when a symmetry of the problem preserves ξ, the dynamics and ∂D and acts
// transitively on Γ (the 1-D and the radial d-D Ornstein–Uhlenbeck cases: p(y) and the
// loop's law do not depend on y). Otherwise the entries form a Markov chain with a
// stationary law π; C and p are its long-run time and exit frequency per loop (ergodic
// theorem), and as p → 0 the loops up to the first exit become geometric with mean 1/p
// (rare events of a mixing chain are asymptotically Poisson): the relative error is O(p)
// times the chain's mixing time in loops, which is exponentially small in V₀/ε. The entries
// y_j of each replica's own cycle chain sample π (after its first approach), and C is their
// mean loop time.
//
// p by generalised adaptive multilevel splitting (Cérou & Guyader 2007, Stoch. Anal. Appl.
// 25(2); the gAMS of Bréhier, Lelièvre & Rousset 2016, Ann. Appl. Probab. 26(6),
// Algorithm 2): N particles start i.i.d. from the empirical law of the replica's N loop
// entries and run until they exit (score +∞) or return to γ; a particle's score is the
// largest ξ along its path. Iteration q: Z_q = the k-th smallest score; if Z_q = +∞ stop;
// kill every particle with score ≤ Z_q (K_q ≥ k of them: ties are all killed); if none
// survives, stop with p̂ = 0 (extinction); else each killed particle copies a survivor
// chosen uniformly (independently) up to the first time the survivor's ξ exceeded Z_q and
// continues from there with fresh increments (its own stream, stream_keys.hpp). At the end
//   p̂ = Π_q (1 − K_q/N) · #{particles that exited}/N.
// Unbiasedness, E[p̂] = E[(1/N) Σ_j p(y_j)] = p (Bréhier et al. 2016, Theorem 4.1), needs:
// a Markov chain in discrete time (the Euler–Maruyama chain with a state-based exit test —
// true of discrete monitoring and the Gobet–Menozzi shift, not of the Brownian-bridge kill,
// whose test needs the previous point: refused); i.i.d. initial particles; every score > the
// return level (entries lie on or above Γ); the tie rule and the extinction rule above;
// survivors chosen uniformly and independently of the future; any ξ, any N ≥ 2, any k < N.
//
// Replicas and the interval. M independent replicas each run the whole construction
// (cycle chain + gAMS); E[τ] = mean T₀ + mean C / mean p̂ and its standard error from the
// spread between replicas (renewal_estimate.hpp) — never from within one AMS run, whose
// particles are correlated. The ratio's bias is O(Var p̂ / (M p²)), below the error.
// Deterministic per seed for any thread count: replicas run in parallel (oneTBB), each
// sequentially on its own streams, and are combined in replica order.
#include <cstdint>
#include <string>
#include <vector>

#include "ldv/core/estimate.hpp"
#include "ldv/exit/exit_time.hpp"
#include "ldv/rare/reaction_coordinate.hpp"
#include "ldv/rare/relaxation_levels.hpp"
#include "ldv/rare/renewal_estimate.hpp"

namespace ldv::rare {

struct SplittingSettings {
  std::uint64_t particles = 100;           // N per replica (also the loops of its cycle chain); ≥ 2
  std::uint64_t killed_per_iteration = 1;  // k, 1 ≤ k < N
  std::uint64_t replicas = 100;            // M independent replicas; ≥ 2
  CoordinateChoice coordinate = CoordinateChoice::automatic;
  double inner_mass = 0.2;                 // stationary mass inside γ (relaxation_levels.hpp)
  double outer_mass = 0.8;                 // stationary mass inside Γ
  std::uint64_t seed = 1;
  int threads = 0;                         // 0: all cores
  double confidence = 0.95;                // of `interval` in the result
  std::uint64_t max_iterations = 100'000'000;  // per replica; beyond it: NumericalFailure
};

struct SplittingResult {
  RenewalEstimate estimate;           // E[τ] = E[T₀] + C/p with its standard error
  Interval interval;                  // at `confidence`
  double confidence = 0.0;
  std::string coordinate;             // the reaction coordinate's name
  SplittingLevels levels;             // z_γ, z_Γ
  double boundary_level = 0.0;        // the lower bound of ξ on ∂D the levels were capped by
  std::uint64_t particles = 0, killed_per_iteration = 0, replicas = 0;
  std::uint64_t iterations = 0;       // gAMS iterations, all replicas
  std::uint64_t extinctions = 0;      // replicas that ended extinct (p̂ = 0)
  std::uint64_t loop_exits = 0;       // loops of the cycle chains that exited directly
  std::uint64_t steps_simulated = 0;  // Euler–Maruyama steps, all replicas
  int threads = 0;
  double elapsed_seconds = 0.0;
  std::vector<double> replica_probabilities;  // p̂ per replica, in replica order
  std::vector<std::string> warnings;  // from the step-size validation (exit_time.hpp)
};

// InvalidInput naming a bad setting, or the Brownian-bridge estimator (not Markov in X_k).
void validate_splitting_settings(const ExitTimeProblem& problem, const SplittingSettings& settings);

// InvalidInput for a bad problem (exit_time.hpp's validate), a bad setting (naming it), the
// Brownian-bridge estimator, or a start at or beyond the outer level.
SplittingResult estimate_exit_time_splitting(const ExitTimeProblem& problem, const SplittingSettings& settings);

}  // namespace ldv::rare
