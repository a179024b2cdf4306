#pragma once
// Long-run metastable dynamics between core sets (closed balls around the attractors), measured by
// milestoning: the state of the process is the core set it visited last, a transition i → j is an entry
// into core j with state i, and time is credited to the current state (implicit-regularizer paper,
// Example 4.1 and §4: the Markov chain on the minima with transition rates P(Oᵢ, Oⱼ) and the stationary
// weights ρ(O₁) = P(O₂, O₁)/(P(O₁, O₂) + P(O₂, O₁))).
//
// Simulation: Euler–Maruyama with the coefficients at the pre-step point (sim/euler_maruyama.hpp; for a
// model with coefficients that jump across an interface that is the convention, stated), inside a box with
// reflecting walls (sim/reflecting_box.hpp). A point with |x − cᵢ| ≤ rᵢ is inside core i (closed balls).
// Each run starts at its start point and stops at a regeneration: its `cycles`-th entry into core 0 from
// another core (so every run holds that many complete excursions away from core 0); run r draws Philox
// stream (s, r). Times are counted in whole steps (integers), so the tallies are the same for any thread
// count.
//
// Estimators (runs independent; ratio estimators with the between-run delta-method standard error):
//  * rate k_ij = Σ_r n_ij / Σ_r T_i (transitions per unit time in state i): log k_ij, σ = √(var_r(n_ij − k T_i)/R)/(k T̄_i);
//  * the long-run occupation ratio of the cores by the renewal-reward theorem, unaffected by the start:
//    π(core j)/π(core i) = (T^in_j / n_{j→·}) / (T^in_i / n_{i→·}) for two cores (time inside the core per
//    completed sojourn in its state), σ of its logarithm by the delta method over runs.
// The occupation exponent over a ladder of ε: log π_j/π_i = c/ε + d fitted by weighted least squares. Two
// parameters, not three: the ratio of two escape laws e^{V/ε}ε^{a}·C whose wells have the same geometry (the
// same dimension, minimiser structure and far field) has equal powers a, which cancel. The fit model's own
// error — what remains at finite ε — is calibrated like measure/exit_time_ladder.hpp's: the same 2-parameter
// fit on the exact log ratio of the mean exit times of two radial 2-D Ornstein–Uhlenbeck processes with
// barriers Vᵢ and Vⱼ on the same ε ladder; its slope's miss is the systematic half-width.
#include <cstdint>
#include <string>
#include <vector>

#include "ldv/core/estimate.hpp"
#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"
#include "ldv/sim/reflecting_box.hpp"
#include "ldv/stats/regression.hpp"

namespace ldv::measure {

struct CoreSet {
  Vector center;
  double radius;  // |x − center| ≤ radius is inside
};

struct OccupationRuns {
  Model model;
  std::vector<CoreSet> cores;      // at least 2, disjoint
  ReflectingBox box;
  Vector start;                    // in the box
  double eps;                      // ε > 0
  double step;                     // h > 0
  std::uint64_t runs;              // R >= 2
  std::uint64_t cycles;            // entries into core 0 from another core that end a run (>= 1)
  std::uint64_t max_steps = 4'000'000'000;  // per run: NumericalFailure beyond (a budget guard, named)
  std::uint64_t seed = 1;
  int threads = 0;
};

struct RunTally {
  std::vector<std::uint64_t> steps_in_state;   // per core: steps with this core visited last
  std::vector<std::uint64_t> steps_inside;     // per core: steps inside it
  std::vector<std::uint64_t> transitions;      // row-major cores × cores: i → j entries
};

struct Occupation {
  double eps = 0.0, step = 0.0;
  std::size_t cores = 0;
  std::vector<RunTally> runs;
  std::uint64_t transitions(std::size_t from, std::size_t to) const;  // pooled over runs
  // log k_ij with its standard error (InvalidInput when no i → j transition was seen).
  std::pair<double, double> log_rate(std::size_t from, std::size_t to) const;
  // log π(core j)/π(core i) for two cores, with its standard error.
  std::pair<double, double> log_occupation_ratio(std::size_t i, std::size_t j) const;
  // π(core j)/(π(core i) + π(core j)) from the same estimator.
  double occupation_share(std::size_t i, std::size_t j) const;
};

// InvalidInput naming the bad value; NumericalFailure when a run exceeds max_steps.
Occupation measure_occupation(const OccupationRuns& runs);

struct OccupationLadder {
  OccupationRuns runs;                 // eps and seed set per level (seed·1009 + level)
  std::vector<double> eps;             // >= 3 levels
  std::vector<double> expected_exponent;  // per core: its escape exponent Vᵢ (places the calibration)
};

struct OccupationExponents {
  std::vector<Occupation> levels;
  std::vector<double> expected_exponent;
  // c in log π(core j)/π(core i) = c/ε + d, under the interval policy with the calibrated systematic part.
  Estimate occupation_exponent(std::size_t i, std::size_t j, const std::string& name) const;
};

// Level i draws seed runs.seed·1009 + i. InvalidInput for fewer than 3 levels or a wrong number of exponents.
OccupationExponents measure_occupation_ladder(const OccupationLadder& ladder);

// The calibration above: |fitted slope − (v_j − v_i)| of the 2-parameter fit on the exact radial 2-D OU log
// ratio at the given ε. InvalidInput for fewer than 2 levels or non-positive barriers.
double occupation_fit_error(const std::vector<double>& eps, double v_i, double v_j);

}  // namespace ldv::measure
