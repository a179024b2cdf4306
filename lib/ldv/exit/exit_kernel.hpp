#pragma once
// One path of the exit-time Monte Carlo: stream → stepper → exit functional.
// Internal to exit_time.cpp; templated on the exit policy and the concrete model
// so the whole step inlines.
//
// The exit functional is a policy (DiscreteMonitoring, BrownianBridgeKill,
// GobetMenozziShift): each owns its safe inner radius, what it needs at the start,
// its per-step exit test and its per-path state. Policy<Model> provides
//   Policy(const ExitRun<Model>&);
//   bool start(path, x, rho2);   // X_0 = x, rho2 = |x − c|²; true: exited at step 0
//   bool exited(x, rho2);        // X_k = x after step k; true: exited at step k
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
#include <cstdint>
#include <type_traits>
#include <utility>

#include "ldv/exit/exit_run.hpp"
#include "ldv/exit/path_vectors.hpp"
#include "ldv/random/philox_stream.hpp"
#include "ldv/sim/euler_maruyama.hpp"

namespace ldv::detail {

struct PathOutcome {
  std::uint64_t steps;  // exit step k (exit time k h), or max_steps when censored
  bool censored;
};

template <template <class> class ExitPolicy, class ConcreteModel>
class ExitPath {
 public:
  using Run = ExitRun<ConcreteModel>;
  static constexpr int kStaticDimension = Run::kStaticDimension;

  explicit ExitPath(const Run& run) : run_(run), w_(run.dimension), exit_(run) {}

  // A compile-time constant when the model's dimension is, so the loops unroll.
  int dimension() const {
    if constexpr (kStaticDimension > 0) return kStaticDimension;
    else return run_.dimension;
  }

  // Puts path `path` at the start point; true when it has already ended there.
  bool start(std::uint32_t path) {
    path_ = path;
    k_ = 0;
    double* x = w_.x();
    for (int i = 0; i < dimension(); ++i) x[i] = run_.settings.start[i];
    normals_ = NormalStream(run_.settings.seed, path);
    if (exit_.start(path, x, run_.squared_distance_from_center(x))) return end(false);
    return false;
  }

  // One Euler–Maruyama step and the policy's exit test; true when the path has ended
  // (exited, or censored at max_steps). Always inlined: the interleaving loop needs
  // the lanes' steps side by side.
  [[gnu::always_inline]] bool step() {
    double* x = w_.x();
    ++k_;
    if constexpr (kStaticDimension > 0) {
      // Scratch as locals, which the compiler keeps in registers.
      std::array<double, kStaticDimension> z, drift, kick;
      euler_maruyama_step_from(z.data(), x, StepBuffers{drift.data(), kick.data()});
    } else {
      euler_maruyama_step_from(w_.normals(), x, StepBuffers{w_.drift(), w_.kick()});
    }
    if (exit_.exited(x, run_.squared_distance_from_center(x))) return end(false);
    if (k_ == run_.settings.max_steps) return end(true);
    return false;
  }

  std::uint32_t path() const { return path_; }
  PathOutcome outcome() const { return {k_, censored_}; }
  const double* x() const { return w_.x(); }

 private:
  [[gnu::always_inline]] void euler_maruyama_step_from(double* spare, double* x, StepBuffers buffers) {
    const double* z = normals_.take(dimension(), spare);
    euler_maruyama_step(run_.model, dimension(), x, z, run_.settings.step, run_.noise_scale, buffers);
  }

  bool end(bool censored) {
    censored_ = censored;
    return true;
  }

  const Run& run_;
  PathWorkspace<kStaticDimension> w_;
  ExitPolicy<ConcreteModel> exit_;
  NormalStream normals_{0, 0};
  std::uint32_t path_ = 0;
  std::uint64_t k_ = 0;
  bool censored_ = false;
};

// Paths a worker advances side by side (see the file comment). Measured on the
// 2-D benchmark case: 2 → 115, 4 → 125, 8 → 120 M steps/s.
inline constexpr int kInterleavedPaths = 4;

// Runs paths [first, last) and calls on_end(path, outcome, exit point) once per
// path, in the order the paths end (not path order: callers index by path).
template <template <class> class ExitPolicy, class ConcreteModel, class OnEnd>
void run_interleaved(const ExitRun<ConcreteModel>& run, std::uint64_t first, std::uint64_t last, OnEnd&& on_end) {
  using Path = ExitPath<ExitPolicy, ConcreteModel>;
  auto lanes = [&]<int... L>(std::integer_sequence<int, L...>) {
    return std::array<Path, kInterleavedPaths>{(static_cast<void>(L), Path(run))...};
  }(std::make_integer_sequence<int, kInterleavedPaths>{});
  std::array<bool, kInterleavedPaths> active{};
  std::uint64_t next = first;
  // Starts the next path in `lane`, skipping (and reporting) paths that end at step 0.
  // Never inlined: it runs once per path, and inlined into the lanes' loop (as GCC 12
  // does once a policy's start is trivial) it used up the inlining budget that the
  // Euler–Maruyama step needs (discrete, 2-D benchmark case: 59 → 48 M steps/s).
  auto load = [&](int lane) __attribute__((noinline)) {
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
