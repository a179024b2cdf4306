#pragma once
// One path of the exit-time Monte Carlo: stream → stepper → exit functional.
// Internal to exit_time.cpp and the benchmark; templated on the concrete model
// and the estimator so the whole step inlines.
//
// A path is a small state machine (`ExitPath`: start, then step until it ends)
// rather than a loop, so that a worker can advance several paths in turn
// (`run_interleaved`). Why: one path's steps form a chain — X_{k+1} needs X_k —
// whose latency partly idles the CPU; independent paths side by side let it
// overlap their chains (2-D benchmark case: 88 M steps/s one path at a time,
// 125 M four at a time). Each path still draws only from its own stream, so
// every path's numbers, and hence the result, are the same as when paths run
// one after another.
#include <array>
#include <cmath>
#include <cstdint>
#include <type_traits>
#include <utility>
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

// The vectors of one path: x, the step's normals, drift and kick, the boundary
// normal and the previous point. In the object itself when the dimension is a
// compile-time constant (the compiler can then keep them out of memory), else on
// the heap.
template <int StaticDimension>
class PathWorkspace {
 public:
  explicit PathWorkspace(int dimension) : d_(dimension) {
    if constexpr (StaticDimension == 0) storage_.resize(static_cast<std::size_t>(6 * d_));
  }
  double* x() { return storage_.data(); }
  const double* x() const { return storage_.data(); }
  double* normals() { return storage_.data() + d(); }
  double* drift() { return storage_.data() + 2 * d(); }
  double* kick() { return storage_.data() + 3 * d(); }
  double* normal() { return storage_.data() + 4 * d(); }
  double* previous() { return storage_.data() + 5 * d(); }

 private:
  int d() const {  // a constant when the dimension is, so the offsets fold
    if constexpr (StaticDimension > 0) return StaticDimension;
    else return d_;
  }

  std::conditional_t<(StaticDimension > 0), std::array<double, 6 * StaticDimension>, std::vector<double>> storage_{};
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

// What every path of a run shares: the model, the settings and the constants derived from them.
template <ExitEstimator Estimator, class ConcreteModel>
struct ExitPathConstants {
  static constexpr int kStaticDimension = static_dimension<ConcreteModel>();

  ExitPathConstants(const ConcreteModel& m, const KernelSettings& s)
      : model(m),
        settings(s),
        ball(*s.domain),
        dimension(kStaticDimension > 0 ? kStaticDimension : s.dimension),
        r(ball.radius()),
        r2(r * r),
        noise_scale(std::sqrt(s.eps * s.step)),
        eps_h(s.eps * s.step),
        c0(gobet_menozzi_constant()),
        safe_r2(safe_radius_squared(m, r, c0, eps_h)) {}

  static double safe_radius_squared(const ConcreteModel& m, double r, double c0, double eps_h) {
    const double v_max = m.max_normal_variance();
    if constexpr (Estimator == ExitEstimator::gobet_menozzi)
      return safe_inner_radius_squared(r, c0 * std::sqrt(eps_h * v_max));
    else if constexpr (Estimator == ExitEstimator::bridge)
      return safe_inner_radius_squared(r, std::sqrt(0.5 * kExpUnderflowExponent * eps_h * v_max));
    else
      return r * r;
  }

  const ConcreteModel& model;
  const KernelSettings& settings;
  const Ball& ball;
  int dimension;
  double r, r2, noise_scale, eps_h, c0, safe_r2;
};

template <ExitEstimator Estimator, class ConcreteModel>
class ExitPath {
 public:
  using Constants = ExitPathConstants<Estimator, ConcreteModel>;
  static constexpr int kStaticDimension = Constants::kStaticDimension;

  explicit ExitPath(const Constants& c) : c_(c), w_(c.dimension) {}

  // A compile-time constant when the model's dimension is, so the loops unroll.
  int dimension() const {
    if constexpr (kStaticDimension > 0) return kStaticDimension;
    else return c_.dimension;
  }

  // Puts path `path` at the start point; true when it has already ended there
  // (Gobet–Menozzi: a start outside the shrunk domain exits at step 0).
  bool start(std::uint32_t path) {
    path_ = path;
    k_ = 0;
    double* x = w_.x();
    for (int i = 0; i < dimension(); ++i) x[i] = c_.settings.start[i];
    normals_ = NormalStream(c_.settings.seed, path);
    previous_rho2_ = squared_distance_from_center(x);
    if constexpr (Estimator == ExitEstimator::bridge) uniforms_ = UniformStream(c_.settings.seed, path);
    if constexpr (Estimator == ExitEstimator::gobet_menozzi)
      if (previous_rho2_ >= c_.safe_r2 && outside_shrunk_domain(x)) return end(false);
    return false;
  }

  // One Euler–Maruyama step and the estimator's exit test; true when the path has ended.
  // Always inlined: the interleaving loop needs the lanes' steps side by side.
  [[gnu::always_inline]] bool step() {
    const int d = dimension();
    double* x = w_.x();
    ++k_;
    if constexpr (Estimator == ExitEstimator::bridge)
      for (int i = 0; i < d; ++i) w_.previous()[i] = x[i];
    if constexpr (kStaticDimension > 0) {
      // Scratch as locals, which the compiler keeps in registers.
      std::array<double, kStaticDimension> z, drift, kick;
      euler_maruyama_step_from(normals_, z.data(), x, StepBuffers{drift.data(), kick.data()});
    } else {
      euler_maruyama_step_from(normals_, w_.normals(), x, StepBuffers{w_.drift(), w_.kick()});
    }
    const double rho2 = squared_distance_from_center(x);
    if constexpr (Estimator == ExitEstimator::discrete) {
      if (rho2 >= c_.r2) return end(false);
    } else if constexpr (Estimator == ExitEstimator::gobet_menozzi) {
      if (rho2 >= c_.safe_r2 && outside_shrunk_domain(x)) return end(false);
    } else {
      if (rho2 >= c_.r2) return end(false);
      if ((rho2 >= c_.safe_r2 || previous_rho2_ >= c_.safe_r2) && bridge_killed(rho2)) return end(false);
      previous_rho2_ = rho2;
    }
    if (k_ == c_.settings.max_steps) return end(true);
    return false;
  }

