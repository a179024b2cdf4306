// Escape paper, Lemma 4 (Section 5; proof: Appendix C): λ_min(AB) ≥ λ_min(A) λ_min(B) for invertible A, B.
// Paper:            holds for every invertible pair. Its proof: "λ_max(A) is the spectral norm of A" and
//                   sub-multiplicativity, then λ_max(A⁻¹) = 1/λ_min(A): both steps need A, B symmetric
//                   positive definite (the spectral norm is |λ|_max only for normal matrices, and
//                   1/λ_min = λ_max(A⁻¹) needs a positive spectrum).
// First principles: for SPD A, B, AB is similar to A^{1/2}BA^{1/2}, and for x ≠ 0
//                   xᵀA^{1/2}BA^{1/2}x ≥ λ_min(B)|A^{1/2}x|² ≥ λ_min(B)λ_min(A)|x|² (Rayleigh–Ritz), so the
//                   lemma holds. Beyond SPD nothing forces it: diag(−2, 1), diag(1, −3) give −3 ≥ 6.
// Measurement:      the largest violation a search over random pairs finds per class (random search, then an
//                   optimiser), re-verified in long double; a certified counterexample is printed exactly.
#include "kit_eigenvalues.hpp"

namespace ldv::checks {
namespace {

using measure::lambda_max;
using measure::lambda_min;
using measure::MatrixPairClass;
const auto kLemma4 = measure::matrix_statement(
    "λ_min(AB) ≥ λ_min(A) λ_min(B)", "λ_min(AB)", "λ_min(A) λ_min(B)", measure::Claimed::at_least,
    [](const auto& a, const auto& b) { return measure::sides(lambda_min(a * b), lambda_min(a) * lambda_min(b)); });
// The power control: false for every SPD pair with A ≠ cI (B = I gives λ_min(A) ≥ λ_max(A)).
const auto kFalse = measure::matrix_statement(
    "λ_min(AB) ≥ λ_max(A) λ_min(B)", "λ_min(AB)", "λ_max(A) λ_min(B)", measure::Claimed::at_least,
    [](const auto& a, const auto& b) { return measure::sides(lambda_min(a * b), lambda_max(a) * lambda_min(b)); });
const std::vector<MatrixPairClass> kHypothesis = {MatrixPairClass::spd, MatrixPairClass::spd_commuting,
                                                  MatrixPairClass::symmetric_indefinite,
                                                  MatrixPairClass::positive_spectrum};
const std::string kCorrection = "λ_min(AB) ≥ λ_min(A) λ_min(B) for symmetric positive definite A, B";

verify::Evidence run(const verify::CheckContext& context) {
  verify::Evidence e;
  e.claim = "Lemma 4: for invertible matrices A and B, λ_min(AB) ≥ λ_min(A) λ_min(B). Theorem 3's proof applies it to "
            "G^{-1/2} and H^{1/2}, where G = H⁻¹C (Assumption 7) is not symmetric when HG ≠ GH.";
  e.paper_prediction = {"the inequality holds for every invertible pair: the largest violation over any class of "
                        "invertible pairs is ≤ 0 (λ_min, λ_max: least and greatest eigenvalue of a real spectrum)",
                        "max violation ≤ 0 for every invertible class", std::nullopt};
  const auto lemma = measure::search_matrix_statement(kLemma4, eigenvalue_search(context, kHypothesis, "lemma4"));
  const auto control = measure::search_matrix_statement(kFalse, eigenvalue_search(context, {MatrixPairClass::spd},
                                                                                  "lemma4 power control"));
  verify::Decision decision(context);
  decision.asserts("scope", "the inequality holds for every invertible pair, not only for symmetric positive definite ones")
      .correction_effect(kCorrection, "scope", verify::DependenceChange::removes);
  for (const auto& c : lemma.classes) decision.paper(verify::at_most(0.0), c.max_violation);
  for (MatrixPairClass c : {MatrixPairClass::spd, MatrixPairClass::spd_commuting})
    decision.correction(kCorrection, verify::at_most(0.0), lemma.of(c).max_violation);
  decision.negative_control("power control: the false λ_min(AB) ≥ λ_max(A) λ_min(B) holds on SPD pairs",
                            verify::at_most(0.0), control.of(MatrixPairClass::spd).max_violation);
  e.first_principles = verify::Prediction{
      "For SPD A, B the lemma holds: AB = A^{1/2}(A^{1/2}BA^{1/2})A^{-1/2} is similar to the SPD matrix A^{1/2}BA^{1/2}, "
      "and for x ≠ 0, xᵀA^{1/2}BA^{1/2}x ≥ λ_min(B)|A^{1/2}x|² ≥ λ_min(B)λ_min(A)|x|² (Rayleigh–Ritz twice). The paper's "
      "proof (spectral norm = λ_max, then λ_max(A⁻¹) = 1/λ_min(A)) is valid exactly there. For symmetric indefinite "
      "or non-symmetric pairs neither step holds and the search finds counterexamples (the smallest is printed exactly "
      "in the measurements, with both sides in double and long double).",
      kCorrection, std::nullopt};
  std::vector<std::pair<std::string, const measure::ClassSearch*>> rows;
  for (const auto& c : lemma.classes) rows.push_back({"Lemma 4, " + measure::to_string(c.pair_class), &c});
  rows.push_back({"power control (false), spd", &control.of(MatrixPairClass::spd)});
  e.figures = {violation_figure("Largest violation of Lemma 4 by class, and of the power control", rows, decision)};
  decision.apply_to(e);
  return e;
}

}  // namespace

void register_escape_lemma4(verify::Registry& registry) {
  registry.add({"escape.lemma4", verify::RecordKind::check, "escape", "Lemma 4 (Appendix C)",
                "λ_min(AB) ≥ λ_min(A) λ_min(B) for invertible A, B?",
                [](verify::Profile profile) { return nlohmann::json{{"search", eigenvalue_search_json(profile)}}; },
                run});
}

}  // namespace ldv::checks
