#pragma once
// The escape paper's Section 6 model: a one-hidden-layer tanh perceptron (a multi-layer
// perceptron with one hidden layer), f(x; θ) = W₂ tanh(W₁x + b₁) + b₂, trained with the mean
// square loss on one-hot targets plus an ℓ₂ term:
//   ℓᵢ(θ) = ½ |f(xᵢ; θ) − yᵢ|² + (λ/2) |θ|²,   L(θ) = (1/N) Σᵢ ℓᵢ(θ).
// The ℓ₂ term sits in every ℓᵢ, so L is the mean of the per-sample losses (the paper's
// L = (1/N) Σ ℓ(θ, xᵢ)) and a mini-batch loss L_B = (1/B) Σ_{i∈B} ℓᵢ is unbiased for L; the
// gradient-noise covariance C(θ) = (1/N) Σ (∇ℓᵢ − ∇L)(∇ℓᵢ − ∇L)ᵀ does not see it.
//
// Parameters θ ∈ ℝᵈ, d = h p + h + o h + o, laid out as W₁ (h × p, column-major), b₁,
// W₂ (o × h, column-major), b₂. Everything is computed in closed form (no automatic
// differentiation):
//  * the gradient by backpropagation;
//  * the exact Hessian by exact second-order differentiation: with rᵢ = f(xᵢ) − yᵢ and Jᵢ = ∂f/∂θ,
//      H = (1/N) Σᵢ [Jᵢᵀ Jᵢ + Σₖ rᵢₖ ∇²fₖ(xᵢ)] + λ I,
//    the second derivatives of f written out (they couple W₂[k, j] with unit j's (W₁[j, ·], b₁[j]),
//    and unit j's inputs with themselves through tanh'' = −2 tanh · tanh'); tested against
//    central differences of the exact gradient (tests/test_mlp.cpp);
//  * the per-sample gradients and C(θ).
// Full-data sums run over fixed blocks of samples on oneTBB and are added in block order, so
// every result is bitwise the same for any thread count.
#include <cstdint>
#include <vector>

#include "ldv/core/linalg.hpp"
#include "ldv/mlp/dataset.hpp"

namespace ldv::mlp {

struct Architecture {
  int inputs = 0, hidden = 0, outputs = 0;
  int parameters() const { return hidden * inputs + hidden + outputs * hidden + outputs; }
};

// Scratch for one mini-batch gradient (one per thread; no allocation per step).
struct BatchWorkspace {
  Matrix x, y, z, a, f, dz;
};

class MlpLoss {
 public:
  // InvalidInput when the sizes disagree (features p × N, targets o × N, N >= 2), λ < 0, or an
  // architecture size is below 1.
  MlpLoss(Architecture architecture, Matrix features, Matrix targets, double l2, int threads = 0);

  const Architecture& architecture() const { return architecture_; }
  int dimension() const { return architecture_.parameters(); }
  int samples() const { return static_cast<int>(features_.cols()); }
  double l2() const { return l2_; }
  const Matrix& features() const { return features_; }
  const Matrix& targets() const { return targets_; }

  double loss(const Vector& theta) const;
  // L and ∇L over all samples.
  double loss_and_gradient(const Vector& theta, Vector& gradient) const;
  // ∇L_B for the samples indices[0 … count): (1/count) Σ ∇ℓᵢ (with the ℓ₂ term).
  void batch_gradient(const Vector& theta, const std::uint32_t* indices, int count, Vector& gradient,
                      BatchWorkspace& work) const;
  // d × N: column i is ∇ℓᵢ(θ).
  Matrix per_sample_gradients(const Vector& theta) const;
  // C(θ) = (1/N) Σ (∇ℓᵢ − ∇L)(∇ℓᵢ − ∇L)ᵀ (d × d, symmetric).
  Matrix gradient_covariance(const Vector& theta) const;
  // The exact Hessian ∇²L(θ) (d × d, symmetric).
  Matrix hessian(const Vector& theta) const;
  // Fraction of samples whose largest output is at their target's class.
  double accuracy(const Vector& theta) const;

 private:
  void require_theta(const Vector& theta) const;
  Architecture architecture_;
  Matrix features_, targets_;
  double l2_;
  int threads_;
};

// Starting weights: W₁ ~ N(0, 1/p), W₂ ~ N(0, 1/h) entrywise, biases 0 (LeCun's scaling), from
// the Philox stream (seed, 0).
Vector initial_parameters(const Architecture& architecture, std::uint64_t seed);

}  // namespace ldv::mlp
