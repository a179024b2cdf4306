#include "ldv/action/metric_hamilton_jacobi.hpp"

#include <fmt/format.h>

#include "ldv/action/evaluation_points.hpp"
#include "ldv/core/error.hpp"
#include "ldv/core/matrix_functions.hpp"

namespace ldv::action {
namespace {

Vector gradient_at(const PotentialGradient& gradient, const Vector& x) {
  const Vector g = gradient(x);
  if (g.size() != x.size())
    throw_invalid(fmt::format("gradient has {} entries at a point of dimension {}", g.size(), x.size()));
  return g;
}

}  // namespace

MetricField diffusion_metric(const Model& model) {
  return [model](const Vector& x) { return model.diffusion(x); };
}

MetricField diffusion_root_metric(const Model& model) {
  return [model](const Vector& x) { return symmetric_power("diffusion matrix D(x)", model.diffusion(x), 0.5); };
}

Vector metric_hamilton_jacobi_residual(const Model& model, const MetricField& metric,
                                       const PotentialGradient& gradient, const Matrix& points) {
  require_evaluation_points(model, points);
  if (!metric) throw_invalid("no metric given");
  if (!gradient) throw_invalid("no gradient function given");
  Vector out(points.cols());
  for (Eigen::Index j = 0; j < points.cols(); ++j) {
    const Vector x = points.col(j);
    const Vector p = gradient_at(gradient, x);
    const Matrix m = metric(x);
    if (m.rows() != x.size() || m.cols() != x.size())
      throw_invalid(fmt::format("metric is {} × {} at a point of dimension {}", m.rows(), m.cols(), x.size()));
    out(j) = 0.5 * p.dot(m * p) + model.drift(x).dot(p);
  }
  return out;
}

Vector drift_term(const Model& model, const PotentialGradient& gradient, const Matrix& points) {
  require_evaluation_points(model, points);
  if (!gradient) throw_invalid("no gradient function given");
  Vector out(points.cols());
  for (Eigen::Index j = 0; j < points.cols(); ++j) {
    const Vector x = points.col(j);
    out(j) = model.drift(x).dot(gradient_at(gradient, x));
  }
  return out;
}

}  // namespace ldv::action
