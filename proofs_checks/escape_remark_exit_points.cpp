// Escape paper, Theorem 1 and its remarks: where SGD leaves the r-ball. The paper's V for C = H,
// θᵀH^{1/2}θ (proof of Theorem 1), has its minimum on the sphere at ±r e_min, so by Freidlin–
// Wentzell (the regularizer paper's Remark 3.6) the exits would concentrate there, as they do for
// C = I (V = θᵀHθ).
// Paper:            exits concentrate at ±r e_min for C = I and for C = H: E[sin²θ_exit] → 0, θ the
//                   angle from e_min.
// First principles: C = I: yes (isolated minimisers of V = θᵀHθ). C = H: V = |θ|² is constant on the
//                   sphere, nothing concentrates; to leading order the exit density is ∝ |b·n| e^{−V/ε}
//                   (measure/exit_law_limit.hpp), here ∝ θᵀHθ: exits lean towards the STEEP direction,
//                   E[sin²θ] → (h₁ + 3h₂)/(4(h₁ + h₂)) > ½ (the uniform law's value).
// Measurement:      exit points on the ladder of each case (H = diag(1, 2.5), r = 1): for C = I the
//                   exponent κ of E[sin²θ] ∝ ε^κ; for C = H the ε → 0 limit m₀ of E[sin²θ] (linear
//                   extrapolation in ε).
#include "check_kit.hpp"
#include "ldv/measure/exit_angle.hpp"
#include "ldv/measure/exit_law_limit.hpp"
#include "ldv/measure/figures.hpp"

namespace ldv::checks {
namespace {

const QuadraticCase kBase{"H = diag(1, 2.5), r = 1", diagonal({1, 2.5}), 1.0};
const std::string kCorrection = "C = H: V = |θ|² constant on the sphere; exit density ∝ |b·n| = θᵀHθ/r, E[sin²θ] → "
                                "(h₁ + 3h₂)/(4(h₁ + h₂))";

verify::Evidence run(const verify::CheckContext& context) {
  verify::Evidence e;
  e.claim = "Theorem 1 with C = I and with C = H: the quasi-potential's minimisers on the sphere are ±r e_min "
            "(V = 2L, resp. V = θᵀH^{1/2}θ), so the exits of SGD from the r-ball concentrate at ±r e_min as η/B → 0, "
            "for isotropic noise and for SGD's noise alike.";
  e.paper_prediction = {"E[sin²θ_exit] → 0 as ε → 0 for C = I and for C = H (θ the angle from e_min)",
                        "exit point → ±r e_min", std::nullopt};
  verify::Decision decision(context);
  decision.asserts("concentration", "with SGD's noise C = H the exits concentrate at ±r e_min")
      .correction_effect(kCorrection, "concentration", verify::DependenceChange::removes);
  BarrierTable table(context, "case (1: C = I, 2: C = H)");
  const Vector axis = Vector::Unit(2, 0);  // e_min of diag(1, 2.5)
  const auto iso = table.measure({kBase.model(Matrix::Identity(2, 2)), 1.0, kBase.lambda_max(), "C = I, " + kBase.label,
                                  "exit points iso", true},
                                 1.0, {});
  const auto sgd = table.measure({kBase.model(kBase.hessian), 1.0, kBase.lambda_max(), "C = H, " + kBase.label,
                                  "exit points sgd", true},
                                 2.0, {});
  const auto kappa = measure::exit_angle_concentration(iso.measured, Vector::Zero(2), axis,
                                                       "exit-angle exponent κ in E[sin²θ] ∝ ε^κ, C = I, " + kBase.label);
  const auto limit = measure::exit_angle_limit(sgd.measured, Vector::Zero(2), axis,
                                               "ε → 0 limit of E[sin²θ_exit], C = H, " + kBase.label);
  const Model sgd_model = kBase.model(kBase.hessian), iso_model = kBase.model(Matrix::Identity(2, 2));
  const double flux_limit = measure::flux_exit_law_mean_sin2(sgd_model, 1.0, 0.0, axis);
  decision.paper(verify::at_least(0.0), kappa.exponent)
      .negative_control("C = I: no concentration, κ = 0", 0.0, kappa.exponent)
      .paper(0.0, limit.limit)
      .correction(kCorrection, flux_limit, limit.limit)
      .alternative("C = H: uniform exit law on the circle (V constant), E[sin²θ] = ½", 0.5, limit.limit);
  std::vector<measure::PredictionCurve> flux{{"C = I: flux law |b·n|e^{−V/ε}", {}}, {"C = H: flux law |b·n|", {}}};
  for (const auto& l : kappa.levels) flux[0].values.push_back(measure::flux_exit_law_mean_sin2(iso_model, 1.0, l.eps, axis));
  flux[1].values.assign(limit.levels.size(), flux_limit);
  e.first_principles = verify::Prediction{
      fmt::format("C = I: V = θᵀHθ has isolated minimisers ±e₁ on the unit circle: the exits concentrate there, "
                  "E[sin²θ] ≈ ε/(2(h₂ − h₁)) (Laplace). C = H: Lyapunov HΣ + ΣH = H gives V = |θ|², constant on the "
                  "sphere, so no point is preferred by the exponent; the quasi-stationary density is uniform on the "
                  "sphere and the exit density is the boundary flux ∝ |b·n| = θᵀHθ/r (Matkowsky & Schuss 1977): "
                  "E[sin²θ] → (h₁ + 3h₂)/(4(h₁ + h₂)) = {:.4f} — the exits lean towards e_max, the opposite of the "
                  "paper's ±e_min, and differ from the uniform law (½). V₀: {}.",
                  flux_limit, table.first_principles_values()),
      kCorrection, std::nullopt};
  e.figures = {measure::exit_angle_figure("Exit point: E[sin²θ] (θ from e_min) against ε, with the flux law",
                                          {"C = I", "C = H"}, {kappa.levels, limit.levels},
                                          decision.measurement_level(), flux)};
  const auto barrier_figures = table.figures(decision, "Fitted V₀ per case");
  e.figures.insert(e.figures.end(), barrier_figures.begin(), barrier_figures.end());
  decision.apply_to(e);
  return e;
}

}  // namespace

void register_escape_remark_exit_points(verify::Registry& registry) {
  registry.add({"escape.remark.exit_points", verify::RecordKind::check, "escape", "Theorem 1 (exit points)",
                "Where do exits concentrate: C = H vs C = I",
                [](verify::Profile profile) {
                  return check_parameters(profile, {{"hessian", matrix_text(kBase.hessian)}, {"radius", 1.0},
                                                    {"noises", "C = I and C = H"}, {"axis", "e_min = e1"}});
                },
                run});
}

}  // namespace ldv::checks
