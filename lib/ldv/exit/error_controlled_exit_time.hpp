#pragma once
// Mean exit time to a relative total error: multilevel Monte Carlo (Giles 2008, Oper. Res.
// 56(3), Algorithm of §5; for exit times Higham, Mao, Roj, Song & Yin 2013, SIAM/ASA JUQ 1)
// over the Gobet–Menozzi (or discrete) estimator, with steps h_l = h₀ 2^{−l} chosen by the
// algorithm, and an interval that covers the discretisation bias as well as the statistics.
//
//   P = Σ_{l=0}^{L} Ŷ_l,  Ŷ_0 = mean of τ_{h₀},  Ŷ_l = mean of τ_{h_l} − τ_{2h_l} (multilevel_level.hpp),
//   E[P] = E[τ_{h_L}]: the estimate carries the bias of the finest step only.
//
// Bias estimate. Gobet–Menozzi's error expands as b(h) = a₂h + a₃h^{3/2} + … (tests/test_exit.cpp
// fitted it; on Example 3.1 the two terms have opposite signs, a₂ ≈ −16 E[τ], a₃ ≈ +100 E[τ],
// so the first-order rule b(h_L) ≈ −E[Y_L] would underestimate the bias). Since
// E[Y_l] = b(h_l) − b(2h_l), the two finest correction levels determine a₂ and a₃:
//   b̂(h_L) = −2.094 Ŷ_L + 0.547 Ŷ_{L−1}   (exact for the two-term expansion; −Ŷ_L when a₃ = 0),
// and the estimate is an upper confidence bound on |b(h_L)|:
//   bias_estimate = |b̂| + z·se(b̂)   (one correction level: |Ŷ_L| + z·se(Ŷ_L)).
// The interval is the one policy of stats/interval_policy.hpp,
//   P ± (z·se(P) + bias_estimate),  se(P)² = Σ V_l/N_l,  z = Φ⁻¹((1 + confidence)/2),
// and its coverage of the exact E[τ] is measured, not assumed (bench/bench_error_control.cpp,
// tests/test_error_control.cpp).
//
// Error control: the total half-width z·se(P) + bias_estimate must not exceed tolerance·|P|.
// The bias gets at most half of it: levels are added (or, when the bias estimate is mostly
// its own noise, paths on the two finest levels) while bias_estimate > tolerance·|P|/2. The
// statistics get the rest, S = tolerance·|P| − bias_estimate (>= half; only the total
// matters), and each level N_l = ⌈(z/S)² √(V_l/C_l) Σ_k √(V_k C_k)⌉ paths (C_l the measured
// steps per sample), the allocation that minimises the cost for that variance.
//
// Step scheme: problem.scheme, Euler or the exponential step (sim/exponential_euler.hpp),
// whose far smaller bias lets the ladder stop at coarser steps.
// Every sum is exact (integers), so the result is bitwise the same for any thread count.
#include <cstdint>
#include <string>
#include <vector>

#include "ldv/exit/exit_time.hpp"
#include "ldv/exit/multilevel_level.hpp"

namespace ldv {

struct ErrorControlSettings {
  double tolerance = 0.01;           // relative total error (bias + interval half-width), in (0, 1)
  double confidence = 0.95;
  std::uint64_t seed = 1;
  int threads = 0;                   // 0: all cores
  std::uint64_t pilot_paths = 2000;  // paths a new level starts with (>= 100)
  int max_levels = 12;               // finest level L allowed (h_L = h₀ 2^{−L})
};

struct ErrorControlledExitTime {
  double value = 0.0;          // P
  double std_error = 0.0;      // se(P)
  double bias_estimate = 0.0;  // see above
  double half_width = 0.0;     // z·se(P) + bias_estimate
  double ci_low = 0.0, ci_high = 0.0;
  double confidence = 0.95;
  bool tolerance_met = false;  // half_width <= tolerance·|value|
  double coarsest_step = 0.0, finest_step = 0.0;
  std::vector<LevelSample> levels;  // level 0 first
  std::uint64_t steps_simulated = 0;
  std::uint64_t censored = 0;  // paths or pairs that reached the horizon (their time counts as the horizon)
  double elapsed_seconds = 0.0;
  std::vector<std::string> warnings;
};

// problem.step is the coarsest step h₀; problem.estimator gobet_menozzi or discrete.
// InvalidInput for a tolerance outside (0, 1), a confidence outside (0, 1), pilot_paths < 100,
// max_levels outside [1, 20], and whatever ldv::validate refuses for the coarsest level.
ErrorControlledExitTime estimate_exit_time_to_tolerance(const ExitTimeProblem& problem,
                                                        const ErrorControlSettings& settings);

}  // namespace ldv
