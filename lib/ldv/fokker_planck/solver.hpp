#pragma once
// Solving the discretised Fokker–Planck equation dρ/dt = Qρ (fokker_planck/generator.hpp): the stationary
// density, implicit time stepping, and the functionals the implicit-regularizer paper's §2.2 is about —
// mass, KL(ρ‖ρ_ss) (Theorem 2.3) and the largest pointwise difference (Corollary 2.4).
#include <functional>
#include <memory>

#include "ldv/fokker_planck/generator.hpp"
#include "ldv/fokker_planck/grid.hpp"

namespace ldv::fokker_planck {

// Q ρ = 0 with Σ ρ·volume = 1: one row of Q (the last) is replaced by the mass row, a sparse LU solve
// (Eigen::SparseLU, COLAMD ordering). NumericalFailure when the factorisation fails or the solution has a
// negative cell below −1e-12 of its maximum (a generator that is not one of a Markov chain).
Vector stationary_density(const SparseMatrix& q, const Grid& grid);

// Backward Euler, ρ_{k+1} = (I − Δt Q)⁻¹ ρ_k, first order in Δt; unconditionally stable, and for an M-matrix
// Q (no cross terms) a Markov kernel: positivity, mass, and the monotone relative entropy of any Markov
// chain carry over to the discrete solution. The factorisation is made once.
class ImplicitEuler {
 public:
  ImplicitEuler(const SparseMatrix& q, double dt);  // InvalidInput for dt <= 0; NumericalFailure if LU fails
  ~ImplicitEuler();
  ImplicitEuler(ImplicitEuler&&) noexcept;
  ImplicitEuler& operator=(ImplicitEuler&&) noexcept;
  double dt() const { return dt_; }
  Vector step(const Vector& rho) const;

 private:
  struct Factor;
  double dt_;
  std::unique_ptr<Factor> factor_;
};

// A density from a function sampled at the cell centres, normalised to mass 1 (InvalidInput if its mass is
// not positive and finite).
Vector density_from(const Grid& grid, const std::function<double(const Vector&)>& function);

double mass(const Vector& rho, const Grid& grid);  // Σ ρ·volume
// KL(ρ‖π) = Σ ρ log(ρ/π)·volume over cells with ρ > 0 (InvalidInput if π ≤ 0 where ρ > 0).
double kl_divergence(const Vector& rho, const Vector& pi, const Grid& grid);
double max_abs_difference(const Vector& a, const Vector& b);

}  // namespace ldv::fokker_planck
