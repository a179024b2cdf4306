// Escape paper, Theorem 3's proof (Section 5): its eigenvalue steps besides Lemmas 3 and 4, under Assumption 7
// (C = HG a covariance, G "positive invertible" with c₁ ≤ λ(G) ≤ c₂).
// Paper:            (i)   λ_max(G^{-1/2}) = 1/λ_min(G^{1/2})       (the step λ_max(A⁻¹) = 1/λ_min(A));
//                   (ii)  (HG)^{-1/2} = G^{-1/2}H^{-1/2}              (in ∇V = 2C^{-1/2}∇L);
//                   (iii) min over |θ| = r of θᵀMθ = r² λ_min(M),  M = G^{-1/2}H^{1/2}   (V₀ from V = θᵀMθ).
// First principles: G = H⁻¹C has real positive spectrum (similar to H^{-1/2}CH^{-1/2}), so (i) holds always.
//                   (ii) needs H and G to commute ((HG)^{-1/2} is the unique positive-spectrum root, and
//                   G^{-1/2}H^{-1/2} squared is G^{-1/2}H^{-1/2}G^{-1/2}H^{-1/2} = (HG)⁻¹ only when they commute);
//                   (iii) is Rayleigh–Ritz, true for symmetric M only: θᵀMθ = θᵀ sym(M) θ, and M is symmetric
//                   iff HG = GH. Commuting case: G is SPD and every step holds.
// Measurement:      the largest deviation a search over (H, G) pairs finds, commuting and not.
#include "kit_eigenvalues.hpp"

