// Escape paper, Lemma 3 (Section 5; proof: Appendix C): λ_min(A⁻¹B⁻¹) ≤ λ_max(A⁻¹) λ_min(B⁻¹) for positive
// invertible A, B.
// Reading:          "positive" is the paper's word for G of Assumption 7 ("a positive invertible matrix" with
//                   C = HG a covariance), which is G = H⁻¹C: real positive spectrum, symmetric only when
//                   HG = GH. So the hypothesis class read here is "invertible with real positive spectrum":
//                   SPD pairs (commuting or not) and non-symmetric diagonalisable pairs with positive spectrum.
//                   (The proof cites Bhatia's Corollary III.4.6, where "positive" means positive semidefinite
//                   Hermitian; under that narrower reading the lemma is the corrected statement below.)
// First principles: for SPD A, B: λ_min(A⁻¹B⁻¹) = 1/λ_max(BA) = 1/λ_max(A^{1/2}BA^{1/2}), and with v the top
//                   eigenvector of B, λ_max(A^{1/2}BA^{1/2}) ≥ vᵀBv / vᵀA⁻¹v ≥ λ_max(B)/λ_max(A⁻¹) = λ_min(A)λ_max(B),
//                   which is the lemma. Non-symmetric pairs: no such argument.
// Measurement:      the largest violation a search finds per class, re-verified in long double.
#include "kit_eigenvalues.hpp"

namespace ldv::checks {
namespace {

using measure::inverse;
using measure::lambda_max;
using measure::lambda_min;
using measure::MatrixPairClass;
const auto kLemma3 = measure::matrix_statement(
    "λ_min(A⁻¹B⁻¹) ≤ λ_max(A⁻¹) λ_min(B⁻¹)", "λ_min(A⁻¹B⁻¹)", "λ_max(A⁻¹) λ_min(B⁻¹)", measure::Claimed::at_most,
    [](const auto& a, const auto& b) {
      const auto ai = inverse(a), bi = inverse(b);
      return measure::sides(lambda_min(ai * bi), lambda_max(ai) * lambda_min(bi));
    });
// The power control: λ_max(A⁻¹) replaced by λ_min(A⁻¹): false for SPD A = diag(1, 2), B = diag(2, 1) (½ ≤ ¼).
const auto kFalse = measure::matrix_statement(
    "λ_min(A⁻¹B⁻¹) ≤ λ_min(A⁻¹) λ_min(B⁻¹)", "λ_min(A⁻¹B⁻¹)", "λ_min(A⁻¹) λ_min(B⁻¹)", measure::Claimed::at_most,
    [](const auto& a, const auto& b) {
      const auto ai = inverse(a), bi = inverse(b);
      return measure::sides(lambda_min(ai * bi), lambda_min(ai) * lambda_min(bi));
    });
const std::vector<MatrixPairClass> kHypothesis = {MatrixPairClass::spd, MatrixPairClass::spd_commuting,
                                                  MatrixPairClass::positive_spectrum};
const std::string kCorrection = "λ_min(A⁻¹B⁻¹) ≤ λ_max(A⁻¹) λ_min(B⁻¹) for symmetric positive definite A, B";

verify::Evidence run(const verify::CheckContext& context) {
  verify::Evidence e;
  e.claim = "Lemma 3: for positive invertible matrices A and B, λ_min(A⁻¹B⁻¹) ≤ λ_max(A⁻¹) λ_min(B⁻¹). Theorem 3's "
            "proof applies it to G of Assumption 7 (\"positive invertible\", G = H⁻¹C, symmetric only when HG = GH).";
  e.paper_prediction = {"the inequality holds for every pair of invertible matrices with real positive spectrum: the "
                        "largest violation over each such class is ≤ 0",
                        "max violation ≤ 0 for every positive invertible class", std::nullopt};
  const auto lemma = measure::search_matrix_statement(kLemma3, eigenvalue_search(context, kHypothesis, "lemma3"));
  const auto control = measure::search_matrix_statement(kFalse, eigenvalue_search(context, {MatrixPairClass::spd},
                                                                                  "lemma3 power control"));
  verify::Decision decision(context);
  decision.asserts("scope", "the inequality holds for every positive invertible pair, symmetric or not (as Theorem 3 "
                            "needs for G = H⁻¹C)")
      .correction_effect(kCorrection, "scope", verify::DependenceChange::removes);
  for (const auto& c : lemma.classes) decision.paper(verify::at_most(0.0), c.max_violation);
  for (MatrixPairClass c : {MatrixPairClass::spd, MatrixPairClass::spd_commuting})
    decision.correction(kCorrection, verify::at_most(0.0), lemma.of(c).max_violation);
  decision.negative_control("power control: the false λ_min(A⁻¹B⁻¹) ≤ λ_min(A⁻¹) λ_min(B⁻¹) holds on SPD pairs",
                            verify::at_most(0.0), control.of(MatrixPairClass::spd).max_violation);
  e.first_principles = verify::Prediction{
      "For SPD A, B the lemma holds. λ_min(A⁻¹B⁻¹) = 1/λ_max(BA) and BA is similar to A^{1/2}BA^{1/2}; with v the unit "
      "top eigenvector of B and x = A^{-1/2}v, λ_max(A^{1/2}BA^{1/2}) ≥ xᵀA^{1/2}BA^{1/2}x/|x|² = λ_max(B)/vᵀA⁻¹v ≥ "
      "λ_max(B)/λ_max(A⁻¹) = λ_min(A)λ_max(B); taking reciprocals, λ_min(A⁻¹B⁻¹) ≤ λ_max(A⁻¹)λ_min(B⁻¹). The paper's "
      "route (Bhatia III.4.6, stated for positive semidefinite Hermitian matrices) covers the same case. For "
      "non-symmetric A, B with positive spectrum the eigenvalues of a product are not controlled by those of the "
      "factors, and the search finds counterexamples (printed exactly in the measurements).",
      kCorrection, std::nullopt};
  std::vector<std::pair<std::string, const measure::ClassSearch*>> rows;
  for (const auto& c : lemma.classes) rows.push_back({"Lemma 3, " + measure::to_string(c.pair_class), &c});
  rows.push_back({"power control (false), spd", &control.of(MatrixPairClass::spd)});
  e.figures = {violation_figure("Largest violation of Lemma 3 by class, and of the power control", rows, decision)};
  decision.apply_to(e);
  return e;
}

}  // namespace

void register_escape_lemma3(verify::Registry& registry) {
  registry.add({"escape.lemma3", verify::RecordKind::check, "escape", "Lemma 3 (Appendix C)",
                "λ_min(A⁻¹B⁻¹) ≤ λ_max(A⁻¹) λ_min(B⁻¹) for positive invertible A, B?",
                [](verify::Profile profile) { return nlohmann::json{{"search", eigenvalue_search_json(profile)}}; },
                run});
}

}  // namespace ldv::checks
