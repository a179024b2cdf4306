#include "ldv/action/time_action.hpp"

#include <Eigen/Cholesky>
#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"

namespace ldv::action {
namespace {

void require_path(const Model& model, const Matrix& path) {
  if (path.rows() != model.dimension())
    throw_invalid(fmt::format("path has {} rows but the {} model has dimension {}", path.rows(), model.kind(),
                              model.dimension()));
  if (path.cols() < 2) throw_invalid(fmt::format("path has {} nodes; at least 2 expected", path.cols()));
  if (!path.allFinite()) throw_invalid("path has a non-finite coordinate");
}

void require_times(const Matrix& path, const Vector& times) {
  if (times.size() != path.cols())
    throw_invalid(fmt::format("{} node times given for a path of {} nodes", times.size(), path.cols()));
  for (Eigen::Index i = 0; i + 1 < times.size(); ++i)
    if (!(times(i + 1) > times(i)) || !std::isfinite(times(i + 1)))
      throw_invalid(fmt::format("node times must increase strictly; t[{}] = {} then t[{}] = {}", i, times(i), i + 1,
                                times(i + 1)));
}

// ½ rᵀ D(y)⁻¹ r through the Cholesky factor of D (D SPD by the model's contract).
double half_quadratic(const Model& model, const Vector& y, const Vector& r) {
  const Eigen::LLT<Matrix> llt(model.diffusion(y));
  if (llt.info() != Eigen::Success) throw NumericalFailure("diffusion matrix is not positive definite on the path");
  return 0.5 * r.dot(llt.solve(r));
}

}  // namespace

Vector uniform_times(double duration, int segments) {
  if (!(duration > 0.0) || !std::isfinite(duration))
    throw_invalid(fmt::format("duration T = {} must be positive and finite", duration));
  if (segments < 1) throw_invalid(fmt::format("segments = {} must be at least 1", segments));
  return Vector::LinSpaced(segments + 1, 0.0, duration);
}

double time_action(const Model& model, const Matrix& path, double duration) {
  return time_action(model, path, uniform_times(duration, static_cast<int>(path.cols()) - 1));
}

double time_action(const Model& model, const Matrix& path, const Vector& times) {
  require_path(model, path);
  require_times(path, times);
  double sum = 0.0;
  for (Eigen::Index i = 0; i + 1 < path.cols(); ++i) {
    const double dt = times(i + 1) - times(i);
    const Vector midpoint = 0.5 * (path.col(i) + path.col(i + 1));
    const Vector residual = (path.col(i + 1) - path.col(i)) / dt - model.drift(midpoint);
    sum += dt * half_quadratic(model, midpoint, residual);
  }
  return sum;
}

double time_action_with_gradient(const Model& model, const Matrix& path, const Vector& times, Matrix& gradient) {
  require_path(model, path);
  require_times(path, times);
  const int d = model.dimension();
  const bool constant_d = model.constant_diffusion();
  gradient = Matrix::Zero(path.rows(), path.cols());
  double sum = 0.0;
  for (Eigen::Index i = 0; i + 1 < path.cols(); ++i) {
    const double dt = times(i + 1) - times(i);
    const Vector midpoint = 0.5 * (path.col(i) + path.col(i + 1));
    const Vector residual = (path.col(i + 1) - path.col(i)) / dt - model.drift(midpoint);
    const Eigen::LLT<Matrix> llt(model.diffusion(midpoint));
    if (llt.info() != Eigen::Success) throw NumericalFailure("diffusion matrix is not positive definite on the path");
    const Vector weighted = llt.solve(residual);  // D⁻¹ r
    sum += 0.5 * dt * residual.dot(weighted);
    // Segment term s = ½ Δt rᵀD⁻¹r with r = (φᵢ₊₁ − φᵢ)/Δt − b(φ̄):
    // ∂s/∂φᵢ₊₁ = (I − ½Δt J)ᵀ D⁻¹r,  ∂s/∂φᵢ = (−I − ½Δt J)ᵀ D⁻¹r  (J = ∇b at φ̄).
    const Vector jt_w = model.drift_jacobian(midpoint).transpose() * weighted;
    gradient.col(i + 1) += weighted - 0.5 * dt * jt_w;
    gradient.col(i) += -weighted - 0.5 * dt * jt_w;
    if (!constant_d) {
      // ∂/∂φ̄ of ½Δt rᵀD(φ̄)⁻¹r at fixed r, by central differences (step ∝ cbrt(machine ε)),
      // shared half-and-half by the two nodes (φ̄ = (φᵢ + φᵢ₊₁)/2).
      Vector shifted = midpoint;
      for (int k = 0; k < d; ++k) {
        const double h = 6.0e-6 * std::max(1.0, std::abs(midpoint(k)));
        shifted(k) = midpoint(k) + h;
        const double plus = half_quadratic(model, shifted, residual);
        shifted(k) = midpoint(k) - h;
        const double minus = half_quadratic(model, shifted, residual);
        shifted(k) = midpoint(k);
        const double derivative = dt * (plus - minus) / (2.0 * h);
        gradient(k, i) += 0.5 * derivative;
        gradient(k, i + 1) += 0.5 * derivative;
      }
    }
  }
  return sum;
}

}  // namespace ldv::action
