// Implicit-regularizer paper, Theorem A.1 (the LDP with the action (41)), Appendix A. Its ε = η/m is
// ldv's ε (dx = −∇f dt + √ε Σ dW, D = ΣΣᵀ).
// Paper:            (2) P(sup_t |x(t) − ψ(t)| < δ) ≥ exp(−(S(ψ) + γ)/ε) for small ε (eq. 39), with
//                   S = ½∫(ψ' + ∇f)ᵀ D⁻¹ (ψ' + ∇f) dt (eq. 41); (3) the upper bound (40); (1) compact
//                   sublevel sets (not measurable: a property of the functional).
// First principles: Freidlin–Wentzell Theorem 3.3.1 with the same D⁻¹ weight; at fixed δ the tube rate
//                   is the least action inside the tube (library minimiser), ≤ S(ψ), → S(ψ) as δ → 0.
//                   Here paper and first principles agree; the check measures whether the process obeys
//                   them for a D that neither commutes with the Hessian nor is near I.
// Measurement:      the tube test of escape.lemma1_2.tube_bounds (kit_tube): per δ, the slope of −log P
//                   in 1/ε by importance sampling. (40) is tested there through its consequence for exits.
#include <Eigen/Eigenvalues>

#include "kit_tube.hpp"
#include "ldv/action/time_action.hpp"

namespace ldv::checks {
namespace {

constexpr double kT = 1.0;
const Vector kEnd = Vector::Constant(2, 0.5);                  // ψ(t) = t (0.5, 0.5)
const Matrix kHessian = (Matrix(2, 2) << 1.5, 0.5, 0.5, 1.0).finished();
const Matrix kDiffusion = (Matrix(2, 2) << 0.5, -0.2, -0.2, 0.3).finished();  // eigenvalues 0.18, 0.62

verify::Evidence run(const verify::CheckContext& context) {
  verify::Evidence e;
  e.claim = "Theorem A.1: SGD's diffusion (36) satisfies the LDP with the action (41), "
            "S = ½∫(ψ' + ∇f)ᵀD⁻¹(ψ' + ∇f)dt; in particular P(sup|x − ψ| < δ) ≥ exp(−(S(ψ) + γ)/ε) (39).";
  e.paper_prediction = {"the tube rate at fixed δ is the least action (41) in the tube, at most S(ψ) (39)",
                        "R(δ) = inf_tube ½∫ rᵀD⁻¹r dt ≤ S(ψ)", std::nullopt};
  const QuadraticCase q{"f = ½xᵀHx, H = [[1.5, 0.5], [0.5, 1]], D = [[0.5, −0.2], [−0.2, 0.3]]", kHessian, 1.0};
  const Model model = q.model(kDiffusion);
  const Model root_weight = q.model(Eigen::SelfAdjointEigenSolver<Matrix>(kDiffusion).operatorSqrt());
  const double s_psi = action::time_action(model, straight_path(kEnd, 100), kT);
  verify::Decision decision(context);
  std::vector<TubeRate> rates;
  std::vector<double> radii, fw, root;
  for (double delta : tube_budget(context.profile).radii) {
    rates.push_back(tube_rate(context, model, kEnd, kT, delta, "H, D non-commuting", "regularizer.theorem_a1"));
    radii.push_back(delta);
    fw.push_back(rates.back().infimum.value);
    root.push_back(tube_infimum(root_weight, kEnd, kT, delta).value);
    decision.paper(fw.back(), rates.back().fit.slope).paper(verify::at_most(s_psi), rates.back().fit.slope);
  }
  const TubeRate& finest = rates.back();
  decision.alternative("the escape paper's steepness weight D^{-1/2} (its Definition 3)", root.back(), finest.fit.slope)
      .negative_control("exponent doubled: R = 2 inf_tube S", 2 * finest.infimum.value, finest.fit.slope);
  e.first_principles = verify::Prediction{
      fmt::format("Freidlin–Wentzell (2012) Theorem 3.3.1: the action of dx = −Hx dt + √ε D^{{1/2}} dW weights "
                  "r = ψ' + Hψ by D⁻¹, as (41) says. S(ψ) = {:.5f} for ψ(t) = t(0.5, 0.5) on [0, 1]; the least action "
                  "in the tube (library, projected gradient) R(δ) = {:.4f} for δ = {}; with the weight D^{{-1/2}} it would "
                  "be {:.4f}.",
                  s_psi, fmt::join(fw, ", "), fmt::join(radii, ", "), fmt::join(root, ", ")),
      "R(δ) = inf_tube ½∫ rᵀD⁻¹r dt", std::nullopt};
  const double level = decision.measurement_level();
  e.figures = {tube_ladder_figure("ladder", "−ε log P(tube) against ε/δ², per δ, beside the least action in the tube",
                                  rates, level),
               tube_rate_figure("rate", "Fitted rate against δ", rates, level,
                                {{"(41): least action in the tube (D⁻¹)", radii, fw},
                                 {"S(ψ) (the bound of (39) as γ → 0)", radii, std::vector<double>(radii.size(), s_psi)},
                                 {"weight D^{-1/2} (escape paper's steepness)", radii, root}})};
  decision.apply_to(e);
  return e;
}

}  // namespace

void register_regularizer_theorem_a1(verify::Registry& registry) {
  registry.add({"regularizer.theorem_a1", verify::RecordKind::check, "regularizer", "Theorem A.1, eqs. (39), (41)",
                "The LDP with the action (41): a tube-probability test",
                [](verify::Profile profile) {
                  return nlohmann::json{{"path", "ψ(t) = t (0.5, 0.5), T = 1"}, {"hessian", matrix_text(kHessian)},
                                        {"diffusion", matrix_text(kDiffusion)}, {"budget", tube_budget_json(profile)}};
                },
                run});
}

}  // namespace ldv::checks
