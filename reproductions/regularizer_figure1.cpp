// Implicit-regularizer paper, Section 5, Figure 1 (Example 3.1).
// Setting:   f = x₁² + x₂² (∇f = 2x), D = diag(μ, 2 − μ), dx = −∇f dt + √ε Σ dW (eq. 4), ΣΣᵀ = D; ε = 0.1
//            (ldv's ε is the paper's ε = η/m, eq. 3: no conversion), step 0.01, 140 000 iterations,
//            μ = 1 (isotropic: panels a, c) and μ = 1.9999 (anisotropic: panels b, d); U = {x₁² + x₂² < 1}.
// The paper: (a)/(b) the radial process R(t) = |x(t)| of one run per μ, (c)/(d) its positions; "at number of
//            iteration 140000 the anisotropic process already exits the basin of attractor U while the
//            isotropic process does not".
// Left open: start point, seed, scheme, whether a run stops at the exit, how the panels are sampled. Chosen
//            here (and recorded in the parameters): start at the minimum O; Euler–Maruyama (= discrete SGD with
//            h = η, DESIGN.md), not killed at the exit; the panels drawn from windows of 100 iterates (kWindow).
// Measured:  the four panels for one seeded run per μ; beyond that single run, the fraction of N runs per μ
//            whose first exit (the first iterate with |x| ≥ 1, the discrete chain the figure shows) happens
//            within 140 000 iterations, each with its exact binomial (Clopper–Pearson) interval; and the exit-angle
//            law of those exits (the same runs replayed with their exit points): the angle ψ of the exit point from
//            the x₁-axis line in 9 bins of 10°, and the fraction with ψ ≤ 10° (reported, not held: the direction is
//            Remark 3.6's claim; a rotation-invariant law gives 1/9).
// Compared:  the paper's message read as a statement about typical runs, P(exit | μ = 1.9999) ≥ ½ ≥
//            P(exit | μ = 1); the competing reading "a typical run of either μ stays in U, the anisotropic one
//            exits more often" (P(exit | 1.9999) ≤ ½ and ≥ P(exit | 1)); negative control: the two μ exit
//            equally often.
// First principles: V₀ = 2/max(μ, 2 − μ) (Lyapunov, eq. 30 of the paper): V₀/ε = 20 for μ = 1, 10.0005 for
//            μ = 1.9999, so both runs are metastable at this ε, and whether one run exits by iteration
//            140 000 is a matter of E[ν] against the horizon, not of the exponent alone.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "ldv/measure/exit_angle_law.hpp"
#include "ldv/measure/exit_points_within_horizon.hpp"
#include "ldv/measure/exit_within_horizon.hpp"
#include "ldv/measure/figures.hpp"
#include "ldv/measure/heuristic_exit_chance.hpp"
#include "ldv/measure/trajectory_figures.hpp"
#include "ldv/quasipotential/lyapunov.hpp"
#include "ldv/stats/binomial_interval.hpp"
// The checks' kit: the same models and the same derived_seed, so a reproduction's streams are
// keyed exactly like a check's (one rule for the whole suite).
#include "proofs_checks/check_kit.hpp"

