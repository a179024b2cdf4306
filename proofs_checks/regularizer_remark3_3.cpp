// Implicit-regularizer paper, Remark 3.3 (and §4, eq. (32)): deriving (22) exchanged T → ∞ and ε → 0; with one
// attractor "the asymptotic of ρ(x, T|x₀, 0) does not depend on the limit order", which gives (24); with several
// minima (§4) the exchange is not valid and −lim ε ln ρ_ss is the global quasi-potential.
// Paper:            convex f: lim_T lim_ε = lim_ε lim_T = φ(x; O) (Remark 3.2: φ_loc(x; x₀) = φ_loc(x; O));
//                   double well: (a) ε first from x₀ in the shallow well ≠ (b) stationary first = φ_glob.
// First principles: minimum actions by geometric MAM (measure/action_between.hpp): φ(x; O) for the convex case;
//                   φ(x; O_s) (local, from the shallow minimum) and φ_glob(x) = min(φ(x; O_d), W_s + φ(x; O_s)),
//                   W_s = φ(O_s; O_d) − φ(O_d; O_s) (Freidlin–Wentzell, Ch. 6: stationary weights) for the double well.
// Measurement:      both iterated limits of −ε ln(ρ/max ρ) on the 1-D Fokker–Planck solution
//                   (fokker_planck/limit_order.hpp: uniformisation in time, ε ladder, T ladder, two grids).
// Negative control: "the orders agree" for the double well at the shallow minimum ((b) = (a)'s value 0).
// Alternative:      eq. (23) read literally for x₀ ≠ O: the limit is inf_T S_T(x; x₀) (0 on x₀'s forward orbit).
//                   It is rejected: lim_T S_T(x; x₀) is φ(x; O), not inf_T S_T(x; x₀) (cf. regularizer.eq22_remark3_2).
#include "check_kit.hpp"
#include "kit_limit_order.hpp"
#include "ldv/stats/estimate_difference.hpp"

namespace ldv::checks {
namespace {

verify::Evidence run(const verify::CheckContext& context) {
  verify::Evidence e;
  e.claim = "Remark 3.3: with one attractor the asymptotics of ρ(x, T | x₀) do not depend on the order of T → ∞ and "
            "ε → 0 (giving eq. (24)); §4: with several minima the exchange is not valid (eq. (32)).";
  e.paper_prediction = {"convex: lim_T lim_ε −ε ln ρ = lim_ε lim_T −ε ln ρ = φ(x; O); double well: the orders differ",
                        "limit orders commute iff one attractor", std::nullopt};
  const int cells = context.profile == verify::Profile::quick ? 200 : 400;
  verify::Decision decision(context);
  std::vector<LimitOrderCase> cases = limit_order_cases(cells);
  std::string values;
  for (LimitOrderCase& c : cases) {
    c.limits = fokker_planck::measure_iterated_limits(c.model, c.x0, c.points, c.settings, c.label);
    for (std::size_t p = 0; p < c.points.size(); ++p) {
      const auto& r = c.limits[p];
      const std::string at = fmt::format("{}, x = {:.2f}", c.label, r.x);
      const Estimate gap = stats::estimate_difference("(a) − (b), " + at, r.finite_time_first, r.stationary_first);
      if (c.one_attractor) {
        decision.paper(c.local[p], r.finite_time_first).paper(c.global[p], r.stationary_first).paper(0.0, gap);
        if (c.x0 != 0.0 && c.literal_23[p] != c.local[p])
          decision.alternative("eq. (23) literally: inf_T S_T(x; x₀) = " + fmt::format("{:.4f}, ", c.literal_23[p]) + at,
                               c.literal_23[p], r.finite_time_first);
      } else {
        decision.paper(c.local[p], r.finite_time_first).paper(c.global[p], r.stationary_first);
        if (p == 0) decision.negative_control("the orders agree for the double well: (b) = (a) = 0 at " + at, 0.0, r.stationary_first);
        decision.report(gap);
      }
      values += fmt::format("{}{}: (a) → {:.4f}, (b) → {:.4f}", values.empty() ? "" : "; ", at, c.local[p], c.global[p]);
    }
  }
  e.first_principles = verify::Prediction{
      "Minimum actions by geometric MAM, without the density: " + values +
          ". Convex (x₀ = O or not): both orders give φ(x; O) (the flow forgets x₀ as T → ∞). Double well: (a) gives "
          "the shallow well's local quasi-potential, (b) the global one (they differ by W_s = φ(O_s; O_d) − φ(O_d; O_s)).",
      "convex: both orders → φ(x; O); double well: (a) φ(x; O_s), (b) φ_glob(x)", std::nullopt};
  e.figures = {limit_order_figure(cases, decision.measurement_level())};
  decision.apply_to(e);
  return e;
}

}  // namespace

void register_regularizer_remark3_3(verify::Registry& registry) {
  registry.add({"regularizer.remark3_3", verify::RecordKind::check, "regularizer", "Remark 3.3 (and §4, eq. (32))",
                "The limits T → ∞ and ε → 0 commute for one attractor, not for two",
                [](verify::Profile profile) {
                  return check_parameters(profile, {{"eps_ladder", kLimitOrderEps}, {"horizons", kLimitOrderHorizons},
                                                    {"cells", profile == verify::Profile::quick ? 200 : 400},
                                                    {"cases", limit_order_case_names()}});
                },
                run});
}

}  // namespace ldv::checks
