#include "ldv/reference/sgd_moments.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"

namespace ldv::reference {

FiniteSumLeastSquares::FiniteSumLeastSquares(Matrix features, Vector targets)
    : features_(std::move(features)), targets_(std::move(targets)) {
  const Eigen::Index n = features_.rows(), d = features_.cols();
  if (n < 2 || d < 1) throw_invalid(fmt::format("finite-sum least squares: {} samples of dimension {}; at least 2 samples of dimension >= 1 expected", n, d));
  if (targets_.size() != n) throw_invalid(fmt::format("finite-sum least squares: {} feature rows but {} targets", n, targets_.size()));
  if (!features_.allFinite() || !targets_.allFinite()) throw_invalid("finite-sum least squares: features and targets must be finite");
  mean_g_ = Matrix::Zero(d, d + 1);
  for (Eigen::Index i = 0; i < n; ++i) {
    const Vector a = features_.row(i).transpose();
    Matrix g(d, d + 1);
    g.leftCols(d) = a * a.transpose();
    g.col(d) = -a * targets_(i);
    mean_g_ += g / static_cast<double>(n);
    g_.push_back(std::move(g));
  }
  hessian_ = mean_g_.leftCols(d);
}

Vector FiniteSumLeastSquares::minimiser() const {
  const Eigen::FullPivLU<Matrix> lu(hessian_);
  if (!lu.isInvertible()) throw_invalid("finite-sum least squares: the Hessian (1/n)Σ aᵢaᵢᵀ is singular");
  return lu.solve(Vector(-mean_g_.col(dimension())));
}

Vector FiniteSumLeastSquares::gradient(const Vector& x) const {
  Vector z(dimension() + 1);
  z << x, 1.0;
  return mean_g_ * z;
}

Matrix FiniteSumLeastSquares::sample_covariance(const Vector& x) const {
  Vector z(dimension() + 1);
  z << x, 1.0;
  return s_of(z * z.transpose()) - mean_g_ * z * z.transpose() * mean_g_.transpose();
}

double FiniteSumLeastSquares::batch_factor(int batch, BatchSampling sampling) const {
  const int n = samples();
  if (batch < 1 || batch > n) throw_invalid(fmt::format("batch size {} outside [1, n = {}]", batch, n));
  return sampling == BatchSampling::with_replacement ? 1.0 / batch
                                                      : static_cast<double>(n - batch) / (batch * (n - 1.0));
}

Matrix FiniteSumLeastSquares::s_of(const Matrix& z) const {
  Matrix s = Matrix::Zero(dimension(), dimension());
  for (const Matrix& g : g_) s += g * z * g.transpose();
  return s / static_cast<double>(g_.size());
}

namespace {
Matrix start_moments(const Vector& start, int d) {
  if (start.size() != d) throw_invalid(fmt::format("start has {} coordinates, {} expected", start.size(), d));
  Vector z(d + 1);
  z << start, 1.0;
  return z * z.transpose();
}
}  // namespace

Matrix FiniteSumLeastSquares::sgd_moments(const Vector& start, double eta, int steps, int batch, BatchSampling sampling) const {
  if (!(eta > 0.0 && std::isfinite(eta))) throw_invalid(fmt::format("step size η = {} must be positive", eta));
  if (steps < 0) throw_invalid(fmt::format("steps = {} must be >= 0", steps));
  const int d = dimension();
  const double c = batch_factor(batch, sampling);
  Matrix z = start_moments(start, d);
  for (int k = 0; k < steps; ++k) {
    const Matrix gz = mean_g_ * z;                          // d × (d+1): ḠZ
    const Matrix mean_part = gz * mean_g_.transpose();       // ḠZḠᵀ
    const Matrix second = mean_part + c * (s_of(z) - mean_part);
    Matrix next = z;
    next.topRows(d) -= eta * gz;
    next.leftCols(d) -= eta * gz.transpose();
    next.topLeftCorner(d, d) += eta * eta * second;
    z = next;
  }
  return z;
}

Matrix FiniteSumLeastSquares::diffusion_moments(const Vector& start, double kappa, double horizon) const {
  if (!(kappa >= 0.0 && std::isfinite(kappa))) throw_invalid(fmt::format("noise scale κ = {} must be >= 0", kappa));
  if (!(horizon >= 0.0 && std::isfinite(horizon))) throw_invalid(fmt::format("horizon {} must be >= 0", horizon));
  const int d = dimension();
  const auto rate = [&](const Matrix& z) {
    const Matrix gz = mean_g_ * z;
    Matrix dz = Matrix::Zero(d + 1, d + 1);
    dz.topRows(d) -= gz;
    dz.leftCols(d) -= gz.transpose();
    dz.topLeftCorner(d, d) += kappa * (s_of(z) - gz * mean_g_.transpose());
    return dz;
  };
  // RK4 step: h·(largest rate) ≤ 1e-3, so the local error (hλ)⁵/120 summed over the horizon stays < 1e-12·scale.
  const double largest = hessian_.eigenvalues().cwiseAbs().maxCoeff() + kappa * s_of(Matrix::Identity(d + 1, d + 1)).norm();
  const int steps = std::max(1, static_cast<int>(std::ceil(horizon * largest / 1e-3)));
  const double h = horizon / steps;
  Matrix z = start_moments(start, d);
  for (int k = 0; k < steps; ++k) {
    const Matrix k1 = rate(z), k2 = rate(z + 0.5 * h * k1), k3 = rate(z + 0.5 * h * k2), k4 = rate(z + h * k3);
    z += h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4);
  }
  return z;
}

Vector moment_mean(const Matrix& z) { return z.col(z.cols() - 1).head(z.rows() - 1); }
Matrix moment_covariance(const Matrix& z) {
  const Eigen::Index d = z.rows() - 1;
  const Vector m = moment_mean(z);
  return z.topLeftCorner(d, d) - m * m.transpose();
}

}  // namespace ldv::reference
