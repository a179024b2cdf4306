// Escape paper, Theorem 1, isotropic noise C = I (proof: §4.3, "Isotropic case").
// Paper:            E[τ_isoSGD] = exp[2 (B/η) r² λ], λ = λ_min(H): V₀ = 2 r² λ_min (ε = η/B).
// First principles: dθ = −Hθ dt + √ε dW; Lyapunov HΣ + ΣH = I gives V(θ) = θᵀHθ = 2L(θ) and
//                   V₀ = min over |θ| = r of θᵀHθ = r² λ_min(H). The proof's min 2L = 2r²λ drops
//                   the ½ of L = ½θᵀHθ (Assumption 1): a constant factor, which keeps the
//                   asserted growth with λ_min and r².
// Measurement:      V₀ = slope of log E[τ] in 1/ε over a ladder of ε, per case.
#include "check_kit.hpp"

namespace ldv::checks {
namespace {

const std::vector<QuadraticCase> kCases = {
    {"H = diag(1, 2.5), r = 1", diagonal({1, 2.5}), 1.0},
    {"H = diag(3, 5), r = 1", diagonal({3, 5}), 1.0},
    {"H = [[2, 0.5], [0.5, 1.5]], r = 1.4", (Matrix(2, 2) << 2, 0.5, 0.5, 1.5).finished(), 1.4}};
// The seed salt of ldv 0.1's check, kept so that a seed reproduces its streams bit for bit.
const std::string kSalt = "Theorem 1, C = I: mean exit time exp[2 (B/η) r² λ]";
const std::string kCorrection = "V0 = r² λ_min(H)";

verify::Evidence run(const verify::CheckContext& context) {
  verify::Evidence e;
  e.claim = "With isotropic noise C = I, the mean exit time of continuous SGD (3) from the r-ball around θ* is "
            "E[τ_isoSGD] = exp[2 (B/η) r² λ], λ = λ_min(H): it grows exponentially with the sharpness λ and with r².";
  e.paper_prediction = {"log E[τ] ≈ V₀ B/η with V₀ = 2 r² λ_min(H) (Theorem 1; proof: V = 2L, V₀ = min 2L = 2 r² λ)",
                        "V0 = 2 r² λ_min(H)", std::nullopt};
  verify::Decision decision(context);
  decision.asserts("lambda", "the exit exponent grows linearly with λ_min(H)")
      .asserts("radius", "the exit exponent grows with r²")
      .correction_effect(kCorrection, "lambda", verify::DependenceChange::keeps)
      .correction_effect(kCorrection, "radius", verify::DependenceChange::keeps);
  BarrierTable table(context, "r² λ_min");
  for (const QuadraticCase& c : kCases) {
    const double paper = 2 * c.r2() * c.lambda_min();
    const auto& row = table.measure({c.model(Matrix::Identity(2, 2)), c.radius, c.lambda_max(), c.label, kSalt + c.label},
                                    c.r2() * c.lambda_min(), {{"paper", paper}});
    decision.paper(paper, row.measured.barrier)
        .correction(kCorrection, row.first_principles.value(), row.measured.barrier)
        .negative_control("wrong eigenvalue: V0 = r² λ_max(H)", c.r2() * c.lambda_max(), row.measured.barrier);
  }
  e.first_principles = verify::Prediction{
      "The paper's SDE (3) with C = I: drift −Hθ, D = I; Lyapunov HΣ + ΣH = I gives Σ = H⁻¹/2, V(θ) = θᵀHθ = 2L(θ), "
      "and V₀ = min over |θ| = r of θᵀHθ = r² λ_min(H). The proof's step min 2L = 2θᵀHθ drops the ½ of "
      "L = ½θᵀHθ (Assumption 1). Values: " + table.first_principles_values() + ".",
      kCorrection, std::nullopt};
  e.figures = table.figures(decision, "Fitted V₀ per case against r²λ_min, with both predictions");
  decision.apply_to(e);
  return e;
}

}  // namespace

void register_escape_theorem1_isotropic(verify::Registry& registry) {
  registry.add({"escape.theorem1.isotropic", verify::RecordKind::check, "escape", "Theorem 1 (C = I)",
                "Exit time with isotropic noise: exponent 2 (B/η) r² λ",
                [](verify::Profile profile) {
                  return check_parameters(profile, {{"cases", cases_json(kCases)}, {"diffusion", "identity (C = I)"}});
                },
                run});
}

}  // namespace ldv::checks
