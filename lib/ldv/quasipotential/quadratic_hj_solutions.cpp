#include "ldv/quasipotential/quadratic_hj_solutions.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/Cholesky>
#include <Eigen/LU>
#include <Eigen/SVD>
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <numeric>

#include "ldv/core/error.hpp"

namespace ldv::quasipotential {

double QuadraticHjSolution::sphere_minimum(double radius) const {
  if (!(radius > 0.0) || !std::isfinite(radius))
    throw_invalid(fmt::format("sphere radius = {} must be positive and finite", radius));
  return radius * radius * std::max(0.0, symmetric_eigenvalues(0.5 * (form + form.transpose())).minCoeff());
}

std::vector<QuadraticHjSolution> quadratic_hamilton_jacobi_solutions(const Matrix& drift_matrix,
                                                                      const Matrix& metric) {
  require_square("drift matrix A", drift_matrix);
  require_finite("drift matrix A", drift_matrix);
  require_square("metric M", metric);
  require_finite("metric M", metric);
  const Eigen::Index d = drift_matrix.rows();
  if (metric.rows() != d)
    throw_invalid(fmt::format("metric M is {} × {} but the drift matrix A is {} × {}", metric.rows(), metric.rows(), d, d));
  if (d > 12) throw_invalid(fmt::format("dimension {} > 12: the family has 2^d members", d));
  require_spd_cholesky("metric M", metric);

  // Eigenvectors of Aᵀ (left eigenvectors of A), real with positive eigenvalues.
  const Eigen::EigenSolver<Matrix> eigen(drift_matrix.transpose());
  const auto& values = eigen.eigenvalues();
  const auto& vectors = eigen.eigenvectors();
  const double scale = std::max(1.0, drift_matrix.norm());
  for (Eigen::Index i = 0; i < d; ++i) {
    if (std::abs(values(i).imag()) > 1e-12 * scale)
      throw_invalid(fmt::format("A has the complex eigenvalue {} + {}i: no real invariant subspace per eigenvalue",
                                values(i).real(), values(i).imag()));
    if (!(values(i).real() > 0.0))
      throw_invalid(fmt::format("A has the eigenvalue {} <= 0: the drift −Aθ is not stable", values(i).real()));
  }
  std::vector<int> order(static_cast<std::size_t>(d));
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int a, int b) { return values(a).real() < values(b).real(); });
  Vector lambda(d);
  Matrix u(d, d);
  for (Eigen::Index k = 0; k < d; ++k) {
    lambda(k) = values(order[static_cast<std::size_t>(k)]).real();
    u.col(k) = vectors.col(order[static_cast<std::size_t>(k)]).real().normalized();
  }
  const Eigen::JacobiSVD<Matrix> svd(u);
  const double condition = svd.singularValues()(0) / svd.singularValues()(d - 1);
  if (!(condition < 1e10))
    throw_invalid(fmt::format("A is not diagonalisable (eigenvector condition number {:.3g})", condition));

  std::vector<QuadraticHjSolution> out;
  for (unsigned mask = 0; mask < (1u << d); ++mask) {
    QuadraticHjSolution s;
    for (int k = 0; k < d; ++k)
      if (mask & (1u << k)) s.modes.push_back(k);
    s.form = Matrix::Zero(d, d);
    std::string names;
    for (int k : s.modes) names += fmt::format("{}{}", names.empty() ? "" : ", ", k + 1);
    s.label = s.modes.empty() ? "S = {} (W ≡ 0)" : fmt::format("S = {{{}}}", names);
    if (!s.modes.empty()) {
      const Eigen::Index m = static_cast<Eigen::Index>(s.modes.size());
      Matrix us(d, m);
      Vector ls(m);
      for (Eigen::Index j = 0; j < m; ++j) {
        us.col(j) = u.col(s.modes[static_cast<std::size_t>(j)]);
        ls(j) = lambda(s.modes[static_cast<std::size_t>(j)]);
      }
      const Matrix projected = us.transpose() * metric * us;  // UᵀMU
      Matrix sigma(m, m);                                     // Λ_SΣ + ΣΛ_S = UᵀMU, Λ_S diagonal
      for (Eigen::Index i = 0; i < m; ++i)
        for (Eigen::Index j = 0; j < m; ++j) sigma(i, j) = projected(i, j) / (ls(i) + ls(j));
      const Matrix form = 0.5 * us * sigma.llt().solve(Matrix::Identity(m, m)) * us.transpose();
      s.form = 0.5 * (form + form.transpose());
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace ldv::quasipotential
