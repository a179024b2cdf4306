#include "ldv/mlp/training.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <LBFGS.h>
#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"

namespace ldv::mlp {

void TrainingSettings::validate() const {
  if (gd_steps < 0) throw_invalid(fmt::format("training: gd_steps = {} must be >= 0", gd_steps));
  require_positive("training: gd_rate", gd_rate);
  require_positive("training: lbfgs_tolerance", lbfgs_tolerance);
  if (lbfgs_max_iterations < 1)
    throw_invalid(fmt::format("training: lbfgs_max_iterations = {} must be >= 1", lbfgs_max_iterations));
  require_positive("training: gradient_tolerance", gradient_tolerance);
  if (newton_max_steps < 1) throw_invalid(fmt::format("training: newton_max_steps = {} must be >= 1", newton_max_steps));
}

TrainedNetwork train(const MlpLoss& loss, const TrainingSettings& settings) {
  settings.validate();
  TrainedNetwork out;
  Vector theta = initial_parameters(loss.architecture(), settings.seed), gradient;
  // 1. Gradient descent (the paper's "gradient descent for a sufficiently long time").
  double rate = settings.gd_rate, value = loss.loss_and_gradient(theta, gradient);
  for (int k = 0; k < settings.gd_steps; ++k) {
    const Vector trial = theta - rate * gradient;
    Vector trial_gradient;
    const double trial_value = loss.loss_and_gradient(trial, trial_gradient);
    if (!(trial_value <= value)) {
      rate *= 0.5;
      continue;
    }
    theta = trial, gradient = trial_gradient, value = trial_value;
    ++out.gd_steps;
  }
  // 2. L-BFGS to a moderate gradient: it converges fast far from the minimum, Newton near it.
  LBFGSpp::LBFGSParam<double> param;
  param.epsilon = settings.lbfgs_tolerance;
  param.epsilon_rel = 0.0;
  param.max_iterations = settings.lbfgs_max_iterations;
  param.linesearch = LBFGSpp::LBFGS_LINESEARCH_BACKTRACKING_STRONG_WOLFE;
  LBFGSpp::LBFGSSolver<double> solver(param);
  // Every evaluated point is seen here and the best kept: after a failed line search LBFGS++ leaves x at
  // its last trial, which need not be the best (as in paths/mam.cpp).
  Vector best = theta;
  double best_value = value;
  auto objective = [&](const Vector& x, Vector& g) {
    ++out.lbfgs_evaluations;
    const double v = loss.loss_and_gradient(x, g);
    if (v < best_value) best_value = v, best = x;
    return v;
  };
  try {
    solver.minimize(objective, theta, value);
  } catch (const std::runtime_error&) {
    // The line search gave up near the minimum (rounding); Newton goes on from the best point.
  }
  theta = best;
  // 3. Newton with the exact Hessian, halving a step that does not lower ‖∇L‖.
  value = loss.loss_and_gradient(theta, gradient);
  Matrix h;
  while (gradient.norm() > settings.gradient_tolerance) {
    if (out.newton_steps == settings.newton_max_steps)
      throw NumericalFailure(fmt::format("training: ‖∇L‖ = {:.3g} after {} Newton steps, expected <= {:.3g}",
                                         gradient.norm(), out.newton_steps, settings.gradient_tolerance));
    h = loss.hessian(theta);
    const Vector step = h.ldlt().solve(gradient);
    double t = 1.0;
    Vector trial, trial_gradient;
    for (int halvings = 0; halvings < 30; ++halvings, t *= 0.5) {
      trial = theta - t * step;
      loss.loss_and_gradient(trial, trial_gradient);
      if (trial_gradient.norm() < gradient.norm()) break;
    }
    theta = trial, gradient = trial_gradient;
    ++out.newton_steps;
  }
  out.theta = theta;
  out.loss = loss.loss_and_gradient(theta, gradient);
  out.gradient_norm = gradient.norm();
  out.accuracy = loss.accuracy(theta);
  out.hessian_min_eigenvalue = Eigen::SelfAdjointEigenSolver<Matrix>(loss.hessian(theta), Eigen::EigenvaluesOnly)
                                   .eigenvalues()(0);
  if (!(out.hessian_min_eigenvalue > 0.0))
    throw NumericalFailure(fmt::format("training: ∇²L(θ₀) has λ_min = {:.3g}: θ₀ is not a strict local minimum",
                                       out.hessian_min_eigenvalue));
  return out;
}

}  // namespace ldv::mlp
