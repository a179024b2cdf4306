#pragma once
// What the escape paper's checks of Theorems 3–5, Assumptions 6–7, the remarks after
// Theorem 1 and Table 1 share beyond check_kit.hpp: the covariance models of Assumption 7
// and the exit-time problem at one noise level.
#include <cstdint>
#include <string>

#include "check_kit.hpp"
#include "ldv/exit/exit_time.hpp"

namespace ldv::checks {

// R(angle) diag(a, b) R(angle)ᵀ: a 2×2 SPD matrix with eigenvalues a, b whose eigenvectors
// are turned by `angle` (radians) from the axes.
Matrix rotated_diagonal(double angle, double a, double b);

// Assumption 7's C = HG made symmetric: H^{1/2} G H^{1/2}, which has the eigenvalues of HG and
// lies between λ_min(G)·H and λ_max(G)·H in the Loewner order (equal to HG when HG = GH).
Matrix symmetrised_product(const Matrix& hessian, const Matrix& g);

// The exit problem of a check's case at one noise level ε = V₀/k: ball of `radius` around
// the origin, start at the origin, step budget.step_fraction / largest_rate, Gobet–Menozzi.
ExitTimeProblem exit_problem_at(const Model& model, double radius, double largest_rate, double eps,
                                verify::Profile profile);

}  // namespace ldv::checks
