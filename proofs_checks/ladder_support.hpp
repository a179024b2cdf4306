#pragma once
// What the exit-time checks share: the budget of a profile, the ladder of noise
// levels placed by the first-principles barrier, and the figure of a ladder.
#include <cstdint>
#include <string>
#include <vector>

#include "ldv/verify/evidence.hpp"
#include "ldv/verify/exit_time_ladder.hpp"

namespace ldv::checks {

struct LadderBudget {
  std::uint64_t paths;                   // Monte Carlo paths per noise level
  std::vector<double> barrier_over_eps;  // the ladder in units of V₀/ε
  double step_fraction;                  // h = step_fraction / λ_max(drift Jacobian)
};

// quick: minutes for the whole suite on 2 cores; full: paper-grade intervals.
// The ladder spans V₀/ε ∈ [3, 8] (quick) or [3, 10] (full): small enough ε for the
// Arrhenius law (its calibrated fit-model error is a few % there), large enough that
// E[τ] stays within ~1e3–1e4 relaxation times.
LadderBudget ladder_budget(const std::string& profile);
std::string budget_json(const LadderBudget& budget);

// A ladder for `model` around `center` with noise levels ε_i = expected_barrier / k_i.
verify::ExitTimeLadder make_ladder(const Model& model, const Vector& center, double radius, double expected_barrier,
                                   double largest_rate, const LadderBudget& budget, std::uint64_t seed, int threads);

// log-scale E[τ] against 1/ε with the 95% intervals, and the fitted law.
verify::Series ladder_points(const verify::BarrierMeasurement& m, const std::string& label);
verify::Series ladder_fit_line(const verify::BarrierMeasurement& m, const std::string& label);

// A seed of its own per check and case, so that checks sharing the run seed draw
// independent streams: splitmix64 of (seed, salt).
std::uint64_t derived_seed(unsigned long long seed, const std::string& salt);

}  // namespace ldv::checks
