#include "ldv/fokker_planck/solver.hpp"

#include <Eigen/SparseLU>

#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"

namespace ldv::fokker_planck {

struct ImplicitEuler::Factor {
  Eigen::SparseLU<SparseMatrix, Eigen::COLAMDOrdering<int>> lu;
};

Vector stationary_density(const SparseMatrix& q, const Grid& grid) {
  const Eigen::Index n = q.rows();
  if (q.cols() != n || n != static_cast<Eigen::Index>(grid.size()))
    throw_invalid(fmt::format("stationary density: Q is {} × {} for a grid of {} cells", q.rows(), q.cols(), grid.size()));
  SparseMatrix a = q;
  // Replace the last row by the mass row: Σ ρ·volume = 1.
  a.prune([n](Eigen::Index row, Eigen::Index, double) { return row != n - 1; });
  std::vector<Eigen::Triplet<double>> mass_row;
  for (Eigen::Index k = 0; k < n; ++k) mass_row.emplace_back(n - 1, k, grid.volume());
  SparseMatrix m(n, n);
  m.setFromTriplets(mass_row.begin(), mass_row.end());
  a += m;
  a.makeCompressed();
  Eigen::SparseLU<SparseMatrix, Eigen::COLAMDOrdering<int>> lu;
  lu.compute(a);
  if (lu.info() != Eigen::Success) throw NumericalFailure("stationary density: sparse LU failed: " + lu.lastErrorMessage());
  Vector rhs = Vector::Zero(n);
  rhs(n - 1) = 1.0;
  Vector rho = lu.solve(rhs);
  if (lu.info() != Eigen::Success || !rho.allFinite()) throw NumericalFailure("stationary density: the solve failed");
  if (rho.minCoeff() < -1e-12 * rho.maxCoeff())
    throw NumericalFailure(fmt::format("stationary density: a cell is negative ({:.3g} against a maximum {:.3g})",
                                       rho.minCoeff(), rho.maxCoeff()));
  return rho;
}

ImplicitEuler::ImplicitEuler(const SparseMatrix& q, double dt) : dt_(require_positive("time step", dt)) {
  SparseMatrix identity(q.rows(), q.cols());
  identity.setIdentity();
  SparseMatrix a = identity - dt * q;
  a.makeCompressed();
  factor_ = std::make_unique<Factor>();
  factor_->lu.compute(a);
  if (factor_->lu.info() != Eigen::Success)
    throw NumericalFailure("implicit Euler: sparse LU of I − Δt Q failed: " + factor_->lu.lastErrorMessage());
}
ImplicitEuler::~ImplicitEuler() = default;
ImplicitEuler::ImplicitEuler(ImplicitEuler&&) noexcept = default;
ImplicitEuler& ImplicitEuler::operator=(ImplicitEuler&&) noexcept = default;

Vector ImplicitEuler::step(const Vector& rho) const { return factor_->lu.solve(rho); }

Vector density_from(const Grid& grid, const std::function<double(const Vector&)>& function) {
  Vector rho(static_cast<Eigen::Index>(grid.size()));
  for (std::size_t k = 0; k < grid.size(); ++k) rho(static_cast<Eigen::Index>(k)) = function(grid.centre(k));
  const double m = mass(rho, grid);
  if (!(m > 0.0 && std::isfinite(m))) throw_invalid(fmt::format("density: mass {} is not positive and finite", m));
  return rho / m;
}

double mass(const Vector& rho, const Grid& grid) { return rho.sum() * grid.volume(); }

double kl_divergence(const Vector& rho, const Vector& pi, const Grid& grid) {
  if (rho.size() != pi.size()) throw_invalid("KL divergence: densities of different sizes");
  double sum = 0.0;
  for (Eigen::Index k = 0; k < rho.size(); ++k) {
    if (!(rho(k) > 0.0)) continue;
    if (!(pi(k) > 0.0))
      throw_invalid(fmt::format("KL divergence: the reference density is {} at cell {} where ρ = {} > 0", pi(k), k, rho(k)));
    sum += rho(k) * std::log(rho(k) / pi(k));
  }
  return sum * grid.volume();
}

double max_abs_difference(const Vector& a, const Vector& b) { return (a - b).cwiseAbs().maxCoeff(); }

}  // namespace ldv::fokker_planck
