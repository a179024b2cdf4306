// Implicit-regularizer paper, eq. (8): the Fokker–Planck equation of SGD's diffusion (3),
//   ∂ρ/∂t = ∇·(∇f ρ) + (ε/2) Tr(D∇²ρ).
// Paper:            (8) is the equation of the law of x(t): it keeps ∫ρ = 1 (Theorem 2.3 and (14) rest on it).
// First principles: the law of dX = −∇f dt + √ε σ dW solves the Itô (forward Kolmogorov) equation
//                   ∂ρ = ∇·(∇fρ) + (ε/2) ∂ᵢ∂ⱼ(Dᵢⱼρ); (8) equals it for constant D only. In general
//                   (8) = Itô − ε∇·((∇·D)ρ) + (ε/2)(∂ᵢ∂ⱼDᵢⱼ)ρ, so d/dt ∫ρ = (ε/2)∫(∂ᵢ∂ⱼDᵢⱼ)ρ ≠ 0: (8) creates or
//                   destroys probability. For ρ₀ = N(m, s²I) this rate is closed-form (Gaussian characteristic
//                   function), independent of the solver: 1-D, D = 1 + a sin 2x: −2aε sin(2m) e^{−2s²};
//                   2-D, D(x) = R(x₁) diag(1.5, 0.5) R(x₁)ᵀ: ∂ᵢ∂ⱼDᵢⱼ = −2 cos 2x₁, rate −ε cos(2m₁) e^{−2s²}.
// Measurement:      d/dt ∫ρ at t = 0 of (8) and of the Itô form, by the conservative finite-volume solver
//                   (fokker_planck/measurements.hpp; grid change as the error bar), for the two
//                   state-dependent cases and for a constant non-diagonal D (where the forms coincide).
// Negative control: the rate with the opposite sign.
#include "check_kit.hpp"
#include "kit_regularizer.hpp"
#include "ldv/fokker_planck/measurements.hpp"
#include "ldv/measure/figures.hpp"

