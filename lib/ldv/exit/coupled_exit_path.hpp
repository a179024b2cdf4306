#pragma once
// One pair of paths of a multilevel Monte Carlo level (internal to multilevel_level.cpp):
// the same Brownian path simulated with the fine step h and the coarse step 2h, each
// stopped by its own exit policy (Giles 2008, Oper. Res. 56(3); for exit times Higham,
// Mao, Roj, Song & Yin 2013, SIAM/ASA JUQ 1(1)). A coarse step uses the sum of the two fine
// steps' increments, √h Z₁ + √h Z₂ = √(2h) (Z₁ + Z₂)/√2, so the pair shares its noise and
// τ_h − τ_2h has a small variance, while each of the two has exactly the law of a plain
// run with its own step: E[τ_h − τ_2h] = E[τ_h] − E[τ_2h].
//
// Interleaving: like ExitPath (exit_kernel.hpp) a pair is a small state machine, and a
// worker advances several pairs in turn so that their step chains overlap.
#include <array>
#include <cmath>
#include <cstdint>
#include <utility>

#include "ldv/exit/exit_run.hpp"
#include "ldv/exit/path_vectors.hpp"
#include "ldv/random/philox_stream.hpp"
#include "ldv/sim/euler_maruyama.hpp"

namespace ldv::detail {

// Stream lane of level l >= 1's pairs; level 0 is a plain run and uses lane 0 (the lanes
// 16 + l stay clear of the estimators' lanes 0 and 1, their retry lanes are + 2^31).
inline constexpr std::uint32_t kMultilevelLaneBase = 16;

struct PairOutcome {
  std::uint64_t fine_steps;    // exit step of the fine path (time fine_steps · h)
  std::uint64_t coarse_steps;  // exit step of the coarse path (time coarse_steps · 2h)
  bool censored;               // one of the two reached the horizon without exiting
};

template <template <class> class ExitPolicy, class ConcreteModel>
class CoupledExitPath {
 public:
  using Run = ExitRun<ConcreteModel>;
  static constexpr int kStaticDimension = Run::kStaticDimension;

  // `fine` has step h and max_steps 2K, `coarse` step 2h and max_steps K (same horizon).
  CoupledExitPath(const Run& fine, const Run& coarse, std::uint32_t lane)
      : fine_(fine), coarse_(coarse), xf_(fine.dimension), xc_(fine.dimension), exit_fine_(fine),
        exit_coarse_(coarse), lane_(lane), inv_sqrt2_(1.0 / std::sqrt(2.0)) {}

  int dimension() const {
    if constexpr (kStaticDimension > 0) return kStaticDimension;
    else return fine_.dimension;
  }

  // Puts pair `path` at the start point; true when both paths end there.
  bool start(std::uint32_t path) {
    path_ = path;
    kf_ = kc_ = 0;
    censored_ = false;
    double* xf = xf_[0];
    double* xc = xc_[0];
    for (int i = 0; i < dimension(); ++i) xf[i] = xc[i] = fine_.settings.start[i];
    normals_ = NormalStream(fine_.settings.seed, path, static_cast<StreamLane>(lane_));
    fine_done_ = exit_fine_.start(path, xf, fine_.squared_distance_from_center(xf));
    coarse_done_ = exit_coarse_.start(path, xc, coarse_.squared_distance_from_center(xc));
    return fine_done_ && coarse_done_;
  }

