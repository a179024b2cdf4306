// Escape paper, Lemmas 7 and 8 (Appendix B: the lower bound of Theorem 5 through the γ/Γ Markov chain).
// Paper:            Lemma 8: P(Z_{k+1} ∈ ∂D | Z_k ∈ γ) ≤ exp(−ε_A⁻²(V₀ − c)): a cycle γ → Γ → ∂D has
//                   probability e^{−V₀/ε} up to c. Lemma 7: E[τ] ≥ t₁ Σ_k P(κ ≥ k) ≥ t₁/p, hence
//                   E[τ] = Ω(e^{V₀/ε}). Units: ε_A = √(η/B), ε_A⁻² = 1/ε (ldv's ε = η/B).
// First principles: isotropic model (kit_cycles.hpp), so both are exact at every ε: the radial scale
//                   function gives p(ε, μ), whose exponent is V₀ − μ² as ε → 0 at fixed μ and V₀ only as
//                   μ → 0 afterwards (Lemma 8 holds as that iterated limit, not at the chain's μ); the exact
//                   Dynkin solution gives E[τ] ≈ (ε/2) e^{V₀/ε}: the exponent V₀ with a prefactor → 0, so
//                   E[τ] ≥ e^{(V₀−c)/ε} for every c > 0 (what the proof shows) but not Ω(e^{V₀/ε}).
// Measurement:      the chain from simulated paths on a ladder of ε: the slope ρ of −log p in 1/ε; the
//                   prefactor exponent a in log E[τ] − V₀/ε = a log ε + b (V₀ from Lyapunov); each held
//                   against the paper and against the same fit through the exact values.
#include <cmath>

#include "kit_cycles.hpp"
#include "ldv/measure/ladder_fit.hpp"
#include "ldv/reference/radial_ou_hitting.hpp"
#include "ldv/stats/interval_policy.hpp"

