// Escape paper, Assumption 7 (§5): "C(θ) = H G with a positive invertible G, c₁ ≤ λ(G) ≤ c₂".
// Paper:            C = HG is the gradient-noise covariance for any such G.
// First principles: a covariance is symmetric positive semi-definite. (HG)ᵀ = GH, so HG is
//                   symmetric iff HG = GH; then (both SPD, simultaneously diagonalisable) it is SPD.
//                   Otherwise HG is not a covariance — its eigenvalues are real and positive
//                   (HG is similar to H^{1/2}GH^{1/2}), but xᵀHGx can even be negative. The
//                   symmetric model with the same spectrum is C = H^{1/2}GH^{1/2} (escape.theorem3).
// Measurement:      exact linear algebra (rounding allowance 1e-12): the relative asymmetry
//                   ‖HG − (HG)ᵀ‖/‖HG‖ and the smallest eigenvalue of the symmetric part of HG over
//                   ‖HG‖ (the least variance xᵀCx/|x|² a covariance would give), for a commuting
//                   and two non-commuting pairs; the same for H^{1/2}GH^{1/2}.
#include "check_kit.hpp"
#include "kit_escape.hpp"
#include "ldv/core/matrix_functions.hpp"
#include "ldv/stats/interval_policy.hpp"

namespace ldv::checks {
namespace {

constexpr double kRounding = 1e-12;  // relative rounding allowance of 2×2 products and eigenvalues
constexpr double kResolved = 1e-6;   // "not symmetric": asymmetry at least this (far above rounding)
struct Pair {
  std::string label;
  Matrix h, g;
  bool commuting;
};
const double kQuarterTurn = std::acos(-1.0) / 4;
const std::vector<Pair> kPairs = {
    {"H = diag(1, 4), G = diag(2, 0.5)", diagonal({1, 4}), diagonal({2, 0.5}), true},
    {"H = diag(1, 4), G = R₄₅ diag(2, 0.5) R₄₅ᵀ", diagonal({1, 4}), rotated_diagonal(kQuarterTurn, 2, 0.5), false},
    {"H = diag(1, 25), G = R₄₅ diag(2, 0.5) R₄₅ᵀ", diagonal({1, 25}), rotated_diagonal(kQuarterTurn, 2, 0.5), false}};
const std::string kCorrection = "HG is a covariance iff HG = GH; otherwise C = H^{1/2} G H^{1/2}";

Estimate exact(const std::string& name, double value, const std::string& what) {
  return stats::normal_estimate(name, value, 0.0, kRounding,
                                what + " (exact linear algebra in double precision; ± 1e-12 for rounding)");
}

// λ_min of the symmetric part of m over ‖m‖: the least of xᵀmx/|x|² on the unit sphere, relative.
double least_variance(const Matrix& m) { return symmetric_eigenvalues(0.5 * (m + m.transpose())).minCoeff() / m.norm(); }

verify::Evidence run(const verify::CheckContext& context) {
  verify::Evidence e;
  e.claim = "Assumption 7: there are constants 0 < c₁ ≤ c₂ such that C(θ) = H G with a positive invertible G, "
            "c₁ ≤ λ_min(G) ≤ λ_max(G) ≤ c₂ — a valid model of SGD's gradient-noise covariance for any such G.";
  e.paper_prediction = {"HG is a covariance (symmetric, xᵀHGx ≥ 0) for every positive invertible G with bounded "
                        "spectrum: asymmetry 0 and least variance ≥ 0 for every pair",
                        "C = HG symmetric PSD", std::nullopt};
  verify::Decision decision(context);
  decision.asserts("any_g", "C = HG is a covariance for every positive invertible G with spectrum in [c₁, c₂]")
      .correction_effect(kCorrection, "any_g", verify::DependenceChange::removes);
  for (const Pair& p : kPairs) {
    const Matrix hg = p.h * p.g;
    const Estimate asymmetry = exact("asymmetry ‖HG − (HG)ᵀ‖/‖HG‖, " + p.label, relative_asymmetry(hg),
                                     "relative Frobenius norm of HG − (HG)ᵀ = HG − GH");
    const Estimate variance = exact("least variance λ_min((HG + GH)/2)/‖HG‖, " + p.label, least_variance(hg),
                                    "smallest eigenvalue of the symmetric part of HG over ‖HG‖_F");
    const Matrix symmetrised = symmetrised_product(p.h, p.g);
    decision.paper(0.0, asymmetry)
        .paper(verify::at_least(0.0), variance)
        .correction(kCorrection, p.commuting ? verify::Predicted(0.0) : verify::at_least(kResolved), asymmetry)
        .report(exact("asymmetry of H^{1/2}GH^{1/2}, " + p.label, relative_asymmetry(symmetrised),
                      "relative Frobenius norm of C − Cᵀ"))
        .report(exact("least variance of H^{1/2}GH^{1/2}, " + p.label, least_variance(symmetrised),
                      "smallest eigenvalue of C over ‖C‖_F"));
    if (p.commuting)
      decision.negative_control("HG is never symmetric: asymmetry ≥ 1e-6 even for commuting H, G",
                                verify::at_least(kResolved), asymmetry);
  }
  e.first_principles = verify::Prediction{
      "A covariance matrix is symmetric positive semi-definite. Since (HG)ᵀ = GᵀHᵀ = GH, HG is symmetric iff H and G "
      "commute; then they share an eigenbasis and HG is SPD. Otherwise HG is not a covariance: its eigenvalues are "
      "still real and positive (HG = H^{1/2}(H^{1/2}GH^{1/2})H^{−1/2}), but its quadratic form xᵀHGx = xᵀ((HG + GH)/2)x "
      "can be negative (third pair: H = diag(1, 25)). The symmetric model with the same spectrum and the same bounds "
      "c₁H ≤ C ≤ c₂H is C = H^{1/2}GH^{1/2}, used by escape.theorem3.",
      kCorrection, std::nullopt};
  decision.apply_to(e);
  e.figures.push_back({"least_variance", "Least variance xᵀCx/|x|² (relative) of HG and of H^{1/2}GH^{1/2} per pair",
                       "pair", "λ_min(sym C)/‖C‖", false, false, {}});
  verify::Series raw{"C = HG", verify::SeriesStyle::points, {}, {}, {}, {}};
  verify::Series symmetric{"C = H^{1/2} G H^{1/2}", verify::SeriesStyle::points, {}, {}, {}, {}};
  for (std::size_t k = 0; k < kPairs.size(); ++k) {
    raw.x.push_back(static_cast<double>(k + 1));
    raw.y.push_back(least_variance(kPairs[k].h * kPairs[k].g));
    symmetric.x.push_back(static_cast<double>(k + 1));
    symmetric.y.push_back(least_variance(symmetrised_product(kPairs[k].h, kPairs[k].g)));
  }
  e.figures.back().series = {raw, symmetric};
  return e;
}

}  // namespace

void register_escape_assumption7(verify::Registry& registry) {
  registry.add({"escape.assumption7", verify::RecordKind::check, "escape", "Assumption 7",
                "C = HG as a covariance: when is it one?",
                [](verify::Profile) {
                  nlohmann::json pairs = nlohmann::json::array();
                  for (const Pair& p : kPairs) pairs.push_back({{"hessian", matrix_text(p.h)}, {"g", matrix_text(p.g)}});
                  return nlohmann::json{{"pairs", pairs}, {"rounding_allowance", kRounding}};
                },
                run});
}

}  // namespace ldv::checks
