#include "ldv/models/linear_gaussian.hpp"

#include <Eigen/Eigenvalues>
#include <fmt/format.h>

#include "ldv/core/error.hpp"

namespace ldv {
namespace {

std::vector<double> row_major(const Matrix& m) {
  std::vector<double> out(static_cast<std::size_t>(m.size()));
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) out[static_cast<std::size_t>(i * m.cols() + j)] = m(i, j);
  return out;
}

}  // namespace

LinearGaussianModel::LinearGaussianModel(Matrix drift_matrix, Matrix diffusion)
    : dimension_(static_cast<int>(drift_matrix.rows())),
      drift_matrix_(std::move(drift_matrix)),
      diffusion_(std::move(diffusion)) {
  require_square("drift matrix", drift_matrix_);
  require_finite("drift matrix", drift_matrix_);
  require_square("diffusion", diffusion_);
  if (diffusion_.rows() != drift_matrix_.rows())
    throw_invalid(fmt::format("diffusion is {}x{} but the model has dimension {}", diffusion_.rows(),
                              diffusion_.cols(), drift_matrix_.rows()));
  sigma_ = require_spd_cholesky("diffusion", diffusion_);
  a_ = row_major(drift_matrix_);
  s_ = row_major(sigma_);
  d_ = row_major(diffusion_);
  max_normal_variance_ =
      Eigen::SelfAdjointEigenSolver<Matrix>(diffusion_, Eigen::EigenvaluesOnly).eigenvalues().maxCoeff();
}

}  // namespace ldv
