// Unit tests of the exact SGD / diffusion moments (reference/sgd_moments.hpp) and the weak-error measurement
// (measure/sgd_weak_error.hpp). Deterministic (no seed); the references are independent:
//  - one SGD step's moments against brute-force enumeration of every batch (n = 5, m = 2: 25 ordered index
//    pairs with replacement, 10 subsets without), equal to rounding (1e-12);
//  - full-batch SGD is gradient descent (covariance 0 to rounding, mean the GD iterate);
//  - the κ = 0 diffusion is the gradient flow x* + e^{−Ht}(x₀ − x*) (eigen-decomposition), RK4 to 1e-10;
//  - the long-time covariance rate ∂Cov/∂κ solves the Lyapunov equation HΣ + ΣH = D₁(x*)
//    (quasipotential::solve_lyapunov), to 1e-6 relative (e^{−2λ_min T} at T = 30 and the O(κ₀²) Richardson rest);
//  - the weak-error measurement on that data: the consistent limit c·tr C₁ lies in its 99.9% interval, the
//    order of E[g] is 1 within its interval, and the intervals are narrow (the statistics are deterministic).
#define BOOST_TEST_MODULE sgd_moments
#include <boost/test/unit_test.hpp>
#include <Eigen/Eigenvalues>
#include <cmath>

#include "invalid_input_message.hpp"
#include "ldv/measure/sgd_weak_error.hpp"
#include "ldv/quasipotential/lyapunov.hpp"
#include "ldv/reference/sgd_moments.hpp"

using ldv::Matrix;
using ldv::Vector;
using ldv::reference::BatchSampling;
using ldv::reference::FiniteSumLeastSquares;

namespace {

FiniteSumLeastSquares small_data() {
  Matrix a(5, 2);
  a << 1.0, 0.2, 0.5, -1.0, 1.5, 0.7, -0.3, 0.9, 0.8, 0.1;
  Vector y(5);
  y << 1.0, -0.4, 2.0, 0.3, -0.7;
  return FiniteSumLeastSquares(a, y);
}
const Vector kStart = (Vector(2) << 1.2, -0.8).finished();

// The exact second-moment matrix after one step from the point kStart, by enumerating the batches.
Matrix enumerate_one_step(const FiniteSumLeastSquares& loss, const Matrix& a, const Vector& y, double eta, bool with) {
  Matrix z = Matrix::Zero(3, 3);
  int count = 0;
  const auto add_batch = [&](int i, int j) {
    const auto g = [&](int k) { return Vector(a.row(k).transpose() * (a.row(k).dot(kStart) - y(k))); };
    const Vector x = kStart - eta * 0.5 * (g(i) + g(j));
    Vector zz(3);
    zz << x, 1.0;
    z += zz * zz.transpose();
    ++count;
  };
  for (int i = 0; i < 5; ++i)
    for (int j = with ? 0 : i + 1; j < 5; ++j) add_batch(i, j);
  (void)loss;
  return z / count;
}

}  // namespace

BOOST_AUTO_TEST_CASE(one_step_matches_enumeration_of_batches) {
  Matrix a(5, 2);
  a << 1.0, 0.2, 0.5, -1.0, 1.5, 0.7, -0.3, 0.9, 0.8, 0.1;
  Vector y(5);
  y << 1.0, -0.4, 2.0, 0.3, -0.7;
  const FiniteSumLeastSquares loss(a, y);
  for (bool with : {true, false}) {
    const Matrix exact = enumerate_one_step(loss, a, y, 0.3, with);
    const Matrix z = loss.sgd_moments(kStart, 0.3, 1, 2, with ? BatchSampling::with_replacement : BatchSampling::without_replacement);
    BOOST_TEST((z - exact).cwiseAbs().maxCoeff() <= 1e-12, "with = " << with);
  }
}

BOOST_AUTO_TEST_CASE(full_batch_is_gradient_descent) {
  const FiniteSumLeastSquares loss = small_data();
  Vector x = kStart;
  for (int k = 0; k < 7; ++k) x -= 0.2 * loss.gradient(x);
  const Matrix z = loss.sgd_moments(kStart, 0.2, 7, 5, BatchSampling::without_replacement);
  BOOST_TEST((ldv::reference::moment_mean(z) - x).norm() <= 1e-12);
  BOOST_TEST(ldv::reference::moment_covariance(z).cwiseAbs().maxCoeff() <= 1e-12);
}

BOOST_AUTO_TEST_CASE(noise_free_diffusion_is_the_gradient_flow) {
  const FiniteSumLeastSquares loss = small_data();
  const Eigen::SelfAdjointEigenSolver<Matrix> eig(loss.hessian());
  const Vector star = loss.minimiser();
  const double t = 1.3;
  const Vector exact = star + eig.eigenvectors() * (-t * eig.eigenvalues()).array().exp().matrix().asDiagonal() *
                                  eig.eigenvectors().transpose() * (kStart - star);
  const Matrix z = loss.diffusion_moments(kStart, 0.0, t);
  BOOST_TEST((ldv::reference::moment_mean(z) - exact).norm() <= 1e-10);
}

BOOST_AUTO_TEST_CASE(long_time_covariance_rate_solves_lyapunov) {
  const FiniteSumLeastSquares loss = small_data();
  const Vector star = loss.minimiser();
  const Matrix sigma = ldv::quasipotential::solve_lyapunov(loss.hessian(), loss.sample_covariance(star));
  const double rate = ldv::measure::diffusion_covariance_rate(loss, star, 30.0);
  BOOST_TEST(std::abs(rate - sigma.trace()) <= 1e-6 * sigma.trace(), rate << " vs " << sigma.trace());
}

BOOST_AUTO_TEST_CASE(weak_error_measurement_finds_the_consistent_scaling) {
  const FiniteSumLeastSquares loss = small_data();
  for (BatchSampling sampling : {BatchSampling::with_replacement, BatchSampling::without_replacement}) {
    const ldv::measure::SgdWeakError w = ldv::measure::measure_sgd_weak_error(loss, {kStart, 1.0, {32, 64, 128, 256}, 2, sampling}, "test");
    const double expected = loss.batch_factor(2, sampling) * ldv::measure::diffusion_covariance_rate(loss, kStart, 1.0);
    const ldv::Interval limit = w.covariance_rate_limit.at(0.999), order = w.mean_order.at(0.999);
    BOOST_TEST((limit.low <= expected && expected <= limit.high), w.covariance_rate_limit.value << " vs " << expected);
    BOOST_TEST(limit.high - limit.low <= 0.01 * expected);
    BOOST_TEST((order.low <= 1.0 && 1.0 <= order.high), w.mean_order.value);
    BOOST_TEST(order.high - order.low <= 0.2);
  }
}

BOOST_AUTO_TEST_CASE(bad_input_is_named) {
  const FiniteSumLeastSquares loss = small_data();
  BOOST_TEST(invalid_input_message([&] { loss.batch_factor(6, BatchSampling::with_replacement); }).find("batch size 6") != std::string::npos);
  BOOST_TEST(invalid_input_message([&] { FiniteSumLeastSquares(Matrix::Ones(3, 2), Vector::Ones(2)); }).find("2 targets") != std::string::npos);
  BOOST_TEST(invalid_input_message([&] { ldv::measure::measure_sgd_weak_error(loss, {kStart, 1.0, {32, 16, 64}, 2}, "bad"); })
                 .find("increasing") != std::string::npos);
}
