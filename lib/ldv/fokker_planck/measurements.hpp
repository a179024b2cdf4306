#pragma once
// Measurements on Fokker–Planck solutions (implicit-regularizer paper §2.2: eq. (8), Theorem 2.3,
// Corollary 2.4, eq. (14)) as Estimates under ldv's one interval policy (stats/interval_policy.hpp).
//
// They are deterministic; their error is the discretisation's. Each is computed twice, on `cells` and on
// 2·`cells` per axis (with the time step halved for time-dependent ones): the scheme is second order in
// space and backward Euler first order in time, so the fine value's error is at most about the change
// between the two; the systematic half-width is that whole change plus a rounding floor of 1e-12 (and
// σ = 0). The box walls are zero-flux (fokker_planck/generator.hpp).
#include <functional>
#include <string>
#include <vector>

#include "ldv/core/estimate.hpp"
#include "ldv/fokker_planck/generator.hpp"
#include "ldv/fokker_planck/grid.hpp"
#include "ldv/models/model.hpp"

namespace ldv::fokker_planck {

struct Box {
  Vector low, high;  // 1 or 2 coordinates
  int cells = 0;     // per axis at the coarse resolution (>= 3); the fine one has twice as many
};
using Density = std::function<double(const Vector&)>;  // unnormalised, sampled at cell centres

// d/dt ∫ρ at t = 0 for the solution of `form` started from `initial` (normalised): exactly 0 for the Itô
// form (to rounding), (ε/2)∫(∂ᵢ∂ⱼDᵢⱼ)ρ for the paper's eq. (8). Its systematic half-width also adds the change
// when the step of the central differences of D doubles (their error).
Estimate mass_rate(const Model& model, const Box& box, double eps, Form form, const Density& initial,
                   const std::string& name);

// The Itô form's solution from `initial` by backward Euler up to `horizon` against the stationary density.
struct Relaxation {
  std::vector<double> times;          // 0, Δt, …, horizon (fine resolution)
  std::vector<double> kl;             // KL(ρ_t‖ρ_ss) (Theorem 2.3's functional without its factor ε/2)
  std::vector<double> sup_distance;   // max over cells |ρ_t − ρ_ss| / max ρ_ss (Corollary 2.4)
  Estimate largest_kl_increase;       // max over steps of KL(t + Δt) − KL(t): ≤ 0 iff KL never increases
  Estimate final_kl;                  // KL at the horizon
  Estimate initial_kl;                // KL at t = 0
  Estimate decay_rate;                // ln(d(T/2)/d(T))/(T/2) of d = sup_distance: > 0 when ρ_t → ρ_ss
};
// InvalidInput for dt <= 0 or a horizon that is not a positive multiple of dt (to 1e-9).
Relaxation measure_relaxation(const Model& model, const Box& box, double eps, const Density& initial, double dt,
                              double horizon, const std::string& name);

// −ε ln(ρ_ss(x)/ρ_ss(reference)) (ln ρ_ss interpolated linearly between cell centres) on a ladder of three ε (decreasing), extrapolated to ε → 0 by the quadratic
// through the three values (the WKB expansion −ε ln ρ = V + ε W + O(ε²)): the limit that eq. (14) says is
// φ_QP(x) − φ_QP(reference). The systematic half-width adds the change from the linear extrapolation of the
// two smallest ε (the neglected order) to the grid change. `values` holds the three values at the fine grid.
struct LogDensityLimit {
  Vector x;
  std::vector<double> eps, values;
  Estimate limit;
};
// One per column of `points` (d × M); `names` one per point. InvalidInput for a ladder that is not three
// decreasing positive ε or names of the wrong count.
std::vector<LogDensityLimit> log_density_limits(const Model& model, const Box& box, const std::vector<double>& eps_ladder,
                                                const Matrix& points, const Vector& reference,
                                                const std::vector<std::string>& names);

}  // namespace ldv::fokker_planck
