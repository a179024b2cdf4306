#pragma once
// The statement the escape paper cites for Theorem 2 (Gobet & Menozzi 2010, Theorem 17 with
// g = 0, f = 1, k = 0), in the regime where it holds: ε fixed, step h → 0. The exit time of
// a path monitored only on the grid (exit estimator "discrete": E[ν] of the discrete chain)
// is late by O(√h) — the boundary is effectively pushed out by c₀|σᵀn|√(εh) — and the
// Gobet–Menozzi shifted boundary removes that term, leaving O(h).
//
// Measurement: Monte Carlo mean exit times of both estimators (exit/exit_time.hpp) on a
// ladder of h at fixed ε, their errors e(h) = E_h − E[τ] against the exact E[τ]
// (reference/ou_exit_time.hpp), and the expansion e(h) = a₀ + a₁√h + a₂h + a₃h^{3/2} fitted
// by weighted least squares (weights from the Monte Carlo standard errors). The expansion,
// not a single power: on a practical ladder the next term bends a log–log line (see
// tests/test_exit.cpp). a₀ = 0 says the error vanishes as h → 0; a₁ is the √h term.
// Systematic (fit-model) error of each coefficient: its change when the h² term is added,
// both fits applied to the exact values of the same estimators on the same ladder — the
// Nyström solutions of the discrete Dynkin equation (reference/discrete_dynkin.hpp) for the
// chain on the ball, and on the ball shrunk by the (constant, isotropic) Gobet–Menozzi shift.
// Model: L(θ) = ½ λ|θ|² in d dimensions, C = s² I, ball of radius r around θ* = 0, from θ*.
#include <cstdint>
#include <string>
#include <vector>

#include "ldv/core/estimate.hpp"
#include "ldv/exit/estimator.hpp"
#include "ldv/stats/regression.hpp"

namespace ldv::measure {

struct MonitoringCase {
  std::string label;       // e.g. "1-D, λ = 1, s = 1, r = 1, ε = 0.5"
  int dimension = 1;
  double curvature = 1.0;  // λ
  double noise = 1.0;      // s
  double radius = 1.0;     // r
  double eps = 0.5;        // ε, fixed
};

struct MonitoringLevel {
  double step = 0.0;
  double mean = 0.0, std_error = 0.0;  // Monte Carlo E_h and its standard error
  double exact = 0.0;                  // the same estimator's exact mean (Nyström)
};

struct MonitoringSeries {
  ExitEstimator estimator = ExitEstimator::discrete;
  std::vector<MonitoringLevel> levels;
  stats::WeightedFit fit;        // on (1, √h, h, h^{3/2}) of the Monte Carlo errors
  std::vector<double> exact_fit; // the same fit of the exact errors (coefficients a₀ … a₃)
  Estimate constant;             // a₀: "… error at h → 0, <estimator>, <label>"
  Estimate root_coefficient;     // a₁: "… coefficient of √h, <estimator>, <label>"
  Estimate linear_coefficient;   // a₂: "… coefficient of h, <estimator>, <label>" (the order-1 term)
};

struct MonitoringBias {
  MonitoringCase monitoring_case;
  double exit_time = 0.0;             // exact E[τ]
  // Gobet & Menozzi's first-order term of the discrete estimator: the exit time of the ball
  // enlarged by c₀ s √(εh), i.e. a₁ = c₀ s √ε ∂E[τ]/∂r (derivative of the exact reference).
  double predicted_root_coefficient = 0.0;
  MonitoringSeries discrete, gobet_menozzi;
  double elapsed_s = 0.0;
};

// steps: at least 5 distinct h > 0. InvalidInput naming the value otherwise.
MonitoringBias measure_monitoring_bias(const MonitoringCase& c, const std::vector<double>& steps, std::uint64_t paths,
                                       std::uint64_t seed, int threads);

}  // namespace ldv::measure
