// Escape paper, Table 1 (§1.1) as a rendered table: each readable row's formula evaluated on the quadratic
// models of the check escape.table1 and on the trained MLP of Figure 2, beside the measured exit time.
// The rows, the quadratic cases and their measurement are the check's (proofs_checks/kit_table1.hpp, the same
// seeds: the same V₀); the MLP's radius sweep is escape.figure2's (proofs_checks/kit_figure2.hpp, the same seeds).
// Table A, quadratic models (C = H, ε = η/B the model's ε): V₀ of each row, Lyapunov's V₀ = r², and the fitted
//          slope of log E[τ] in 1/ε.
// Table B, the MLP at η₀ = 0.25/λ_max(H), B₀ = 16 (ε = η₀/B₀): each row's exponent of log E[steps] as a function of
//          r², (B/η)·V₀(r², λ_min, ΔL = ½r²λ_min), at r₀ = r(1) and its slope on r²; first principles: the Gaussian
//          chain's exponent I(r²) (prefactor neglected); measured: log E[steps] at r₀ and its slope on r² over
//          r(0.5), r(1), r(1.5). The exponents fix log E[steps] only up to the log of a prefactor, so the slope on
//          r² decides.
// Decision: on the quadratics, the check's comparisons; on the MLP, the paper's slope 2(B/η)√λ_min, Xie et al.'s
//          (B/η) and 2(B/η) and the Gaussian chain's slope as alternatives, and the control "slope on r² = 0".
#include <cmath>
#include <fmt/format.h>

#include "ldv/stats/binomial_interval.hpp"
#include "ldv/stats/interval_policy.hpp"
#include "ldv/stats/regression.hpp"
#include "proofs_checks/check_kit.hpp"
#include "proofs_checks/kit_figure2.hpp"
#include "proofs_checks/kit_mlp.hpp"
#include "proofs_checks/kit_table1.hpp"

