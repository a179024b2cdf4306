// Freidlin–Wentzell action functionals (lib/ldv/action): the discrete
// time-parametrised action converges at second order to a known integral, the
// geometric action is parametrisation-free and equals V along a minimum-action
// path, and the Hamilton–Jacobi residual vanishes exactly for true
// quasi-potentials and not for wrong ones.
#define BOOST_TEST_MODULE action
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <string>

#include "ldv/action/geometric_action.hpp"
#include "ldv/action/hamilton_jacobi.hpp"
#include "ldv/action/time_action.hpp"
#include "invalid_input_message.hpp"
#include "ldv/core/error.hpp"
#include "ldv/models/custom.hpp"
#include "ldv/models/spec_parser.hpp"
#include "ldv/quasipotential/lyapunov.hpp"
#include "ldv/stats/regression.hpp"

namespace {

// The path φ(t) = t² on [0, 1] sampled at `segments` + 1 uniform times.
ldv::Matrix parabola(int segments) {
  ldv::Matrix path(1, segments + 1);
  for (int i = 0; i <= segments; ++i) {
    const double t = static_cast<double>(i) / segments;
    path(0, i) = t * t;
  }
  return path;
}

// Observed order of the error on a node ladder N, 2N, 4N, ... (log-log slope).
double observed_order(const std::vector<double>& nodes, const std::vector<double>& errors) {
  std::vector<double> x, y, w;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    x.push_back(std::log(nodes[i]));
    y.push_back(std::log(errors[i]));
  }
  // Plain least-squares slope: the points are deterministic.
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < x.size(); ++i) mx += x[i], my += y[i];
  mx /= x.size(), my /= y.size();
  double sxy = 0, sxx = 0;
  for (std::size_t i = 0; i < x.size(); ++i) sxy += (x[i] - mx) * (y[i] - my), sxx += (x[i] - mx) * (x[i] - mx);
  return -sxy / sxx;
}

}  // namespace

// 1-D OU b = −x, D = 1 on φ(t) = t²: S = ½∫₀¹ (2t + t²)² dt = ½(4/3 + 1 + 1/5) = 19/15.
// The midpoint discretisation is O(N⁻²): the observed order on N = 10 … 160 must be 2
// (within 0.05: the next term of the error expansion is O(N⁻⁴), so the local slope
// at N ≥ 10 differs from 2 by far less than that).
BOOST_AUTO_TEST_CASE(time_action_converges_at_second_order_constant_diffusion) {
  const auto model = ldv::parse_model_spec(R"({"kind":"quadratic","hessian":[[1]],"diffusion":"identity"})");
  std::vector<double> nodes, errors;
  for (int n = 10; n <= 160; n *= 2) {
    nodes.push_back(n);
    errors.push_back(std::abs(ldv::action::time_action(model, parabola(n), 1.0) - 19.0 / 15.0));
  }
  BOOST_TEST(errors.back() < 1e-4);
  BOOST_TEST(std::abs(observed_order(nodes, errors) - 2.0) < 0.05);
}

// State-dependent diffusion D(x) = 1 + x² with b = −x³ (custom model): the reference
// integral ½∫₀¹ (2t + t⁶)²/(1 + t⁴) dt by 61-point Gauss–Kronrod (smooth integrand,
// error far below 1e-13).
BOOST_AUTO_TEST_CASE(time_action_converges_at_second_order_state_dependent_diffusion) {
  const ldv::Model model(ldv::CustomModel(
      1, [](const double* x, double* b) { b[0] = -x[0] * x[0] * x[0]; },
      [](const double* x, double* s) { s[0] = std::sqrt(1.0 + x[0] * x[0]); }));
  const double exact = boost::math::quadrature::gauss_kronrod<double, 61>::integrate(
      [](double t) { const double v = 2 * t + std::pow(t, 6); return 0.5 * v * v / (1 + std::pow(t, 4)); }, 0.0, 1.0,
      0, 1e-15);
  std::vector<double> nodes, errors;
  for (int n = 10; n <= 160; n *= 2) {
    nodes.push_back(n);
    errors.push_back(std::abs(ldv::action::time_action(model, parabola(n), 1.0) - exact));
  }
  BOOST_TEST(std::abs(observed_order(nodes, errors) - 2.0) < 0.05);
}

