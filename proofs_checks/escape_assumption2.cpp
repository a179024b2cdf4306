// Escape paper, Assumption 2: "C(θ) ≈ H" near the minimum, on the network of Section 6.
// The paper: C(θ₀) = H(θ₀) (what Theorem 1's anisotropic case and Section 6 use).
// Measured (exact linear algebra on the trained network of proofs_checks/kit_mlp.hpp, no sampling; the
//            stated systematic 1e-9 covers rounding in the full-data sums): the best g in C ≈ gH (Frobenius),
//            ‖C − H‖_F/‖H‖_F, and how far C is from any multiple of H (Frobenius and spectral residuals).
// Alternative (heuristic, CLAIMS.md): for ½-MSE, C ≈ s²·(H_GN − λI) with s² the mean squared residual per
//            output when residuals are independent of the features: g ≈ 2 L_data(θ₀)/o. Negative control: C is
//            isotropic (C = (tr C/d) I), which must be rejected.
#include <fmt/format.h>

#include "ldv/mlp/covariance_shape.hpp"
#include "ldv/stats/interval_policy.hpp"
#include "proofs_checks/check_kit.hpp"
#include "proofs_checks/kit_mlp.hpp"

namespace ldv::checks {
namespace {

constexpr double kRounding = 1e-9;  // relative: double sums over ≤ 10⁴ samples, far below this

Estimate exact(const std::string& name, double value, const std::string& method) {
  return stats::normal_estimate(name, value, 0.0, kRounding * std::max(1.0, std::abs(value)), method);
}

verify::Evidence run(const verify::CheckContext& context) {
  const TrainedMlp& net = trained_mlp(context);
  const mlp::CovarianceShape s = mlp::covariance_shape(net.covariance, net.hessian);
  const std::string how = "exact: C(θ₀) from the per-sample gradients, H(θ₀) by second-order backpropagation";
  const Estimate g = exact("best g in C ≈ gH (Frobenius)", s.g, how),
                 identity = exact("‖C − H‖_F / ‖H‖_F", s.identity_residual, how),
                 fit = exact("‖C − gH‖_F / ‖C‖_F at the best g", s.fit_residual, how),
                 spectral = exact("‖C − gH‖₂ / ‖C‖₂ at the best g", s.spectral_residual, how),
                 isotropic = exact("‖C − (tr C/d) I‖_F / ‖C‖_F", s.isotropic_residual, how);
  const Vector& theta = net.network.theta;
  const double data_loss = net.network.loss - 0.5 * net.loss->l2() * theta.squaredNorm();
  const double g_residuals = 2.0 * data_loss / net.loss->architecture().outputs;

  verify::Evidence e;
  e.claim = "Assumption 2: near the minimum the gradient-noise covariance equals the Hessian, C(θ) ≈ H(θ*).";
  e.paper_prediction = {"C(θ₀) = H(θ₀) on the trained network", "g = 1, ‖C − H‖_F/‖H‖_F = 0", 1.0};
  verify::Decision decision(context);
  decision.paper(1.0, g).paper(0.0, identity).paper(0.0, fit);
  decision.alternative("g = 2 L_data(θ₀)/o (residuals independent of the features)", g_residuals, g);
  decision.negative_control("C is isotropic, C = (tr C/d) I", 0.0, isotropic);
  decision.report(spectral);
  e.first_principles = verify::Prediction{
      fmt::format("{} C = H is not scale invariant: L → cL gives C → c²C but H → cH, so no property of the loss can "
                  "make them equal in general; for ½-MSE C ≈ s²(H_GN − λI) when the residuals are independent of "
                  "the features, with s² = 2 L_data/o = {:.4g} here (L_data = {:.4g}, o = {} outputs).",
                  net.description(), g_residuals, data_loss, net.loss->architecture().outputs),
      "C ≈ g H with g set by the residuals, not 1", std::nullopt};
  verify::Figure f{"eigen_scatter", "C along H's eigenvectors against H's eigenvalues (C = gH: the line g·h)",
                   "eigenvalue hᵢ of H", "qᵢᵀ C qᵢ", true, true, {}};
  verify::Series points{"network", verify::SeriesStyle::points, {}, {}, {}, {}}, line{fmt::format("g·h, g = {:.3g}", s.g), verify::SeriesStyle::lines, {}, {}, {}, {}},
      paper{"C = H", verify::SeriesStyle::lines, {}, {}, {}, {}};
  for (Eigen::Index i = 0; i < s.curvature.size(); ++i)
    if (s.curvature(i) > 0.0 && s.noise_along(i) > 0.0) {
      points.x.push_back(s.curvature(i)), points.y.push_back(s.noise_along(i));
      line.x.push_back(s.curvature(i)), line.y.push_back(s.g * s.curvature(i));
      paper.x.push_back(s.curvature(i)), paper.y.push_back(s.curvature(i));
    }
  f.series = {points, line, paper};
  e.figures = {f};
  decision.apply_to(e);
  return e;
}

}  // namespace

void register_escape_assumption2(verify::Registry& registry) {
  registry.add({"escape.assumption2", verify::RecordKind::check, "escape", "Assumption 2 (on the Section 6 network)",
                "C(θ₀) against H(θ₀) on the trained MLP: best g in C ≈ gH and the residuals",
                mlp_parameters, run});
}

}  // namespace ldv::checks
