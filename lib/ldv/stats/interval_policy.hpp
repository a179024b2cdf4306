#pragma once
// The one interval policy of ldv's measurements (written here once; every check uses it
// through these functions):
//
//   [value − z σ − s, value + z σ + s],   z = Φ⁻¹((1 + c)/2),
//
// σ the statistical standard error and s ≥ 0 a systematic half-width added linearly
// (conservative: the two are not assumed independent). For a fitted coefficient σ is the
// weighted-least-squares standard error, already Birge-scaled by √(χ²/dof) when the
// residuals exceed the stated σ_i (the Particle Data Group's convention), and s is the
// calibrated error of the fit model itself (e.g. the 3-parameter Arrhenius law at finite
// ε, measure/exit_time_ladder.hpp), 0 where the law is exact.
// Why the normal quantile and not Student-t(dof): the σ_i of the fitted points are known
// (Monte Carlo standard errors of ≥ 10³ paths, themselves accurate to ~1/√(2n)); with 5
// levels and 3 parameters dof = 2, and t₂ at 99.9% would widen an interval tenfold for
// scatter those σ_i already describe.
#include <string>

#include "ldv/core/estimate.hpp"
#include "ldv/stats/regression.hpp"

namespace ldv::stats {

// value ± (z σ + systematic); σ ≥ 0 and systematic ≥ 0 finite (σ = +∞ gives (−∞, ∞)).
Estimate normal_estimate(std::string name, double value, double std_error, double systematic, std::string method);

// Coefficient k of `fit` under the policy above. The method text states the fit, χ²/dof and
// the systematic part, after `method` (which says what was fitted to what).
Estimate fitted_coefficient(std::string name, const WeightedFit& fit, int k, double systematic, std::string method);

}  // namespace ldv::stats
