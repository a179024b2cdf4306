#pragma once
// The limit x → 0 of a sequence of (near-)exact values known to expand in integer powers
// of x, y(x) = y₀ + c₁ x + c₂ x² + …, with an error bound that says what it covers —
// e.g. E[ν]/E[τ] as η → 0 at fixed B (escape paper, Theorem 2; measure/tied_step_ratio.hpp).
//
// Method: Richardson extrapolation in its polynomial form (Neville's algorithm): y₀ is the
// value at 0 of the polynomial through all n points. Its error bound has two parts,
// added linearly:
//  * model: |y₀(n points) − y₀(n − 1 finest points)|, the standard a-posteriori estimate
//    of the error of the (n−1)-point value — conservative for the n-point one when the
//    expansion converges — multiplied by a calibration factor ≥ 1 measured on sequences of
//    the same kind whose limit is known (extrapolation_calibration below);
//  * numerical: Σ_k |ℓ_k(0)| err_k, the values' own error bounds through the Lagrange
//    weights of the extrapolating polynomial.
// The interval is that bound at every confidence level: it is a deterministic bound, not a
// statistical one.
#include <string>
#include <vector>

#include "ldv/core/estimate.hpp"

namespace ldv::measure {

struct LimitExtrapolation {
  double limit = 0.0;            // y₀ from all the points
  double previous = 0.0;         // y₀ from the n − 1 smallest x
  double calibration = 1.0;      // the factor applied to |limit − previous|
  double numerical_error = 0.0;  // Σ |ℓ_k(0)| err_k
  double error_bound = 0.0;      // calibration |limit − previous| + numerical_error
  Estimate estimate;             // limit ± error_bound at every level
};

// x_i > 0 distinct, at least 3 points, y_error_i >= 0. `method` says what was extrapolated
// (added to the estimate's method text). InvalidInput naming the offending value otherwise.
LimitExtrapolation extrapolate_to_zero(const std::vector<double>& x, const std::vector<double>& y,
                                       const std::vector<double>& y_error, double calibration, std::string name,
                                       const std::string& method);

// max(1, worst ratio of true error to the model estimate |limit − previous|) of the same
// extrapolation applied to sequences with a known limit and an expansion in powers of ε:
// the Kramers prefactor of the exact Ornstein–Uhlenbeck mean exit time,
// g(ε) = E[τ] · 2 a R^d e^{−R²} / Γ(d/2) → 1 (R² = V₀/ε; reference/ou_exit_time.hpp),
// in dimensions 1, 2, 3, at the given ladder of V₀/ε (the values where the sequence to be
// extrapolated lives, so that the calibration sees the same geometry and the same size of
// higher-order terms).
double extrapolation_calibration(const std::vector<double>& barrier_over_eps);

}  // namespace ldv::measure