namespace ldv::checks {
namespace {

using measure::lambda_max;
using measure::lambda_min;
using measure::MatrixPairClass;
using measure::principal_power;
// The pair is (A, B) = (H, G).
const std::vector<measure::MatrixStatement> kSteps = {
    measure::matrix_statement("(i) λ_max(G^{-1/2}) = 1/λ_min(G^{1/2})", "λ_max(G^{-1/2})", "1/λ_min(G^{1/2})",
                              measure::Claimed::equals,
                              [](const auto& h, const auto& g) {
                                (void)h;
                                using S = typename std::decay_t<decltype(g)>::Scalar;
                                return measure::sides(lambda_max(principal_power(g, S(-0.5))),
                                                      S(1) / lambda_min(principal_power(g, S(0.5))));
                              }),
    measure::matrix_statement(
        "(ii) (HG)^{-1/2} = G^{-1/2}H^{-1/2}", "‖(HG)^{-1/2} − G^{-1/2}H^{-1/2}‖_F / ‖(HG)^{-1/2}‖_F", "0",
        measure::Claimed::equals,
        [](const auto& h, const auto& g) {
          using S = typename std::decay_t<decltype(g)>::Scalar;
          return measure::sides(measure::relative_difference(principal_power(h * g, S(-0.5)),
                                                             principal_power(g, S(-0.5)) * principal_power(h, S(-0.5))),
                                S(0), S(1));
        }),
    measure::matrix_statement("(iii) min_{|θ|=1} θᵀMθ = λ_min(M), M = G^{-1/2}H^{1/2}", "min_{|θ|=1} θᵀMθ", "λ_min(M)",
                              measure::Claimed::equals, [](const auto& h, const auto& g) {
                                using S = typename std::decay_t<decltype(g)>::Scalar;
                                const auto m = (principal_power(g, S(-0.5)) * principal_power(h, S(0.5))).eval();
                                return measure::sides(lambda_min(measure::symmetric_part(m)), lambda_min(m));
                              })};
// The power control: a false step on commuting pairs (the eigenvalues of H and G need not pair up at the minimum).
const auto kFalse = measure::matrix_statement(
    "λ_min(HG) = λ_min(H) λ_min(G)", "λ_min(HG)", "λ_min(H) λ_min(G)", measure::Claimed::equals,
    [](const auto& h, const auto& g) { return measure::sides(lambda_min(h * g), lambda_min(h) * lambda_min(g)); });
const std::vector<MatrixPairClass> kClasses = {MatrixPairClass::covariance_factor_commuting,
                                               MatrixPairClass::covariance_factor};
const std::string kCorrection = "the steps hold when HG = GH (then G is SPD)";

verify::Evidence run(const verify::CheckContext& context) {
  verify::Evidence e;
  e.claim = "Theorem 3's proof under Assumption 7 (C = HG): (i) λ_max(G^{-1/2}) = 1/λ_min(G^{1/2}); (ii) "
            "(HG)^{-1/2} = G^{-1/2}H^{-1/2}, giving V(θ) = θᵀG^{-1/2}H^{1/2}θ; (iii) V₀ = min over |θ| = r of V = "
            "r² λ_min(G^{-1/2}H^{1/2}) (the proof's factor 2 aside).";
  e.paper_prediction = {"each step holds for every pair (H, G) of Assumption 7: the largest relative deviation is 0 "
                        "(to rounding), commuting or not",
                        "max deviation ≤ 0 (to rounding) for every Assumption-7 pair", std::nullopt};
  std::vector<measure::MatrixSearchResult> steps;
  for (std::size_t i = 0; i < kSteps.size(); ++i)
    steps.push_back(measure::search_matrix_statement(
        kSteps[i], eigenvalue_search(context, kClasses, fmt::format("theorem3 eigenvalue step {}", i))));
  const auto control = measure::search_matrix_statement(
      kFalse, eigenvalue_search(context, {MatrixPairClass::covariance_factor_commuting}, "theorem3 power control"));
  verify::Decision decision(context);
  decision.asserts("scope", "the steps hold for every G of Assumption 7, including G = H⁻¹C with HG ≠ GH")
      .correction_effect(kCorrection, "scope", verify::DependenceChange::removes);
  std::vector<std::pair<std::string, const measure::ClassSearch*>> rows;
  for (const auto& step : steps)
    for (const auto& c : step.classes) {
      decision.paper(verify::at_most(0.0), c.max_violation);
      if (c.pair_class == MatrixPairClass::covariance_factor_commuting)
        decision.correction(kCorrection, verify::at_most(0.0), c.max_violation);
      rows.push_back({step.statement.substr(0, step.statement.find(' ')) + ", " + measure::to_string(c.pair_class), &c});
    }
  const auto& controlled = control.of(MatrixPairClass::covariance_factor_commuting);
  decision.negative_control("power control: the false λ_min(HG) = λ_min(H) λ_min(G) holds on commuting pairs",
                            verify::at_most(0.0), controlled.max_violation);
  rows.push_back({"power control (false), covariance_factor_commuting", &controlled});
  e.first_principles = verify::Prediction{
      "G = H⁻¹C is similar to the SPD matrix H^{-1/2}CH^{-1/2}, so it has a real positive spectrum and principal "
      "powers, and (i) holds for every such G. (ii): (HG)^{-1/2} is the unique matrix with positive spectrum whose "
      "square is (HG)⁻¹ = G⁻¹H⁻¹, while (G^{-1/2}H^{-1/2})² = G^{-1/2}H^{-1/2}G^{-1/2}H^{-1/2} equals it only when H "
      "and G commute. (iii): θᵀMθ = θᵀ sym(M) θ, so the minimum over the sphere is r² λ_min((M + Mᵀ)/2), which is "
      "r² λ_min(M) for symmetric M; M = G^{-1/2}H^{1/2} is symmetric iff HG = GH. Under Assumption 7 read with "
      "G SPD, C = HG symmetric forces HG = GH and every step holds; with G = H⁻¹C general (what 'C = HG a covariance' "
      "allows) (ii) and (iii) fail.",
      kCorrection, std::nullopt};
  e.figures = {violation_figure("Largest deviation of each step by class (commuting or not), and of the power control",
                                rows, decision)};
  decision.apply_to(e);
  return e;
}

}  // namespace

void register_escape_theorem3_eigenvalue_steps(verify::Registry& registry) {
  registry.add({"escape.theorem3_proof.eigenvalue_steps", verify::RecordKind::check, "escape",
                "Theorem 3, proof (Section 5)", "The eigenvalue steps of Theorem 3's proof under Assumption 7",
                [](verify::Profile profile) { return nlohmann::json{{"search", eigenvalue_search_json(profile)}}; },
                run});
}

}  // namespace ldv::checks
