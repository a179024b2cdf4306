#include "ldv/action/hamilton_jacobi.hpp"

#include <cmath>
#include <fmt/format.h>

#include "ldv/action/evaluation_points.hpp"
#include "ldv/core/error.hpp"

namespace ldv::action {
namespace {

double residual_at(const Model& model, const Vector& x, const Vector& grad) {
  return 0.5 * grad.dot(model.diffusion(x) * grad) + model.drift(x).dot(grad);
}

}  // namespace

Vector hamilton_jacobi_residual(const Model& model, const PotentialGradient& gradient, const Matrix& points) {
  require_evaluation_points(model, points);
  if (!gradient) throw_invalid("no gradient function given");
  Vector out(points.cols());
  for (Eigen::Index j = 0; j < points.cols(); ++j) {
    const Vector x = points.col(j);
    const Vector grad = gradient(x);
    if (grad.size() != x.size())
      throw_invalid(fmt::format("gradient has {} entries at a point of dimension {}", grad.size(), x.size()));
    out(j) = residual_at(model, x, grad);
  }
  return out;
}

Vector hamilton_jacobi_residual(const Model& model, const Potential& potential, const Matrix& points, double step) {
  if (!(step > 0.0) || !std::isfinite(step))
    throw_invalid(fmt::format("finite-difference step = {} must be positive and finite", step));
  if (!potential) throw_invalid("no potential function given");
  const auto gradient = [&](const Vector& x) {  // central differences, error O(step²)
    Vector grad(x.size()), shifted = x;
    for (Eigen::Index k = 0; k < x.size(); ++k) {
      shifted(k) = x(k) + step;
      const double plus = potential(shifted);
      shifted(k) = x(k) - step;
      const double minus = potential(shifted);
      shifted(k) = x(k);
      grad(k) = (plus - minus) / (2.0 * step);
    }
    return grad;
  };
  return hamilton_jacobi_residual(model, PotentialGradient(gradient), points);
}

}  // namespace ldv::action
