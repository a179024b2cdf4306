// The exponential Euler step (sim/exponential_euler.hpp) and the exit-time runs that use it
// (ExitTimeProblem::scheme, exit/exponential_euler_model.hpp).
// References: the scalar closed forms φ₁ = (1 − e^{−ah})/(ah), Q_h/h = D(1 − e^{−2ah})/(2ah);
// for matrices the identities J·hφ₁(hJ) = e^{hJ} − I and J Q_h + Q_h Jᵀ = e^{hJ} D e^{hJᵀ} − D
// (Q_h = ∫₀ʰ e^{sJ} D e^{sJᵀ} ds differentiated in h); the exact mean exit time of the
// scheme's own chain — for an Ornstein–Uhlenbeck drift the exact AR(1) transition — on the
// domain shrunk by Gobet–Menozzi's shift (reference/discrete_dynkin).
#define BOOST_TEST_MODULE exponential_euler
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <unsupported/Eigen/MatrixFunctions>

#include "ldv/core/error.hpp"
#include "ldv/exit/estimator.hpp"
#include "ldv/exit/exit_time.hpp"
#include "ldv/models/linear.hpp"
#include "ldv/models/spec_parser.hpp"
#include "ldv/reference/discrete_dynkin.hpp"
#include "ldv/sim/exponential_euler.hpp"

using namespace ldv;

BOOST_AUTO_TEST_CASE(scalar_coefficients_match_the_closed_forms) {
  for (double a : {0.5, 2.0, 40.0})
    for (double h : {1e-3, 0.05, 0.5}) {
      const auto c = exponential_euler_coefficients(Matrix::Constant(1, 1, -a), Matrix::Constant(1, 1, 1.7), h);
      const double phi = -std::expm1(-a * h) / (a * h), q = 1.7 * -std::expm1(-2 * a * h) / (2 * a * h);
      BOOST_TEST(c.phi(0, 0) == phi, boost::test_tools::tolerance(1e-12));
      BOOST_TEST(c.diffusion(0, 0) == q, boost::test_tools::tolerance(1e-12));
      BOOST_TEST(c.sigma(0, 0) * c.sigma(0, 0) == q, boost::test_tools::tolerance(1e-12));
    }
}

BOOST_AUTO_TEST_CASE(matrix_coefficients_satisfy_the_defining_identities) {
  // Non-normal, non-symmetric J (a rotation and a shear) and a non-diagonal D.
  Matrix j(3, 3), d(3, 3);
  j << -1.0, 1.5, 0.3, -1.5, -1.0, 0.0, 0.2, 0.0, -3.0;
  d << 1.5, 0.3, 0.1, 0.3, 0.5, 0.0, 0.1, 0.0, 0.8;
  const double h = 0.2;
  const auto c = exponential_euler_coefficients(j, d, h);
  const Matrix e = (h * j).exp();
  const Matrix q = c.diffusion * h;
  BOOST_TEST((j * c.phi * h - (e - Matrix::Identity(3, 3))).norm() < 1e-12);
  BOOST_TEST((j * q + q * j.transpose() - (e * d * e.transpose() - d)).norm() < 1e-12);
  BOOST_TEST((c.sigma * c.sigma.transpose() - c.diffusion).norm() < 1e-12);
  BOOST_TEST((c.diffusion - c.diffusion.transpose()).norm() == 0.0);
}

BOOST_AUTO_TEST_CASE(bad_coefficient_input_is_refused) {
  const Matrix j = -Matrix::Identity(2, 2), d = Matrix::Identity(2, 2);
  BOOST_CHECK_THROW(exponential_euler_coefficients(j, d, 0.0), InvalidInput);
  BOOST_CHECK_THROW(exponential_euler_coefficients(j, d, -0.1), InvalidInput);
  BOOST_CHECK_THROW(exponential_euler_coefficients(Matrix::Identity(2, 3), d, 0.1), InvalidInput);
  BOOST_CHECK_THROW(exponential_euler_coefficients(j, Matrix::Identity(3, 3), 0.1), InvalidInput);
  Matrix nan = j;
  nan(0, 1) = std::nan("");
  BOOST_CHECK_THROW(exponential_euler_coefficients(nan, d, 0.1), InvalidInput);
  BOOST_CHECK_THROW(exponential_euler_coefficients(j, -d, 0.1), InvalidInput);  // not SPD
  BOOST_CHECK_THROW(parse_step_scheme("runge-kutta"), InvalidInput);
  BOOST_TEST(to_string(parse_step_scheme("exponential")) == "exponential");
}

BOOST_AUTO_TEST_CASE(a_state_dependent_diffusion_is_refused) {
  const Model two_well = parse_model_spec(R"({"kind":"two_well","mu1":1.0,"mu2":0.5})");
  ExitTimeProblem p{two_well, Ball(Vector::Zero(two_well.dimension()), 0.5), Vector::Zero(two_well.dimension()),
                    0.5, 0.01, 10.0, ExitEstimator::gobet_menozzi};
  p.scheme = StepScheme::exponential_euler;
  BOOST_CHECK_THROW(validate(p, {}), InvalidInput);
}

