#pragma once
// One path of the exit-time Monte Carlo: stream → stepper → exit functional.
// Internal to exit_time.cpp and the benchmark; templated on the concrete model
// and the estimator so the whole step inlines.
#include <cmath>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "ldv/exit/estimator.hpp"
#include "ldv/random/philox_stream.hpp"
#include "ldv/sim/ball.hpp"
#include "ldv/sim/euler_maruyama.hpp"

namespace ldv::detail {

struct KernelSettings {
  const Ball* domain;
  const double* start;
  int dimension;
  double eps;
  double step;
  std::uint64_t max_steps;
  std::uint64_t seed;
};

struct PathOutcome {
  std::uint64_t steps;  // exit step k (exit time k h), or max_steps when censored
  bool censored;
};

// Scratch space of one worker, reused across its paths.
class PathWorkspace {
 public:
  explicit PathWorkspace(int dimension) : storage_(static_cast<std::size_t>(6 * dimension)), d_(dimension) {}
  double* x() { return storage_.data(); }
  double* normals() { return storage_.data() + d_; }
  double* drift() { return storage_.data() + 2 * d_; }
  double* kick() { return storage_.data() + 3 * d_; }
  double* normal() { return storage_.data() + 4 * d_; }
  double* previous() { return storage_.data() + 5 * d_; }

 private:
  std::vector<double> storage_;
  int d_;
};

// Squared radius below which a boundary correction provably cannot act, so the
// kernel skips computing it (exact, not an approximation):
//  * Gobet–Menozzi: the shift c₀|σᵀn|√(εh) ≤ c₀√(εh v_max), v_max ≥ nᵀD n;
//  * bridge: once the exponent of the kill probability exp(−2 d₀ d₁/(εh nᵀDn))
//    exceeds 745, the probability is at most 4.9e-324 (0 or the smallest
//    denormal), below every uniform the stream can return, so no kill can
//    happen; that holds when both distances exceed δ = √(372.5 εh v_max).
inline double safe_inner_radius_squared(double radius, double margin) {
  return margin < radius ? (radius - margin) * (radius - margin) : 0.0;
}
constexpr double kExpUnderflowExponent = 745.0;

// The model's dimension when it is a compile-time constant (static constexpr dimension()), else 0.
template <class ConcreteModel>
constexpr int static_dimension() {
  if constexpr (requires { std::integral_constant<int, ConcreteModel::dimension()>{}; })
    return ConcreteModel::dimension();
  else
    return 0;
}

template <ExitEstimator Estimator, class ConcreteModel>
PathOutcome run_exit_path(const ConcreteModel& model, const KernelSettings& s, std::uint32_t path,
                          PathWorkspace& w) {
  constexpr int kStaticDimension = static_dimension<ConcreteModel>();
  const int d = kStaticDimension > 0 ? kStaticDimension : s.dimension;  // lets loops unroll when known
  const Ball& ball = *s.domain;
  const double r = ball.radius();
  const double r2 = r * r;
  const double noise_scale = std::sqrt(s.eps * s.step);
  const double eps_h = s.eps * s.step;
  const double c0 = gobet_menozzi_constant();
  const double v_max = model.max_normal_variance();
  const double safe_r2 =
      Estimator == ExitEstimator::gobet_menozzi ? safe_inner_radius_squared(r, c0 * std::sqrt(eps_h * v_max))
      : Estimator == ExitEstimator::bridge
          ? safe_inner_radius_squared(r, std::sqrt(0.5 * kExpUnderflowExponent * eps_h * v_max))
          : r2;

  auto squared_distance_from_center = [&ball](const double* point) {
    return ball.squared_distance_from_center<kStaticDimension>(point);
  };

  double* x = w.x();
  for (int i = 0; i < d; ++i) x[i] = s.start[i];
  NormalStream normals(s.seed, path);
  const StepBuffers buffers{w.drift(), w.kick()};

  // Gobet–Menozzi: inside the shrunk domain iff r − |x − c| > c₀ |σ(x)ᵀn| √(εh).
  auto outside_shrunk_domain = [&](const double* point) {
    const double distance = ball.distance_to_boundary<kStaticDimension>(point, w.normal());
    if (distance <= 0.0) return true;
    const double shift = c0 * std::sqrt(eps_h * model.normal_variance(point, w.normal()));
    return distance <= shift;
  };
  if constexpr (Estimator == ExitEstimator::gobet_menozzi)
    if (squared_distance_from_center(x) >= safe_r2 && outside_shrunk_domain(x)) return {0, false};

  if constexpr (Estimator == ExitEstimator::bridge) {
    UniformStream uniforms(s.seed, path);
    double previous_rho2 = squared_distance_from_center(x);
    for (std::uint64_t k = 1; k <= s.max_steps; ++k) {
      normals.fill(w.normals(), d);
      for (int i = 0; i < d; ++i) w.previous()[i] = x[i];
      euler_maruyama_step(model, d, x, w.normals(), s.step, noise_scale, buffers);
      const double rho2 = squared_distance_from_center(x);
      if (rho2 >= r2) return {k, false};
      if (rho2 >= safe_r2 || previous_rho2 >= safe_r2) {
        // Brownian bridge between X_{k−1} and X_k with σ frozen at X_{k−1}, as in the EM step.
        const double d1 = r - std::sqrt(rho2);
        const double d0 = ball.distance_to_boundary<kStaticDimension>(w.previous(), w.normal());
        const double exponent = 2.0 * d0 * d1 / (eps_h * model.normal_variance(w.previous(), w.normal()));
        if (exponent < kExpUnderflowExponent && uniforms.next() < std::exp(-exponent)) return {k, false};
      }
      previous_rho2 = rho2;
    }
    return {s.max_steps, true};
  }

  for (std::uint64_t k = 1; k <= s.max_steps; ++k) {
    normals.fill(w.normals(), d);
    euler_maruyama_step(model, d, x, w.normals(), s.step, noise_scale, buffers);
    const double rho2 = squared_distance_from_center(x);
    if constexpr (Estimator == ExitEstimator::discrete) {
      if (rho2 >= r2) return {k, false};
    } else {
      if (rho2 >= safe_r2 && outside_shrunk_domain(x)) return {k, false};
    }
  }
  return {s.max_steps, true};
}

}  // namespace ldv::detail