namespace ldv::reproductions {
namespace {

using checks::table1_rows;

std::string number(double x) { return fmt::format("{:.4g}", x); }
std::string interval(const verify::Measurement& m) {
  return fmt::format("{:.4g} [{:.4g}, {:.4g}]", m.value, m.ci_low, m.ci_high);
}

nlohmann::json parameters(verify::Profile profile) {
  nlohmann::json mlp = checks::mlp_parameters(profile);
  mlp["runs_per_setting"] = checks::figure2_runs_per_setting(profile);
  mlp["step_cap"] = checks::figure2_step_cap(profile);
  mlp["eta0"] = "0.25 / lambda_max(H)";
  mlp["batch0"] = checks::kFigure2Batch;
  mlp["radii"] = "r(I) with the Gaussian chain's exponent I(r^2) = 0.5, 1, 1.5; r0 = r(1) (escape.figure2's sweep)";
  return checks::check_parameters(profile, {{"cases", checks::cases_json(checks::table1_cases())},
                                            {"diffusion", "hessian (C = H)"},
                                            {"xie_constants", "λ' = λ = λ_min, ΔL = ½r²λ_min (s drops out)"},
                                            {"mlp", mlp}});
}

verify::Evidence run(const verify::CheckContext& context) {
  checks::BarrierTable barriers(context, "λ_min(H)");
  const std::vector<checks::Table1Case> quadratic = checks::measure_table1(barriers);
  const checks::TrainedMlp& net = checks::trained_mlp(context);
  const checks::Figure2Ball ball = checks::figure2_ball(net);
  const double noise = checks::kFigure2Batch / ball.eta0, lmin = net.lambda_min(), r0 = ball.radii[1];
  const mlp::ExitStepSweep by_r = checks::figure2_radius_sweep(net, context);
  const mlp::SweepPoint& at_r0 = by_r.points[1];
  const Estimate slope = by_r.slope("MLP: slope of log E[steps] on r²");
  // log E[steps] at r₀ when the mean is bounded; else (every run censored, no tail) the fraction that exited.
  const bool bounded = std::isfinite(at_r0.mean.mean) && std::isfinite(stats::log_mean_std_error(at_r0.mean));
  const std::string at_r0_name = fmt::format("MLP: log E[steps] at r₀ = {:.4g}", r0);
  const Estimate log_steps =
      bounded ? stats::normal_estimate(at_r0_name, std::log(at_r0.mean.mean), stats::log_mean_std_error(at_r0.mean), 0.0,
                                       "log of estimate_mean, delta method (censored runs: exponential tail)")
              : stats::binomial_proportion(fmt::format("MLP: fraction of runs exiting within the cap at r₀ = {:.4g}", r0),
                                           at_r0.steps.exits(), at_r0.steps.steps.size(),
                                           "no bounded mean: the exits within the cap, Clopper-Pearson");
  // Each row on the MLP: exponent (B/η)·V₀(r², λ_min, ½r²λ_min), linear in r².
  auto exponent = [&](const checks::Table1Row& row, double r2) { return noise * row.v0(r2, lmin, 0.5 * r2 * lmin); };

  verify::Evidence e;
  e.claim = "Table 1: the paper's escape time exp[2 (B/η) r² λ^{1/2}] (+ O(√η)) beside Xie et al. (2020)'s "
            "exp[2 (B/η) ΔL (s/λ + (1 − s)/|λ'|)], consistent according to the caption because ΔL = r²λ; each readable "
            "row evaluated on quadratic models and on the trained MLP of Section 6 beside the measured exit time. " +
            checks::kTable1Unreadable;
  e.paper_prediction = {"V₀ = 2r²√λ_min on the quadratics; on the MLP log E[steps] ≈ (B/η)·2r²√λ_min, slope "
                        "2(B/η)√λ_min on r²", "V0 = 2r²√λ; slope on r² = 2(B/η)√λ_min", std::nullopt};
  verify::Decision decision(context);
  decision.asserts("lambda", "the exit exponent grows with the sharpness (as √λ), consistently with Xie et al.")
      .correction_effect(checks::kTable1Correction, "lambda", verify::DependenceChange::removes);
  for (const checks::Table1Case& c : quadratic) {  // escape.table1's comparisons
    const double r2 = c.quadratic->r2();
    decision.paper(c.predicted[0], c.row->measured.barrier)
        .paper(r2 * c.lambda_min, c.loss)
        .correction(checks::kTable1Correction, c.row->first_principles.value(), c.row->measured.barrier)
        .correction(checks::kTable1Correction, c.barrier_loss, c.loss)
        .alternative("Xie et al. with the caption's ΔL = r²λ: V0 = 2r²", c.predicted[2], c.row->measured.barrier)
        .negative_control("isotropic-noise exponent r²λ_min (noise shape ignored)", r2 * c.lambda_min,
                          c.row->measured.barrier);
  }
  decision.paper(exponent(table1_rows()[0], 1.0), slope)
      .alternative("MLP: Xie et al. with ΔL = ½r²λ_min, slope (B/η)", exponent(table1_rows()[1], 1.0), slope)
      .alternative("MLP: Xie et al. with the caption's ΔL = r²λ_min, slope 2(B/η)", exponent(table1_rows()[2], 1.0), slope)
      .alternative("MLP: the Gaussian chain's exponent I alone (heuristic: prefactor neglected)",
                   by_r.gaussian_rate_slope(), slope)
      .negative_control("MLP: the exit steps do not depend on the radius (slope on r² = 0)", 0.0, slope)
      .report(log_steps);

  // Table A: V₀ on the quadratic models; Table B: the exponent of log E[steps] on the MLP.
  verify::Table a{"quadratic", "Table 1 on quadratic models, C = H, r = 1: V₀ of E[τ] ≍ exp(V₀/ε)",
                  {"row", "formula", "V₀ predicted (H)", "V₀ predicted (4H)"}, {}, ""};
  for (std::size_t i = 0; i < table1_rows().size(); ++i)
    a.rows.push_back({table1_rows()[i].name, table1_rows()[i].printed + " → " + table1_rows()[i].v0_formula,
                      number(quadratic[0].predicted[i]), number(quadratic[1].predicted[i])});
  a.rows.push_back({"first principles (Lyapunov)", "V₀ = min over |θ| = r of ½θᵀΣ⁻¹θ, HΣ + ΣH = C = H ⇒ Σ = I/2, V₀ = r²",
                    number(quadratic[0].row->first_principles.value()), number(quadratic[1].row->first_principles.value())});
  a.rows.push_back({"measured (slope of log E[τ] in 1/ε)", "3-parameter Arrhenius fit on the exit-time ladder",
                    interval(decision.resolve(quadratic[0].row->measured.barrier)),
                    interval(decision.resolve(quadratic[1].row->measured.barrier))});
  a.note = fmt::format("H = diag(2, 5) and 4·diag(2, 5); ε = η/B is the model's ε (dθ = −Hθ dt + √ε C^½ dW, C = H), so "
                       "each row's exponent (B/η)·V₀ is V₀/ε. Measured intervals at {:.6g}% (the decision's level).",
                       100 * decision.measurement_level());
  verify::Table b{"mlp",
                  fmt::format("Table 1 on the trained MLP ({}): exponent of log E[steps] at ε = η/B",
                              net.data.substitute ? "substitute data set, AVILA absent" : "AVILA"),
                  {"row", "formula", "exponent at r₀", "slope on r²"}, {}, ""};
  const std::string printed[] = {"(B/η)·2r²√λ_min", "(B/η)·2ΔL/λ_min = (B/η)·r², ΔL = ½r²λ_min",
                                 "(B/η)·2r², the caption's ΔL = r²λ_min"};
  for (std::size_t i = 0; i < table1_rows().size(); ++i)
    b.rows.push_back({table1_rows()[i].name, printed[i], number(exponent(table1_rows()[i], r0 * r0)),
                      number(exponent(table1_rows()[i], 1.0))});
  b.rows.push_back({"first principles (Gaussian chain)", "I(r²): Cramér rate of the chain's exact stationary law "
                    "(prefactor neglected)", number(at_r0.gaussian_rate), number(by_r.gaussian_rate_slope())});
  b.rows.push_back({"measured (log E[steps])", "log of the mean exit steps at r₀; slope over r(0.5), r(1), r(1.5)",
                    bounded ? interval(decision.resolve(log_steps))
                            : "no bounded mean; exits within the cap: " + interval(decision.resolve(log_steps)),
                    interval(decision.resolve(slope))});
  b.note = fmt::format("{} η = η₀ = 0.25/λ_max = {:.4g}, B = {}, B/η = {:.4g}, λ_min(H) = {:.4g}, r₀ = r(1) = {:.4g}. "
                       "An exponent predicts log E[steps] only up to the log of a prefactor, so the slope on r² is the "
                       "comparison that decides; on the quadratic rows ε = η/B is the model's ε. Measured intervals at "
                       "{:.6g}%.",
                       net.data.note, ball.eta0, checks::kFigure2Batch, noise, lmin, r0,
                       100 * decision.measurement_level());
  e.tables = {a, b};
  e.first_principles = verify::Prediction{
      "Quadratics (C = H): Lyapunov gives V₀ = r² for every H, which is Xie et al.'s row with ΔL = ½r²λ_min; the "
      "caption's ΔL = r²λ gives 2r²; the paper's rows 2r²√λ_min. Values: " + barriers.first_principles_values() +
      fmt::format(". MLP: the Gaussian chain's exponent I(r²) has slope {:.4g} on r² (prefactor neglected). ",
                  by_r.gaussian_rate_slope()) + net.description(),
      checks::kTable1Correction, std::nullopt};
  e.figures = barriers.figures(decision, "Fitted V₀ against λ_min with the rows of Table 1");
  e.figures.push_back(checks::figure2_panel("by_radius", "Table 1 on the MLP: mean exit steps against r²", by_r,
                                            decision));
  decision.apply_to(e);
  return e;
}

}  // namespace

void register_escape_table1_rendered(verify::Registry& registry) {
  registry.add({"escape.table1.rendered", verify::RecordKind::reproduction, "escape", "Table 1 (§1.1)",
                "Table 1 rendered: each readable row on quadratic models and on the trained MLP beside the measured "
                "exit time",
                parameters, run});
}

}  // namespace ldv::reproductions