namespace ldv::reproductions {
namespace {

constexpr double kEps = 0.1, kStep = 0.01;    // the paper's ε = η/m and step size
constexpr std::uint64_t kIterations = 140000; // the paper's number of iterations
// The panels draw the 140 001 iterates in windows of 100 (time 1: two relaxation times 1/a = ½): R(t) by
// min–max decimation (1 400 windows exceed the figure's width in pixels; no excursion towards ∂U is lost),
// the positions as every 100th iterate; the first exit is found on every iterate and marked.
constexpr std::uint64_t kWindow = 100;
constexpr double kIsotropic = 1.0, kAnisotropic = 1.9999;
const Ball kU(Vector::Zero(2), 1.0);  // U = {x₁² + x₂² < 1}: open, a run exits at the first iterate with |x| ≥ 1

std::uint64_t runs_per_mu(verify::Profile profile) { return profile == verify::Profile::quick ? 400 : 10000; }

// Example 3.1's model: f = ½xᵀ(2I)x, noise covariance D = diag(μ, 2 − μ).
Model example_model(double mu) {
  return checks::QuadraticCase{fmt::format("μ = {}", mu), checks::diagonal({2, 2}), 1.0}.model(
      checks::diagonal({mu, 2 - mu}));
}

// N Euler–Maruyama runs from O per μ, counted when they exit U within 140 000 iterations; run 0,
// drawn in full (every iterate, not stopped at the exit), is the run of the panels.
measure::ExitWithinHorizonRuns runs_of(double mu, const verify::CheckContext& context) {
  return {example_model(mu), kU, Vector::Zero(2), kEps, kStep, kIterations, runs_per_mu(context.profile),
          checks::derived_seed(context.seed, fmt::format("regularizer.figure1 mu={}", mu)), context.threads,
          /*draw_run0=*/true};
}
measure::ExitWithinHorizon count_exits(double mu, const verify::CheckContext& context) {
  return measure::measure_exit_within_horizon(
      runs_of(mu, context), fmt::format("fraction of runs exiting U within 140 000 iterations, μ = {}", mu));
}
// Where those same runs exit: ψ from the x₁-axis line, 9 bins of 10°, and the fraction with ψ ≤ 10°.
measure::ExitAngleLaw angle_law(double mu, const measure::ExitWithinHorizon& counted,
                                const verify::CheckContext& context) {
  return measure::exit_angle_law(measure::exit_points_within_horizon(runs_of(mu, context), counted).points,
                                 Vector::Zero(2), Vector::Unit(2, 0), 9, 10.0,
                                 fmt::format("fraction of those exits within 10° of the x₁-axis, μ = {}", mu));
}

// Panels (a)/(b): R(t) = |x(t)| and the line R = 1; (c)/(d): the positions and the unit circle ∂U.
std::pair<verify::Figure, verify::Figure> panels(const measure::ExitWithinHorizon& m, double mu, char radial,
                                                 char positions, const std::string& kind) {
  const std::string exit = m.path0_exit ? fmt::format("first exit from U at iteration {}", *m.path0_exit)
                                        : "no exit from U within 140 000 iterations";
  return {measure::radial_figure(*m.run0, kU, kWindow,
                                 {fmt::format("figure1{}_radial_{}", radial, kind),
                                  fmt::format("Figure 1({}): R(t) = |x(t)| of one run, μ = {}; min and max per {} "
                                              "iterates; {}", radial, mu, kWindow, exit),
                                  fmt::format("R(t), μ = {}", mu), "R = 1 (∂U)"}),
          measure::positions_figure(*m.run0, kU, kWindow,
                                    {fmt::format("figure1{}_positions_{}", positions, kind),
                                     fmt::format("Figure 1({}): positions x(t) of the same run, μ = {}; every {}th "
                                                 "iterate; {}", positions, mu, kWindow, exit),
                                     fmt::format("x(t), μ = {}", mu), "unit circle ∂U"})};
}

// Context, not a held prediction (measure/heuristic_exit_chance.hpp), a = 2: for μ = 1 the 2-D radial
// process, noise 1; for μ = 1.9999 the 1-D one of x₁, noise |σᵀn| = √μ at the exit point (±1, 0)
// (x₂'s stationary s.d. √(ε(2 − μ)/4) ≈ 0.0016 is neglected).
measure::HeuristicExitChance heuristic(double mu) {
  return measure::heuristic_exit_chance({2.0, kEps, kStep, std::sqrt(std::max(mu, 2.0 - mu)), 1.0,
                                         mu == kIsotropic ? 2 : 1, static_cast<double>(kIterations) * kStep});
}

double barrier(double mu) { return quasipotential::exact_quasipotential(example_model(mu)).sphere_minimum(1.0); }

nlohmann::json parameters(verify::Profile profile) {
  return {{"loss", "f = x1^2 + x2^2 (gradient 2x)"}, {"diffusion", "D = diag(mu, 2 - mu)"},
          {"mu", {kIsotropic, kAnisotropic}}, {"eps", kEps},
          {"eps_convention", "ldv eps = the paper's eps = eta/m (eq. 3); dx = -grad f dt + sqrt(eps) Sigma dW (eq. 4)"},
          {"step", kStep}, {"iterations", kIterations},
          {"domain", "U = open unit disc; a run exits at the first iterate with |x| >= 1"},
          {"start", "the minimum O = (0, 0) (the paper does not say)"},
          {"scheme", "Euler-Maruyama (= discrete SGD with h = eta); the drawn runs are not stopped at the exit"},
          {"figure_sampling",
           fmt::format("R(t): minimum and maximum over each window of {0} iterates (min-max decimation); positions: "
                       "every {0}th iterate; the first exit found on every iterate and marked", kWindow)},
          {"seed_rule", "per mu: derived_seed(run seed, \"regularizer.figure1 mu=<mu>\") (proofs_checks/check_kit); "
                        "the drawn run is path 0 of that seed, the first of the counted runs"},
          {"runs_per_mu", runs_per_mu(profile)}, {"exit_estimator", "discrete"},
          {"horizon", "censored at iteration 140000 (time 1400)"},
          {"exit_angle_law", "the exits within the horizon (the counted runs replayed): angle psi of the exit point "
                             "from the x1-axis line, 9 bins of 10 degrees; fraction with psi <= 10 degrees"}};
}

verify::Evidence run(const verify::CheckContext& context) {
  verify::Evidence e;
  e.claim = "Section 5, Figure 1: for Example 3.1 (f = x₁² + x₂², D = diag(μ, 2 − μ)) with ε = 0.1 and step 0.01, "
            "one run per μ over 140 000 iterations: (a)/(b) R(t) = |x(t)|, (c)/(d) the positions. \"At number of "
            "iteration 140000 the anisotropic process [μ = 1.9999] already exits the basin of attractor U = {x₁² + "
            "x₂² < 1} while the isotropic process [μ = 1] does not.\" (The panels' exit direction, horizontal for "
            "μ = 1.9999, is Remark 3.6, checked by regularizer.theorem3_5.example3_1; here the exit-angle law of the "
            "counted runs is drawn and reported, not held.)";
  e.paper_prediction = {"read as a statement about typical runs: within 140 000 iterations a run with μ = 1.9999 "
                        "exits U more often than not, and a run with μ = 1 does not",
                        "P(exit within 140 000 iterations | μ = 1.9999) ≥ ½ ≥ P(exit within 140 000 iterations | μ = 1)",
                        std::nullopt};

  const measure::ExitWithinHorizon iso = count_exits(kIsotropic, context), aniso = count_exits(kAnisotropic, context);
  const Estimate difference = stats::proportion_difference(
      "difference of the exit fractions, μ = 1.9999 minus μ = 1", aniso.exits, aniso.runs, iso.exits, iso.runs,
      "runs exiting U within 140 000 iterations");

  verify::Decision decision(context);
  decision.asserts("anisotropy", "within 140 000 iterations the anisotropic process (μ = 1.9999) exits U more often "
                                 "than the isotropic one (μ = 1)");
  decision.paper(verify::at_least(0.5), aniso.fraction).paper(verify::at_most(0.5), iso.fraction);
  const std::string correction = "P(exit | μ = 1.9999) ≤ ½ and P(exit | μ = 1.9999) ≥ P(exit | μ = 1): a typical run "
                                 "of either μ stays in U for 140 000 iterations, the anisotropic one exits more often";
  decision.correction(correction, verify::at_most(0.5), aniso.fraction)
      .correction(correction, verify::at_least(0.0), difference)
      .correction_effect(correction, "anisotropy", verify::DependenceChange::keeps);
  decision.negative_control("the noise's anisotropy has no effect: both μ exit equally often (difference 0)", 0.0,
                            difference);
  const measure::ExitAngleLaw law[] = {angle_law(kIsotropic, iso, context), angle_law(kAnisotropic, aniso, context)};
  for (const measure::ExitAngleLaw& l : law)
    if (l.near_axis_fraction) decision.report(*l.near_axis_fraction);

  const double v0[] = {barrier(kIsotropic), barrier(kAnisotropic)};
  const measure::HeuristicExitChance chance[] = {heuristic(kIsotropic), heuristic(kAnisotropic)};
  e.first_principles = verify::Prediction{
      fmt::format("Lyapunov with A = 2I and D = diag(μ, 2 − μ): V₀ = min over ∂U of ½xᵀΣ⁻¹x = {:.6g} for μ = 1 and "
                  "{:.6g} for μ = 1.9999, so V₀/ε = {:.6g} and {:.6g}: both processes are metastable at ε = 0.1, "
                  "and whether a run exits by iteration 140 000 depends on E[ν] against the horizon, not on the "
                  "exponent alone. Context (heuristic, not held against the measurement): with the exact "
                  "Ornstein–Uhlenbeck mean exit times and an exponential exit law, the continuous process exits within "
                  "time 1400 with probability {:.3g} (μ = 1) and {:.3g} (μ = 1.9999); corrected to first order in h "
                  "for the discrete chain (Euler's stationary variance ε/(1 − ah/2) and the Gobet–Menozzi boundary "
                  "shift c₀√(εh)|σᵀn| for missed excursions), {:.3g} and {:.3g}. Exit direction: for μ = 1 the model is "
                  "rotation invariant, so the exit angle ψ from the x₁-axis line is uniform on [0°, 90°] (fraction "
                  "within 10°: 1/9); for μ = 1.9999, V on ∂U is least at (±1, 0) (Remark 3.6), so exits gather near "
                  "ψ = 0 as ε → 0.",
                  v0[0], v0[1], v0[0] / kEps, v0[1] / kEps, chance[0].continuous, chance[1].continuous,
                  chance[0].discrete, chance[1].discrete),
      fmt::format("V0 = 2/max(μ, 2 − μ): V0/ε = {:.6g} (μ = 1), {:.6g} (μ = 1.9999)", v0[0] / kEps, v0[1] / kEps),
      std::nullopt};

  const auto [a, c] = panels(iso, kIsotropic, 'a', 'c', "isotropic");
  const auto [b, d] = panels(aniso, kAnisotropic, 'b', 'd', "anisotropic");
  e.figures = {a, b, c, d};
  // Every comparison is registered, so measurement_level() is final: the figure's intervals are the decision's.
  e.figures.push_back(measure::measured_versus_predicted_figure(
      "exit_fraction", fmt::format("Fraction of {} runs per μ exiting U within 140 000 iterations", iso.runs), "μ",
      "fraction of runs exiting within 140 000 iterations",
      {{kIsotropic, decision.resolve(iso.fraction)}, {kAnisotropic, decision.resolve(aniso.fraction)}},
      {{"the paper's threshold ½", {0.5, 0.5}},
       {"heuristic: OU with O(h) corrections (not held)", {chance[0].discrete, chance[1].discrete}}}));
  e.figures.push_back(measure::exit_angle_law_figure(
      "exit_angle_law", "Where the counted runs exit U: angle ψ of the exit point from the x₁-axis line",
      {"μ = 1", "μ = 1.9999"}, {law[0], law[1]}, decision.measurement_level()));
  decision.apply_to(e);
  return e;
}

}  // namespace

void register_regularizer_figure1(verify::Registry& registry) {
  registry.add({"regularizer.figure1", verify::RecordKind::reproduction, "regularizer",
                "Section 5, Figure 1 (Example 3.1)",
                "Figure 1: one run per μ over 140 000 iterations; how often runs exit U, μ = 1 vs 1.9999",
                parameters, run});
}

}  // namespace ldv::reproductions
