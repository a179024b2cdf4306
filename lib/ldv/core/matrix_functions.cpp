#include "ldv/core/matrix_functions.hpp"

#include <Eigen/Eigenvalues>
#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"

namespace ldv {

double relative_asymmetry(const Matrix& m) {
  require_square("matrix", m);
  const double norm = m.norm();
  return norm > 0.0 ? (m - m.transpose()).norm() / norm : 0.0;
}

Matrix symmetric_power(std::string_view name, const Matrix& s, double p) {
  require_square(name, s);
  require_finite(name, s);
  if (!std::isfinite(p)) throw_invalid(fmt::format("{}: power p = {} must be finite", name, p));
  const double asymmetry = relative_asymmetry(s);
  if (asymmetry > 1e-12)
    throw_invalid(fmt::format("{}: a symmetric matrix is needed for S^p, but ‖S − Sᵀ‖/‖S‖ = {:.3g}", name, asymmetry));
  const Eigen::SelfAdjointEigenSolver<Matrix> eigen(0.5 * (s + s.transpose()));
  const Vector lambda = eigen.eigenvalues();
  const double scale = std::max(1.0, lambda.cwiseAbs().maxCoeff());
  Vector powered(lambda.size());
  for (Eigen::Index i = 0; i < lambda.size(); ++i) {
    if (lambda(i) < -1e-12 * scale)
      throw_invalid(fmt::format("{}: eigenvalue {} < 0, so S is not positive semi-definite", name, lambda(i)));
    const double l = std::max(lambda(i), 0.0);
    if (l == 0.0 && p <= 0.0)
      throw_invalid(fmt::format("{}: S is singular (eigenvalue 0), so S^p with p = {} does not exist", name, p));
    powered(i) = l == 0.0 ? 0.0 : std::pow(l, p);
  }
  return eigen.eigenvectors() * powered.asDiagonal() * eigen.eigenvectors().transpose();
}

}  // namespace ldv
