// Implicit-regularizer paper, Section 5, Figure 2 (Example 4.1).
// Setting:   f = |x − Oᵢ|² on the unit disc Bᵢ around O₁ = (−2, 0), O₂ = (2, 0), f = 1 elsewhere (eq. 34–35);
//            D = diag(μᵢ, 2 − μᵢ) on Bᵢ, I elsewhere; μ₁ = 1.9999, μ₂ = 1.0001; ε = 0.2 (ldv's ε is the paper's
//            ε = η/m), step 0.01, 22 000 iterations, (a) from O₁, (b) from O₂.
// The paper: "when the SGD process starts from O₁, it will exit the basin of attractor B₁ and gets trapped to B₂";
//            "when the SGD process starts from O₂, it tends to stay within this basin of attraction B₂".
// Left open: seed, scheme, interface treatment. Chosen here: Euler–Maruyama (= discrete SGD, h = η), coefficients
//            at the pre-step point; ∇f of the closed discs (eq. 35: |x − Oᵢ| ≤ 1), D of the open ones (the
//            model's convention, models/two_well.hpp); a run is "in Bᵢ" at an iterate with |x − Oᵢ| < 1. Outside
//            both discs the drift is 0 and D = I: planar Brownian motion, unconfined (nothing stops a run from
//            wandering off, as nothing does in the paper's eq. 34–35).
// Measured:  the two panels, one seeded run from each start drawn in the plane (every 10th iterate); over N runs
//            per start, with Clopper–Pearson intervals: the fraction that leave their first basin, that ever reach
//            the other one, and that are in B₁, in B₂ or in neither at iteration 22 000.
// Compared:  the paper read as typical-run statements: P(leave B₁ | O₁) ≥ ½, P(in B₂ at the end | O₁) ≥ ½,
//            P(leave B₂ | O₂) ≤ ½. Correction (first principles, below): runs from O₁ do leave B₁, but reaching B₂
//            within 22 000 iterations is the exception, P(in B₂ at the end | O₁) ≤ ½, while the selection the
//            claim asserts holds: P(reach B₂ | O₁) ≥ P(reach B₁ | O₂). Negative control: no selection, the two
//            reach fractions are equal.
#include <cmath>
#include <fmt/format.h>

#include "ldv/measure/basin_visits.hpp"
#include "ldv/measure/figures.hpp"
#include "ldv/measure/heuristic_exit_chance.hpp"
#include "ldv/stats/binomial_interval.hpp"
#include "proofs_checks/check_kit.hpp"