  std::uint32_t path() const { return path_; }
  PathOutcome outcome() const { return {k_, censored_}; }
  const double* x() const { return w_.x(); }

 private:
  [[gnu::always_inline]] void euler_maruyama_step_from(NormalStream& stream, double* spare, double* x,
                                                      StepBuffers buffers) {
    const double* z = stream.take(dimension(), spare);
    euler_maruyama_step(c_.model, dimension(), x, z, c_.settings.step, c_.noise_scale, buffers);
  }

  bool end(bool censored) {
    censored_ = censored;
    return true;
  }

  double squared_distance_from_center(const double* point) const {
    return c_.ball.template squared_distance_from_center<kStaticDimension>(point);
  }

  // Gobet–Menozzi: inside the shrunk domain iff r − |x − c| > c₀ |σ(x)ᵀn| √(εh).
  bool outside_shrunk_domain(const double* point) {
    const double distance = c_.ball.template distance_to_boundary<kStaticDimension>(point, w_.normal());
    if (distance <= 0.0) return true;
    const double shift = c_.c0 * std::sqrt(c_.eps_h * c_.model.normal_variance(point, w_.normal()));
    return distance <= shift;
  }

  // Brownian bridge between X_{k−1} and X_k with σ frozen at X_{k−1}, as in the EM step:
  // killed when u < exp(−e), e = 2 d₀ d₁ / (εh nᵀDn). Since exp(−e) ≤ 1/(1 + e), a
  // uniform with u (1 + e) ≥ 1 + 2⁻⁵⁰ cannot kill, and exp is skipped; the margin
  // covers the rounding of u (1 + e) and exp's ≤ 1 ulp error, so the decision (and
  // every result bit) is the one exp would give. Most steps near the boundary take
  // the shortcut (e is rarely small).
  bool bridge_killed(double rho2) {
    const double d1 = c_.r - std::sqrt(rho2);
    const double d0 = c_.ball.template distance_to_boundary<kStaticDimension>(w_.previous(), w_.normal());
    const double exponent = 2.0 * d0 * d1 / (c_.eps_h * c_.model.normal_variance(w_.previous(), w_.normal()));
    if (!(exponent < kExpUnderflowExponent)) return false;
    const double u = uniforms_.next();
    if (u * (1.0 + exponent) >= 1.0 + 0x1p-50) return false;
    return u < std::exp(-exponent);
  }

  const Constants& c_;
  PathWorkspace<kStaticDimension> w_;
  NormalStream normals_{0, 0};
  UniformStream uniforms_{0, 0};
  std::uint32_t path_ = 0;
  std::uint64_t k_ = 0;
  double previous_rho2_ = 0.0;
  bool censored_ = false;
};

// Paths a worker advances side by side (see the file comment). Measured on the
// 2-D benchmark case: 2 → 115, 4 → 125, 8 → 120 M steps/s.
inline constexpr int kInterleavedPaths = 4;

// Runs paths [first, last) and calls on_end(path, outcome, exit point) once per
// path, in the order the paths end (not path order: callers index by path).
template <ExitEstimator Estimator, class ConcreteModel, class OnEnd>
void run_interleaved(const ConcreteModel& model, const KernelSettings& settings, std::uint64_t first,
                     std::uint64_t last, OnEnd&& on_end) {
  using Path = ExitPath<Estimator, ConcreteModel>;
  const typename Path::Constants constants(model, settings);
  auto lanes = [&]<int... L>(std::integer_sequence<int, L...>) {
    return std::array<Path, kInterleavedPaths>{(static_cast<void>(L), Path(constants))...};
  }(std::make_integer_sequence<int, kInterleavedPaths>{});
  std::array<bool, kInterleavedPaths> active{};
  std::uint64_t next = first;
  // Starts the next path in `lane`, skipping (and reporting) paths that end at step 0.
  auto load = [&](int lane) {
    while (next < last) {
      Path& p = lanes[lane];
      if (!p.start(static_cast<std::uint32_t>(next++))) return true;
      on_end(p.path(), p.outcome(), p.x());
    }
    return false;
  };
  int running = 0;
  for (int lane = 0; lane < kInterleavedPaths; ++lane) running += (active[lane] = load(lane)) ? 1 : 0;
  // One step of lane L, with L a compile-time constant so each lane's state has a fixed address.
  auto advance = [&]<int L>(std::integral_constant<int, L>) {
    if (!active[L] || !lanes[L].step()) return;
    on_end(lanes[L].path(), lanes[L].outcome(), lanes[L].x());
    if (!(active[L] = load(L))) --running;
  };
  while (running > 0)
    [&]<int... L>(std::integer_sequence<int, L...>) {
      (advance(std::integral_constant<int, L>{}), ...);
    }(std::make_integer_sequence<int, kInterleavedPaths>{});
}

}  // namespace ldv::detail
