// Unit tests of the measurements behind the escape paper's Theorems 3–5, Assumption 6, the
// remarks after Theorem 1 and Table 1: measure/arrhenius_prefactor, measure/hj_residual,
// measure/exit_law_limit and measure/exit_time_law. Reference values are closed forms or exact
// OU exit times (reference/ou_exit_time.hpp); the one Monte Carlo test states its level and seed.
#define BOOST_TEST_MODULE theorem_measures
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <vector>

#include "invalid_input_message.hpp"
#include "synthetic_ladder_point.hpp"
#include "ldv/action/metric_hamilton_jacobi.hpp"
#include "ldv/measure/arrhenius_prefactor.hpp"
#include "ldv/measure/exit_law_limit.hpp"
#include "ldv/measure/exit_time_law.hpp"
#include "ldv/measure/hj_residual.hpp"
#include "ldv/models/linear.hpp"
#include "ldv/models/quadratic.hpp"
#include "ldv/quasipotential/lyapunov.hpp"
#include "ldv/reference/ou_exit_time.hpp"
#include "ldv/stats/quantiles.hpp"

using namespace ldv;

namespace {

Matrix diag(double a, double b) { return (Matrix(2, 2) << a, 0, 0, b).finished(); }


}  // namespace

// The calibration's asymptotic values are right: at small ε (V₀/ε ∈ [100, 300]) the fit with V₀
// given returns a → ½ (1-D) and d/2 (ball), b → log(½Γ(d/2)), up to the O(ε) term the fit leaves
// out (ε ≤ 0.01: a bias of order 0.01).
BOOST_AUTO_TEST_CASE(the_prefactor_calibration_converges_to_its_asymptotics) {
  const auto near = measure::calibrate_prefactor_fits({100, 150, 200, 250, 300}, 2);
  BOOST_TEST(near.exponent_error < 0.01);
  BOOST_TEST(near.constant_error < 0.05);
  BOOST_TEST(std::abs(near.exponent_1d - 0.5) < 0.01);
  BOOST_TEST(std::abs(near.exponent_ball - 1.0) < 0.01);
  // At the quick ladder the 3-parameter fit is far off (its a is nearly collinear with V₀), the
  // fit with V₀ given is not: the reason the check uses the latter.
  const auto quick = measure::calibrate_prefactor_fits({3, 4.25, 5.5, 6.75, 8}, 2);
  BOOST_TEST(quick.free_exponent_error > 0.2);
  BOOST_TEST(quick.exponent_error < 0.1);
  BOOST_TEST(invalid_input_message([] { measure::calibrate_prefactor_fits({3, 4}, 2); }).find("at least 3") !=
             std::string::npos);
}

// Exact 1-D OU mean exit times as a ladder: the prefactor fit with V₀ = 1 given reproduces the
// calibration's own fit, so its interval (statistical + calibrated error) contains a = ½.
BOOST_AUTO_TEST_CASE(the_prefactor_of_an_exact_ladder) {
  measure::BarrierMeasurement ladder;
  ladder.label = "1-D OU";
  std::vector<double> eps;
  for (double k : {3.0, 4.25, 5.5, 6.75, 8.0}) {
    const double e = 1.0 / k;
    const double mean = reference::mean_exit_time_interval({1.0, e, 1.0}, -1.0, 1.0, 0.0);
    ladder.points.push_back(synthetic_point(e, mean, 0.01));
  }
  std::vector<std::vector<double>> rows;
  std::vector<double> y;
  for (const auto& p : ladder.points) {
    rows.push_back({1.0 / p.eps, std::log(p.eps), 1.0});
    y.push_back(std::log(p.mean.mean));
  }
  ladder.fit.fit = stats::weighted_least_squares(rows, y, std::vector<double>(y.size(), 0.01));
  const auto m = measure::measure_prefactor(ladder, 1.0, 1, "1-D OU");
  BOOST_TEST(m.exponent.value == m.calibration.exponent_1d, boost::test_tools::tolerance(1e-9));
  const Interval i = m.exponent.at(0.99);
  BOOST_TEST((i.low <= 0.5 && 0.5 <= i.high));
  BOOST_TEST(m.points.front().log_prefactor == std::log(ladder.points.front().mean.mean) - 3.0,
             boost::test_tools::tolerance(1e-12));
  BOOST_TEST(m.free_exponent.name.find("3-parameter") != std::string::npos);
  BOOST_TEST(invalid_input_message([&] { measure::measure_prefactor(ladder, -1.0, 1, "x"); }).find("-1") !=
             std::string::npos);
  const verify::Figure f = measure::prefactor_figure({"1-D OU"}, {m}, 0.99, {{{"a = ½", 0.5, 0.0}}});
  BOOST_TEST(f.series.size() == 3u);
}

