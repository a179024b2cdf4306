// Implicit-regularizer paper, Remark 3.6 (eq. 31): as ε → 0 the first exit position tends to the
// minimiser x* of φ(·; O) on ∂U (stated for a unique x*; proof referred to Freidlin–Wentzell Thm 4.2.1).
// Paper:            the exit law concentrates on argmin_{∂U} φ; here that set is the pair ±x* (V is even for
//                   linear drift), and the symmetry x ↦ −x of the model gives each point half the exits.
// First principles: convergence in probability onto the minimiser set: Laplace's method on the circle,
//                   φ − V₀ ≈ kθ², gives E[sin²θ_exit] ≈ ε/(2k) (κ = 1 in E[sin²θ] ∝ ε^κ), and equal weights
//                   at every ε by symmetry. The literal eq. (31) — one limit point — does not apply.
// Measurement:      per case, the exit points of an exit-time ladder: the exponent κ, E[sin²θ] at the
//                   smallest ε, and the fraction of exits on the +x* side (measure/exit_point_law.hpp).
// Negative control: the uniform law on ∂U (E[sin²θ] = ½, κ = 0).
#include "check_kit.hpp"
#include "ldv/measure/exit_angle.hpp"
#include "ldv/measure/exit_point_law.hpp"
#include "ldv/measure/figures.hpp"
#include "ldv/quasipotential/lyapunov.hpp"

namespace ldv::checks {
namespace {

struct Case {
  std::string label;
  Matrix diffusion;  // with f = x₁² + x₂² (H = 2I), U the unit disc
};
const std::vector<Case> kCases = {{"Example 3.1, μ = 1.5", diagonal({1.5, 0.5})},
                                  {"f = |x|², D = [[1.2, 0.5], [0.5, 0.8]]", (Matrix(2, 2) << 1.2, 0.5, 0.5, 0.8).finished()}};

verify::Evidence run(const verify::CheckContext& context) {
  verify::Evidence e;
  e.claim = "Remark 3.6 (eq. 31): as ε → 0 the first exit position x(τ) tends to the minimiser x* of φ(·; O) on ∂U.";
  e.paper_prediction = {"the exit law concentrates on the minimiser set {±x*} of φ on ∂U (κ > 0 in E[sin²θ] ∝ ε^κ, θ "
                        "from the x* axis), the two points equally (the model is symmetric under x ↦ −x)",
                        "x(τ) → argmin φ on ∂U; P(exit on the +x* side) = ½", std::nullopt};
  verify::Decision decision(context);
  BarrierTable table(context, "case");
  std::vector<std::string> labels;
  std::vector<std::vector<measure::ExitAngleLevel>> angles;
  std::vector<measure::PredictionCurve> laplace;
  for (const Case& c : kCases) {
    const Model model = QuadraticCase{c.label, diagonal({2, 2}), 1.0}.model(c.diffusion);
    const quasipotential::LyapunovQuasiPotential v = quasipotential::exact_quasipotential(model);
    const Vector axis = v.sphere_argmin(1.0).normalized();
    const BarrierTable::Row row = table.measure({model, 1.0, 2.0, c.label, "remark3.6 " + c.label, true},
                                                static_cast<double>(labels.size() + 1), {});
    const auto kappa = measure::exit_angle_concentration(row.measured, Vector::Zero(2), axis,
                                                         "exit-angle exponent κ, " + c.label);
    const std::size_t smallest = row.measured.points.size() - 1;
    decision.paper(verify::at_least(0.0), kappa.exponent)
        .paper(0.5, measure::exit_side_fraction(row.measured, Vector::Zero(2), axis, "fraction of exits on the +x* side, " + c.label))
        .alternative("eq. (31) read literally, one limit point: every exit on one side", 1.0,
                     measure::exit_side_fraction(row.measured, Vector::Zero(2), axis, "fraction of exits on the +x* side, " + c.label))
        .negative_control("the uniform law on ∂U: κ = 0", 0.0, kappa.exponent)
        .negative_control("the uniform law on ∂U: E[sin²θ] = ½ at the smallest ε", 0.5,
                          measure::exit_mean_sin2(row.measured, Vector::Zero(2), axis, smallest,
                                                  "E[sin²θ] at the smallest ε, " + c.label));
    // Laplace on the circle: φ(θ) − V₀ ≈ kθ², k = V₀(λ_max(Σ)/λ_min(Σ) − 1) (V = ½xᵀΣ⁻¹x on |x| = 1).
    const Vector s = symmetric_eigenvalues(v.covariance());
    const double k = v.sphere_minimum(1.0) * (s.maxCoeff() / s.minCoeff() - 1.0);
    labels.push_back(c.label);
    angles.push_back(kappa.levels);
    laplace.push_back({c.label + ": Laplace, ε/(2k)", {}});
    for (const auto& level : kappa.levels) laplace.back().values.push_back(level.eps / (2 * k));
  }
  e.first_principles = verify::Prediction{
      "Lyapunov: V = ½xᵀΣ⁻¹x, minimised on the unit circle at ±v_max(Σ) (geometric MAM agrees: " +
          table.first_principles_values() +
          "). Laplace's method on the circle gives E[sin²θ_exit] ≈ ε/(2k), k = V₀(λ_max(Σ)/λ_min(Σ) − 1), so the law "
          "converges in probability onto {±x*}; V(−x) = V(x) and b(−x) = −b(x) give each point weight ½ at every ε.",
      "x(τ) → {±x*} in probability, each with weight ½", std::nullopt};
  e.figures = {measure::exit_angle_figure("Exit-point spread E[sin²θ] (θ from the x* axis) against ε, with Laplace's "
                                          "leading order", labels, angles, decision.measurement_level(), laplace)};
  for (verify::Figure& f : table.figures(decision, "Fitted V₀ per case")) e.figures.push_back(std::move(f));
  decision.apply_to(e);
  return e;
}

}  // namespace

void register_regularizer_remark3_6(verify::Registry& registry) {
  registry.add({"regularizer.remark3_6", verify::RecordKind::check, "regularizer", "Remark 3.6 (eq. 31)",
                "The exit point concentrates on the minimiser set of φ on ∂U",
                [](verify::Profile profile) {
                  nlohmann::json cases = nlohmann::json::array();
                  for (const Case& c : kCases) cases.push_back({{"label", c.label}, {"diffusion", matrix_text(c.diffusion)}});
                  return check_parameters(profile, {{"loss", "x1^2 + x2^2"}, {"radius", 1.0}, {"cases", cases}});
                },
                run});
}

}  // namespace ldv::checks