// The scheme's Gobet–Menozzi mean is the exact mean exit time of its own chain — for
// dX = −X dt + √ε dW the AR(1) chain X' = e^{−h}X + √(ε(1 − e^{−2h})/2) ξ, i.e. the discrete
// reference with rate a' = (1 − e^{−h})/h and noise s' = √((1 − e^{−2h})/(2h)) — on the ball
// shrunk by the shift c₀√(εh) of the diffusion's own D = 1. 1-D interval and 2-D ball,
// ε = 1/3, h = 0.05, 40 000 paths, seed 11: the exact chain value lies in the 99.9% interval
// (fails for 0.1% of seeds); the Euler chain's value on the same domain, 5–6% away at this
// step, must not (the power of the test).
BOOST_AUTO_TEST_CASE(the_exponential_gobet_menozzi_mean_is_its_chain_mean_on_the_shrunk_domain) {
  const double eps = 1.0 / 3.0, h = 0.05, edge = 1.0 - gobet_menozzi_constant() * std::sqrt(eps * h);
  const reference::DiscreteOrnsteinUhlenbeck exact_chain{-std::expm1(-h) / h, eps,
                                                         std::sqrt(-std::expm1(-2 * h) / (2 * h)), h};
  const reference::DiscreteOrnsteinUhlenbeck euler_chain{1.0, eps, 1.0, h};
  for (int d : {1, 2}) {
    const Model ou(LinearModel(Matrix::Identity(d, d), Matrix::Identity(d, d)));
    ExitTimeProblem problem{ou, Ball(Vector::Zero(d), 1.0), Vector::Zero(d), eps, h, 1e6, ExitEstimator::gobet_menozzi};
    problem.scheme = StepScheme::exponential_euler;
    const ExitTimeResult r = estimate_exit_time(problem, {40000, 11, 0, 0.999});
    auto chain_mean = [&](const reference::DiscreteOrnsteinUhlenbeck& c) {
      return d == 1 ? reference::discrete_mean_exit_time_interval(c, -edge, edge, 0.0).mean
                    : reference::discrete_mean_exit_time_ball(c, d, edge, 0.0).mean;
    };
    const double exact = chain_mean(exact_chain), euler = chain_mean(euler_chain);
    BOOST_TEST_MESSAGE("d = " << d << ": simulated " << r.estimate.mean << " [" << r.estimate.ci_low << ", "
                              << r.estimate.ci_high << "], exponential chain " << exact << ", Euler chain " << euler);
    BOOST_TEST((r.estimate.ci_low <= exact && exact <= r.estimate.ci_high));
    BOOST_TEST(!(r.estimate.ci_low <= euler && euler <= r.estimate.ci_high));
  }
}

// A nonlinear drift goes through the generic wrapper: Maier–Stein (β = 10, D = I, ε = 0.1),
// ball of radius 0.5 around the attractor (1, 0), reference E[τ] = 3.306680 from the Dynkin
// PDE (pde/, error 6e-10). The frozen Jacobian makes the scheme first order here, not exact:
// measured +5.1%, +2.6%, +1.5%, +0.9% at h = 0.04, 0.02, 0.01, 0.005 (Euler: −5.2%, −2.6%,
// −1.2%, −0.5%), so the test holds it to that: at h = 0.04 the bias is seen (the PDE value is
// outside the 99.9% interval of 100 000 paths), and from h = 0.04 to 0.01 the error falls by
// at least 2 (first order gives 4; a √h scheme, 2), with the intervals' noise included.
BOOST_AUTO_TEST_CASE(a_nonlinear_drift_converges_to_the_pde_value) {
  const Model ms = parse_model_spec(R"({"kind":"maier_stein","beta":10})");
  const Vector attractor = (Vector(2) << 1.0, 0.0).finished();
  const double pde = 3.306680;
  ExitTimeProblem p{ms, Ball(attractor, 0.5), attractor, 0.1, 0.04, 1e5, ExitEstimator::gobet_menozzi};
  p.scheme = StepScheme::exponential_euler;
  const ExitTimeResult coarse = estimate_exit_time(p, {100000, 5, 0, 0.999});
  p.step = 0.01;
  const ExitTimeResult fine = estimate_exit_time(p, {100000, 6, 0, 0.999});
  BOOST_TEST_MESSAGE("Maier–Stein, exponential: h = 0.04 " << coarse.estimate.mean << " [" << coarse.estimate.ci_low
                                                           << ", " << coarse.estimate.ci_high << "], h = 0.01 "
                                                           << fine.estimate.mean << " [" << fine.estimate.ci_low
                                                           << ", " << fine.estimate.ci_high << "], PDE " << pde);
  BOOST_TEST(!(coarse.estimate.ci_low <= pde && pde <= coarse.estimate.ci_high));
  // Largest error of the fine run and smallest of the coarse one, over their intervals.
  const double fine_error = std::max(std::abs(fine.estimate.ci_low - pde), std::abs(fine.estimate.ci_high - pde));
  const double coarse_error = std::min(std::abs(coarse.estimate.ci_low - pde), std::abs(coarse.estimate.ci_high - pde));
  BOOST_TEST(2.0 * fine_error <= coarse_error);
}
