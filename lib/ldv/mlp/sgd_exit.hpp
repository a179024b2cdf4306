#pragma once
// The escape paper's Section 6 measurement: vanilla mini-batch SGD from θ₀, "repeated … and
// take an average number of steps at which SGD exit from D (i.e. when the distance from θ₀
// becomes farther than r)".
//
// A run: θ_{k+1} = θ_k − η ∇L_{α,B_k}(θ_k), B_k the k-th batch of the epoch sampler
// (mlp/epoch_sampler.hpp: without replacement within an epoch), from θ₀/√α; it exits at the
// first k with |θ_k − θ₀/√α| > r and is censored at the cap. The sharpness knob is the
// paper's: L_α(θ) = L(√α θ), so ∇L_α(θ) = √α ∇L(√α θ), ∇²L_α = α ∇²L, C_α = α C, and θ₀/√α
// is its minimiser (the paper prints θ₀/α; CLAIMS.md). Exact identity, proved step for step
// in tests/test_mlp.cpp: the run on L_α with rate η from θ₀/√α and radius r is 1/√α times the
// run on L with rate αη from θ₀ and radius √α r, batch for batch.
#include <cstdint>

#include "ldv/core/linalg.hpp"
#include "ldv/mlp/epoch_sampler.hpp"
#include "ldv/mlp/exit_steps.hpp"
#include "ldv/mlp/network.hpp"

namespace ldv::mlp {

struct SgdSetting {
  double learning_rate = 0.0;  // η > 0
  std::uint32_t batch = 1;     // B in [1, N]
  double radius = 0.0;         // r > 0
  double alpha = 1.0;          // α > 0: SGD on L_α from θ₀/√α
  bool replace = false;        // true: i.i.d. batches drawn with replacement instead of epochs
  void validate() const;       // InvalidInput naming the bad value
};

// One run, a step at a time: what the exit runs do, and what tests follow.
class SgdRun {
 public:
  SgdRun(const MlpLoss& loss, const Vector& theta0, const SgdSetting& setting, std::uint64_t seed, std::uint32_t run);
  // θ ← θ − (η√α) ∇L_B(√α θ), the next batch's gradient (written so that for α = 4^k every
  // product is exact: the identity then holds bit for bit).
  void step();
  const Vector& theta() const { return theta_; }  // θ_k, on L_α's scale
  double squared_distance() const { return (theta_ - centre_).squaredNorm(); }  // |θ_k − θ₀/√α|²

 private:
  const MlpLoss& loss_;
  double sqrt_alpha_, rate_;
  EpochSampler sampler_;
  Vector centre_, theta_, scaled_, gradient_;
  BatchWorkspace work_;
};

// Steps to exit of settings.runs runs (run p: batches from stream (seed, p)).
ExitSteps sgd_exit_steps(const MlpLoss& loss, const Vector& theta0, const SgdSetting& setting,
                         const ExitRunSettings& settings);

}  // namespace ldv::mlp