  // One coarse step (two fine ones); true when both paths have ended.
  [[gnu::always_inline]] bool step() {
    std::array<double, kMaxStack> z1{}, z2{};
    double* a = z1.data();
    double* b = z2.data();
    std::array<double, kMaxStack> drift{}, kick{};
    const int d = dimension();
    normals_.fill(a, d);
    normals_.fill(b, d);
    if (!fine_done_) {
      fine_done_ = fine_step(a, drift.data(), kick.data()) || fine_step(b, drift.data(), kick.data());
    }
    if (!coarse_done_) {
      for (int i = 0; i < d; ++i) a[i] = (a[i] + b[i]) * inv_sqrt2_;
      double* x = xc_[0];
      euler_maruyama_step(coarse_.model, d, x, a, coarse_.settings.step, coarse_.noise_scale,
                          StepBuffers{drift.data(), kick.data()});
      ++kc_;
      if (exit_coarse_.exited(x, coarse_.squared_distance_from_center(x))) coarse_done_ = true;
      else if (kc_ == coarse_.settings.max_steps) coarse_done_ = censored_ = true;
    }
    return fine_done_ && coarse_done_;
  }

  std::uint32_t path() const { return path_; }
  PairOutcome outcome() const { return {kf_, kc_, censored_}; }

  // Scratch on the stack: the dimension when it is static, else up to kMaxStack (the
  // multilevel runner refuses larger dimensions).
  static constexpr int kMaxStack = kStaticDimension > 0 ? kStaticDimension : 16;

 private:
  // One fine step; true when the fine path has ended (exited or censored).
  [[gnu::always_inline]] bool fine_step(const double* z, double* drift, double* kick) {
    double* x = xf_[0];
    euler_maruyama_step(fine_.model, dimension(), x, z, fine_.settings.step, fine_.noise_scale,
                        StepBuffers{drift, kick});
    ++kf_;
    if (exit_fine_.exited(x, fine_.squared_distance_from_center(x))) return true;
    if (kf_ == fine_.settings.max_steps) return censored_ = true;
    return false;
  }

  const Run& fine_;
  const Run& coarse_;
  PathVectors<kStaticDimension, 1> xf_, xc_;
  ExitPolicy<ConcreteModel> exit_fine_, exit_coarse_;
  std::uint32_t lane_;
  double inv_sqrt2_;
  NormalStream normals_{0, 0};
  std::uint32_t path_ = 0;
  std::uint64_t kf_ = 0, kc_ = 0;
  bool fine_done_ = false, coarse_done_ = false, censored_ = false;
};

// Paths a worker advances side by side, as run_interleaved does (exit_kernel.hpp).
inline constexpr int kInterleavedPairs = 4;

// Runs pairs [first, last) and calls on_end(pair, outcome) once per pair, in the order they end.
template <template <class> class ExitPolicy, class ConcreteModel, class OnEnd>
void run_interleaved_pairs(const ExitRun<ConcreteModel>& fine, const ExitRun<ConcreteModel>& coarse,
                           std::uint32_t lane, std::uint64_t first, std::uint64_t last, OnEnd&& on_end) {
  using Pair = CoupledExitPath<ExitPolicy, ConcreteModel>;
  auto lanes = [&]<int... L>(std::integer_sequence<int, L...>) {
    return std::array<Pair, kInterleavedPairs>{(static_cast<void>(L), Pair(fine, coarse, lane))...};
  }(std::make_integer_sequence<int, kInterleavedPairs>{});
  std::array<bool, kInterleavedPairs> active{};
  std::uint64_t next = first;
  auto load = [&](int lane_index) __attribute__((noinline)) {
    while (next < last) {
      Pair& p = lanes[lane_index];
      if (!p.start(static_cast<std::uint32_t>(next++))) return true;
      on_end(p.path(), p.outcome());
    }
    return false;
  };
  int running = 0;
  for (int l = 0; l < kInterleavedPairs; ++l) running += (active[l] = load(l)) ? 1 : 0;
  auto advance = [&]<int L>(std::integral_constant<int, L>) {
    if (!active[L] || !lanes[L].step()) return;
    on_end(lanes[L].path(), lanes[L].outcome());
    if (!(active[L] = load(L))) --running;
  };
  while (running > 0)
    [&]<int... L>(std::integer_sequence<int, L...>) {
      (advance(std::integral_constant<int, L>{}), ...);
    }(std::make_integer_sequence<int, kInterleavedPairs>{});
}

}  // namespace ldv::detail