// Residuals: the Lyapunov V in the FW metric is exact (ρ = 0 to rounding); ldv's gMAM V in the
// paper's metric reproduces the closed form's ρ within its own systematic allowance, and in the FW
// metric is 0 within it; gMAM's terminal momentum is 0 in the FW metric by construction.
BOOST_AUTO_TEST_CASE(residuals_of_closed_forms_and_of_geometric_mam) {
  const Matrix h = diag(1, 4);
  const Model model(QuadraticModel(h, h, "hessian"));
  const auto fw = action::diffusion_metric(model), root = action::diffusion_root_metric(model);
  const Matrix points = measure::circle_points(1.0, 6);
  BOOST_TEST(std::abs(points.col(0).norm() - 1.0) < 1e-15);
  const quasipotential::LyapunovQuasiPotential v = quasipotential::exact_quasipotential(model);
  const action::PotentialGradient g = [&v](const Vector& x) { return v.gradient(x); };
  const auto exact_fw = measure::closed_form_residual("fw", model, fw, g, points, "Lyapunov");
  const auto exact_root = measure::closed_form_residual("root", model, root, g, points, "Lyapunov");
  BOOST_TEST(exact_fw.relative.value < 1e-14);
  // ρ in eq. (4) of V = |θ|²: R = −4θ₂², b·∇V = −2(θ₁² + 4θ₂²) at the 6 points (k + ½)·60°.
  double r2 = 0, s2 = 0;
  for (int k = 0; k < 6; ++k) {
    const double a = (k + 0.5) * std::acos(-1.0) / 3, c = std::cos(a), s = std::sin(a);
    r2 += std::pow(4 * s * s, 2);
    s2 += std::pow(2 * (c * c + 4 * s * s), 2);
  }
  BOOST_TEST(exact_root.relative.value == std::sqrt(r2 / s2), boost::test_tools::tolerance(1e-13));
  const auto gradients = measure::path_quasipotential_gradients(model, points);
  const auto path_root = measure::path_quasipotential_residual("gMAM root", model, root, gradients);
  const auto path_fw = measure::path_quasipotential_residual("gMAM fw", model, fw, gradients);
  const Interval ir = path_root.relative.at(0.99), ifw = path_fw.relative.at(0.99);
  BOOST_TEST_MESSAGE("ρ(gMAM, eq. 4) = " << path_root.relative.value << " [" << ir.low << ", " << ir.high
                                         << "], exact " << exact_root.relative.value << "; ρ(gMAM, FW) ≤ " << ifw.high);
  BOOST_TEST((ir.low <= exact_root.relative.value && exact_root.relative.value <= ir.high));
  BOOST_TEST((ifw.low <= 0.0 && 0.0 <= ifw.high));
  BOOST_TEST(ifw.high < 1e-5);  // the allowance is small: gMAM and differences are second order
  BOOST_TEST(measure::terminal_momentum_relative_residual(model, fw, points, 51) < 1e-12);
}

BOOST_AUTO_TEST_CASE(counting_the_classical_solutions) {
  const Matrix h = diag(1, 4);
  const Model model(QuadraticModel(h, h, "hessian"));
  const auto family = quasipotential::quadratic_hamilton_jacobi_solutions(h, h);
  const auto check = measure::count_classical_solutions("count", model, action::diffusion_metric(model), family,
                                                        measure::circle_points(1.0, 8), 1.0);
  BOOST_TEST(check.count.value == 4.0);
  BOOST_TEST(check.sphere_minimum.back() == 1.0, boost::test_tools::tolerance(1e-12));
  // The FW family in the paper's metric: θᵢ² leaves R = 2(√hᵢ − hᵢ)θᵢ², zero for h₁ = 1 only, so
  // W ≡ 0 and θ₁² solve both equations, θ₂² and |θ|² only the FW one: 2 members.
  const auto in_root = measure::count_classical_solutions("count", model, action::diffusion_root_metric(model), family,
                                                          measure::circle_points(1.0, 8), 1.0);
  BOOST_TEST(in_root.count.value == 2.0);
  BOOST_TEST(in_root.max_residual[1] < 1e-14);
}

