// Escape paper, Table 1 (§1.1) and its caption: the escape times of other studies beside the
// paper's, "all consistent because ΔL has an implicit dependency on λ and r² … ΔL = r²λ under
// Assumption 1". Evaluated on quadratic models with SGD's noise C = H (ε = η/B), exponents only.
// Readable rows and the constants they need (proofs_checks/kit_table1.hpp, shared with the reproduction
// escape.table1.rendered):
//  * Ours (continuous SGD): exp[2 (B/η) r² λ^{1/2}]  → V₀ = 2r²√λ_min.
//  * Ours (discrete SGD): the same exponent + O(√η) → the same V₀ (the discrete chain itself is
//    escape.theorem2's measurement).
//  * Xie et al. (2020): exp[2 (B/η) ΔL (s/λ + (1 − s)/|λ'|)] (prefactor aside) → V₀ = 2ΔL/λ: on a
//    quadratic the Hessian along the escape path is H everywhere, so λ' = λ = λ_min (escape along
//    e_min, the lowest boundary loss) and s drops out; ΔL = min over the sphere of L = ½r²λ_min
//    (Assumption 1's L). With the caption's ΔL = r²λ instead, V₀ = 2r².
// Rows too damaged to read (not guessed): Hu et al. (2017), Jastrzębski et al. (2017); Zhu et al.
// (2019) is N/A in the table itself; Nguyen et al. (2019) is for α-stable noise (no exponent in B/η
// to evaluate on a Gaussian model).
// Measurement:      V₀ (slope of log E[τ] in 1/ε) for H = diag(2, 5) and 4·diag(2, 5), r = 1; ΔL exactly.
#include "check_kit.hpp"
#include "kit_table1.hpp"

namespace ldv::checks {
namespace {

verify::Evidence run(const verify::CheckContext& context) {
  verify::Evidence e;
  e.claim = "Table 1: the paper's continuous and discrete escape times exp[2 (B/η) r² λ^{1/2}] (+ O(√η)) beside "
            "Xie et al. (2020)'s exp[2 (B/η) ΔL (s/λ + (1 − s)/|λ'|)]; the caption: the opposite λ-dependences are "
            "consistent because ΔL = r²λ under Assumption 1. " + kTable1Unreadable;
  e.paper_prediction = {"V₀ = 2r²√λ_min (both of the paper's rows); ΔL = r²λ_min (caption)", "V0 = 2r²√λ; ΔL = r²λ",
                        std::nullopt};
  verify::Decision decision(context);
  decision.asserts("lambda", "the exit exponent grows with the sharpness (as √λ), consistently with Xie et al.")
      .correction_effect(kTable1Correction, "lambda", verify::DependenceChange::removes);
  BarrierTable table(context, "λ_min(H)");
  for (const Table1Case& c : measure_table1(table)) {
    const double ours = c.predicted[0], xie_caption = c.predicted[2], r2 = c.quadratic->r2();
    const auto& row = *c.row;
    decision.paper(ours, row.measured.barrier)
        .paper(r2 * c.lambda_min, c.loss)
        .correction(kTable1Correction, row.first_principles.value(), row.measured.barrier)
        .correction(kTable1Correction, c.barrier_loss, c.loss)
        .alternative("Xie et al. with the caption's ΔL = r²λ: V0 = 2r²", xie_caption, row.measured.barrier)
        .negative_control("isotropic-noise exponent r²λ_min (noise shape ignored)", r2 * c.lambda_min,
                          row.measured.barrier);
  }
  e.first_principles = verify::Prediction{
      "With C = H: Lyapunov gives V = |θ|², V₀ = r² for every H. Xie et al.'s exponent on a quadratic: the Hessian is "
      "H along the whole escape path, so λ' = λ and s drops out; escaping along e_min, ΔL = ½r²λ_min and V₀ = 2ΔL/λ = "
      "r² — Xie et al.'s row agrees with first principles, and neither depends on λ. With the caption's ΔL = r²λ "
      "(the proofs' L = θᵀHθ) it gives 2r², still λ-free, while the paper's rows give 2r²√λ: the rows are not "
      "consistent with each other. Values: " + table.first_principles_values() + ". " + kTable1Unreadable,
      kTable1Correction, std::nullopt};
  e.figures = table.figures(decision, "Fitted V₀ against λ_min with the rows of Table 1");
  decision.apply_to(e);
  return e;
}

}  // namespace

void register_escape_table1(verify::Registry& registry) {
  registry.add({"escape.table1", verify::RecordKind::check, "escape", "Table 1 and its caption",
                "Table 1's readable rows on quadratic models",
                [](verify::Profile profile) {
                  return check_parameters(profile, {{"cases", cases_json(table1_cases())}, {"diffusion", "hessian (C = H)"},
                                                    {"xie_constants", "λ' = λ = λ_min, ΔL = ½r²λ_min (s drops out)"}});
                },
                run});
}

}  // namespace ldv::checks
