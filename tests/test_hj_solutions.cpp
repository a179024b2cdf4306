// Unit tests of the Hamilton–Jacobi pieces behind escape.theorem4 and escape.assumption6:
// core/matrix_functions (S^p), action/metric_hamilton_jacobi (residuals with a chosen metric) and
// quasipotential/quadratic_hj_solutions (the 2^d classical solutions). Every reference value is a
// closed form worked out in the comment beside it; tolerances are rounding (1e-12 relative: 2×2 and
// 3×3 eigen-decompositions and products of O(1) entries).
#define BOOST_TEST_MODULE hj_solutions
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <string>

#include "invalid_input_message.hpp"
#include "ldv/action/hamilton_jacobi.hpp"
#include "ldv/action/metric_hamilton_jacobi.hpp"
#include "ldv/core/matrix_functions.hpp"
#include "ldv/models/linear.hpp"
#include "ldv/models/quadratic.hpp"
#include "ldv/quasipotential/lyapunov.hpp"
#include "ldv/quasipotential/quadratic_hj_solutions.hpp"

using namespace ldv;

namespace {

constexpr double kRounding = 1e-12;

Matrix diag(double a, double b) { return (Matrix(2, 2) << a, 0, 0, b).finished(); }

Matrix test_points() {
  return (Matrix(2, 4) << 0.3, -0.7, 1.2, 0.05, 0.9, 0.4, -0.6, -1.1).finished();
}

}  // namespace

