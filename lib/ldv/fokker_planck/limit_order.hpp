#pragma once
// The two iterated limits of −ε ln ρ(x, T | x₀) (implicit-regularizer paper, Remark 3.3 and eq. (32)):
//   (a) finite time first:  S_T(x; x₀) = −lim_{ε→0} ε ln ρ(x, T | x₀)  at fixed T, then T → ∞;
//   (b) stationary first:   −lim_{ε→0} ε ln ρ_ss(x) = lim_{ε→0} lim_{T→∞} (…).
// Remark 3.3 says they agree for one attractor; §4 says they differ for several.
//
// Both are measured on the finite-volume Fokker–Planck solution (generator.hpp, Itô form, zero-flux box),
// each value normalised by the density's largest cell, −ε ln(ρ(x)/max ρ): the minimum of the rate function
// is 0 (at the flow's image x₀ → x^GD(T) for (a), at the global minimiser for (b)), and the normalisation
// removes the ε-power prefactors of a density.
//  * ρ(·, T | x₀) from a point mass in x₀'s cell by uniformisation, exact in time and entrywise positive:
//    e^{TQ} = Σₖ Poisson(k; λT) Pᵏ, P = I + Q/λ ≥ 0 (λ = max |Q_ii|; Q is a Markov generator in 1-D),
//    so every term is ≥ 0 and far tails keep their relative accuracy (no cancellation, unlike an eigen
//    expansion or a Padé exponential). Weights below 1e-30 of the total are dropped.
//  * ε → 0 on a ladder of three decreasing ε: the quadratic through the three values (WKB:
//    −ε ln ρ = V + εW + O(ε²)), as fokker_planck::log_density_limits does.
//  * T → ∞ for (a) on a ladder of three equally spaced T: S_T converges exponentially (linearisation of the
//    flow at the attractor), S_T ≈ S_∞ + C e^{−κT}, so Aitken's Δ² gives S_∞.
// Error bars (the one interval policy, σ = 0, deterministic): every ε-limit is computed on `cells` and on
// 2·`cells`; systematic = grid change + |quadratic − linear (two smallest ε) extrapolation| + a bound on the
// linear interpolation of ln ρ between cell centres (h²|(ln ρ)''|/4, propagated through the extrapolation) + 1e-12. The
// T → ∞ limit adds |Aitken − S_{T₃}| (the whole last correction) to the largest T's half-width.
#include <string>
#include <vector>

#include "ldv/core/estimate.hpp"
#include "ldv/fokker_planck/generator.hpp"
#include "ldv/fokker_planck/grid.hpp"
#include "ldv/fokker_planck/measurements.hpp"
#include "ldv/models/model.hpp"

namespace ldv::fokker_planck {

// ρ(·, T) = e^{TQ} ρ₀ by uniformisation (above). InvalidInput for T < 0 or a ρ₀ of the wrong size.
Vector transition_density(const SparseMatrix& q, const Vector& rho0, double horizon);

struct LimitOrderSettings {
  Box box;                          // 1-D box (coarse cells; the fine grid has twice as many)
  std::vector<double> eps_ladder;    // three decreasing positive ε
  std::vector<double> horizons;      // three increasing, equally spaced T > 0 (for (a))

  void validate() const;  // InvalidInput naming the first bad field
};

struct IteratedLimit {
  double x = 0.0;
  std::vector<Estimate> finite_time;    // (a) S_T(x; x₀) = lim_{ε→0} at each T of the ladder
  std::vector<std::vector<double>> finite_time_values;  // [T][ε] fine-grid −ε ln(ρ_T(x)/max ρ_T)
  Estimate finite_time_first;           // (a) then T → ∞ (Aitken over the T ladder)
  std::vector<double> stationary_values;  // [ε] fine-grid −ε ln(ρ_ss(x)/max ρ_ss)
  Estimate stationary_first;            // (b)
};

// One per point (1-D model). `label` goes into the estimates' names. InvalidInput for a model that is not
// 1-D, x₀ or a point outside the box, or bad settings.
std::vector<IteratedLimit> measure_iterated_limits(const Model& model, double x0, const std::vector<double>& points,
                                                   const LimitOrderSettings& settings, const std::string& label);

}  // namespace ldv::fokker_planck
