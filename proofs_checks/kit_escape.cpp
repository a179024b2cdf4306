#include "kit_escape.hpp"

#include <cmath>

#include "ldv/core/matrix_functions.hpp"

namespace ldv::checks {

Matrix rotated_diagonal(double angle, double a, double b) {
  const Matrix r = (Matrix(2, 2) << std::cos(angle), -std::sin(angle), std::sin(angle), std::cos(angle)).finished();
  return r * diagonal({a, b}) * r.transpose();
}

Matrix symmetrised_product(const Matrix& hessian, const Matrix& g) {
  const Matrix root = symmetric_power("Hessian H", hessian, 0.5);
  const Matrix c = root * g * root;
  return 0.5 * (c + c.transpose());
}

ExitTimeProblem exit_problem_at(const Model& model, double radius, double largest_rate, double eps,
                                verify::Profile profile) {
  const Vector origin = Vector::Zero(model.dimension());
  return {model, Ball(origin, radius), origin, eps, ladder_budget(profile).step_fraction / largest_rate, 1e9,
          ExitEstimator::gobet_menozzi};
}

}  // namespace ldv::checks
