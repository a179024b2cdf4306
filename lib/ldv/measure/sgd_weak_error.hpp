#pragma once
// How close mini-batch SGD is to a diffusion, as η → 0 at a fixed horizon T = Kη (implicit-regularizer
// paper, Lemma 2.1 and eq. (5)), from the exact moments of both (reference/sgd_moments.hpp; no Monte Carlo).
// Two statistics on a ladder of step sizes η_j = T/K_j:
//  * the weak error of E[g], g(x) = |x − x*|² (x* the minimiser), against the diffusion with the consistent
//    scale κ = cη (c the batch factor: one step's gradient covariance is c·D₁); its order = the slope of
//    log|error| in log η, from the two smallest η, with the change from the next pair as systematic;
//  * r(η) = tr Cov(x_K)/η, and its limit as η → 0 by the quadratic through the three smallest η (systematic:
//    the change from the line through the two smallest, + 1e-12). The competing diffusions differ exactly
//    there: lim tr Cov(X_T)/η = (κ/η)·tr C₁(T), C₁ = ∂Cov(X_T)/∂κ at κ = 0 (diffusion_covariance_rate).
// Deterministic: σ = 0 in the interval policy; the systematic half-widths are the neglected orders.
#include <string>
#include <vector>

#include "ldv/core/estimate.hpp"
#include "ldv/reference/sgd_moments.hpp"

namespace ldv::measure {

struct SgdWeakErrorSettings {
  Vector start;
  double horizon = 1.0;
  std::vector<int> steps = {16, 32, 64, 128};  // K_j (>= 3 values, increasing)
  int batch = 1;
  reference::BatchSampling sampling = reference::BatchSampling::with_replacement;
};

struct SgdWeakError {
  std::vector<double> eta, mean_error, covariance_rate;
  Estimate mean_order;             // weak order of E[g] against the consistent diffusion
  Estimate covariance_rate_limit;  // lim tr Cov(x_K)/η
};

// InvalidInput for fewer than 3 or non-increasing step counts, a non-positive horizon, or a bad batch.
SgdWeakError measure_sgd_weak_error(const reference::FiniteSumLeastSquares& loss, const SgdWeakErrorSettings& settings,
                                    const std::string& name);

// tr C₁(T): d/dκ of tr Cov(X_T) at κ = 0 for dX = −∇f dt + √κ σ dW (Richardson on κ₀ = 1e-6 and 2κ₀, error
// O(κ₀²) relative).
double diffusion_covariance_rate(const reference::FiniteSumLeastSquares& loss, const Vector& start, double horizon);

}  // namespace ldv::measure
