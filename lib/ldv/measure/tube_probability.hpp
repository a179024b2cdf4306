#pragma once
// The probability that a diffusion stays in a tube around a fixed path, by importance sampling:
//   P_δ(ε) = P( sup_{t ≤ T} |X_t − φ_t| < δ ),   dX = b(X) dt + √ε σ(X) dW,  X_0 = φ_0,
// the quantity of Freidlin–Wentzell's tube bounds (escape paper Lemmas 1–2, implicit-regularizer
// paper Theorem A.1 eq. (39)); −ε log P_δ → inf over the tube of S (quasipotential/
// tube_minimum_action.hpp), then → S_T(φ) as δ → 0.
//
// Sampling law (Girsanov): the drift is changed to b + u_k on the k-th Euler step with the
// deterministic control u_k = (ψ_{k+1} − ψ_k)/h − b(ψ_k), so the noiseless sampled chain follows an
// importance path ψ (φ itself, or better the tube's least-action path, which is where the
// conditional law concentrates at fixed δ as ε → 0). Each path carries the likelihood ratio of the
// Euler chain, exactly (the ratio of the two Gaussian transition densities):
//   log w = Σ_k [ −√(h/ε) v_kᵀ Z_k − ½ (h/ε) |v_k|² ],   v_k = σ(X_k)⁻¹ u_k,
// the discrete form of exp(−∫ vᵀdW − ½∫|v|²dt), so the estimator mean(w · 1{in the tube}) is
// unbiased for the Euler chain's tube probability whatever ψ is (ψ only sets the variance).
// Discretisation and its bias: Euler–Maruyama with step h = T/N on φ's grid; the tube is tested at
// the grid points against the radius shrunk by the Gobet–Menozzi shift c₀ √(ε h nᵀD(X)n) (n the
// unit offset from φ), which takes the O(√h) excess of discrete monitoring to O(h); the Euler
// drift error is O(h) in the weak sense. Neither depends on the importance path.
// The interval: log P̂ ± the delta-method standard error s_w/(√n P̂) (s_w the replicas' standard
// deviation of w·1), valid while the relative error is small; the effective sample size
// (Σw)²/Σw² is returned beside it. Path p of seed s draws Philox stream (s, p); paths run in fixed
// blocks merged in order, so every number is the same for any thread count.
#include <cstdint>
#include <string>

#include "ldv/core/estimate.hpp"
#include "ldv/models/model.hpp"

namespace ldv::measure {

struct TubeRuns {
  Model model;
  Matrix centre;              // φ at t_k = k h, k = 0..N (d × (N+1)), h = duration / N
  Matrix importance;          // ψ on the same grid with ψ_0 = φ_0; empty: ψ = φ
  double duration = 1.0;      // T
  double radius = 0.1;        // δ
  double eps = 0.01;          // ε
  std::uint64_t paths = 1000; // >= 2
  std::uint64_t seed = 1;
  int threads = 0;            // 0: all cores (the result does not depend on it)

  // InvalidInput naming the first bad field and what was expected.
  void validate() const;
};

struct TubeProbability {
  Estimate log_probability;             // log P_δ(ε) with the interval above (+ the caller's systematic)
  double relative_error = 0.0;          // s_w / (√n P̂)
  double effective_sample_size = 0.0;   // (Σ w1)² / Σ (w1)²
  double inside_fraction = 0.0;         // sampled paths that stayed in the tube
  std::uint64_t paths = 0, steps = 0;
  double elapsed_s = 0.0;
};

// `systematic` ≥ 0 is added to the interval's half-width (e.g. a discretisation bound).
TubeProbability measure_tube_probability(const TubeRuns& runs, const std::string& name, double systematic = 0.0);

// A path given at the nodes of a uniform grid on [0, T] (d × (M+1)), linearly interpolated onto
// the uniform grid with `segments` segments: to put a least-action path on the Euler grid.
Matrix resample_uniform(const Matrix& path, int segments);

}  // namespace ldv::measure
