// Implicit-regularizer paper, eq. (14): −lim_{ε→0} ε ln ρ_ss(x) = φ_QP(x) (the stationary density is
// ≍ exp(−φ_QP/ε); §2.3, and again eq. (32)).
// Paper:            −ε ln ρ_ss → φ_QP, the quasi-potential; for D ≠ I it is not 2f (the "implicit regularizer").
// First principles: the same limit (Freidlin–Wentzell, Ch. 4, Thm 4.3 for one attractor), with φ_QP computed
//                   by the library without the density: Lyapunov's V for Example 3.1 (f = |x|², D = diag(1.5,
//                   0.5): V = 2x₁²/1.5 + 2x₂²/0.5), geometric MAM from O for a non-quadratic f with anisotropic D.
// Measurement:      −ε ln(ρ_ss(x)/ρ_ss(O)) from the finite-volume stationary density (zero-flux box) on a
//                   ladder of three ε, extrapolated to ε → 0 (fokker_planck/measurements.hpp), at points on
//                   both axes.
// Negative control: the Gibbs guess ρ_ss ∝ exp(−2f/ε) (exact for D = I only): 2f(x) for Example 3.1.
#include <tuple>

#include "check_kit.hpp"
#include "kit_regularizer.hpp"
#include "ldv/fokker_planck/measurements.hpp"
#include "ldv/measure/action_between.hpp"
#include "ldv/quasipotential/lyapunov.hpp"

namespace ldv::checks {
namespace {

const std::vector<double> kLadder = {0.5, 0.35, 0.25};  // V/ε ≤ 31 in the box: ρ_ss ≥ 1e-14 max ρ_ss
const Matrix kPoints = (Matrix(2, 3) << 0.5, 0.0, 0.35, 0.0, 0.5, 0.35).finished();
std::string point_text(const Vector& x) { return fmt::format("({:.2f}, {:.2f})", x(0), x(1)); }

verify::Evidence run(const verify::CheckContext& context) {
  verify::Evidence e;
  e.claim = "Eq. (14): the stationary density of SGD's diffusion satisfies −lim_{ε→0} ε ln ρ_ss(x) = φ_QP(x), the "
            "quasi-potential — not 2f unless D = I.";
  e.paper_prediction = {"−ε ln(ρ_ss(x)/ρ_ss(O)) → φ_QP(x) − φ_QP(O) = φ_QP(x)", "ρ_ss ≍ exp(−φ_QP/ε)", std::nullopt};
  const fokker_planck::Box box{Vector::Constant(2, -1.2), Vector::Constant(2, 1.2), context.profile == verify::Profile::quick ? 48 : 120};
  const Vector origin = Vector::Zero(2);
  const Model example = QuadraticCase{"Example 3.1", diagonal({2, 2}), 1.0}.model(diagonal({1.5, 0.5}));
  const Model quartic = quartic_loss_constant_noise(diagonal({1, 2}), 1.0, diagonal({1.5, 0.5}));
  const quasipotential::LyapunovQuasiPotential v = quasipotential::exact_quasipotential(example);
  std::vector<std::string> names_example, names_quartic;
  for (Eigen::Index p = 0; p < kPoints.cols(); ++p) {
    names_example.push_back("−ε ln ρ_ss → ?, Example 3.1 (μ = 1.5), x = " + point_text(kPoints.col(p)));
    names_quartic.push_back("−ε ln ρ_ss → ?, f = ½xᵀdiag(1,2)x + |x|⁴/4, D = diag(1.5, 0.5), x = " + point_text(kPoints.col(p)));
  }
  const auto limits_example = fokker_planck::log_density_limits(example, box, kLadder, kPoints, origin, names_example);
  const auto limits_quartic = fokker_planck::log_density_limits(quartic, box, kLadder, kPoints, origin, names_quartic);
  verify::Decision decision(context);
  verify::Figure figure{"log_density_vs_eps", "−ε ln(ρ_ss(x)/ρ_ss(O)) on the ε ladder (points) and ldv's V(x) (lines at ε → 0)",
                        "ε", "−ε ln(ρ_ss(x)/ρ_ss(O))", false, false, {}};
  std::string values;
  for (Eigen::Index p = 0; p < kPoints.cols(); ++p) {
    const Vector x = kPoints.col(p);
    const double gmam = measure::measure_action_between(quartic, origin, x, "V by gMAM").action.value;
    decision.paper(v.value(x), limits_example[static_cast<std::size_t>(p)].limit)
        .paper(gmam, limits_quartic[static_cast<std::size_t>(p)].limit)
        .negative_control("Gibbs: ρ_ss ∝ exp(−2f/ε), 2f(x) = 2|x|² for Example 3.1 at " + point_text(x), 2 * x.squaredNorm(),
                          limits_example[static_cast<std::size_t>(p)].limit);
    for (const auto& [limit, v_x, label] : {std::tuple{&limits_example[static_cast<std::size_t>(p)], v.value(x), "Example 3.1"},
                                            std::tuple{&limits_quartic[static_cast<std::size_t>(p)], gmam, "quartic"}}) {
      std::vector<double> eps = limit->eps, values_at = limit->values;
      eps.insert(eps.begin(), 0.0);
      values_at.insert(values_at.begin(), limit->limit.value);
      figure.series.push_back({fmt::format("{}, x = {} (ε = 0: extrapolated)", label, point_text(x)), verify::SeriesStyle::points, eps, values_at, {}, {}});
      figure.series.push_back({fmt::format("V = {:.4f}, {}, x = {}", v_x, label, point_text(x)), verify::SeriesStyle::lines, {0.0, kLadder.front()}, {v_x, v_x}, {}, {}});
    }
    values += fmt::format("{}x = {}: Example 3.1 V = {:.4f} (2f = {:.4f}), quartic V = {:.4f} (2f = {:.4f})", p ? "; " : "",
                          point_text(x), v.value(x), 2 * x.squaredNorm(), gmam,
                          x(0) * x(0) + 2 * x(1) * x(1) + 0.5 * x.squaredNorm() * x.squaredNorm());
  }
  e.first_principles = verify::Prediction{
      "The limit holds (Freidlin–Wentzell, Ch. 4): φ_QP from the library without the density — Lyapunov for Example "
      "3.1, geometric MAM from O for the quartic loss (error ~1e-6). " + values + ". The negative control 2f is the "
      "Gibbs density's exponent, right only for D ∝ I.",
      "−ε ln ρ_ss → V (ldv's quasi-potential)", std::nullopt};
  e.figures = {figure};
  decision.apply_to(e);
  return e;
}

}  // namespace

void register_regularizer_eq14(verify::Registry& registry) {
  registry.add({"regularizer.eq14", verify::RecordKind::check, "regularizer", "Eq. (14) (and eq. 32)",
                "The stationary density's exponent is the quasi-potential, not 2f",
                [](verify::Profile profile) {
                  return check_parameters(profile, {{"eps_ladder", kLadder}, {"box", "[-1.2, 1.2]^2, zero-flux walls"},
                                                    {"cells", profile == verify::Profile::quick ? 48 : 120},
                                                    {"points", {{0.5, 0.0}, {0.0, 0.5}, {0.35, 0.35}}},
                                                    {"cases", {"Example 3.1, mu = 1.5", "f = ½xᵀdiag(1,2)x + |x|⁴/4, D = diag(1.5, 0.5)"}}});
                },
                run});
}

}  // namespace ldv::checks
