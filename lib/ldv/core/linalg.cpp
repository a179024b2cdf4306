#include "ldv/core/linalg.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <fmt/format.h>

#include "ldv/core/error.hpp"

namespace ldv {

void require_square(std::string_view name, const Matrix& m) {
  if (m.rows() == 0 || m.rows() != m.cols())
    throw_invalid(fmt::format("{} must be a non-empty square matrix, got {}x{}", name, m.rows(), m.cols()));
}

void require_finite(std::string_view name, const Matrix& m) {
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j)
      if (!std::isfinite(m(i, j)))
        throw_invalid(fmt::format("{}[{}][{}] = {} is not a finite number", name, i, j, m(i, j)));
}

void require_symmetric(std::string_view name, const Matrix& m) {
  require_square(name, m);
  const double scale = std::max(1.0, m.cwiseAbs().maxCoeff());
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = i + 1; j < m.cols(); ++j)
      if (std::abs(m(i, j) - m(j, i)) > 1e-12 * scale)
        throw_invalid(fmt::format("{} must be symmetric: entry [{}][{}] = {} but [{}][{}] = {}", name, i, j,
                                  m(i, j), j, i, m(j, i)));
}

void require_point(std::string_view name, const Vector& x, int dimension) {
  if (x.size() != dimension)
    throw_invalid(fmt::format("the {} has {} coordinates but the model has dimension {}", name, x.size(), dimension));
  for (Eigen::Index i = 0; i < x.size(); ++i)
    if (!std::isfinite(x(i))) throw_invalid(fmt::format("{} coordinate {} = {} is not a finite number", name, i, x(i)));
}

Matrix require_spd_cholesky(std::string_view name, const Matrix& m) {
  require_finite(name, m);
  require_symmetric(name, m);
  Eigen::LLT<Matrix> llt(m);
  if (llt.info() != Eigen::Success) {
    const double lambda_min = Eigen::SelfAdjointEigenSolver<Matrix>(m, Eigen::EigenvaluesOnly).eigenvalues()(0);
    throw_invalid(fmt::format(
        "{} must be symmetric positive definite, but its smallest eigenvalue is {:.6g}", name, lambda_min));
  }
  return llt.matrixL();
}

Vector symmetric_eigenvalues(const Matrix& m) {
  require_square("matrix", m);
  require_symmetric("matrix", m);
  return Eigen::SelfAdjointEigenSolver<Matrix>(m, Eigen::EigenvaluesOnly).eigenvalues();
}

}  // namespace ldv