namespace ldv::checks {
namespace {

constexpr double kEps = 0.4, kSpread = 0.3, kAmplitude = 0.5;  // ρ₀ = N(m, s²I), s = kSpread
const Vector kCentre1 = Vector::Constant(1, 0.6), kCentre2 = (Vector(2) << 0.6, -0.2).finished();
const Matrix kTilted = (Matrix(2, 2) << 1.0, 0.4, 0.4, 0.6).finished();
fokker_planck::Density gaussian(const Vector& m) {
  return [m](const Vector& x) { return std::exp(-(x - m).squaredNorm() / (2 * kSpread * kSpread)); };
}

verify::Evidence run(const verify::CheckContext& context) {
  verify::Evidence e;
  e.claim = "Eq. (8): the density of SGD's diffusion x(t) solves ∂ρ/∂t = ∇·(∇f ρ) + (ε/2) Tr(D∇²ρ).";
  e.paper_prediction = {"(8) is the Fokker–Planck equation of x(t): its solutions keep total probability, d/dt ∫ρ = 0",
                        "d/dt ∫ρ = 0 under (8)", std::nullopt};
  const int cells = context.profile == verify::Profile::quick ? 60 : 160;
  const fokker_planck::Box line{Vector::Constant(1, -4.0), Vector::Constant(1, 4.0), 2 * cells};
  const fokker_planck::Box square{Vector::Constant(2, -3.0), Vector::Constant(2, 3.0), cells};
  const Model sine = quartic_loss_1d_sine_noise(kAmplitude);
  const Model turning = quartic_loss_turning_noise(diagonal({1, 2}), 1.0, 1.5, 0.5, 1.0);
  const Model tilted = quartic_loss_constant_noise(diagonal({1, 2}), 1.0, kTilted);
  const double damping = std::exp(-2 * kSpread * kSpread);
  const double rate1 = -2 * kAmplitude * kEps * std::sin(2 * kCentre1(0)) * damping;
  const double rate2 = -kEps * std::cos(2 * kCentre2(0)) * damping;
  const std::string ito = "Itô: (8) drifts at (ε/2)∫(∂ᵢ∂ⱼDᵢⱼ)ρ";
  using fokker_planck::Form;
  const Estimate m1 = fokker_planck::mass_rate(sine, line, kEps, Form::paper_eq8, gaussian(kCentre1), "d/dt ∫ρ under (8), 1-D, D = 1 + 0.5 sin 2x");
  const Estimate m2 = fokker_planck::mass_rate(turning, square, kEps, Form::paper_eq8, gaussian(kCentre2), "d/dt ∫ρ under (8), 2-D, D(x) = R(x₁) diag(1.5, 0.5) R(x₁)ᵀ");
  const Estimate m3 = fokker_planck::mass_rate(tilted, square, kEps, Form::paper_eq8, gaussian(kCentre2), "d/dt ∫ρ under (8), 2-D, constant D = [[1, 0.4], [0.4, 0.6]]");
  verify::Decision decision(context);
  decision.paper(0.0, m1).paper(0.0, m2).paper(0.0, m3)
      .correction(ito, rate1, m1).correction(ito, rate2, m2).correction(ito, 0.0, m3)
      .negative_control("the rate with the opposite sign, −(ε/2)∫(∂ᵢ∂ⱼDᵢⱼ)ρ", -rate1, m1)
      .report(fokker_planck::mass_rate(sine, line, kEps, Form::ito, gaussian(kCentre1), "d/dt ∫ρ under the Itô form, 1-D"))
      .report(fokker_planck::mass_rate(turning, square, kEps, Form::ito, gaussian(kCentre2), "d/dt ∫ρ under the Itô form, 2-D turning D"));
  e.first_principles = verify::Prediction{
      fmt::format("The law of dx = −∇f dt + √ε σ dW solves ∂ρ = ∇·(∇fρ) + (ε/2)∂ᵢ∂ⱼ(Dᵢⱼρ) (Itô), which conserves mass. (8) "
                  "writes D outside the derivatives: (8) = Itô − ε∇·((∇·D)ρ) + (ε/2)(∂ᵢ∂ⱼDᵢⱼ)ρ, identical for constant D, "
                  "otherwise with mass rate (ε/2)∫(∂ᵢ∂ⱼDᵢⱼ)ρ: for ρ₀ = N(m, {}²I), ε = {}: 1-D (D = 1 + 0.5 sin 2x, m = 0.6) "
                  "{:.5g}; 2-D (D(x) = R(x₁)diag(1.5, 0.5)R(x₁)ᵀ, m = (0.6, −0.2)) {:.5g}; constant D 0. The paper's "
                  "Theorem 2.3 and eq. (14) hold for the Itô form (regularizer.theorem2_3, regularizer.eq14).",
                  kSpread, kEps, rate1, rate2),
      "∂ρ = ∇·(∇fρ) + (ε/2)∂ᵢ∂ⱼ(Dᵢⱼρ); (8) only for constant D", std::nullopt};
  e.figures = {measure::measured_versus_predicted_figure(
      "mass_rate", "d/dt ∫ρ at t = 0 under eq. (8): case 1 (1-D, D(x)), 2 (2-D, turning D(x)), 3 (2-D, constant D)", "case",
      "d/dt ∫ρ", {{1, decision.resolve(m1)}, {2, decision.resolve(m2)}, {3, decision.resolve(m3)}},
      {{"paper: 0 (mass conserved)", {0, 0, 0}}, {"Itô: (ε/2)∫(∂ᵢ∂ⱼDᵢⱼ)ρ₀", {rate1, rate2, 0}}, {"control: opposite sign", {-rate1, -rate2, 0}}})};
  decision.apply_to(e);
  return e;
}

}  // namespace

void register_regularizer_eq8_fokker_planck(verify::Registry& registry) {
  registry.add({"regularizer.eq8_fokker_planck", verify::RecordKind::check, "regularizer", "Eq. (8)",
                "The paper's Fokker–Planck equation (8) against the Itô form: mass balance with state-dependent D",
                [](verify::Profile profile) {
                  return check_parameters(profile, {{"eps", kEps}, {"initial", "N(m, 0.3² I)"},
                                                    {"cases", {"1-D f = x²/2 + x⁴/4, D = 1 + 0.5 sin 2x, m = 0.6",
                                                               "2-D f = ½xᵀdiag(1,2)x + |x|⁴/4, D(x) = R(x₁)diag(1.5,0.5)R(x₁)ᵀ, m = (0.6, −0.2)",
                                                               "2-D same f, D = [[1, 0.4], [0.4, 0.6]]"}},
                                                    {"cells", profile == verify::Profile::quick ? 60 : 160},
                                                    {"box", "[-4, 4] (1-D, twice the cells), [-3, 3]^2"}});
                },
                run});
}

}  // namespace ldv::checks
