#pragma once
// Table 1 of the escape paper (§1.1), shared by the check escape.table1 and the reproduction
// escape.table1.rendered: the readable rows as exponents V₀ of exp(V₀/ε) with ε = η/B, the rows too
// damaged to read (not guessed), the two quadratic cases with SGD's noise C = H, and their measurement.
//  * Ours (continuous SGD): exp[2 (B/η) r² λ^{1/2}] → V₀ = 2r²√λ_min; the discrete row adds O(√η) only.
//  * Xie et al. (2020): exp[2 (B/η) ΔL (s/λ + (1 − s)/|λ'|)] (prefactor aside) → V₀ = 2ΔL/λ: on a quadratic the
//    Hessian along the escape path is H everywhere, so λ' = λ = λ_min (escape along e_min) and s drops out;
//    ΔL = min over the sphere of L = ½r²λ_min (Assumption 1's L).
//  * Xie et al. with the caption's ΔL = r²λ: V₀ = 2r².
#include <string>
#include <vector>

#include "ldv/core/estimate.hpp"
#include "proofs_checks/check_kit.hpp"

namespace ldv::checks {

// One readable row of Table 1: its name (the label drawn in the check's figure), the formula as the
// table prints it, V₀ as a formula, and V₀ given r², λ_min and ΔL.
struct Table1Row {
  std::string name;
  std::string printed;     // the table's exp[…]
  std::string v0_formula;  // "V₀ = 2r²√λ_min"
  double (*v0)(double r2, double lambda_min, double barrier_loss);
};
// Ours (continuous, discrete); Xie et al. with ΔL = ½r²λ_min; Xie et al. with the caption's ΔL = r²λ.
const std::vector<Table1Row>& table1_rows();

extern const std::string kTable1Unreadable;  // the rows not evaluated, and why
extern const std::string kTable1Correction;  // "V0 = r² (Lyapunov) = Xie et al. (2020) with ΔL = ½r²λ_min: no λ"

// H = diag(2, 5) and 4·diag(2, 5), r = 1.
const std::vector<QuadraticCase>& table1_cases();

// One case measured: V₀ on the profile's ladder (BarrierTable, C = H, the check's seeds), each readable
// row's V₀, and ΔL exactly.
struct Table1Case {
  const QuadraticCase* quadratic = nullptr;
  double lambda_min = 0.0;
  double barrier_loss = 0.0;       // ΔL = min over |θ| = r of ½θᵀHθ = ½r²λ_min (Assumption 1)
  std::vector<double> predicted;   // V₀ of each of table1_rows()
  const BarrierTable::Row* row = nullptr;  // first principles and the measured V₀ (owned by the table)
  Estimate loss;                   // ΔL, exact (± 1e-12 rounding)
};
// Measures every case of table1_cases() into `table` (same salts, so the same numbers whoever calls it).
// The rows point into `table`: keep it alive and measure nothing more into it.
std::vector<Table1Case> measure_table1(BarrierTable& table);

}  // namespace ldv::checks
