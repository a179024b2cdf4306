#pragma once
// Figures of the two Theorem 2 measurements (tied_step_ratio.hpp, monitoring_bias.hpp),
// built next to them. Intervals are drawn at the level given: pass the Decision's own
// measurement_level() after every comparison is registered. (The limits R* carry a
// deterministic bound, the same at every level; Monte Carlo intervals depend on it.)
#include <string>
#include <vector>

#include "ldv/measure/monitoring_bias.hpp"
#include "ldv/measure/tied_step_ratio.hpp"
#include "ldv/verify/evidence.hpp"

namespace ldv::measure {

// lim E[ν]/E[τ] against κ = λr√B/s, one point per case with its bound, and each law as a
// curve over κ ∈ [κ_min/2, 1.25 κ_max] (label, function of κ).
struct RatioLaw {
  std::string label;
  double (*of_kappa)(double);
};
verify::Figure tied_step_limit_figure(const std::vector<TiedStepRatio>& cases, const std::vector<RatioLaw>& laws);

// E[ν]/E[τ] against η/(V₀B) = ε/V₀ on each case's ladder (from its simulated rung, when the case
// was simulated), with its extrapolated limit at 0 and, where given, the Monte Carlo ratios (E[ν] simulated over the exact E[τ],
// intervals at `level`).
verify::Figure tied_step_ladder_figure(const std::vector<TiedStepRatio>& cases,
                                       const std::vector<TiedStepSimulation>& simulations, double level);

// log(E[ν]/E[τ]) / (V₀B/η) against ε/V₀: the relative difference of the exponents, which tends to 0.
verify::Figure log_equivalence_figure(const std::vector<TiedStepRatio>& cases);

// The error E_h − E[τ] of both estimators against √h: Monte Carlo (intervals at `level`),
// their exact values (Nyström), the fitted expansions and Gobet–Menozzi's first-order line a₁√h.
verify::Figure monitoring_bias_figure(const MonitoringBias& bias, double level);

}  // namespace ldv::measure
