#pragma once
// Functions of symmetric matrices: S^p = Q diag(λᵢ^p) Qᵀ from the eigen-decomposition
// S = Q diag(λᵢ) Qᵀ. The escape paper's objects need them: the metric C^{1/2} of its
// Hamilton–Jacobi equation (4) and its steepness C^{−1/2} (Definition 3), and the
// symmetrised covariance H^{1/2} G H^{1/2} of Assumption 7.
#include <string_view>

#include "ldv/core/linalg.hpp"

namespace ldv {

// S^p for symmetric positive definite S (any real p), or positive semi-definite S and p > 0.
// InvalidInput naming `name` when S is not square, finite and symmetric (relative asymmetry
// above 1e-12), or has an eigenvalue below −1e-12 ‖S‖ (not semi-definite), or a zero
// eigenvalue with p <= 0.
Matrix symmetric_power(std::string_view name, const Matrix& s, double p);

// Relative asymmetry ‖M − Mᵀ‖_F / ‖M‖_F of a square matrix (0 for M = 0).
double relative_asymmetry(const Matrix& m);

}  // namespace ldv
