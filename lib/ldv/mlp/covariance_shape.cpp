#include "ldv/mlp/covariance_shape.hpp"

#include <Eigen/Eigenvalues>
#include <fmt/format.h>

#include "ldv/core/error.hpp"

namespace ldv::mlp {
namespace {

double spectral_norm(const Matrix& symmetric) {
  const Vector e = Eigen::SelfAdjointEigenSolver<Matrix>(symmetric, Eigen::EigenvaluesOnly).eigenvalues();
  return std::max(std::abs(e(0)), std::abs(e(e.size() - 1)));
}

}  // namespace

CovarianceShape covariance_shape(const Matrix& c, const Matrix& h) {
  if (c.rows() != c.cols() || h.rows() != h.cols() || c.rows() != h.rows() || c.rows() == 0)
    throw_invalid(fmt::format("covariance shape: C is {}×{} and H is {}×{}, expected square matrices of one size",
                              c.rows(), c.cols(), h.rows(), h.cols()));
  if (!(h.norm() > 0.0) || !(c.norm() > 0.0))
    throw_invalid(fmt::format("covariance shape: ‖C‖_F = {}, ‖H‖_F = {}, expected both > 0", c.norm(), h.norm()));
  CovarianceShape s;
  s.g = c.cwiseProduct(h).sum() / h.squaredNorm();
  const Matrix residual = c - s.g * h;
  s.fit_residual = residual.norm() / c.norm();
  s.spectral_residual = spectral_norm(residual) / spectral_norm(c);
  s.identity_residual = (c - h).norm() / h.norm();
  const double d = static_cast<double>(c.rows());
  s.isotropic_residual = (c - (c.trace() / d) * Matrix::Identity(c.rows(), c.cols())).norm() / c.norm();
  const Eigen::SelfAdjointEigenSolver<Matrix> eig(h);
  s.curvature = eig.eigenvalues();
  s.noise_along = (eig.eigenvectors().transpose() * c * eig.eigenvectors()).diagonal();
  return s;
}

}  // namespace ldv::mlp
