// Escape paper, Theorem 3 (§5) under Assumption 7: C = H G with 0 < c₁ ≤ λ(G) ≤ c₂.
// Paper:            2 r² λ^{1/2}/√c₂ ≤ V₀ ≤ 2 r² λ^{1/2}/√c₁ (λ = λ_min(H), ε = η/B), from its eq. (9)
//                   V₀ = 2 r² λ_min(G^{−1/2} H^{1/2}): the exponent grows as √λ at fixed G.
// First principles: C must be symmetric, so C = HG when HG = GH and C = H^{1/2} G H^{1/2}
//                   otherwise (escape.assumption7). Then c₁H ≤ C ≤ c₂H, and the action's D⁻¹
//                   orders the quasi-potentials: V₀ ∈ [r²/c₂, r²/c₁] (V = |θ|²/c for C = cH),
//                   the exact value from Lyapunov (commuting case: r²/λ_max(G)). No λ: H → αH
//                   is the time change s = αt, so E[τ](αH) = E[τ](H)/α exactly.
// Measurement:      V₀ per case (slope of log E[τ] in 1/ε), and the λ-dependence itself: the slope
//                   in 1/ε of log E[τ](4H) − log E[τ](H) on a common ladder, G fixed.
#include "check_kit.hpp"
#include "kit_escape.hpp"
#include "ldv/measure/figures.hpp"
#include "ldv/core/matrix_functions.hpp"
#include "ldv/measure/log_ratio_slope.hpp"