// The boundary-flux exit law on the circle: closed forms at ε = 0 and Laplace's method at small ε.
BOOST_AUTO_TEST_CASE(the_flux_exit_law) {
  const Matrix h = diag(1, 2.5);
  const Vector axis = Vector::Unit(2, 0);
  // C = H: V = |θ|² constant; density ∝ cos² + 2.5 sin²: E[sin²] = (h₁ + 3h₂)/(4(h₁ + h₂)).
  const Model sgd(QuadraticModel(h, h, "hessian"));
  BOOST_TEST(measure::flux_exit_law_mean_sin2(sgd, 1.0, 0.0, axis) == (1 + 7.5) / (4 * 3.5),
             boost::test_tools::tolerance(1e-12));
  BOOST_TEST(measure::flux_exit_law_mean_sin2(sgd, 1.0, 0.3, axis) == (1 + 7.5) / (4 * 3.5),
             boost::test_tools::tolerance(1e-12));
  // C = I: V = θᵀHθ, minimisers ±e₁; Laplace: V − V₀ ≈ (h₂ − h₁)θ², E[sin²θ] ≈ ε/(2(h₂ − h₁)), relative O(ε).
  const Model iso(QuadraticModel(h, Matrix::Identity(2, 2), "identity"));
  const double eps = 1e-3;
  BOOST_TEST(std::abs(measure::flux_exit_law_mean_sin2(iso, 1.0, eps, axis) / (eps / 3.0) - 1.0) < 0.01);
  BOOST_TEST(measure::flux_exit_law_mean_sin2(iso, 1.0, 0.0, axis) == 0.0);
  // Isotropic H and C: uniform, ½.
  const Model flat(QuadraticModel(diag(2, 2), Matrix::Identity(2, 2), "identity"));
  BOOST_TEST(measure::flux_exit_law_mean_sin2(flat, 1.0, 0.0, axis) == 0.5, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(invalid_input_message([&] { measure::flux_exit_law_mean_sin2(iso, 1.0, -1.0, axis); }).find("-1") !=
             std::string::npos);
}

// Exit points placed so that E[sin²θ] = 0.6 + 0.5ε exactly (fractions of sin² = 0 and 1): the
// limit is 0.6.
BOOST_AUTO_TEST_CASE(the_limit_of_the_exit_angle) {
  measure::BarrierMeasurement m;
  m.label = "synthetic";
  for (double eps : {0.4, 0.3, 0.2, 0.1}) {
    measure::LadderPoint p;
    p.eps = eps;
    const int n = 100, ones = static_cast<int>(std::lround(100 * (0.6 + 0.5 * eps)));
    for (int i = 0; i < n; ++i) {
      p.exit_points.push_back(i < ones ? 0.0 : 1.0);  // (0, 1): sin² = 1 from e₁; (1, 0): 0
      p.exit_points.push_back(i < ones ? 1.0 : 0.0);
    }
    m.points.push_back(p);
  }
  const auto limit = measure::exit_angle_limit(m, Vector::Zero(2), Vector::Unit(2, 0), "m0");
  BOOST_TEST(limit.limit.value == 0.6, boost::test_tools::tolerance(1e-10));
  BOOST_TEST(limit.fit.coefficients[1] == 0.5, boost::test_tools::tolerance(1e-10));
}

// The law of the 1-D OU exit time at V₀/ε = 4 (seed fixed, 2000 paths): the sample mean agrees with
// the exact E[τ], the KS interval at 99% contains δ = 0 (the finite-ε deviation, ~1/E[τ] ≈ 0.05 of a
// relaxation time, is below its half-width ≈ 0.07), and sums of two exit times are rejected.
BOOST_AUTO_TEST_CASE(the_exit_time_law_of_an_ou_process) {
  const Model ou(LinearModel(Matrix::Identity(1, 1), Matrix::Identity(1, 1)));
  const double eps = 0.25;
  const ExitTimeProblem problem{ou, Ball(Vector::Zero(1), 1.0), Vector::Zero(1), eps, 0.002, 1e9,
                                ExitEstimator::gobet_menozzi};
  const auto law = measure::measure_exit_time_law(problem, {2000, 3, 0, 0.95, false}, "1-D OU");
  const double exact = reference::mean_exit_time_interval({1.0, eps, 1.0}, -1.0, 1.0, 0.0);
  const double se = law.test.std_deviation / std::sqrt(2000.0);
  BOOST_TEST_MESSAGE("mean " << law.test.mean << " ± " << se << ", exact " << exact << "; D = " << law.test.distance);
  BOOST_TEST(std::abs(law.test.mean - exact) < stats::normal_quantile(0.995) * se);
  BOOST_TEST(law.times.size() == 2000u);
  BOOST_TEST(law.scaled.front() <= law.scaled.back());
  const Interval i = law.distance.at(0.99);
  BOOST_TEST(i.low == 0.0);
  const auto pairs = measure::pair_sum_law(law);
  BOOST_TEST(pairs.times.size() == 1000u);
  BOOST_TEST(pairs.distance.at(0.99).low > 0.0);
  const verify::Figure f = measure::exit_time_law_figure({law, pairs});
  BOOST_TEST(f.series.size() == 3u);
}
