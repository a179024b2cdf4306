#include "proofs_checks/kit_table1.hpp"

#include <cmath>

#include "ldv/stats/interval_policy.hpp"

namespace ldv::checks {

const std::string kTable1Correction = "V0 = r² (Lyapunov) = Xie et al. (2020) with ΔL = ½r²λ_min: no λ";
const std::string kTable1Unreadable =
    "Rows not evaluated: Hu et al. (2017) ('H exp η^{-1} …': too damaged to read); Jastrzębski et al. (2017) ('exp[B "
    "ΔL …] … det H': too damaged to read); Zhu et al. (2019) (N/A in the table); Nguyen et al. (2019) ('2√α (1 + "
    "O(ηδ/2))': α-stable noise, no exponent in B/η to evaluate on a Gaussian model).";

const std::vector<Table1Row>& table1_rows() {
  static const std::vector<Table1Row> rows = {
      {"Ours (continuous, discrete)", "exp[2 (B/η) r² λ^{1/2}] (+ O(√η))", "V₀ = 2r²√λ_min",
       [](double r2, double lambda, double) { return 2 * r2 * std::sqrt(lambda); }},
      {"Xie et al., ΔL = ½r²λ", "exp[2 (B/η) ΔL (s/λ + (1 − s)/|λ'|)], λ' = λ = λ_min", "V₀ = 2ΔL/λ_min = r²",
       [](double, double lambda, double barrier_loss) { return 2 * barrier_loss / lambda; }},
      {"Xie et al., caption's ΔL = r²λ", "the same with the caption's ΔL = r²λ_min", "V₀ = 2r²",
       [](double r2, double, double) { return 2 * r2; }}};
  return rows;
}

const std::vector<QuadraticCase>& table1_cases() {
  static const std::vector<QuadraticCase> cases = {{"H = diag(2, 5), r = 1", diagonal({2, 5}), 1.0},
                                                   {"H = 4 diag(2, 5), r = 1", 4.0 * diagonal({2, 5}), 1.0}};
  return cases;
}

std::vector<Table1Case> measure_table1(BarrierTable& table) {
  std::vector<Table1Case> out;
  for (const QuadraticCase& c : table1_cases()) {
    Table1Case m;
    m.quadratic = &c;
    m.lambda_min = c.lambda_min();
    m.barrier_loss = 0.5 * c.r2() * m.lambda_min;  // ΔL = min over |θ| = r of ½θᵀHθ (Assumption 1)
    std::vector<std::pair<std::string, double>> drawn;
    for (const Table1Row& r : table1_rows()) {
      m.predicted.push_back(r.v0(c.r2(), m.lambda_min, m.barrier_loss));
      drawn.emplace_back(r.name, m.predicted.back());
    }
    table.measure({c.model(c.hessian), c.radius, c.lambda_max(), "C = H, " + c.label, "table1 " + c.label},
                  m.lambda_min, drawn);
    m.loss = stats::normal_estimate("ΔL = min over the sphere of L, " + c.label, m.barrier_loss, 0.0, 1e-12,
                                    "exact: ½r²λ_min(H) for L = ½θᵀHθ (± 1e-12 rounding)");
    out.push_back(std::move(m));
  }
  const std::size_t first = table.rows().size() - out.size();  // the table's rows no longer move
  for (std::size_t i = 0; i < out.size(); ++i) out[i].row = &table.rows()[first + i];
  return out;
}

}  // namespace ldv::checks
