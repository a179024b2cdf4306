#pragma once
// The principal Dirichlet eigenvalue of the isotropic d-dimensional Ornstein–Uhlenbeck
// generator L = (ε s²/2) Δ − a x·∇ on the annulus inner < |x| < outer: the exact exponential
// rate of a long sojourn there, P(ζ > T) ~ C e^{−λ₁ T} with ζ the first time |X| leaves
// (inner, outer) (the escape paper's Lemma 9 in the isotropic case: its sojourn ζ_α in D \ B_α).
//
// Radial functions suffice for the principal eigenfunction (it is unique and positive, hence
// rotation invariant). In ρ = |x| the eigenproblem is Sturm–Liouville:
//   −(p f')' = λ₁ w f on (inner, outer), f = 0 at both ends,
//   w(ρ) = ρ^{d−1} e^{−κρ²}, p = (ε s²/2) w, κ = a/(ε s²)
// (since (1/w)(p f')' = (ε s²/2)(f'' + ((d−1)/ρ − 2κρ) f') = L f). It is discretised by the
// symmetric three-point scheme on a uniform grid (second order), made a symmetric tridiagonal
// matrix by the scaling g = √w f (all ratios of w taken as differences of log w, so nothing
// under- or overflows), and its least eigenvalue is found by bisection on the Sturm count
// (LDLᵀ inertia, O(N) a step). The values at N and 2N cells are extrapolated (Richardson,
// h²: R = λ(2N) + (λ(2N) − λ(N))/3, error O(h⁴)); N doubles until two successive R agree to
// 1e-8 relative, their difference being the error reported; NumericalFailure when 2^20 cells
// do not reach it.
#include "ldv/reference/ou_exit_time.hpp"

namespace ldv::reference {

struct DirichletEigenvalue {
  double value = 0.0;  // λ₁
  double error = 0.0;  // estimated absolute error
  int cells = 0;       // of the finer grid
};

// dimension >= 1, 0 < inner < outer finite; ou.rate >= 0, ou.eps > 0, ou.noise > 0.
DirichletEigenvalue radial_dirichlet_eigenvalue(const OrnsteinUhlenbeck& ou, int dimension, double inner, double outer);

}  // namespace ldv::reference
