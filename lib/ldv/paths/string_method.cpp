#include "ldv/paths/string_method.hpp"

#include <cmath>
#include <fmt/format.h>

#include "ldv/action/geometric_action.hpp"
#include "ldv/core/error.hpp"
#include "ldv/paths/arc_length.hpp"
#include "ldv/paths/path_problem.hpp"

namespace ldv::paths {
namespace {

// One classical Runge–Kutta step of φ' = b(φ) (why RK4 and not forward Euler:
// string_method.hpp).
Vector runge_kutta_step(const Model& model, const Vector& x, double h) {
  const Vector k1 = model.drift(x);
  const Vector k2 = model.drift(x + 0.5 * h * k1);
  const Vector k3 = model.drift(x + 0.5 * h * k2);
  const Vector k4 = model.drift(x + h * k3);
  return x + (h / 6.0) * (k1 + 2.0 * k2 + 2.0 * k3 + k4);
}

}  // namespace

void StringSettings::validate() const {
  if (nodes < 3)
    throw_invalid(
        fmt::format("string method nodes = {} must be at least 3 (two end points and one interior node)", nodes));
  if (!(step > 0.0) || !std::isfinite(step))
    throw_invalid(fmt::format("string method step = {} must be positive and finite", step));
  if (!(tolerance > 0.0 && tolerance < 1.0))
    throw_invalid(fmt::format("string method tolerance = {} must lie in the open interval (0, 1)", tolerance));
  if (max_iterations < 1)
    throw_invalid(fmt::format("string method max_iterations = {} must be at least 1", max_iterations));
}

MinimumActionPath string_method(const Model& model, const Vector& from, const Vector& to,
                                const StringSettings& settings, const Matrix* initial_path) {
  settings.validate();
  require_path_problem(model, from, to, initial_path, 0);

  constexpr bool cubic = true;  // why: string_method.hpp
  Matrix string = initial_path ? reparametrize_equal_arc_length(*initial_path, settings.nodes, cubic)
                               : straight_path(from, to, settings.nodes);

  MinimumActionPath result;
  result.method = "string";
  int iteration = 0;
  double change = 0.0;
  bool converged = false;
  const auto unstable = [&](int at) {
    return NumericalFailure(
        fmt::format("string method: the string became non-finite at iteration {}; the step {} is probably above the "
                    "stability limit 2.78 / lambda_max of the drift Jacobian (classical Runge-Kutta)",
                    at, settings.step));
  };
  while (iteration < settings.max_iterations) {
    ++iteration;
    // 1. Steepest descent of every node, end points included (JCP 126, 164103, eq. (5)).
    Matrix moved(string.rows(), string.cols());
    for (Eigen::Index i = 0; i < moved.cols(); ++i)
      moved.col(i) = runge_kutta_step(model, string.col(i), settings.step);
    if (!moved.allFinite()) throw unstable(iteration);
    // 2. Back to equal arc length.
    moved = reparametrize_equal_arc_length(moved, settings.nodes, cubic);
    const double length = cumulative_arc_length(moved)(moved.cols() - 1);
    change = (moved - string).colwise().norm().maxCoeff() / (settings.step * length);
    // A string so large that its length overflows: the same blow-up, caught before a
    // NaN change is compared with the tolerance.
    if (!std::isfinite(change)) throw unstable(iteration);
    string = std::move(moved);
    if (change <= settings.tolerance) {
      converged = true;
      break;
    }
  }

  result.path = string;
  result.action = action::geometric_action(model, string);
  result.iterations = iteration;
  result.relative_change = change;
  result.converged = converged && std::isfinite(result.action);
  if (!std::isfinite(result.action))
    result.stop_reason = "the geometric action of the string is not finite: the drift or the diffusion is not finite on it";
  else if (converged)
    result.stop_reason =
        fmt::format("relative change per unit pseudo-time {:.3g} <= {:.3g}", change, settings.tolerance);
  else
    result.stop_reason = fmt::format("iteration cap {} reached at relative change per unit pseudo-time {:.3g} > {:.3g}",
                                     settings.max_iterations, change, settings.tolerance);
  return result;
}

}  // namespace ldv::paths