// The gradient of the discrete action against central differences of the action
// itself (h = 1e-6: truncation O(h²) ≈ 1e-12, rounding O(ε S / h) ≈ 1e-10), on a
// non-gradient 2-D system and on a state-dependent diffusion.
BOOST_AUTO_TEST_CASE(time_action_gradient_matches_differences) {
  const ldv::Model state_dependent(ldv::CustomModel(
      2, [](const double* x, double* b) { b[0] = -x[0] + x[1] * x[1]; b[1] = -2 * x[1] - x[0]; },
      [](const double* x, double* s) { s[0] = 1 + 0.3 * x[0] * x[0]; s[1] = 0; s[2] = 0.2 * x[1]; s[3] = 1.1; }));
  const ldv::Model maier_stein = ldv::parse_model_spec(R"({"kind":"maier_stein","beta":10})");
  for (const ldv::Model* model : {&state_dependent, &maier_stein}) {
    ldv::Matrix path(2, 7);
    for (int i = 0; i < 7; ++i) path.col(i) << -1 + i / 6.0, 0.4 * std::sin(3.0 * i / 6.0);
    const ldv::Vector times = ldv::Vector::LinSpaced(7, 0.0, 2.0);
    ldv::Matrix gradient;
    ldv::action::time_action_with_gradient(*model, path, times, gradient);
    BOOST_TEST(std::abs(ldv::action::time_action_with_gradient(*model, path, times, gradient) -
                        ldv::action::time_action(*model, path, times)) < 1e-14);
    for (int i = 0; i < 7; ++i)
      for (int k = 0; k < 2; ++k) {
        const double h = 1e-6;
        ldv::Matrix plus = path, minus = path;
        plus(k, i) += h;
        minus(k, i) -= h;
        const double numeric = (ldv::action::time_action(*model, plus, times) -
                                ldv::action::time_action(*model, minus, times)) / (2 * h);
        BOOST_TEST(std::abs(gradient(k, i) - numeric) < 1e-6 * std::max(1.0, std::abs(numeric)),
                   model->kind() << " node " << i << " coordinate " << k << ": " << gradient(k, i) << " vs "
                                 << numeric);
      }
  }
}

// Along an eigen-direction of H (D = I, b = −Hx) the straight segment from 0 to x is the
// minimum-action path, so its geometric action is V(x) = xᵀHx = λ|x|² (= 2 L(x)). The
// integrand |φ'||b| − ⟨φ', b⟩ = 2λs is linear in arc length s, so the midpoint rule is
// exact up to rounding, for any node placement.
BOOST_AUTO_TEST_CASE(geometric_action_equals_v_on_an_eigen_direction) {
  const auto model = ldv::parse_model_spec(R"({"kind":"quadratic","hessian":[[3,0],[0,1]],"diffusion":"identity"})");
  ldv::Matrix path(2, 9);
  for (int i = 0; i < 9; ++i) {
    const double s = std::pow(i / 8.0, 1.7);  // deliberately non-uniform nodes
    path.col(i) << 0.8 * s, 0.0;
  }
  BOOST_TEST(ldv::action::geometric_action(model, path) == 3.0 * 0.64, boost::test_tools::tolerance(1e-13));
}

// The geometric action is the infimum of S_T over time-parametrisations (regularizer paper,
// Appendix B, proof of Theorem 3.4): S_T(φ) ≥ Ŝ(φ) for any path and any T, with the
// gap closing at the optimal speed |φ'|_A = |b|_A. And Ŝ does not change when the same
// curve is re-sampled (to discretisation accuracy, O(N⁻²)).
BOOST_AUTO_TEST_CASE(geometric_action_bounds_the_time_action_and_ignores_parametrisation) {
  const auto model = ldv::parse_model_spec(
      R"({"kind":"quadratic","hessian":[[2,0.5],[0.5,1]],"diffusion":[[1.5,0.3],[0.3,0.7]]})");
  const auto curve = [](double u) { return (ldv::Vector(2) << 0.9 * u, 0.5 * std::sin(2.0 * u)).finished(); };
  ldv::Matrix uniform(2, 401), warped(2, 401);
  for (int i = 0; i <= 400; ++i) {
    const double u = i / 400.0;
    uniform.col(i) = curve(u);
    warped.col(i) = curve(u * u * (3 - 2 * u));  // same curve, smoothstep spacing
  }
  const double geometric = ldv::action::geometric_action(model, uniform);
  BOOST_TEST(std::abs(ldv::action::geometric_action(model, warped) - geometric) < 1e-4 * geometric);
  for (double duration : {0.3, 1.0, 3.0, 10.0})
    BOOST_TEST(ldv::action::time_action(model, uniform, duration) >= geometric);
}

