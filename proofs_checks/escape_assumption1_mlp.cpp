// Escape paper, Assumption 1: "L is quadratic near the minimum θ₀", on the network of Section 6.
// The paper:   L(θ₀ + u) = L(θ₀) + ½uᵀHu on the ball its Figure 2 exits from: relative deviation δ = 0.
// Measured:    δ(u) = |L(θ₀ + u) − L(θ₀) − ½uᵀHu| / (½uᵀHu) (mlp/quadratic_deviation.hpp) on the spheres of the
//              Figure 2 reproduction's radii r(I), I = 0.5, 1, 1.5 (kit_mlp.hpp: figure2_ball), along uniform random
//              directions and ± the eigenvectors of λ_min(H) and λ_max(H). Exact evaluations (a stated rounding
//              floor as systematic). The largest δ over sampled directions is a LOWER bound on the supremum over
//              the sphere; quantiles describe the directions, not a worst case.
// Threshold:   to first order a relative deviation δ of L on the r-sphere changes the barrier, hence the exit
//              exponent I(r), by at most δ·I(r). Figure 2 resolves log mean exit steps to one standard error
//              ≈ 1/√n (exit times ≈ exponential: standard deviation = mean) with n runs per setting. "Quadratic
//              enough" for the figure: δ·I(r) < 1/√n, i.e. δ ≤ 1/(I(r)√n) — stricter in the full profile.
// Negative control: L is flat on the sphere, L(θ₀ + u) = L(θ₀) (δ = 1), at the middle radius r(1).
#include <fmt/format.h>

#include "ldv/mlp/quadratic_deviation.hpp"
#include "ldv/stats/interval_policy.hpp"
#include "proofs_checks/check_kit.hpp"
#include "proofs_checks/kit_mlp.hpp"

namespace ldv::checks {
namespace {

int directions(verify::Profile p) { return p == verify::Profile::quick ? 100 : 400; }
int figure2_runs(verify::Profile p) { return p == verify::Profile::quick ? 30 : 1000; }  // reproductions/escape_figure2

Estimate exact(const std::string& name, double value, double rounding) {
  return stats::normal_estimate(name, value, 0.0, rounding,
                                "exact loss evaluations on the trained network; systematic: the rounding floor of "
                                "L(θ₀ + u) − L(θ₀) relative to ½uᵀHu");
}

verify::Evidence run(const verify::CheckContext& context) {
  const TrainedMlp& net = trained_mlp(context);
  const Figure2Ball ball = figure2_ball(net);
  const mlp::LossFunction loss = [&](const Vector& theta) { return net.loss->loss(theta); };
  const int n = figure2_runs(context.profile);
  verify::Evidence e;
  e.claim = "Assumption 1: L is quadratic near the minimum θ₀, L(θ) = L(θ₀) + ½(θ − θ₀)ᵀH(θ − θ₀).";
  e.paper_prediction = {"L equals its quadratic model on the exit ball: δ = 0 (here: δ·I(r) below Figure 2's resolution "
                        "1/√n, δ ≤ 1/(I(r)√n))", "δ ≤ 1/(I(r)√n)", std::nullopt};
  verify::Decision decision(context);
  verify::Figure f{"deviation", "Relative deviation of L from ½uᵀHu on the Figure 2 spheres", "radius r",
                   "δ = |L(θ₀+u) − L(θ₀) − ½uᵀHu| / ½uᵀHu", false, true, {}};
  verify::Series median{"median over random directions", verify::SeriesStyle::points, {}, {}, {}, {}},
      largest{"largest over random directions (lower bound on the sup)", verify::SeriesStyle::points, {}, {}, {}, {}},
      soft{"± eigenvector of λ_min(H)", verify::SeriesStyle::points, {}, {}, {}, {}},
      stiff{"± eigenvector of λ_max(H)", verify::SeriesStyle::points, {}, {}, {}, {}},
      bound{"threshold 1/(I(r)√n)", verify::SeriesStyle::lines, {}, {}, {}, {}};
  for (std::size_t i = 0; i < ball.radii.size(); ++i) {
    const double r = ball.radii[i], threshold = 1.0 / (ball.exponents[i] * std::sqrt(static_cast<double>(n)));
    const mlp::SphereDeviation s = mlp::quadratic_deviation_on_sphere(
        loss, net.network.theta, net.hessian, r, directions(context.profile),
        derived_seed(context.seed, fmt::format("escape.assumption1.mlp r{}", i)));
    const std::string at = fmt::format("r = r({}) = {:.4g}", ball.exponents[i], r);
    const double eps = s.largest_rounding;
    const Estimate top = exact("largest δ over random directions, " + at, mlp::empirical_quantile(s.random, 1.0), eps),
                   mid = exact("median δ over random directions, " + at, mlp::empirical_quantile(s.random, 0.5), eps),
                   soft_e = exact("δ along ± the eigenvector of λ_min(H), " + at, s.along_lambda_min, eps),
                   stiff_e = exact("δ along ± the eigenvector of λ_max(H), " + at, s.along_lambda_max, eps);
    decision.paper(verify::at_most(threshold), top).paper(verify::at_most(threshold), soft_e)
        .paper(verify::at_most(threshold), stiff_e).report(mid)
        .report(exact("90% quantile of δ over random directions, " + at, mlp::empirical_quantile(s.random, 0.9), eps));
    if (i == 1) decision.negative_control("L is flat on the sphere, L(θ₀ + u) = L(θ₀): δ = 1", 1.0, mid);
    median.x.push_back(r), median.y.push_back(mid.value);
    largest.x.push_back(r), largest.y.push_back(top.value);
    soft.x.push_back(r), soft.y.push_back(s.along_lambda_min);
    stiff.x.push_back(r), stiff.y.push_back(s.along_lambda_max);
    bound.x.push_back(r), bound.y.push_back(threshold);
  }
  e.first_principles = verify::Prediction{
      fmt::format("{} Figure 2's ball: η₀ = {:.4g}, B₀ = {}, radii r(I) = {:.4g}, {:.4g}, {:.4g} where the Gaussian chain's "
                  "exponent is I = 0.5, 1, 1.5. A relative deviation δ of L on the r-sphere changes the exit barrier, "
                  "hence I(r), by at most δ·I(r) to first order; Figure 2 resolves log mean steps to 1/√n with n = {} "
                  "runs, so L is quadratic enough iff δ ≤ 1/(I(r)√n). {} directions uniform on each sphere (the "
                  "largest δ seen is a lower bound on the supremum).",
                  net.description(), ball.eta0, kFigure2Batch, ball.radii[0], ball.radii[1], ball.radii[2], n,
                  directions(context.profile)),
      "δ ≤ 1/(I(r)√n) on every sphere", std::nullopt};
  decision.apply_to(e);
  f.series = {median, largest, soft, stiff, bound};
  e.figures = {f};
  return e;
}

}  // namespace

void register_escape_assumption1_mlp(verify::Registry& registry) {
  registry.add({"escape.assumption1.mlp", verify::RecordKind::check, "escape", "Assumption 1 (on the Section 6 network)",
                "How quadratic L is on the Figure 2 exit balls of the trained MLP",
                [](verify::Profile p) {
                  nlohmann::json j = mlp_parameters(p);
                  j["directions_per_sphere"] = directions(p);
                  j["radii"] = "r(I), I = 0.5, 1, 1.5 at eta0 = 0.25/lambda_max, B0 = 16 (escape.figure2)";
                  j["threshold"] = fmt::format("1/(I(r) sqrt(n)), n = {} runs per Figure 2 setting", figure2_runs(p));
                  return j;
                },
                run});
}

}  // namespace ldv::checks