namespace ldv::reproductions {
namespace {

constexpr double kEps = 0.2, kStep = 0.01, kMu1 = 1.9999, kMu2 = 1.0001;
constexpr std::uint64_t kIterations = 22000;
const std::vector<Ball> kBasins = {Ball((Vector(2) << -2, 0).finished(), 1.0), Ball((Vector(2) << 2, 0).finished(), 1.0)};
const std::vector<std::string> kNames = {"B₁", "B₂"};

std::uint64_t runs_per_start(verify::Profile profile) { return profile == verify::Profile::quick ? 2000 : 20000; }

measure::BasinVisits visits(int well, const verify::CheckContext& context) {
  return measure::measure_basin_visits(
      {Model(TwoWellModel(kMu1, kMu2)), kBasins, kNames, kBasins[well].center(), well == 0 ? "O₁" : "O₂", kEps, kStep,
       kIterations, runs_per_start(context.profile),
       checks::derived_seed(context.seed, fmt::format("regularizer.figure2 start={}", well)), context.threads, true});
}

// Context: the chance of leaving Bᵢ within time 220 from the OU exit time (measure/heuristic_exit_chance.hpp):
// B₁ along x₁ (1-D, noise √μ₁), B₂ as the 2-D isotropic disc (μ₂ ≈ 1).
double leave_chance(int well) {
  return well == 0 ? measure::heuristic_exit_chance({2.0, kEps, kStep, std::sqrt(kMu1), 1.0, 1, 220.0}).discrete
                   : measure::heuristic_exit_chance({2.0, kEps, kStep, 1.0, 1.0, 2, 220.0}).discrete;
}

nlohmann::json parameters(verify::Profile profile) {
  return {{"loss", "Example 4.1, eq. (34)-(35)"}, {"mu1", kMu1}, {"mu2", kMu2}, {"eps", kEps}, {"step", kStep},
          {"iterations", kIterations}, {"starts", {"O1 = (-2, 0)", "O2 = (2, 0)"}},
          {"scheme", "Euler-Maruyama (= discrete SGD, h = eta), coefficients at the pre-step point"},
          {"interface", "grad f on the closed discs |x - O_i| <= 1, D on the open discs; 'in B_i' means |x - O_i| < 1 "
                        "at an iterate; outside both discs drift 0 and D = I, unconfined"},
          {"runs_per_start", runs_per_start(profile)},
          {"seed_rule", "per start i: derived_seed(run seed, \"regularizer.figure2 start=<i>\"); the drawn run is run 0"},
          {"figure_sampling", "every 10th iterate"}};
}

verify::Evidence run(const verify::CheckContext& context) {
  verify::Evidence e;
  e.claim = "Section 5, Figure 2: for Example 4.1 with ε = 0.2, step 0.01, μ₁ = 1.9999, μ₂ = 1.0001 and 22 000 "
            "iterations, \"when the SGD process starts from O₁, it will exit the basin of attractor B₁ and gets trapped "
            "to B₂\"; \"when the SGD process starts from O₂, it tends to stay within this basin of attraction B₂\": "
            "the anisotropic noise in B₁ selects O₂.";
  e.paper_prediction = {"read as statements about typical runs: from O₁ a run leaves B₁ and ends in B₂; from O₂ it "
                        "stays in B₂", "P(leave B₁ | O₁) ≥ ½, P(in B₂ at 22 000 | O₁) ≥ ½, P(leave B₂ | O₂) ≤ ½",
                        std::nullopt};
  const measure::BasinVisits from1 = visits(0, context), from2 = visits(1, context);
  const Estimate selection = stats::proportion_difference(
      "reach fraction from O₁ (B₂) minus reach fraction from O₂ (B₁)", from1.entered[1], from1.runs, from2.entered[0],
      from2.runs, "runs reaching the other basin within 22 000 iterations");

  verify::Decision decision(context);
  decision.asserts("selection", "the noise structure selects O₂: runs from O₁ move to B₂ more often than runs from "
                                "O₂ move to B₁");
  decision.paper(verify::at_least(0.5), from1.left_start_fraction)
      .paper(verify::at_least(0.5), from1.ended_fraction[1])
      .paper(verify::at_most(0.5), from2.left_start_fraction);
  const std::string correction = "P(leave B₁ | O₁) ≥ ½, P(in B₂ at 22 000 | O₁) ≤ ½ and P(reach B₂ | O₁) ≥ "
                                 "P(reach B₁ | O₂): runs leave B₁, few reach B₂ within the horizon, the selection holds";
  decision.correction(correction, verify::at_least(0.5), from1.left_start_fraction)
      .correction(correction, verify::at_most(0.5), from1.ended_fraction[1])
      .correction(correction, verify::at_least(0.0), selection)
      .correction_effect(correction, "selection", verify::DependenceChange::keeps);
  decision.negative_control("no selection: runs from O₁ reach B₂ as often as runs from O₂ reach B₁ (difference 0)",
                            0.0, selection);
  for (const Estimate& m : {from1.entered_fraction[0], from2.entered_fraction[0], from1.ended_fraction[0],
                            from1.ended_fraction[2], from2.ended_fraction[1], from2.ended_fraction[0],
                            from2.ended_fraction[2]})
    decision.report(m);

  e.first_principles = verify::Prediction{
      fmt::format("Inside Bᵢ the local quasi-potential is 2[(x₁ ∓ 2)²/μᵢ + x₂²/(2 − μᵢ)], least on ∂Bᵢ at 2/max(μᵢ, "
                  "2 − μᵢ): V₀/ε = {:.4g} for B₁ and {:.4g} for B₂. Context (heuristic, not held): the OU exit time "
                  "with the chain's O(h) corrections gives P(leave B₁ within time 220) ≈ {:.3g} and P(leave B₂) ≈ "
                  "{:.3g}. A run that leaves B₁ sits just outside ∂B₁ in a region with no drift and D = I (planar "
                  "Brownian motion, √ε ≈ 0.45 per unit time): it re-enters B₁ far more often than it crosses the gap "
                  "of 2 to B₂, which a harmonic-measure argument makes an exception within time 220; hence the "
                  "correction: the selection (O₁ → B₂ more often than O₂ → B₁) holds, the trapping of a typical run "
                  "does not.",
                  2.0 / kMu1 / kEps, 2.0 / kMu2 / kEps, leave_chance(0), leave_chance(1)),
      "P(in B₂ at 22 000 | O₁) ≤ ½ with P(reach B₂ | O₁) ≥ P(reach B₁ | O₂)", std::nullopt};
  e.figures = {measure::basins_plane_figure("figure2a_from_o1", "Figure 2(a): one run from O₁ = (−2, 0), 22 000 "
                                            "iterations, every 10th iterate", *from1.run0, kBasins, kNames, 10, "x(t) from O₁"),
               measure::basins_plane_figure("figure2b_from_o2", "Figure 2(b): one run from O₂ = (2, 0), 22 000 "
                                            "iterations, every 10th iterate", *from2.run0, kBasins, kNames, 10, "x(t) from O₂")};
  std::vector<measure::MeasuredCase> cases;
  for (const Estimate* m : {&from1.left_start_fraction, &from1.entered_fraction[0], &from1.ended_fraction[1],
                            &from2.left_start_fraction, &from2.entered_fraction[0], &from2.ended_fraction[1]})
    cases.push_back({static_cast<double>(cases.size() + 1), decision.resolve(*m)});
  e.figures.push_back(measure::measured_versus_predicted_figure(
      "basin_fractions", "Over the runs: 1 leave B₁, 2 reach B₂, 3 in B₂ at the end (from O₁); 4 leave B₂, 5 reach "
      "B₁, 6 in B₂ at the end (from O₂)", "outcome (1–3 from O₁, 4–6 from O₂)", "fraction of runs", cases,
      {{"the paper's threshold ½", {0.5, 0.5, 0.5, 0.5, 0.5, 0.5}}}));
  decision.apply_to(e);
  return e;
}

}  // namespace

void register_regularizer_figure2(verify::Registry& registry) {
  registry.add({"regularizer.figure2", verify::RecordKind::reproduction, "regularizer",
                "Section 5, Figure 2 (Example 4.1)",
                "Figure 2: runs from O₁ and O₂ over 22 000 iterations; how often they leave, cross, and end where",
                parameters, run});
}

}  // namespace ldv::reproductions