// Implicit-regularizer Example 3.1: f = x₁² + x₂², D = diag(μ, 2 − μ); the paper's
// V = 2[x₁²/μ + x₂²/(2 − μ)] solves eq. (26) exactly (residual at rounding level with
// the exact gradient; with central differences too, V being quadratic). The isotropic
// guess V = 2f solves it only for μ = 1: the negative control must leave a residual.
BOOST_AUTO_TEST_CASE(hamilton_jacobi_residual_of_example_3_1) {
  for (double mu : {0.5, 1.0, 1.5, 1.9}) {
    const auto model = ldv::parse_model_spec(R"({"kind":"quadratic","hessian":[[2,0],[0,2]],"diffusion":[[)" +
                                             std::to_string(mu) + ",0],[0," + std::to_string(2 - mu) + "]]}");
    ldv::Matrix points(2, 5);
    points << 0.3, -0.7, 1.0, 0.0, 2.5,  //
        0.1, 0.4, 0.0, -1.0, -1.5;
    const ldv::action::Potential paper = [mu](const ldv::Vector& x) {
      return 2 * (x(0) * x(0) / mu + x(1) * x(1) / (2 - mu));
    };
    const ldv::action::PotentialGradient paper_gradient = [mu](const ldv::Vector& x) {
      return (ldv::Vector(2) << 4 * x(0) / mu, 4 * x(1) / (2 - mu)).finished();
    };
    BOOST_TEST(ldv::action::hamilton_jacobi_residual(model, paper_gradient, points).cwiseAbs().maxCoeff() < 1e-12);
    BOOST_TEST(ldv::action::hamilton_jacobi_residual(model, paper, points, 1e-3).cwiseAbs().maxCoeff() < 1e-8);
    const ldv::action::Potential isotropic = [](const ldv::Vector& x) { return 2 * x.squaredNorm(); };
    const double wrong = ldv::action::hamilton_jacobi_residual(model, isotropic, points, 1e-3).cwiseAbs().maxCoeff();
    if (mu == 1.0)
      BOOST_TEST(wrong < 1e-8);
    else
      BOOST_TEST(wrong > 0.1, "μ = " << mu << ": 2f must not solve eq. (26), residual " << wrong);
  }
}

// A non-gradient linear system (rotation added): the Lyapunov quasi-potential solves the
// Hamilton–Jacobi equation, the gradient-system guess xᵀ A_sym x does not.
BOOST_AUTO_TEST_CASE(hamilton_jacobi_residual_of_a_non_gradient_linear_system) {
  const auto model = ldv::parse_model_spec(
      R"({"kind":"linear","drift_matrix":[[1,1.5],[-1.5,2]],"diffusion":[[1,0.2],[0.2,0.5]]})");
  const auto exact = ldv::quasipotential::exact_quasipotential(model);
  const ldv::Matrix points = ldv::Matrix::Random(2, 20);
  const ldv::action::PotentialGradient gradient = [&](const ldv::Vector& x) { return exact.gradient(x); };
  BOOST_TEST(ldv::action::hamilton_jacobi_residual(model, gradient, points).cwiseAbs().maxCoeff() < 1e-12);
  const ldv::action::Potential naive = [](const ldv::Vector& x) { return x(0) * x(0) + 2 * x(1) * x(1); };
  BOOST_TEST(ldv::action::hamilton_jacobi_residual(model, naive, points, 1e-3).cwiseAbs().maxCoeff() > 0.05);
}

BOOST_AUTO_TEST_CASE(bad_paths_are_rejected) {
  const auto model = ldv::parse_model_spec(R"({"kind":"maier_stein","beta":10})");
  BOOST_TEST(invalid_input_message([&] {
               ldv::action::time_action(model, ldv::Matrix::Zero(3, 5), 1.0);
             }).find("dimension") != std::string::npos);
  BOOST_TEST(invalid_input_message([&] {
               ldv::action::time_action(model, ldv::Matrix::Zero(2, 5), -1.0);
             }).find("T = -1") != std::string::npos);
  ldv::Matrix nan_path = ldv::Matrix::Zero(2, 5);
  nan_path(1, 2) = std::nan("");
  BOOST_TEST(invalid_input_message([&] { ldv::action::geometric_action(model, nan_path); }).find("non-finite") !=
             std::string::npos);
  const ldv::Vector backwards = (ldv::Vector(5) << 0, 1, 1, 2, 3).finished();
  BOOST_TEST(invalid_input_message([&] {
               ldv::action::time_action(model, ldv::Matrix::Zero(2, 5), backwards);
             }).find("increase strictly") != std::string::npos);
}

// A drift that is not finite at a segment midpoint makes the geometric action NaN, not
// 0: the per-segment clamp std::max(0.0, term) of rounding noise would turn a NaN term
// into 0.0 and pass a broken model off as a free path.
BOOST_AUTO_TEST_CASE(geometric_action_propagates_a_non_finite_drift) {
  const ldv::Model model(ldv::CustomModel(
      1, [](const double* x, double* b) { b[0] = x[0] > 0.5 ? std::nan("") : -x[0]; },
      [](const double*, double* s) { s[0] = 1.0; }, "nan_beyond_half"));
  ldv::Matrix path(1, 5);
  path << 0.0, 0.25, 0.5, 0.75, 1.0;
  BOOST_TEST(std::isnan(ldv::action::geometric_action(model, path)));
  ldv::Matrix inside(1, 3);  // midpoints 0.125 and 0.375: finite, 2 × ½(0.5² − 0²) = 0.25 for b = −x
  inside << 0.0, 0.25, 0.5;
  BOOST_TEST(ldv::action::geometric_action(model, inside) == 0.25, boost::test_tools::tolerance(1e-15));
}
