// Implicit-regularizer paper, Theorem 3.5 beyond Example 3.1: (30) ε ln E[τ] → V₀ = min_{∂U} φ(·; O), and
// (29) ε ln P(x₀, ∂U) → −V₀ "as ε → 0, μ → 0" for the per-cycle exit probability (28) (a cycle runs from
// Γ = ∂B(O, μ) to γ ∪ ∂U, γ = ∂B(O, μ/2)).
// Paper:            both exponents are V₀, for any D and convex f with the outward condition on ∂U.
// First principles: V₀ from ldv's quasi-potential — Lyapunov and geometric MAM for a quadratic f with
//                   non-diagonal D, geometric MAM alone for the non-quadratic f = ½xᵀHx + |x|⁴/4 with the
//                   same D. For (29) at a fixed μ, starting where the minimum-action path last crosses Γ
//                   (y_μ), the exponent is V₀ − V(y_μ) (measure/cycle_exit_probability.hpp), which reaches V₀
//                   only as μ → 0: (29) holds as an iterated limit, ε → 0 first, then μ → 0.
// Measurement:      V₀ per case from an exit-time ladder; the per-cycle exponent s(μ) from a ladder of ε at
//                   μ = 0.8, 0.6, 0.4 (non-quadratic case).
#include "check_kit.hpp"
#include "kit_regularizer.hpp"
#include "ldv/measure/cycle_exit_probability.hpp"
#include "ldv/measure/figures.hpp"
#include "ldv/quasipotential/path_quasipotential.hpp"
#include "ldv/quasipotential/sphere_crossing.hpp"

