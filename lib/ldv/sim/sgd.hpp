#pragma once
// Discrete SGD as a diffusion, converted once, here (DESIGN.md, "Conventions").
// Escape paper eq. (2): θ_{k+1} = θ_k − η∇L(θ_k) + √(η/B) W_k, W_k ~ N(0, ηC(θ_k)),
// which is exactly Euler–Maruyama for eq. (3), dθ = −∇L dt + √(η/B) C^{1/2} dW,
// with step h = η and noise level ε = η/B (the paper's ε_paper² = η/B; the
// implicit-regularizer paper's ε = η/m with m the batch size).
namespace ldv {

struct NoiseAndStep {
  double eps;   // ε in dX = b dt + √ε σ dW
  double step;  // Euler–Maruyama step h
};

NoiseAndStep sgd_noise_and_step(double learning_rate, double batch_size);

}  // namespace ldv
