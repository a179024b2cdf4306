#pragma once
// Is a sample exponential? As ε → 0 the exit time scaled by its mean, τ/E[τ], tends to
// Exp(1) in law (Freidlin & Wentzell, Ch. 4 §4; M. V. Day, Stochastics 8 (1983) 297–323);
// the escape paper uses it in the proof of its Theorem 5 (Lemma 6: "this is a simple
// exponential distribution"). The test statistic is the Kolmogorov–Smirnov distance of the
// sample, scaled by its own mean, from Exp(1):
//   D̂ = sup_x |F_n(x m) − (1 − e^{−x})|,   F_n the empirical CDF, m the sample mean.
//
// Two uses of it:
// 1. exponential_law_distance: an Estimate of the population quantity
//      δ = sup_x |P(τ/μ ≤ x) − (1 − e^{−x})|,   μ = E[τ],
//    whose interval at confidence c = 1 − α holds at every finite n and for any law of τ
//    (not only under the exponential hypothesis): with ρ = m/μ, y = xρ, the triangle
//    inequality gives |D̂ − δ| ≤ sup|F_n − F| + h(ρ), h(ρ) = sup_y |e^{−y/ρ} − e^{−y}|, and
//    with probability ≥ 1 − α/2 each
//      sup|F_n − F| ≤ t = √(ln(4/α)/(2n))   (Dvoretzky–Kiefer–Wolfowitz with Massart's
//        constant, P(sup|F_n − F| > t) ≤ 2e^{−2nt²} for every F: P. Massart, Ann. Probab. 18
//        (1990) 1269–1283),
//      |ρ − 1| ≤ u = z_{1−α/4} ŝ/(m√n)   (the normal interval of the mean, ŝ the sample
//        standard deviation),
//    so δ ∈ [D̂ − t − h*, D̂ + t + h*] ∩ [0, 1], h* = max(h(1 − u), h(1 + u)). Holding the
//    prediction δ = 0 against it is a test of the composite hypothesis "exponential with an
//    unknown mean" that is conservative at every level — needed because the decision rule
//    draws intervals at Bonferroni levels (99.9 % and beyond) that no table reaches.
// 2. The classical Lilliefors-type test at the tabulated levels: with the mean estimated from
//    the same sample the plain Kolmogorov quantiles are far too lenient (H. W. Lilliefors,
//    JASA 64 (1969) 387–389, the exponential case). Stephens's modified statistic
//      D* = (D̂ − 0.2/n)(√n + 0.26 + 0.5/√n)
//    has percentage points nearly free of n: 0.926, 0.990, 1.094, 1.190, 1.308 at 15, 10, 5,
//    2.5 and 1 % (M. A. Stephens, JASA 69 (1974) 730–737, Table 1A, "exponential, scale
//    estimated"; D'Agostino & Stephens, Goodness-of-Fit Techniques (1986), Table 4.11).
#include <cstdint>
#include <string>
#include <vector>

#include "ldv/core/estimate.hpp"

namespace ldv::stats {

struct ExponentialKolmogorovSmirnov {
  std::uint64_t n = 0;
  double mean = 0.0;                // m
  double std_deviation = 0.0;       // ŝ (unbiased)
  double distance = 0.0;            // D̂
  double stephens_statistic = 0.0;  // D*
};

// D̂ and D* of `sample` (at least 2 finite values >= 0, mean > 0; InvalidInput otherwise).
ExponentialKolmogorovSmirnov exponential_kolmogorov_smirnov(const std::vector<double>& sample);

// Stephens's critical value of D* at significance 0.15, 0.10, 0.05, 0.025 or 0.01
// (InvalidInput at any other level: the table has no more).
double stephens_exponential_critical_value(double significance);
// The smallest tabulated significance at which D* rejects the exponential law, or 1 when
// it rejects at none (p > 0.15).
double stephens_exponential_rejection_level(double stephens_statistic);

// t with P(sup|F_n − F| > t) <= 1 − confidence by Dvoretzky–Kiefer–Wolfowitz–Massart.
double dkw_half_width(std::uint64_t n, double confidence);
// h(ρ) = sup_{y ≥ 0} |e^{−y/ρ} − e^{−y}|, the KS distance between Exp(1) and Exp with mean
// ρ > 0: at y* = ρ ln ρ /(ρ − 1) (h(1) = 0).
double exponential_scale_distance(double ratio);

// The Estimate of δ described in 1. above; `method` says what was sampled. The method text
// adds n, D̂ and the Stephens test's outcome.
Estimate exponential_law_distance(std::string name, const std::vector<double>& sample, std::string method);

}  // namespace ldv::stats
