#pragma once
// SGD on the quadratic model of the trained network (the escape paper's Assumption 1 at θ₀):
//   L_q(θ) = L(θ₀) + ½ (θ − θ₀)ᵀ H (θ − θ₀),   H = ∇²L(θ₀),
// with the gradient noise frozen at θ₀ and drawn from one of four laws — the controls that
// separate what the noise's law does to the exit from what the network's shape does:
//  * minibatch_epochs:      the real mini-batch noise at θ₀, n = (1/B) Σ_{i∈B_k} (∇ℓᵢ − ∇L)(θ₀),
//                           batches without replacement within an epoch (mlp/epoch_sampler.hpp);
//  * minibatch_replacement: the same per-sample noise, batches drawn i.i.d. with replacement;
//  * gaussian:              n ~ N(0, κ C/B), C = C(θ₀), κ = (N − B)/(N − 1): the covariance of a
//                           batch mean without replacement, i.i.d. across steps (the SDE's noise);
//  * isotropic:             n ~ N(0, κ (tr C/d) I/B): the same trace, no direction.
// A step on L_α (mlp/sgd_exit.hpp): y ← y − ηα h ⊙ y − η√α n, in H's eigenbasis
// (y = Qᵀ(θ − θ₀/√α), H = Q diag(h) Qᵀ), so a step costs O(d) for the drift, O(Bd) for
// mini-batch noise and O(dk) for Gaussian noise (k the rank of C); the exit |y| > r is the
// exit |θ − θ₀/√α| > r (Q is orthogonal). Run p draws batches from stream (seed, p) on lane
// `user` and normals from stream (seed, p) on lane 0.
#include <cstdint>
#include <string>
#include <string_view>

#include "ldv/core/linalg.hpp"
#include "ldv/mlp/exit_steps.hpp"

namespace ldv::mlp {

enum class NoiseLaw { minibatch_epochs, minibatch_replacement, gaussian, isotropic };
std::string to_string(NoiseLaw law);  // "mini-batch (epochs)", "mini-batch (with replacement)", "Gaussian", "isotropic"

struct QuadraticModel {
  Vector curvature;     // h: the eigenvalues of H, ascending
  Matrix basis;         // Q: H = Q diag(h) Qᵀ
  Matrix sample_noise;  // d × N: column i is Qᵀ(∇ℓᵢ(θ₀) − ∇L(θ₀))
  Matrix factor;        // d × k: F Fᵀ = Qᵀ C Q, C's numerically zero modes (< 1e-13 of its largest) dropped
  double trace = 0.0;   // tr C
  int dimension() const { return static_cast<int>(curvature.size()); }
  int samples() const { return static_cast<int>(sample_noise.cols()); }
};

// From H (d × d, symmetric) and the per-sample gradients at θ₀ (d × N, MlpLoss::per_sample_gradients).
// InvalidInput when the sizes disagree or N < 2.
QuadraticModel quadratic_model(const Matrix& hessian, const Matrix& per_sample_gradients);

struct QuadraticSetting {
  double learning_rate = 0.0;  // η > 0
  std::uint32_t batch = 1;     // B in [1, N]
  double radius = 0.0;         // r > 0
  double alpha = 1.0;          // α > 0
  NoiseLaw law = NoiseLaw::gaussian;
};

ExitSteps quadratic_exit_steps(const QuadraticModel& model, const QuadraticSetting& setting,
                               const ExitRunSettings& settings);

}  // namespace ldv::mlp

namespace ldv::mlp {

// The stationary covariance of the Gaussian chain above (law gaussian), exact for the chain
// (the discrete Lyapunov / Stein equation Σ = A Σ A + Q in H's eigenbasis, A = I − ηα diag(h),
// Q = η² α κ Qᵀ C Q / B): Σᵢⱼ = Qᵢⱼ / (1 − aᵢ aⱼ), aᵢ = 1 − ηα hᵢ. InvalidInput when some
// |aᵢ| ≥ 1 (the chain has no stationary law: ηα hᵢ ∉ (0, 2)).
Matrix gaussian_stationary_covariance(const QuadraticModel& model, const QuadraticSetting& setting);

}  // namespace ldv::mlp
