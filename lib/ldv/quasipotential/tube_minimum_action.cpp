#include "ldv/quasipotential/tube_minimum_action.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "ldv/action/time_action.hpp"
#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"

namespace ldv::quasipotential {
namespace {

// The nearest point of the tube: the first node pinned to φ(0), every other node into its ball.
void project(const Matrix& centre, double radius, Matrix& path) {
  path.col(0) = centre.col(0);
  for (Eigen::Index i = 1; i < path.cols(); ++i) {
    const Vector offset = path.col(i) - centre.col(i);
    const double norm = offset.norm();
    if (norm > radius) path.col(i) = centre.col(i) + offset * (radius / norm);
  }
}

}  // namespace

TubeMinimum tube_minimum_action(const Model& model, const Matrix& centre, double duration, double radius,
                                int max_iterations, double tolerance) {
  require_positive("tube minimum action: duration T", duration);
  require_positive("tube minimum action: tube radius δ", radius);
  require_positive("tube minimum action: tolerance", tolerance);
  if (max_iterations < 1)
    throw_invalid(fmt::format("tube minimum action: max iterations = {} must be at least 1", max_iterations));
  if (centre.rows() != model.dimension() || centre.cols() < 2 || !centre.allFinite())
    throw_invalid(fmt::format("tube minimum action: the centre is a {} × {} matrix; a finite {} × (N+1) path with "
                              "N ≥ 1 expected",
                              centre.rows(), centre.cols(), model.dimension()));
  const Vector times = action::uniform_times(duration, static_cast<int>(centre.cols()) - 1);
  const double free_nodes = static_cast<double>(centre.rows() * (centre.cols() - 1));
  Matrix x = centre, y = centre, gradient, candidate;
  double fx = action::time_action(model, x, times);
  double lipschitz = 1.0 / (times(1) - times(0));  // the action's curvature scale; backtracking corrects it
  double momentum = 1.0, first_step_norm = 0.0, window_start = fx;
  constexpr int kWindow = 100;
  TubeMinimum out;
  for (out.iterations = 1; out.iterations <= max_iterations; ++out.iterations) {
    const double fy = action::time_action_with_gradient(model, y, times, gradient);
    gradient.col(0).setZero();  // ψ(0) is fixed
    double fc = 0.0;
    for (;;) {  // backtracking: the quadratic model at y must bound the action at the candidate
      candidate = y - gradient / lipschitz;
      project(centre, radius, candidate);
      fc = action::time_action(model, candidate, times);
      const Matrix move = candidate - y;
      if (fc <= fy + (gradient.array() * move.array()).sum() + 0.5 * lipschitz * move.squaredNorm() + 1e-15 * std::abs(fy))
        break;
      lipschitz *= 2.0;
    }
    out.step_norm = lipschitz * (candidate - y).norm() / std::sqrt(free_nodes);
    if (out.iterations == 1) first_step_norm = out.step_norm;
    if (fc > fx) {  // adaptive restart: momentum overshot; keep x
      momentum = 1.0;
      y = x;
    } else {
      const double next_momentum = 0.5 * (1.0 + std::sqrt(1.0 + 4.0 * momentum * momentum));
      y = candidate + ((momentum - 1.0) / next_momentum) * (candidate - x);
      x = candidate;
      fx = fc;
      momentum = next_momentum;
    }
    // Converged: the gradient mapping fell by the relative tolerance, or the action stopped moving
    // at the rounding level over a window (the mapping itself then stalls at the floor L·ulp).
    if (out.iterations % kWindow == 0) {
      if (window_start - fx <= 1e-14 * std::max(1.0, std::abs(fx))) out.converged = true;
      window_start = fx;
    }
    if (out.step_norm <= tolerance * first_step_norm) out.converged = true;
    if (out.converged) break;
  }
  out.path = x;
  out.action = fx;
  return out;
}

}  // namespace ldv::quasipotential