namespace ldv::checks {
namespace {

constexpr double kMu = 0.5;  // Γ = ∂B_0.5, γ = ∂B_0.25 in the unit disc
const std::string kCorrection = "iterated limit: −ε log p → V₀ − μ² (ε → 0) → V₀ (μ → 0); E[τ] ≍ (ε/2) e^{V₀/ε}";

verify::Evidence run(const verify::CheckContext& context) {
  verify::Evidence e;
  e.claim = "Lemma 8: the chain Z_k of the spheres γ = ∂B_{μ/2}, Γ = ∂B_μ exits D in one cycle with probability "
            "at most exp(−(V₀ − c)/ε). Lemma 7: hence E[τ] ≥ t₁/p and E[τ] = Ω(exp(V₀/ε)) (the paper's ε_A⁻² is ldv's "
            "1/ε).";
  e.paper_prediction = {"the per-cycle exit probability decays with exponent V₀ (slope of −log p in 1/ε equal to V₀ "
                        "at the chain's μ), and E[τ] e^{−V₀/ε} stays bounded below (prefactor exponent a ≤ 0)",
                        "−ε log p → V0;  E[τ] = Ω(e^{V0/ε})", std::nullopt};
  const double v0 = quasipotential::first_principles_barrier(isotropic_model(), kCycleDomainRadius).value();
  const std::vector<ChainLevel> levels = chain_ladder(context, kMu, "escape.lemma7_8");
  std::vector<double> inverse_eps, log_eps, neg_log_p, p_sigma, exact_neg_log_p, excess, excess_sigma, exact_excess;
  for (const ChainLevel& l : levels) {
    const auto& c = l.chain;
    const stats::MeanEstimate tau = stats::estimate_mean(c.exit_time, 0.95);
    inverse_eps.push_back(1 / l.eps);
    log_eps.push_back(std::log(l.eps));
    neg_log_p.push_back(-std::log(c.exit_probability.value));
    p_sigma.push_back(std::sqrt((1 - c.exit_probability.value) / static_cast<double>(c.exits)));  // delta method
    exact_neg_log_p.push_back(-l.exact_log_p);
    excess.push_back(std::log(tau.mean) - v0 / l.eps);
    excess_sigma.push_back(stats::log_mean_std_error(tau));
    exact_excess.push_back(std::log(l.exact_mean_exit) - v0 / l.eps);
  }
  const auto rho = measure::fit_ladder_line(
      fmt::format("per-cycle exponent: slope of −log p in 1/ε (μ = {})", kMu), inverse_eps, neg_log_p, p_sigma, 0.0,
      "−log of the per-cycle exit probability of the simulated chain, σ by the delta method on the binomial count");
  const auto a = measure::fit_ladder_line(
      "prefactor exponent a in log E[τ] − V₀/ε = a log ε + b", log_eps, excess, excess_sigma, 0.0,
      "mean exit time of the same simulated paths from θ*, V₀ from Lyapunov");
  const double rho_exact = measure::reference_slope(rho, exact_neg_log_p);
  const double a_exact = measure::reference_slope(a, exact_excess);
  const ChainLevel& last = levels.back();
  verify::Decision decision(context);
  decision.asserts("exponent", "the per-cycle exit probability and the mean exit time are governed by the exponent V₀")
      .correction_effect(kCorrection, "exponent", verify::DependenceChange::keeps)
      .paper(v0, rho.slope)
      .paper(verify::at_most(0.0), a.slope)
      .correction(kCorrection, rho_exact, rho.slope)
      .correction(kCorrection, a_exact, a.slope)
      .negative_control("exponent doubled: slope of −log p = 2V₀", 2 * v0, rho.slope)
      .report(stats::normal_estimate(
          fmt::format("mean return leg Γ → γ ∪ ∂D (Lemma 7's t₁), ε = {:.3g}", last.eps), last.chain.return_leg.mean(),
          last.chain.return_leg.std_error_of_mean(), 0.0,
          fmt::format("mean of {} return legs of the chain (deterministic limit ln 2 = {:.4f} as ε → 0)",
                      last.chain.return_leg.count(), std::log(2.0))));
  const auto tiny = [&](double mu) {  // −ε log p far beyond simulation reach, from the exact reference
    const double eps = v0 / 2000;
    return -eps * reference::radial_hitting_probability(isotropic_ou(eps), 2, mu / 2, kCycleDomainRadius, mu).log_probability;
  };
  e.first_principles = verify::Prediction{fmt::format(
      "Lyapunov: V(θ) = |θ|², V₀ = {:.6g}. The distance |θ| is a 1-D diffusion with scale density ρ^{{-1}}e^{{ρ²/ε}}, so "
      "p(ε, μ) = ∫_{{μ/2}}^{{μ}} / ∫_{{μ/2}}^{{1}} of it, exactly: −ε log p = {:.4f} at ε = V₀/2000 for μ = {} (→ V₀ − μ² = "
      "{:.4f} as ε → 0) and {:.4f} for μ = 0.1: the exponent reaches V₀ only as μ → 0 after ε → 0. On this ladder the "
      "same fit through the exact p gives the slope {:.4f}. The exact mean exit time gives the prefactor exponent "
      "{:.4f} on this ladder (asymptotically E[τ] ≈ (ε/2) e^{{V₀/ε}}, a = 1): E[τ] e^{{−V₀/ε}} → 0, so Lemma 7 holds in "
      "its −c form (ε log E[τ] → V₀), not as Ω(e^{{V₀/ε}}). Cycles are independent here (isotropy), so the binomial "
      "interval of p is exact up to the O(h) discretisation.",
      v0, tiny(kMu), kMu, v0 - kMu * kMu, tiny(0.1), rho_exact, a_exact),
      kCorrection, std::nullopt};
  const double level = decision.measurement_level();
  std::vector<Interval> p_intervals, tau_intervals;
  std::vector<double> eps, p_values, tau_values, exact_p, exact_tau, paper_p;
  for (const ChainLevel& l : levels) {
    const stats::MeanEstimate tau = stats::estimate_mean(l.chain.exit_time, level);
    const double scale = std::exp(-v0 / l.eps);
    eps.push_back(l.eps);
    p_values.push_back(l.chain.exit_probability.value);
    p_intervals.push_back(l.chain.exit_probability.at(level));
    exact_p.push_back(std::exp(l.exact_log_p));
    paper_p.push_back(scale);
    tau_values.push_back(tau.mean * scale);
    tau_intervals.push_back({tau.ci_low * scale, tau.ci_high * scale});
    exact_tau.push_back(l.exact_mean_exit * scale);
  }
  e.figures = {ladder_figure("per_cycle_exit_probability", "Per-cycle exit probability of the γ/Γ chain against 1/ε",
                             "B/η = 1/ε", "p", true, fmt::format("chain (μ = {}), intervals at {:.4g}%", kMu, 100 * level),
                             inverse_eps, p_intervals, p_values,
                             {{"exact (radial scale function)", inverse_eps, exact_p},
                              {"e^{−V₀/ε} (Lemma 8 with c = 0)", inverse_eps, paper_p}}),
               ladder_figure("prefactor", "Mean exit time over e^{V₀/ε}: Lemma 7's Ω needs it bounded below", "ε",
                             "E[τ] e^{−V₀/ε}", false, fmt::format("simulated, intervals at {:.4g}%", 100 * level), eps,
                             tau_intervals, tau_values, {{"exact (Dynkin)", eps, exact_tau}})};
  decision.apply_to(e);
  return e;
}

}  // namespace

void register_escape_lemma7_8(verify::Registry& registry) {
  registry.add({"escape.lemma7_8", verify::RecordKind::check, "escape", "Lemmas 7 and 8 (Appendix B)",
                "Per-cycle exit probability of the γ/Γ chain and the lower bound E[τ] = Ω(e^{V₀/ε})",
                [](verify::Profile profile) { return nlohmann::json{{"mu", kMu}, {"budget", cycle_budget_json(profile)}}; },
                run});
}

}  // namespace ldv::checks
