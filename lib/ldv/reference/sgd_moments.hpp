#pragma once
// Exact first and second moments of mini-batch SGD on a finite-sum least-squares loss, and of the diffusions
// that are meant to approximate it (implicit-regularizer paper, Lemma 2.1 and eq. (5)).
//
// Loss f(x) = (1/n) Σᵢ ℓᵢ(x), ℓᵢ(x) = ½(aᵢᵀx − yᵢ)²; per-sample gradients gᵢ(x) = aᵢaᵢᵀx − aᵢyᵢ are affine in
// x, gᵢ(x) = Gᵢ z with z = (x, 1) and Gᵢ = [aᵢaᵢᵀ, −aᵢyᵢ]. SGD, x_{k+1} = x_k − η (1/m) Σ_{i∈B_k} gᵢ(x_k), with
// the batch B_k drawn afresh at every step, independently of the past:
//   * with replacement: m indices i.i.d. uniform on {1..n};
//   * without replacement: m distinct indices, uniform among the m-subsets.
// (Reshuffling once per epoch and cutting the permutation into batches — "epoch" sampling — correlates the
// batches of one epoch; it is not covered here.) Because x_{k+1} = T_B z_k with T_B affine in the batch and
// independent of z_k, the second-moment matrix Z = E[z zᵀ] (which holds E[x] in its last column) obeys an
// exact linear recursion,
//   Z ↦ Z − η(PḠZ + ZḠᵀPᵀ) + η² P[ḠZḠᵀ + c (S(Z) − ḠZḠᵀ)]Pᵀ,  S(Z) = (1/n)Σ GᵢZGᵢᵀ,  P = [I; 0],
// with c = 1/m (with replacement) or (n − m)/(m(n − 1)) (without: the finite-population correction; the pair
// probabilities 1/(n(n−1)) of distinct indices). No Monte Carlo: the moments are exact to rounding.
//
// The diffusion dX = −∇f(X) dt + √κ σ(X) dW with D₁(x) = σσᵀ = (1/n)Σ gᵢgᵢᵀ − ∇f∇fᵀ, the single-sample
// gradient covariance, has (D₁ quadratic in x) the closed moment equation
//   dZ/dt = −(PḠZ + ZḠᵀPᵀ) + κ P(S(Z) − ḠZḠᵀ)Pᵀ,
// integrated here by classical RK4 (error ~ (h·λ)⁴, λ the largest rate; the step is chosen so it is < 1e-12).
// κ is the scaling under test: ε = η/m with D = D₁ gives κ = η/m; the paper's eq. (5) (D the mini-batch
// covariance D₁/m, ε = η/m) gives κ = η/m².
#include <string>
#include <vector>

#include "ldv/core/linalg.hpp"

namespace ldv::reference {

enum class BatchSampling { with_replacement, without_replacement };

class FiniteSumLeastSquares {
 public:
  // features: n × d (row i is aᵢ), targets: n. InvalidInput for n < 2, sizes that differ, or non-finite data.
  FiniteSumLeastSquares(Matrix features, Vector targets);
  int samples() const { return static_cast<int>(features_.rows()); }
  int dimension() const { return static_cast<int>(features_.cols()); }
  const Matrix& hessian() const { return hessian_; }   // (1/n) Σ aᵢaᵢᵀ
  Vector minimiser() const;                             // H⁻¹ (1/n) Σ aᵢyᵢ (InvalidInput if H is singular)
  Vector gradient(const Vector& x) const;                // ∇f(x)
  Matrix sample_covariance(const Vector& x) const;      // D₁(x)
  // The noise factor c of one SGD step's gradient covariance (c·D₁): 1/m or (n − m)/(m(n − 1)).
  // InvalidInput unless 1 ≤ m ≤ n (and m ≤ n for either scheme).
  double batch_factor(int batch, BatchSampling sampling) const;

  // (d + 1) × (d + 1) moment matrices: Z = E[(x, 1)(x, 1)ᵀ].
  Matrix sgd_moments(const Vector& start, double eta, int steps, int batch, BatchSampling sampling) const;
  Matrix diffusion_moments(const Vector& start, double kappa, double horizon) const;

 private:
  Matrix s_of(const Matrix& z) const;  // S(Z)
  Matrix features_;
  Vector targets_;
  std::vector<Matrix> g_;  // Gᵢ, d × (d + 1)
  Matrix mean_g_;          // Ḡ
  Matrix hessian_;
};

// From a moment matrix: the mean (first d entries of the last column) and the covariance.
Vector moment_mean(const Matrix& z);
Matrix moment_covariance(const Matrix& z);

}  // namespace ldv::reference
