#pragma once
// What every path of an exit-time run shares (internal to the exit kernel): the
// concrete model, the settings, the ball, and the constants derived from them.
// Built once per run and read by every worker thread.
#include <cmath>
#include <cstdint>
#include <type_traits>

#include "ldv/sim/ball.hpp"

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

// The model's dimension when it is a compile-time constant (static constexpr dimension()), else 0.
template <class ConcreteModel>
constexpr int static_dimension() {
  if constexpr (requires { std::integral_constant<int, ConcreteModel::dimension()>{}; })
    return ConcreteModel::dimension();
  else
    return 0;
}

template <class ConcreteModel>
struct ExitRun {
  static constexpr int kStaticDimension = static_dimension<ConcreteModel>();

  ExitRun(const ConcreteModel& m, const KernelSettings& s)
      : model(m),
        settings(s),
        ball(*s.domain),
        dimension(kStaticDimension > 0 ? kStaticDimension : s.dimension),
        r(ball.radius()),
        r2(r * r),
        noise_scale(std::sqrt(s.eps * s.step)),
        eps_h(s.eps * s.step) {}

  // |x − c|², with unrolled loops when the dimension is a compile-time constant.
  double squared_distance_from_center(const double* x) const {
    return ball.template squared_distance_from_center<kStaticDimension>(x);
  }
  // r − |x − c| and the outer normal n through x (written to `normal`).
  double distance_to_boundary(const double* x, double* normal) const {
    return ball.template distance_to_boundary<kStaticDimension>(x, normal);
  }

  const ConcreteModel& model;
  const KernelSettings& settings;
  const Ball& ball;
  int dimension;
  double r, r2, noise_scale /* √(εh) */, eps_h;
};

// Squared radius of the inner ball |x − c| ≤ r − margin, in which an exit test
// that can only act within `margin` of the boundary is skipped (0 when the margin
// covers the whole ball: the test then runs everywhere).
inline double safe_inner_radius_squared(double radius, double margin) {
  return margin < radius ? (radius - margin) * (radius - margin) : 0.0;
}

}  // namespace ldv::detail
