// The exact quasi-potential of linear systems (lib/ldv/quasipotential/lyapunov):
// Bartels–Stewart against an independent Kronecker solve, the known closed forms,
// the sphere minimum, and the rejection of unstable or malformed input.
#define BOOST_TEST_MODULE lyapunov
#include <Eigen/Dense>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <string>

#include "invalid_input_message.hpp"
#include "ldv/core/error.hpp"
#include "ldv/models/spec_parser.hpp"
#include "ldv/quasipotential/lyapunov.hpp"

namespace {

// (I ⊗ A + A ⊗ I) vec Σ = vec D: the textbook Kronecker form, O(d⁶), independent of the Schur route.
ldv::Matrix kronecker_solve(const ldv::Matrix& a, const ldv::Matrix& d) {
  const int n = static_cast<int>(a.rows());
  ldv::Matrix big = ldv::Matrix::Zero(n * n, n * n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      big.block(i * n, j * n, n, n) += (i == j ? 1.0 : 0.0) * a;          // I ⊗ A acting on column blocks
      big.block(i * n, j * n, n, n) += a(i, j) * ldv::Matrix::Identity(n, n);  // A ⊗ I (Σ Aᵀ column-major)
    }
  const Eigen::VectorXd vec_d = Eigen::Map<const Eigen::VectorXd>(d.data(), n * n);
  const Eigen::VectorXd vec_sigma = big.fullPivLu().solve(vec_d);
  return Eigen::Map<const ldv::Matrix>(vec_sigma.data(), n, n);
}

}  // namespace

// Random stable non-symmetric A (shifted so every eigenvalue has real part ≥ 0.5) in
// dimensions 1–6 with random SPD D: both solvers agree to 1e-10 relative (both are
// backward stable; the system's condition number here is below 1e3).
BOOST_AUTO_TEST_CASE(bartels_stewart_agrees_with_the_kronecker_solve) {
  std::srand(20261123);
  for (int n = 1; n <= 6; ++n) {
    ldv::Matrix a = ldv::Matrix::Random(n, n);
    const double shift = 0.5 - a.eigenvalues().real().minCoeff();
    a += std::max(0.0, shift) * ldv::Matrix::Identity(n, n);
    const ldv::Matrix b = ldv::Matrix::Random(n, n);
    const ldv::Matrix d = b * b.transpose() + 0.5 * ldv::Matrix::Identity(n, n);
    const ldv::Matrix sigma = ldv::quasipotential::solve_lyapunov(a, d);
    const ldv::Matrix reference = kronecker_solve(a, d);
    BOOST_TEST((sigma - reference).norm() < 1e-10 * reference.norm(), "dimension " << n);
    const ldv::quasipotential::LyapunovQuasiPotential v(a, d);
    BOOST_TEST(v.relative_residual() < 1e-12);
  }
}

// Gradient system with D = I: A = H symmetric gives Σ = H⁻¹/2, so V = xᵀHx = 2L(x)
// (the regularizer paper's "φ = 2f for isotropic noise", after its Theorem 3.4).
// Escape paper's C = H case: A = D = H gives Σ = I/2 and V = |x|², independent of H.
BOOST_AUTO_TEST_CASE(closed_forms_of_gradient_systems) {
  const auto isotropic = ldv::parse_model_spec(R"({"kind":"quadratic","hessian":[[3,1],[1,2]],"diffusion":"identity"})");
  const auto v = ldv::quasipotential::exact_quasipotential(isotropic);
  const ldv::Vector x = (ldv::Vector(2) << 0.4, -1.1).finished();
  BOOST_TEST(v.value(x) == 3 * 0.16 + 2 * 0.4 * -1.1 + 2 * 1.21, boost::test_tools::tolerance(1e-13));
  const auto sharpness = ldv::parse_model_spec(R"({"kind":"quadratic","hessian":[[3,1],[1,2]],"diffusion":"hessian"})");
  BOOST_TEST(ldv::quasipotential::exact_quasipotential(sharpness).value(x) == x.squaredNorm(),
             boost::test_tools::tolerance(1e-13));
}

// Example 3.1 of the regularizer paper: V₀ on the unit circle = 2/max(μ, 2 − μ),
// attained on the axis of the larger diffusion; gradient Σ⁻¹x.
BOOST_AUTO_TEST_CASE(sphere_minimum_of_example_3_1) {
  for (double mu : {0.5, 1.5, 1.9}) {
    const auto model = ldv::parse_model_spec(R"({"kind":"quadratic","hessian":[[2,0],[0,2]],"diffusion":[[)" +
                                             std::to_string(mu) + ",0],[0," + std::to_string(2 - mu) + "]]}");
    const auto v = ldv::quasipotential::exact_quasipotential(model);
    BOOST_TEST(v.sphere_minimum(1.0) == 2.0 / std::max(mu, 2 - mu), boost::test_tools::tolerance(1e-12));
    const ldv::Vector argmin = v.sphere_argmin(1.0);
    const ldv::Vector expected = mu > 1 ? (ldv::Vector(2) << 1, 0).finished() : (ldv::Vector(2) << 0, 1).finished();
    BOOST_TEST((argmin - expected).norm() < 1e-12);
    BOOST_TEST(v.sphere_minimum(0.5) == 0.25 * v.sphere_minimum(1.0), boost::test_tools::tolerance(1e-12));
    const ldv::Vector x = (ldv::Vector(2) << 0.3, -0.2).finished();
    BOOST_TEST((v.gradient(x) - (ldv::Vector(2) << 4 * 0.3 / mu, 4 * -0.2 / (2 - mu)).finished()).norm() < 1e-12);
  }
}

BOOST_AUTO_TEST_CASE(unstable_or_malformed_input_is_rejected) {
  const ldv::Matrix unstable = (ldv::Matrix(2, 2) << 1, 0, 0, -0.5).finished();
  BOOST_TEST(invalid_input_message([&] {
               ldv::quasipotential::solve_lyapunov(unstable, ldv::Matrix::Identity(2, 2));
             }).find("not stable") != std::string::npos);
  const ldv::Matrix rotation = (ldv::Matrix(2, 2) << 0, 1, -1, 0).finished();  // eigenvalues ±i: marginal
  BOOST_TEST(invalid_input_message([&] {
               ldv::quasipotential::solve_lyapunov(rotation, ldv::Matrix::Identity(2, 2));
             }).find("not stable") != std::string::npos);
  const ldv::Matrix not_spd = (ldv::Matrix(2, 2) << 1, 2, 2, 1).finished();
  BOOST_TEST(invalid_input_message([&] {
               ldv::quasipotential::LyapunovQuasiPotential(ldv::Matrix::Identity(2, 2), not_spd);
             }).find("positive definite") != std::string::npos);
  BOOST_TEST(invalid_input_message([&] {
               ldv::quasipotential::solve_lyapunov(ldv::Matrix::Identity(2, 2), ldv::Matrix::Identity(3, 3));
             }).find("3×3") != std::string::npos);
  const auto maier_stein = ldv::parse_model_spec(R"({"kind":"maier_stein","beta":10})");
  BOOST_TEST(invalid_input_message([&] {
               ldv::quasipotential::exact_quasipotential(maier_stein);
             }).find("maier_stein") != std::string::npos);
}