namespace ldv::checks {
namespace {

const Matrix kHessian = diagonal({1, 2});
const Matrix kNoise = (Matrix(2, 2) << 1.2, 0.5, 0.5, 0.8).finished();
constexpr double kBeta = 1.0, kLargestRate = 2.0;  // λ_max of the drift Jacobian at O (check_kit's rule); ≤ 5 on ∂U, h·5 ≪ 2
const std::vector<double> kInnerRadii = {0.8, 0.6, 0.4};           // μ: Γ = ∂B(O, μ), γ = ∂B(O, μ/2)
const std::vector<double> kCycleExponentOverEps = {2, 3, 4, 5};  // s/ε: P from ~e⁻² to ~e⁻⁵ before prefactors
const std::string kIterated = "(29) as an iterated limit: at fixed μ the exponent is V0 − V(y_μ), → V0 as μ → 0";

std::uint64_t cycle_paths(verify::Profile p) { return p == verify::Profile::quick ? 20000 : 200000; }

verify::Evidence run(const verify::CheckContext& context) {
  verify::Evidence e;
  e.claim = "Theorem 3.5 for a convex f with one minimum O and ∂U smooth with −∇f·n < 0: "
            "lim_{ε→0, μ→0} ε ln P(x₀, ∂U) = −V₀ (eq. 29) and lim_{ε→0} ε ln E[τ(x₀, ∂U)] = V₀ (eq. 30), "
            "V₀ = min over ∂U of φ(·; O); checked beyond Example 3.1 on non-diagonal D and a non-quadratic f.";
  e.paper_prediction = {"exit-time exponent V₀ and per-cycle exponent V₀ (P(x₀, ∂U) ≍ e^{−V₀/ε})", "V0 = min_{∂U} φ",
                        std::nullopt};
  verify::Decision decision(context);
  decision.asserts("exponent", "the per-cycle exit probability decays with exponent V₀ = min over ∂U of φ")
      .correction_effect(kIterated, "exponent", verify::DependenceChange::keeps);
  BarrierTable table(context, "case");
  const auto& quadratic = table.measure({QuadraticCase{"", kHessian, 1.0}.model(kNoise), 1.0, 2.0,
                                         "f = ½xᵀdiag(1, 2)x, D = [[1.2, 0.5], [0.5, 0.8]]", "theorem3.5 general quadratic"},
                                        1, {});
  decision.paper(quadratic.first_principles.value(), quadratic.measured.barrier)
      .negative_control("exit exponent doubled: 2V0", 2 * quadratic.first_principles.value(), quadratic.measured.barrier);
  const Model quartic = quartic_loss_constant_noise(kHessian, kBeta, kNoise);
  const GmamBarrier nonlinear = measure_gmam_barrier(context, quartic, Vector::Zero(2), 1.0, kLargestRate,
                                                     custom_model_ladder_budget(context.profile),
                                                     "f = ½xᵀdiag(1, 2)x + |x|⁴/4, D = [[1.2, 0.5], [0.5, 0.8]]",
                                                     "theorem3.5 general quartic");
  const double v0 = nonlinear.first_principles.barrier;
  decision.paper(v0, nonlinear.measured.barrier).negative_control("exit exponent doubled: 2V0", 2 * v0, nonlinear.measured.barrier);

  std::vector<measure::MeasuredCase> cycles;
  std::vector<Estimate> exponents;
  measure::PredictionCurve paper{"paper: V₀", {}}, iterated{"first principles: V₀ − V(y_μ)", {}};
  for (double mu : kInnerRadii) {
    const Vector y = quasipotential::last_sphere_crossing(nonlinear.first_principles.path.path, Vector::Zero(2), mu);
    const double s = v0 - quasipotential::path_quasipotential(quartic, Vector::Zero(2), y).value;
    measure::CycleExitLadder ladder{{quartic, Vector::Zero(2), 1.0, mu / 2, y, 0.0,
                                     custom_model_ladder_budget(context.profile).step_fraction / kLargestRate, cycle_paths(context.profile),
                                     100'000'000, derived_seed(context.seed, fmt::format("theorem3.5 cycle mu={}", mu)),
                                     context.threads},
                                    {}, s};
    for (double k : kCycleExponentOverEps) ladder.eps.push_back(s / k);
    const Estimate& measured = exponents.emplace_back(
        measure::measure_cycle_exit_exponent(ladder, fmt::format("per-cycle exponent s(μ), μ = {}", mu)).exponent);
    decision.paper(v0, measured).correction(kIterated, s, measured).negative_control("per-cycle exponent doubled: 2(V0 − V(y_μ))", 2 * s, measured);
    paper.values.push_back(v0);
    iterated.values.push_back(s);
  }
  for (std::size_t i = 0; i < exponents.size(); ++i) cycles.push_back({kInnerRadii[i], decision.resolve(exponents[i])});
  e.first_principles = verify::Prediction{
      "Quadratic case: " + table.first_principles_values() + ". Non-quadratic case: V₀ = " + fmt::format("{:.6g}", v0) +
          " by geometric MAM over the circle (argmin (" + fmt::format("{:.4g}, {:.4g}", nonlinear.first_principles.argmin(0),
                                                                       nonlinear.first_principles.argmin(1)) +
          ")). Per cycle from y_μ, where that minimum-action path last crosses Γ, the cheapest way to ∂U avoiding γ costs "
          "V₀ − V(y_μ) (the path's tail; V(x) ≤ V(y) + φ(x; y) everywhere): " +
          fmt::format("{:.4g}, {:.4g}, {:.4g} at μ = 0.8, 0.6, 0.4", iterated.values[0], iterated.values[1], iterated.values[2]) +
          " — V₀ only as μ → 0 after ε → 0.",
      kIterated, std::nullopt};
  e.figures = {measure::measured_versus_predicted_figure("cycle_exponent", "Per-cycle exit exponent s(μ) against the inner "
                                                         "radius μ (ε → 0 first)", "μ", "s(μ)", cycles, {paper, iterated}),
               measure::arrhenius_figure({quadratic.measured, nonlinear.measured}, decision.measurement_level())};
  decision.apply_to(e);
  return e;
}

}  // namespace

void register_regularizer_theorem3_5_general(verify::Registry& registry) {
  registry.add({"regularizer.theorem3_5.general", verify::RecordKind::check, "regularizer", "Theorem 3.5 (eqs. 29, 30)",
                "Exit exponent and per-cycle exit probability beyond Example 3.1",
                [](verify::Profile profile) {
                  return check_parameters(profile, {{"hessian", matrix_text(kHessian)}, {"diffusion", matrix_text(kNoise)},
                                                    {"quartic_beta", kBeta}, {"radius", 1.0}, {"inner_radii_mu", kInnerRadii},
                                                    {"cycle_exponent_over_eps", kCycleExponentOverEps},
                                                    {"cycle_paths", cycle_paths(profile)},
                                                    {"custom_model_budget", budget_json(custom_model_ladder_budget(profile))}});
                },
                run});
}

}  // namespace ldv::checks