BOOST_AUTO_TEST_CASE(symmetric_powers) {
  const Matrix s = (Matrix(2, 2) << 2.0, 0.5, 0.5, 1.5).finished();
  const Matrix root = symmetric_power("S", s, 0.5);
  BOOST_TEST((root * root - s).norm() < kRounding * s.norm());
  BOOST_TEST((symmetric_power("S", s, -1.0) * s - Matrix::Identity(2, 2)).norm() < kRounding);
  BOOST_TEST((symmetric_power("S", diag(4, 9), 0.5) - diag(2, 3)).norm() < kRounding);
  BOOST_TEST(relative_asymmetry(s) == 0.0);
  // [[1, 2], [0, 1]]: ‖M − Mᵀ‖_F = √8, ‖M‖_F = √6.
  BOOST_TEST(relative_asymmetry((Matrix(2, 2) << 1, 2, 0, 1).finished()) == std::sqrt(8.0 / 6.0),
             boost::test_tools::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(symmetric_power_refuses_what_has_no_power) {
  BOOST_TEST(invalid_input_message([] { symmetric_power("S", (Matrix(2, 2) << 1, 2, 0, 1).finished(), 0.5); })
                 .find("symmetric") != std::string::npos);
  BOOST_TEST(invalid_input_message([] { symmetric_power("S", diag(1, -1), 0.5); }).find("-1") != std::string::npos);
  BOOST_TEST(invalid_input_message([] { symmetric_power("S", diag(1, 0), -0.5); }).find("singular") != std::string::npos);
  BOOST_TEST(symmetric_power("S", diag(1, 0), 0.5)(1, 1) == 0.0);
}

// For C = H = diag(h): the FW solution is V = |θ|² (∇V = 2θ), the paper's eq. (4) solution is
// V = θᵀH^{1/2}θ (∇V = 2H^{1/2}θ), and each leaves in the other equation the residual
//   FW(paper's V) = ½·4θᵀH^{1/2}HH^{1/2}θ − 2θᵀH^{3/2}θ = 2Σ(h_i² − h_i^{3/2})θ_i²,
//   eq. 4(|θ|²)    = ½·4θᵀH^{1/2}θ − 2θᵀHθ = 2Σ(h_i^{1/2} − h_i)θ_i².
BOOST_AUTO_TEST_CASE(residuals_in_both_metrics_for_C_equal_H) {
  const Matrix h = diag(1, 4);
  const Model model(QuadraticModel(h, h, "hessian"));
  const auto fw = action::diffusion_metric(model), root = action::diffusion_root_metric(model);
  const action::PotentialGradient lyapunov = [](const Vector& x) { return Vector(2.0 * x); };
  const action::PotentialGradient paper = [](const Vector& x) { return Vector(2.0 * Vector{{x(0), 2.0 * x(1)}}); };
  const Matrix points = test_points();
  const Vector fw_of_lyapunov = action::metric_hamilton_jacobi_residual(model, fw, lyapunov, points);
  const Vector root_of_paper = action::metric_hamilton_jacobi_residual(model, root, paper, points);
  const Vector fw_of_paper = action::metric_hamilton_jacobi_residual(model, fw, paper, points);
  const Vector root_of_lyapunov = action::metric_hamilton_jacobi_residual(model, root, lyapunov, points);
  for (Eigen::Index j = 0; j < points.cols(); ++j) {
    const double y = points(1, j);
    BOOST_TEST(std::abs(fw_of_lyapunov(j)) < kRounding);
    BOOST_TEST(std::abs(root_of_paper(j)) < kRounding);
    BOOST_TEST(fw_of_paper(j) == 2 * (16.0 - 8.0) * y * y, boost::test_tools::tolerance(kRounding));
    BOOST_TEST(root_of_lyapunov(j) == 2 * (2.0 - 4.0) * y * y, boost::test_tools::tolerance(kRounding));
  }
  // The FW metric reproduces the existing Freidlin–Wentzell residual.
  const Vector existing = action::hamilton_jacobi_residual(model, action::PotentialGradient(paper), points);
  BOOST_TEST((existing - fw_of_paper).norm() < kRounding);
  // b·∇V = −2θᵀHθ for V = |θ|².
  const Vector drift = action::drift_term(model, lyapunov, points);
  BOOST_TEST(drift(0) == -2 * (0.09 + 4 * 0.81), boost::test_tools::tolerance(kRounding));
}

BOOST_AUTO_TEST_CASE(metric_residual_refuses_bad_input_by_name) {
  const Model model(QuadraticModel(diag(1, 4), diag(1, 4), "hessian"));
  const action::PotentialGradient wrong = [](const Vector&) { return Vector(Vector::Zero(3)); };
  BOOST_TEST(invalid_input_message([&] {
               action::metric_hamilton_jacobi_residual(model, action::diffusion_metric(model), wrong, test_points());
             }).find("3 entries") != std::string::npos);
  BOOST_TEST(invalid_input_message([&] {
               action::metric_hamilton_jacobi_residual(model, action::diffusion_metric(model), wrong, Matrix::Zero(3, 1));
             }).find("dimension 2") != std::string::npos);
}

// Diagonal A = H and M: V_S = Σ_{i∈S} (h_i/m_i) θ_i² (Σ_S = diag(m_i/(2h_i))); for M = H: 0, θ₁², θ₂², |θ|².
BOOST_AUTO_TEST_CASE(the_family_on_a_diagonal_quadratic) {
  const auto family = quasipotential::quadratic_hamilton_jacobi_solutions(diag(1, 4), diag(1, 4));
  BOOST_TEST(family.size() == 4u);
  const Matrix expected[4] = {diag(0, 0), diag(1, 0), diag(0, 1), diag(1, 1)};
  for (int k = 0; k < 4; ++k) BOOST_TEST((family[k].form - expected[k]).norm() < kRounding, family[k].label);
  BOOST_TEST(family[0].label == "S = {} (W ≡ 0)");
  BOOST_TEST(family[3].label == "S = {1, 2}");
  BOOST_TEST(family[1].sphere_minimum(2.0) == 0.0);
  BOOST_TEST(family[3].sphere_minimum(2.0) == 4.0, boost::test_tools::tolerance(kRounding));
  // The paper's metric C^{1/2} = diag(1, 2): V_S = Σ (h_i/√h_i) θ_i², the full one θᵀH^{1/2}θ.
  const auto paper = quasipotential::quadratic_hamilton_jacobi_solutions(diag(1, 4), diag(1, 2));
  BOOST_TEST((paper[3].form - diag(1, 2)).norm() < kRounding);
}

// A non-symmetric stable drift with real spectrum and a full diffusion: every member solves the HJ
// equation at every point, the full member is the Lyapunov quasi-potential, and it is the largest
// (P_all − P_S positive semi-definite).
BOOST_AUTO_TEST_CASE(the_family_of_a_nonnormal_drift) {
  const Matrix a = (Matrix(3, 3) << 1.0, 0.7, 0.0, 0.0, 2.0, -0.4, 0.0, 0.0, 3.5).finished();
  const Matrix d = (Matrix(3, 3) << 1.5, 0.2, 0.1, 0.2, 1.0, -0.3, 0.1, -0.3, 0.8).finished();
  const Model model(LinearModel(a, d));
  const auto family = quasipotential::quadratic_hamilton_jacobi_solutions(a, d);
  BOOST_TEST(family.size() == 8u);
  const Matrix points = (Matrix(3, 3) << 0.3, -1.0, 0.2, 0.8, 0.1, -0.6, -0.4, 0.7, 1.1).finished();
  for (const auto& member : family) {
    const action::PotentialGradient g = [&member](const Vector& x) { return member.gradient(x); };
    const Vector r = action::metric_hamilton_jacobi_residual(model, action::diffusion_metric(model), g, points);
    BOOST_TEST(r.cwiseAbs().maxCoeff() < 1e-11, member.label);
  }
  const quasipotential::LyapunovQuasiPotential lyapunov(a, d);
  BOOST_TEST((family.back().form - 0.5 * lyapunov.precision()).norm() < 1e-11);
  for (const auto& member : family)
    BOOST_TEST(symmetric_eigenvalues(family.back().form - member.form).minCoeff() > -1e-11, member.label);
}

BOOST_AUTO_TEST_CASE(the_family_refuses_drifts_without_real_modes) {
  const Matrix rotation = (Matrix(2, 2) << 1.0, -2.0, 2.0, 1.0).finished();  // eigenvalues 1 ± 2i
  BOOST_TEST(invalid_input_message([&] {
               quasipotential::quadratic_hamilton_jacobi_solutions(rotation, Matrix::Identity(2, 2));
             }).find("complex") != std::string::npos);
  BOOST_TEST(invalid_input_message([] {
               quasipotential::quadratic_hamilton_jacobi_solutions(diag(1, -1), Matrix::Identity(2, 2));
             }).find("not stable") != std::string::npos);
  BOOST_TEST(invalid_input_message([] {
               quasipotential::quadratic_hamilton_jacobi_solutions(diag(1, 2), Matrix::Identity(3, 3));
             }).find("3 × 3") != std::string::npos);
}
