// Escape paper, Assumption 7 (§5): "C(θ) = H G with a positive invertible G, c₁ ≤ λ(G) ≤ c₂", on the network of
// Section 6 (the quadratic-model version, with the reading of the assumption, is escape.assumption7).
// The paper:        C(θ₀) = H(θ₀)G with G symmetric positive, bounded: then HG is a covariance only if HG = GH
//                   (escape.assumption7), so the commutator ‖HG − GH‖/‖HG‖ of G = H⁻¹C is 0.
// First principles: with H SPD, G = H⁻¹C always exists and is similar to G_s = H^{-1/2}CH^{-1/2} (symmetric PSD),
//                   so its spectrum is real and ≥ 0; nothing makes a network's C commute with its H. The symmetric
//                   model C = H^{1/2}G_sH^{1/2} holds exactly, with Theorem 3's constants c₁ = λ_min(G_s),
//                   c₂ = λ_max(G_s) (the tightest c₁H ≤ C ≤ c₂H): finite iff c₁ > 0.
// Measured:         exact linear algebra on H(θ₀), C(θ₀) (mlp/noise_factor.hpp; the stated systematic 1e-9 covers
//                   rounding): λ_min(H), the commutator, G's asymmetry, c₁, c₂, and how many eigenvalues of G_s
//                   are at rounding level (null directions of C, which make c₁ = 0).
// Negative control: C = gH for one scalar g (G = gI), so c₁ = c₂: (c₂ − c₁)/c₂ = 0.
#include <fmt/format.h>

#include "ldv/mlp/noise_factor.hpp"
#include "ldv/stats/interval_policy.hpp"
#include "proofs_checks/check_kit.hpp"
#include "proofs_checks/kit_mlp.hpp"

namespace ldv::checks {
namespace {

constexpr double kRounding = 1e-9;  // relative: products, a Cholesky solve and eigenvalues of d ≤ 748 matrices
constexpr double kResolved = 1e-6;  // "do not commute": commutator at least this, far above rounding
const std::string kCorrection = "C = H^{1/2} G_s H^{1/2}, G_s = H^{-1/2} C H^{-1/2}, c₁ = λ_min(G_s), c₂ = λ_max(G_s)";

Estimate exact(const std::string& name, double value) {
  return stats::normal_estimate(name, value, 0.0, kRounding * std::max(1.0, std::abs(value)),
                                "exact linear algebra on H(θ₀) (second-order backpropagation) and C(θ₀) (per-sample "
                                "gradients); ± 1e-9 relative for rounding");
}

verify::Evidence run(const verify::CheckContext& context) {
  const TrainedMlp& net = trained_mlp(context);
  const mlp::NoiseFactor f = mlp::noise_factor(net.covariance, net.hessian);  // InvalidInput when λ_min(H) ≤ 0
  const Estimate lambda = exact("λ_min(H(θ₀))", f.lambda_min_h),
                 commutator = exact("commutator ‖HG − GH‖_F/‖HG‖_F, G = H⁻¹C", f.commutator),
                 asymmetry = exact("asymmetry of G, ‖G − Gᵀ‖_F/‖G‖_F", f.g_asymmetry),
                 c1 = exact("c₁ = λ_min(H^{-1/2}CH^{-1/2})", f.c1), c2 = exact("c₂ = λ_max(H^{-1/2}CH^{-1/2})", f.c2),
                 gap = exact("(c₂ − c₁)/c₂", (f.c2 - f.c1) / f.c2);
  // Eigenvalues of G_s at rounding level (≤ 1e-9 c₂): directions C does not excite at all (c₁ = 0 in double).
  const double null_count = static_cast<double>((f.spectrum.array() <= kRounding * f.c2).count());

  verify::Evidence e;
  e.claim = "Assumption 7: C(θ) = H G with a positive invertible G whose spectrum lies in [c₁, c₂], 0 < c₁ ≤ c₂ — on the "
            "trained network at θ₀.";
  e.paper_prediction = {"C(θ₀) = H(θ₀)G with G symmetric positive and bounded: H and G commute (commutator 0), c₁ > 0",
                        "‖HG − GH‖/‖HG‖ = 0", 0.0};
  verify::Decision decision(context);
  decision.asserts("symmetric_g", "C = HG with a symmetric positive G (H and G commute)")
      .correction_effect(kCorrection, "symmetric_g", verify::DependenceChange::removes);
  decision.paper(0.0, commutator).paper(verify::at_least(0.0), c1)
      .correction(kCorrection, verify::at_least(kResolved), commutator)
      .correction(kCorrection, verify::at_least(0.0), c1)
      .negative_control("C = gH for one scalar g (G = gI): c₁ = c₂, (c₂ − c₁)/c₂ = 0", 0.0, gap)
      .report(lambda).report(asymmetry).report(c2)
      .report(stats::normal_estimate("eigenvalues of G_s at or below 1e-9·c₂ (null directions of C)", null_count, 0.0,
                                     0.0, "count over the spectrum of H^{-1/2}CH^{-1/2}"));
  e.first_principles = verify::Prediction{
      fmt::format("{} H(θ₀) is positive definite (λ_min = {:.4g}, λ_max = {:.4g}), so G = H⁻¹C exists; it is similar to "
                  "the symmetric G_s = H^{{-1/2}}CH^{{-1/2}}, whose spectrum [{:.4g}, {:.4g}] gives Theorem 3's constants "
                  "(c₁H ≤ C ≤ c₂H; {} eigenvalues at or below 1e-9·c₂: c₁ > 0 needs C of full rank). G itself is symmetric only if HC = CH: measured commutator {:.4g}, "
                  "asymmetry of G {:.4g}. The covariance model that holds is C = H^{{1/2}}G_sH^{{1/2}} (escape.assumption7, "
                  "escape.theorem3).",
                  net.description(), f.lambda_min_h, f.lambda_max_h, f.c1, f.c2, null_count, f.commutator,
                  f.g_asymmetry),
      kCorrection, std::nullopt};
  decision.apply_to(e);
  verify::Figure spectrum{"g_spectrum", "Spectrum of G_s = H^{-1/2}CH^{-1/2} (the eigenvalues of G = H⁻¹C)", "index",
                          "eigenvalue", false, true, {}};
  verify::Series points{"eigenvalues of G_s", verify::SeriesStyle::points, {}, {}, {}, {}},
      low{"c₁", verify::SeriesStyle::lines, {}, {}, {}, {}}, high{"c₂", verify::SeriesStyle::lines, {}, {}, {}, {}};
  for (Eigen::Index i = 0; i < f.spectrum.size(); ++i)
    if (f.spectrum(i) > 0.0) points.x.push_back(static_cast<double>(i)), points.y.push_back(f.spectrum(i));
  const double last = static_cast<double>(f.spectrum.size() - 1);
  if (f.c1 > 0.0) low.x = {0.0, last}, low.y = {f.c1, f.c1};
  high.x = {0.0, last}, high.y = {f.c2, f.c2};
  spectrum.series = {points, low, high};
  e.figures = {spectrum};
  return e;
}

}  // namespace

void register_escape_assumption7_mlp(verify::Registry& registry) {
  registry.add({"escape.assumption7.mlp", verify::RecordKind::check, "escape", "Assumption 7 (on the Section 6 network)",
                "C(θ₀) = H(θ₀)G on the trained MLP: G's commutator with H and Theorem 3's constants c₁, c₂",
                [](verify::Profile p) {
                  nlohmann::json j = mlp_parameters(p);
                  j["rounding_allowance"] = kRounding;
                  return j;
                },
                run});
}

}  // namespace ldv::checks
