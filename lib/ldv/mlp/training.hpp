#pragma once
// θ₀ of the escape paper's Section 6: "train the model with the gradient descent for a
// sufficiently long time to obtain θ₀ near θ*". Here: full-batch gradient descent, then
// L-BFGS (LBFGS++), then Newton steps with the exact Hessian, until ‖∇L(θ₀)‖ ≤ the stated
// tolerance; θ₀ is then a critical point to that accuracy, and a strict local minimum when
// the Hessian there is positive definite (checked: NumericalFailure otherwise).
#include <cstdint>
#include <string>

#include "ldv/core/linalg.hpp"
#include "ldv/mlp/network.hpp"

namespace ldv::mlp {

struct TrainingSettings {
  std::uint64_t seed = 1;              // of the initial weights (initial_parameters)
  int gd_steps = 300;                  // full-batch gradient descent steps first
  double gd_rate = 0.5;                // their rate, halved whenever a step raises L
  double lbfgs_tolerance = 1e-6;       // L-BFGS stops at ‖∇L‖ ≤ this …
  int lbfgs_max_iterations = 50000;    // … or after this many iterations
  double gradient_tolerance = 1e-10;   // Newton polishes to ‖∇L‖ ≤ this
  int newton_max_steps = 30;
  void validate() const;               // InvalidInput naming the first bad field
};

struct TrainedNetwork {
  Vector theta;                        // θ₀
  double loss = 0.0;                   // L(θ₀)
  double gradient_norm = 0.0;          // ‖∇L(θ₀)‖
  double accuracy = 0.0;               // training accuracy
  int gd_steps = 0, lbfgs_evaluations = 0, newton_steps = 0;  // gradient evaluations of L-BFGS
  double hessian_min_eigenvalue = 0.0; // λ_min(∇²L(θ₀)) > 0 (checked)
};

// NumericalFailure when Newton cannot reach the tolerance or the Hessian at the end is not
// positive definite (a saddle or a degenerate minimum).
TrainedNetwork train(const MlpLoss& loss, const TrainingSettings& settings);

}  // namespace ldv::mlp
