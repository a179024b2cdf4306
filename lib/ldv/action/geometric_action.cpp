#include "ldv/action/geometric_action.hpp"

#include <Eigen/Cholesky>
#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"

namespace ldv::action {

GeometricSegment geometric_segment(const Model& model, const Vector& left, const Vector& right) {
  const Vector midpoint = 0.5 * (left + right);
  const Vector step = right - left;
  const Vector drift = model.drift(midpoint);
  const Eigen::LLT<Matrix> llt(model.diffusion(midpoint));
  if (llt.info() != Eigen::Success) throw NumericalFailure("diffusion matrix is not positive definite on the path");
  const Vector a_step = llt.solve(step);    // A Δφ, A = D⁻¹
  const Vector a_drift = llt.solve(drift);  // A b
  const double step_norm = std::sqrt(std::max(0.0, step.dot(a_step)));
  const double drift_norm = std::sqrt(std::max(0.0, drift.dot(a_drift)));
  return {step_norm * drift_norm, step.dot(a_drift)};
}

double geometric_action(const Model& model, const Matrix& path) {
  if (path.rows() != model.dimension())
    throw_invalid(fmt::format("path has {} rows but the {} model has dimension {}", path.rows(), model.kind(),
                              model.dimension()));
  if (path.cols() < 2) throw_invalid(fmt::format("path has {} nodes; at least 2 expected", path.cols()));
  if (!path.allFinite()) throw_invalid("path has a non-finite coordinate");
  double sum = 0.0;
  for (Eigen::Index i = 0; i + 1 < path.cols(); ++i) {
    const GeometricSegment s = geometric_segment(model, path.col(i), path.col(i + 1));
    // Cauchy–Schwarz in the A inner product makes each term ≥ 0; clamp the rounding.
    // A NaN term (drift or D not finite at the midpoint) is kept: std::max(0.0, NaN)
    // is 0.0, which would pass a broken model off as a zero-cost path.
    const double term = s.length_times_speed - s.alignment;
    sum += std::isnan(term) ? term : std::max(0.0, term);
  }
  return sum;
}

}  // namespace ldv::action
