#pragma once
// Exit policy "bridge" (internal to the exit kernel): the path has exited at the
// first X_k outside the ball, or inside step k with the probability that the
// Brownian bridge from X_{k−1} to X_k crossed the (locally flat) boundary,
// exp(−2 d₀ d₁ / (εh |σᵀn|²)), d₀, d₁ the distances of X_{k−1}, X_k to ∂D and σ
// frozen at X_{k−1} as in the Euler–Maruyama step (DESIGN.md; estimator.hpp).
// Each path draws its kill uniforms from its own stream, keyed like its normals.
#include <cmath>
#include <cstdint>

#include "ldv/exit/exit_run.hpp"
#include "ldv/exit/path_vectors.hpp"
#include "ldv/random/philox_stream.hpp"

namespace ldv::detail {

template <class ConcreteModel>
class BrownianBridgeKill {
 public:
  using Run = ExitRun<ConcreteModel>;

  explicit BrownianBridgeKill(const Run& run)
      : run_(run),
        // Once the exponent e = 2 d₀ d₁/(εh nᵀDn) exceeds 745, exp(−e) is at most
        // 4.9e-324 (0 or the smallest denormal), below every uniform the stream can
        // return, so no kill can happen. With v_max = max_normal_variance() ≥ nᵀDn that
        // holds when both distances exceed δ = √(372.5 εh v_max): 2δ²/(εh v_max) = 745.
        // A step with both ends within r − δ of the centre is therefore skipped (exact).
        safe_r2_(safe_inner_radius_squared(run.r, std::sqrt(0.5 * kExpUnderflowExponent * run.eps_h *
                                                             run.model.max_normal_variance()))),
        vectors_(run.dimension) {}

  // The bridge's state at X_0: its uniform stream, the previous point and its ρ².
  bool start(std::uint32_t path, const double* x, double rho2) {
    uniforms_ = UniformStream(run_.settings.seed, path);
    remember(x, rho2);
    return false;  // X_0 lies inside the ball (validate() checks it)
  }

  // X_k = x at squared distance rho2 from the centre; X_{k−1} is remembered.
  [[gnu::always_inline]] bool exited(const double* x, double rho2) {
    if (rho2 >= run_.r2) return true;
    if ((rho2 >= safe_r2_ || previous_rho2_ >= safe_r2_) && killed(rho2)) return true;
    remember(x, rho2);
    return false;
  }

 private:
  static constexpr double kExpUnderflowExponent = 745.0;

  double* previous() { return vectors_[0]; }
  double* normal() { return vectors_[1]; }

  void remember(const double* x, double rho2) {
    for (int i = 0; i < dimension(); ++i) previous()[i] = x[i];
    previous_rho2_ = rho2;
  }
  int dimension() const {  // a compile-time constant when the model's dimension is, so the copy unrolls
    if constexpr (Run::kStaticDimension > 0) return Run::kStaticDimension;
    else return run_.dimension;
  }

  // Killed when u < exp(−e), e = 2 d₀ d₁ / (εh nᵀDn), n the normal through X_{k−1}.
  // Since exp(−e) ≤ 1/(1 + e), a uniform with u (1 + e) ≥ 1 + 2⁻⁵⁰ cannot kill, and
  // exp is skipped; the margin covers the rounding of u (1 + e) and exp's ≤ 1 ulp
  // error, so the decision (and every result bit) is the one exp would give. Most
  // steps near the boundary take the shortcut (e is rarely small).
  bool killed(double rho2) {
    const double d1 = run_.r - std::sqrt(rho2);
    const double d0 = run_.distance_to_boundary(previous(), normal());
    const double exponent = 2.0 * d0 * d1 / (run_.eps_h * run_.model.normal_variance(previous(), normal()));
    if (!(exponent < kExpUnderflowExponent)) return false;
    const double u = uniforms_.next();
    if (u * (1.0 + exponent) >= 1.0 + 0x1p-50) return false;
    return u < std::exp(-exponent);
  }

  const Run& run_;
  double safe_r2_;
  PathVectors<Run::kStaticDimension, 2> vectors_;  // X_{k−1} and the normal through it
  UniformStream uniforms_{0, 0};
  double previous_rho2_ = 0.0;
};

}  // namespace ldv::detail
