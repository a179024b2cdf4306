#include "ldv/quasipotential/lyapunov.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <unsupported/Eigen/MatrixFunctions>
#include <cmath>
#include <complex>
#include <fmt/format.h>
#include <type_traits>

#include "ldv/core/error.hpp"
#include "ldv/paths/arc_length.hpp"

namespace ldv::quasipotential {
namespace {

using Complex = std::complex<double>;
using ComplexMatrix = Eigen::MatrixXcd;

// A residual far above rounding (‖D‖ · n · machine ε · condition) means the solve failed.
constexpr double kMaxRelativeResidual = 1e-9;

}  // namespace

Matrix solve_lyapunov(const Matrix& drift_matrix, const Matrix& diffusion) {
  require_square("drift matrix A", drift_matrix);
  require_finite("drift matrix A", drift_matrix);
  require_square("diffusion D", diffusion);
  require_finite("diffusion D", diffusion);
  require_symmetric("diffusion D", diffusion);
  const Eigen::Index n = drift_matrix.rows();
  if (diffusion.rows() != n)
    throw_invalid(fmt::format("diffusion D is {}×{} but the drift matrix A is {}×{}", diffusion.rows(),
                              diffusion.cols(), n, n));

  // Bartels–Stewart (CACM 15, 1972) on the complex Schur form A = U T U*:
  // A Σ + Σ Aᵀ = D becomes T Y + Y T* = F with Y = U*ΣU, F = U*DU (A real, so Aᵀ = A*).
  // Column j of Y T* involves columns k ≥ j of Y, so solve the columns last to first:
  // (T + conj(T_jj) I) y_j = f_j − Σ_{k>j} conj(T_jk) y_k, an upper-triangular solve.
  const Eigen::ComplexSchur<Matrix> schur(drift_matrix);
  if (schur.info() != Eigen::Success) throw NumericalFailure("Schur decomposition of the drift matrix A failed");
  const ComplexMatrix& t = schur.matrixT();
  const ComplexMatrix& u = schur.matrixU();
  for (Eigen::Index i = 0; i < n; ++i)
    if (!(t(i, i).real() > 0.0))
      throw_invalid(fmt::format("drift matrix A is not stable: eigenvalue {}{:+}i has real part ≤ 0 (dX = −AX dt "
                                "needs every eigenvalue of A in the open right half-plane)",
                                t(i, i).real(), t(i, i).imag()));
  const ComplexMatrix f = u.adjoint() * diffusion.cast<Complex>() * u;
  ComplexMatrix y = ComplexMatrix::Zero(n, n);
  for (Eigen::Index j = n - 1; j >= 0; --j) {
    Eigen::VectorXcd rhs = f.col(j);
    for (Eigen::Index k = j + 1; k < n; ++k) rhs -= std::conj(t(j, k)) * y.col(k);
    ComplexMatrix shifted = t;
    shifted.diagonal().array() += std::conj(t(j, j));
    y.col(j) = shifted.triangularView<Eigen::Upper>().solve(rhs);
  }
  Matrix sigma = (u * y * u.adjoint()).real();
  sigma = 0.5 * (sigma + sigma.transpose()).eval();
  return sigma;
}

LyapunovQuasiPotential::LyapunovQuasiPotential(const Matrix& drift_matrix, const Matrix& diffusion)
    : LyapunovQuasiPotential(drift_matrix, diffusion, Vector::Zero(drift_matrix.rows())) {}

LyapunovQuasiPotential::LyapunovQuasiPotential(const Matrix& drift_matrix, const Matrix& diffusion,
                                               const Vector& attractor)
    : drift_matrix_(drift_matrix), diffusion_(diffusion), attractor_(attractor) {
  require_spd_cholesky("diffusion D", diffusion);
  covariance_ = solve_lyapunov(drift_matrix, diffusion);
  require_point("attractor", attractor_, static_cast<int>(drift_matrix.rows()));
  relative_residual_ = (drift_matrix * covariance_ + covariance_ * drift_matrix.transpose() - diffusion).norm() /
                       diffusion.norm();
  if (!(relative_residual_ <= kMaxRelativeResidual))
    throw NumericalFailure(fmt::format("Lyapunov solve inaccurate: relative residual {:.3g} > {:.1g}",
                                       relative_residual_, kMaxRelativeResidual));
  const Eigen::LLT<Matrix> llt(covariance_);  // Σ is SPD for stable A and SPD D
  if (llt.info() != Eigen::Success) throw NumericalFailure("stationary covariance Σ is not positive definite");
  precision_ = llt.solve(Matrix::Identity(covariance_.rows(), covariance_.cols()));
  precision_ = 0.5 * (precision_ + precision_.transpose()).eval();
}

double LyapunovQuasiPotential::value(const Vector& x) const {
  require_point("x", x, dimension());
  const Vector y = x - attractor_;
  return 0.5 * y.dot(precision_ * y);
}

Vector LyapunovQuasiPotential::gradient(const Vector& x) const {
  require_point("x", x, dimension());
  return precision_ * (x - attractor_);
}

double LyapunovQuasiPotential::sphere_minimum(double radius) const {
  if (!(radius > 0.0) || !std::isfinite(radius))
    throw_invalid(fmt::format("radius = {} must be positive and finite", radius));
  const Eigen::SelfAdjointEigenSolver<Matrix> eigen(covariance_);
  return radius * radius / (2.0 * eigen.eigenvalues().maxCoeff());
}

Vector LyapunovQuasiPotential::sphere_argmin(double radius) const {
  if (!(radius > 0.0) || !std::isfinite(radius))
    throw_invalid(fmt::format("radius = {} must be positive and finite", radius));
  const Eigen::SelfAdjointEigenSolver<Matrix> eigen(covariance_);  // eigenvalues ascending
  Vector v = eigen.eigenvectors().col(covariance_.rows() - 1);
  Eigen::Index largest = 0;
  v.cwiseAbs().maxCoeff(&largest);
  if (v(largest) < 0.0) v = -v;
  return attractor_ + radius * v;
}

Matrix LyapunovQuasiPotential::minimum_action_path(const Vector& x, int nodes) const {
  require_point("x", x, dimension());
  if (nodes < 2) throw_invalid(fmt::format("nodes = {} must be at least 2", nodes));
  const Vector offset = x - attractor_;
  if (!(offset.norm() > 0.0)) throw_invalid("path endpoints are equal: x is the attractor");
  const Matrix m = covariance_ * drift_matrix_.transpose() * precision_;  // ΣAᵀΣ⁻¹, eigenvalues those of A
  const double slowest = m.eigenvalues().real().minCoeff();  // > 0: A is stable
  // e^{−slowest·t} ≤ 1e-10 (up to the eigenvector condition number) at t = ln(1e10)/slowest.
  const double horizon = std::log(1e10) / slowest;
  const int samples = std::max(2000, 40 * nodes);
  const double dt = horizon / (samples - 1);
  // March backward from x with the exact one-step propagator e^{−M dt} (no step error).
  // Padé scaling-and-squaring (Eigen's MatrixFunctions): robust for defective M too.
  const Matrix step = Matrix(-m * dt).exp();
  Matrix dense(x.size(), samples);
  Vector current = offset;
  for (int k = samples - 1; k >= 0; --k) {
    dense.col(k) = attractor_ + current;
    current = step * current;
  }
  dense.col(0) = attractor_;
  return paths::reparametrize_equal_arc_length(dense, nodes, true);
}

bool has_exact_quasipotential(const Model& model) {
  return model.visit([](const auto& m) { return std::is_base_of_v<LinearGaussianModel, std::decay_t<decltype(m)>>; });
}

LyapunovQuasiPotential exact_quasipotential(const Model& model) {
  return model.visit([&](const auto& m) -> LyapunovQuasiPotential {
    using M = std::decay_t<decltype(m)>;
    if constexpr (std::is_base_of_v<LinearGaussianModel, M>) {
      return LyapunovQuasiPotential(m.drift_matrix(), m.diffusion_matrix());
    } else {
      throw_invalid(fmt::format("no exact quasi-potential for the {} model: the Lyapunov solution needs a linear "
                                "drift and constant diffusion (kinds quadratic, linear)",
                                model.kind()));
    }
  });
}

}  // namespace ldv::quasipotential
