// Unit tests of the iterated limits of −ε ln ρ(x, T | x₀) (lib/ldv/fokker_planck/limit_order.hpp).
// Deterministic (no randomness, so no confidence level of a sample): each tolerance is either rounding or
// the measurement's own interval (at 99%: σ = 0, so the interval is the systematic half-width at any level).
//  - uniformisation is e^{TQ}: against Eigen's dense matrix exponential (Padé, scaling and squaring) on a
//    small grid, to 1e-10 relative on entries above 1e-6 of the largest (the Padé result's rounding);
//  - it conserves mass to rounding (P is column-stochastic) and tends to the stationary density
//    (OU spectral gap 1: e^{−40} ≈ 4e-18 at T = 40, below rounding);
//  - 1-D OU, dX = −X dt + √ε dW: ρ(x, T | x₀) = N(x₀e^{−T}, ε(1 − e^{−2T})/2) (exact), so
//    S_T(x; x₀) = (x − x₀e^{−T})²/(1 − e^{−2T}) and both iterated limits are x² (= 2f, f = x²/2); the measured
//    intervals must contain these exact values.
#define BOOST_TEST_MODULE limit_order
#include <boost/test/unit_test.hpp>
#include <unsupported/Eigen/MatrixFunctions>
#include <cmath>

#include "invalid_input_message.hpp"
#include "ldv/fokker_planck/limit_order.hpp"
#include "ldv/fokker_planck/solver.hpp"
#include "ldv/models/linear.hpp"

namespace fp = ldv::fokker_planck;
using ldv::Matrix;
using ldv::Vector;

namespace {

ldv::Model ou_1d() { return ldv::Model(ldv::LinearModel(Matrix::Ones(1, 1), Matrix::Ones(1, 1))); }
fp::Grid line(int n, double half) { return fp::Grid(Vector::Constant(1, -half), Vector::Constant(1, half), {n}); }
Vector point_mass(const fp::Grid& grid, double x) {
  Vector rho = Vector::Zero(static_cast<Eigen::Index>(grid.size()));
  rho(static_cast<Eigen::Index>(grid.locate(Vector::Constant(1, x)))) = 1.0 / grid.volume();
  return rho;
}
bool contains(const ldv::Estimate& e, double v) {
  const ldv::Interval i = e.at(0.99);
  return i.low <= v && v <= i.high;
}

}  // namespace

BOOST_AUTO_TEST_CASE(uniformisation_is_the_matrix_exponential) {
  const fp::Grid grid = line(30, 3.0);
  const fp::SparseMatrix q = fp::generator(ou_1d(), grid, {0.5});
  const Vector rho0 = point_mass(grid, 0.7);
  const double t = 0.8;
  const Vector exact = (Matrix(q) * t).exp() * rho0;
  const Vector got = fp::transition_density(q, rho0, t);
  for (Eigen::Index i = 0; i < got.size(); ++i)
    if (exact(i) > 1e-6 * exact.maxCoeff()) BOOST_TEST(std::abs(got(i) / exact(i) - 1) < 1e-10, "cell " << i);
  BOOST_TEST(std::abs(fp::mass(got, grid) - 1) < 1e-12);
  BOOST_TEST(got.minCoeff() >= 0.0);
}

BOOST_AUTO_TEST_CASE(long_horizon_gives_the_stationary_density) {
  const fp::Grid grid = line(80, 3.0);
  const fp::SparseMatrix q = fp::generator(ou_1d(), grid, {0.5});
  const Vector got = fp::transition_density(q, point_mass(grid, 1.0), 40.0);
  const Vector pi = fp::stationary_density(q, grid);
  BOOST_TEST((got - pi).cwiseAbs().maxCoeff() < 1e-9 * pi.maxCoeff());
}

BOOST_AUTO_TEST_CASE(ou_iterated_limits_contain_the_exact_actions) {
  const fp::LimitOrderSettings settings{{Vector::Constant(1, -2.5), Vector::Constant(1, 2.5), 200}, {0.2, 0.14, 0.1}, {1.0, 2.0, 3.0}};
  const std::vector<double> points = {0.4, 0.9};
  for (double x0 : {0.0, 0.8}) {
    const auto limits = fp::measure_iterated_limits(ou_1d(), x0, points, settings, "OU");
    for (const auto& r : limits) {
      for (std::size_t k = 0; k < settings.horizons.size(); ++k) {
        const double t = settings.horizons[k];
        const double s_t = std::pow(r.x - x0 * std::exp(-t), 2) / (1 - std::exp(-2 * t));
        BOOST_TEST(contains(r.finite_time[k], s_t), "x0 = " << x0 << ", x = " << r.x << ", T = " << t << ": "
                                                            << r.finite_time[k].value << " vs exact " << s_t);
      }
      BOOST_TEST(contains(r.finite_time_first, r.x * r.x), "(a) x0 = " << x0 << ", x = " << r.x << ": " << r.finite_time_first.value);
      BOOST_TEST(contains(r.stationary_first, r.x * r.x), "(b) x = " << r.x << ": " << r.stationary_first.value);
    }
  }
}

BOOST_AUTO_TEST_CASE(bad_input_is_named) {
  const fp::Grid grid = line(10, 1.0);
  const fp::SparseMatrix q = fp::generator(ou_1d(), grid, {0.5});
  BOOST_TEST(invalid_input_message([&] { fp::transition_density(q, point_mass(grid, 0.0), -1.0); }).find("T = -1") != std::string::npos);
  fp::LimitOrderSettings settings{{Vector::Constant(1, -1.0), Vector::Constant(1, 1.0), 20}, {0.2, 0.3, 0.1}, {1.0, 2.0, 3.0}};
  BOOST_TEST(invalid_input_message([&] { settings.validate(); }).find("eps_ladder") != std::string::npos);
  settings.eps_ladder = {0.3, 0.2, 0.1};
  settings.horizons = {1.0, 2.0, 4.0};
  BOOST_TEST(invalid_input_message([&] { settings.validate(); }).find("equally spaced") != std::string::npos);
  settings.horizons = {1.0, 2.0, 3.0};
  BOOST_TEST(invalid_input_message([&] { fp::measure_iterated_limits(ou_1d(), 0.0, {1.5}, settings, "OU"); }).find("x = 1.5") !=
             std::string::npos);
}