namespace ldv::checks {
namespace {

constexpr double kScale = 4.0;  // H → 4H at fixed G
constexpr double kC1 = 0.5, kC2 = 2.0;
const Matrix kHessian = diagonal({1, 4});
const Matrix kCommuting = diagonal({2, 0.5});                              // HG = GH: C = HG = 2I
const Matrix kTurned = rotated_diagonal(std::acos(-1.0) / 4, 2, 0.5);      // HG ≠ GH
struct Case {
  std::string label;
  Matrix hessian, g;
};
const std::vector<Case> kCases = {{"H = diag(1, 4), G = diag(2, 0.5) (commuting), r = 1", kHessian, kCommuting},
                                  {"H = diag(1, 4), G = R₄₅ diag(2, 0.5) R₄₅ᵀ, r = 1", kHessian, kTurned},
                                  {"H = 4 diag(1, 4), G = R₄₅ diag(2, 0.5) R₄₅ᵀ, r = 1", kScale * kHessian, kTurned}};
const std::string kLyapunov = "V0 from Lyapunov with C = H^{1/2} G H^{1/2}; E[τ](αH) = E[τ](H)/α";
const std::string kBounds = "r²/c₂ ≤ V0 ≤ r²/c₁ (no λ)";

// The paper's eq. (9): 2 r² λ_min(G^{−1/2} H^{1/2}), the eigenvalues being those of H^{1/4} G^{−1/2} H^{1/4}.
double paper_eq9(const Matrix& h, const Matrix& g) {
  const Matrix q = symmetric_power("H", h, 0.25);
  return 2 * symmetric_eigenvalues(q * symmetric_power("G", g, -0.5) * q).minCoeff();
}

verify::Evidence run(const verify::CheckContext& context) {
  verify::Evidence e;
  e.claim = "Under Assumption 7 (C(θ) = H G with a positive invertible G, c₁ ≤ λ(G) ≤ c₂), the mean exit time of "
            "continuous SGD (3) from the r-ball satisfies exp[2 (B/η) r² λ^{1/2}/√c₂] ≤ E[τ_SGD] ≤ "
            "exp[2 (B/η) r² λ^{1/2}/√c₁], λ = λ_min(H) (Theorem 3): the exponent still grows with the sharpness.";
  e.paper_prediction = {"2 r² √λ/√c₂ ≤ V₀ ≤ 2 r² √λ/√c₁ per case; H → 4H at fixed G raises V₀ by (√4 − 1)·2r²λ_min("
                        "G^{−1/2}H^{1/2}) (eq. 9)",
                        "2r²√λ/√c₂ ≤ V0 ≤ 2r²√λ/√c₁", std::nullopt};
  verify::Decision decision(context);
  decision.asserts("lambda", "at fixed G the exit exponent grows with the sharpness λ_min(H) (as √λ)")
      .correction_effect(kLyapunov, "lambda", verify::DependenceChange::removes)
      .correction_effect(kBounds, "lambda", verify::DependenceChange::removes);
  BarrierTable table(context, "case (1: commuting G, 2: turned G, 3: 4H with turned G)");
  std::vector<double> paper_values;
  for (std::size_t k = 0; k < kCases.size(); ++k) {
    const Case& c = kCases[k];
    const QuadraticCase q{c.label, c.hessian, 1.0};
    const double root = std::sqrt(q.lambda_min());
    const double lower = 2 * q.r2() * root / std::sqrt(kC2), upper = 2 * q.r2() * root / std::sqrt(kC1);
    const Matrix covariance = symmetrised_product(c.hessian, c.g);
    const auto& row = table.measure({q.model(covariance), 1.0, symmetric_eigenvalues(c.hessian).maxCoeff(), c.label,
                                     "theorem3 " + c.label},
                                    static_cast<double>(k + 1),
                                    {{"paper: lower bound", lower}, {"paper: upper bound", upper}});
    decision.paper(verify::at_least(lower), row.measured.barrier)
        .paper(verify::at_most(upper), row.measured.barrier)
        .correction(kLyapunov, row.first_principles.value(), row.measured.barrier)
        .correction(kBounds, verify::at_least(q.r2() / kC2), row.measured.barrier)
        .correction(kBounds, verify::at_most(q.r2() / kC1), row.measured.barrier)
        .negative_control("exponent doubled: 2 × Lyapunov V0", 2 * row.first_principles.value(),
                          row.measured.barrier);
    paper_values.push_back(paper_eq9(c.hessian, c.g));
  }
  // The λ-dependence at fixed G: Δ(ε) = log E[τ](4H) − log E[τ](H) = c/ε + d.
  const double paper_slope = paper_values[2] - paper_values[1];
  const auto scaling = measure::log_ratio_slope(table.rows()[2].measured, table.rows()[1].measured,
                                                "λ-dependence at fixed G: slope of log E[τ](4H) − log E[τ](H) in 1/ε",
                                                0.0, "the exact time change makes the 2-parameter law exact");
  decision.paper(paper_slope, scaling.slope)
      .correction(kLyapunov, 0.0, scaling.slope)
      .correction(kBounds, 0.0, scaling.slope)
      .negative_control("noise held fixed while H → 4H: slope (4 − 1) V0", (kScale - 1) * table.rows()[1].first_principles.value(),
                        scaling.slope);
  e.first_principles = verify::Prediction{
      fmt::format("A covariance is symmetric, and HG is symmetric only when HG = GH (escape.assumption7); the "
                  "symmetrised C = H^{{1/2}}GH^{{1/2}} (= HG when they commute) has HG's eigenvalues and c₁H ≤ C ≤ c₂H. "
                  "Since the Freidlin–Wentzell action weighs by C⁻¹, c₁H ≤ C ≤ c₂H orders the quasi-potentials between "
                  "those of C = c₂H and C = c₁H, |θ|²/c₂ and |θ|²/c₁: V₀ ∈ [r²/c₂, r²/c₁] = [{}, {}] with no λ. The exact "
                  "V₀ comes from Lyapunov (commuting case: V = θᵀG⁻¹θ, V₀ = r²/λ_max(G)). Scaling H → αH at fixed G "
                  "scales C by α as well: the time change s = αt, E[τ](αH) = E[τ](H)/α. The paper's eq. (9) "
                  "2r²λ_min(G^{{−1/2}}H^{{1/2}}) gives {:.4g}, {:.4g}, {:.4g}. Values: {}.",
                  1 / kC2, 1 / kC1, paper_values[0], paper_values[1], paper_values[2],
                  table.first_principles_values()),
      kLyapunov + "; " + kBounds, std::nullopt};
  e.figures = table.figures(decision, "Fitted V₀ per case, with the paper's bounds and the Lyapunov V₀");
  e.figures.push_back(measure::log_ratio_figure(
      "H → 4H at fixed G (turned): log E[τ](4H) − log E[τ](H)", scaling, decision.measurement_level(),
      {{"first principles: −log 4 (exact)", 0.0, -std::log(kScale)},
       {"paper, eq. (9): slope (√4 − 1)·2r²λ_min(G^{−1/2}H^{1/2})", paper_slope, -std::log(kScale)}}));
  decision.apply_to(e);
  return e;
}

}  // namespace

void register_escape_theorem3(verify::Registry& registry) {
  registry.add({"escape.theorem3", verify::RecordKind::check, "escape", "Theorem 3, Assumption 7",
                "C = HG: exponent between 2r²√λ/√c₂ and 2r²√λ/√c₁?",
                [](verify::Profile profile) {
                  nlohmann::json cases = nlohmann::json::array();
                  for (const Case& c : kCases)
                    cases.push_back({{"hessian", matrix_text(c.hessian)}, {"g", matrix_text(c.g)}, {"radius", 1.0}});
                  return check_parameters(profile, {{"cases", cases},
                                                    {"c1", kC1},
                                                    {"c2", kC2},
                                                    {"diffusion", "H^{1/2} G H^{1/2} (= HG when HG = GH)"}});
                },
                run});
}

}  // namespace ldv::checks
