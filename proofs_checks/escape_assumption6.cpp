// Escape paper, Assumption 6 (§4.1): "½∇Wᵀ C^{1/2} ∇W − ∇L·∇W = 0, W(0) = 0 has a unique
// solution" — used in the proofs of Theorems 1 and 3 to identify V from its equation.
// Paper:            one solution, so a W that solves the equation is the quasi-potential.
// First principles: for linear drift −Hθ every Hᵀ-invariant subspace gives a classical solution,
//                   the quasi-potential of the projected process (quasipotential/
//                   quadratic_hj_solutions.hpp): 2^d quadratic forms, W ≡ 0 among them, in the
//                   paper's equation and in the Freidlin–Wentzell one alike. The quasi-potential is
//                   the maximal one (Lyapunov); every other vanishes somewhere on the sphere, so
//                   its exit exponent would be 0.
// Measurement:      the number of family members with residual 0 (rounding) in each equation, for
//                   C = H = diag(1, 4); the exit slope, which selects the member that is the exponent.
#include "check_kit.hpp"
#include "ldv/action/metric_hamilton_jacobi.hpp"
#include "ldv/core/matrix_functions.hpp"
#include "ldv/measure/hj_residual.hpp"
#include "ldv/quasipotential/quadratic_hj_solutions.hpp"

namespace ldv::checks {
namespace {

const QuadraticCase kCase{"C = H = diag(1, 4), r = 1", diagonal({1, 4}), 1.0};
const std::string kCorrection = "2^d classical solutions; the quasi-potential is the maximal one (Lyapunov), V0 = r²";

verify::Evidence run(const verify::CheckContext& context) {
  verify::Evidence e;
  e.claim = "Assumption 6: for a potential W, the Hamilton–Jacobi equation ½∇W(θ)ᵀC(θ)^{1/2}∇W(θ) − ∇L(θ)·∇W(θ) = 0 "
            "with W(0) = 0 has a unique solution (so that the solution found in the proofs of Theorems 1 and 3 is the "
            "quasi-potential).";
  e.paper_prediction = {"exactly one solution with W(0) = 0", "#solutions = 1", std::nullopt};
  verify::Decision decision(context);
  decision.asserts("unique", "the equation with W(0) = 0 determines W, so any solution found is the quasi-potential")
      .correction_effect(kCorrection, "unique", verify::DependenceChange::removes);
  const Model model = kCase.model(kCase.hessian);
  const Matrix points = measure::circle_points(kCase.radius, 12);
  const double d = static_cast<double>(model.dimension());
  const auto paper_family =
      quasipotential::quadratic_hamilton_jacobi_solutions(kCase.hessian, symmetric_power("C", kCase.hessian, 0.5));
  const auto fw_family = quasipotential::quadratic_hamilton_jacobi_solutions(kCase.hessian, kCase.hessian);
  const auto in_paper = measure::count_classical_solutions("classical solutions of the paper's equation (C^{1/2}), " +
                                                               kCase.label,
                                                           model, action::diffusion_root_metric(model), paper_family,
                                                           points, kCase.radius);
  const auto in_fw = measure::count_classical_solutions("classical solutions of the FW equation (C), " + kCase.label,
                                                        model, action::diffusion_metric(model), fw_family, points,
                                                        kCase.radius);
  decision.paper(1.0, in_paper.count)
      .paper(1.0, in_fw.count)
      .correction(kCorrection, std::pow(2.0, d), in_paper.count)
      .correction(kCorrection, std::pow(2.0, d), in_fw.count);
  // Which solution is the exit exponent: the exit slope against each member's minimum on the sphere.
  BarrierTable table(context, "case");
  std::vector<std::pair<std::string, double>> members;
  for (std::size_t k = 0; k < fw_family.size(); ++k) members.emplace_back(fw_family[k].label, in_fw.sphere_minimum[k]);
  const auto& row = table.measure({model, kCase.radius, kCase.lambda_max(), kCase.label, "assumption6 " + kCase.label},
                                  1.0, members);
  decision.correction(kCorrection, in_fw.sphere_minimum.back(), row.measured.barrier)
      .alternative("a non-maximal solution is the exponent (W ≡ 0 or a partial form: V0 = 0)", in_fw.sphere_minimum.front(),
                   row.measured.barrier)
      .negative_control("exponent doubled: V0 = 2 × the maximal solution's", 2 * in_fw.sphere_minimum.back(),
                        row.measured.barrier);
  std::string family_text;
  for (std::size_t k = 0; k < fw_family.size(); ++k)
    family_text += fmt::format("{}{}: FW max|R| = {:.1e}, paper's max|R| = {:.1e}, min on the sphere {:.4g}",
                               k ? "; " : "", fw_family[k].label, in_fw.max_residual[k], in_paper.max_residual[k],
                               in_fw.sphere_minimum[k]);
  e.first_principles = verify::Prediction{
      "For the drift −Hθ, each set S of eigenvectors of H spans coordinates y = U_Sᵀθ with a closed equation "
      "dy = −Λ_S y dt + √ε U_SᵀC^{1/2}dW; its quasi-potential V_S(θ) = ½yᵀΣ_S⁻¹y (Λ_SΣ_S + Σ_SΛ_S = U_SᵀMU_S) "
      "solves the HJ equation of metric M, with V_S(0) = 0 — 2^d = 4 classical solutions for d = 2 (for diagonal H "
      "and C = H in the FW equation: 0, θ₁², θ₂², |θ|²), W ≡ 0 included. The quasi-potential is the maximal "
      "(viscosity) solution, the Lyapunov one; every other vanishes on part of the sphere. Family: " + family_text +
          ". Exit slope: " + table.first_principles_values() + ".",
      kCorrection, std::nullopt};
  e.figures = table.figures(decision, "Fitted V₀ against each classical solution's minimum on the sphere");
  e.figures.push_back(measure::solution_family_figure("The classical solutions V_S of the FW equation on the unit circle",
                                                      fw_family, kCase.radius));
  decision.apply_to(e);
  return e;
}

}  // namespace

void register_escape_assumption6(verify::Registry& registry) {
  registry.add({"escape.assumption6", verify::RecordKind::check, "escape", "Assumption 6",
                "Uniqueness of the HJ solution with W(0) = 0",
                [](verify::Profile profile) {
                  return check_parameters(profile, {{"cases", cases_json({kCase})}, {"diffusion", "hessian (C = H)"}});
                },
                run});
}

}  // namespace ldv::checks
