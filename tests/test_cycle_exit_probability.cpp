// Unit tests of measure::count_cycle_exits and measure::measure_cycle_exit_exponent
// (lib/ldv/measure/cycle_exit_probability.hpp).
// Reference: the 1-D Ornstein–Uhlenbeck process dX = −X dt + √ε dW, whose per-cycle probability from ρ of
// reaching R before r is exact by its scale function s'(x) = exp(x²/ε):
//   P = ∫_r^ρ e^{x²/ε} dx / ∫_r^R e^{x²/ε} dx   (computed here by Boost's Gauss–Kronrod, independently).
// Statistical test: n = 20 000 paths, seed 11; the exact P must lie in the count's Clopper–Pearson interval
// at 99.9% (chance failure ≤ 0.1%; the seed is fixed, so the outcome is reproducible). The scheme's bias
// (Euler with Gobet–Menozzi's boundary shift at h = 1e-3: o(√h), here ~1e-3 relative) is far below that
// interval's half-width (~7% of P), so the test measures the method, not the step.
#define BOOST_TEST_MODULE cycle_exit_probability
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "invalid_input_message.hpp"
#include "ldv/measure/cycle_exit_probability.hpp"
#include "ldv/models/quadratic.hpp"
#include "ldv/stats/binomial_interval.hpp"

namespace {

ldv::Model ou_1d() { return ldv::Model(ldv::QuadraticModel(ldv::Matrix::Ones(1, 1), ldv::Matrix::Ones(1, 1), "identity")); }

double exact_probability(double r, double rho, double big_r, double eps) {
  const auto integral = [eps](double a, double b) {
    return boost::math::quadrature::gauss_kronrod<double, 61>::integrate(
        [eps, b](double x) { return std::exp((x * x - b * b) / eps); }, a, b, 15, 1e-13);
  };
  return std::exp((rho * rho - big_r * big_r) / eps) * integral(r, rho) / integral(r, big_r);
}

ldv::measure::CycleExitRuns runs(double eps, std::uint64_t paths, int threads) {
  return {ou_1d(), ldv::Vector::Zero(1), 1.0, 0.2, ldv::Vector::Constant(1, 0.4), eps, 1e-3, paths, 100'000'000, 11,
          threads};
}

}  // namespace

BOOST_AUTO_TEST_CASE(one_dimensional_ou_against_its_scale_function) {
  const double eps = 0.3;
  const auto count = ldv::measure::count_cycle_exits(runs(eps, 20000, 2));
  BOOST_TEST(count.outer + count.inner == 20000u);
  BOOST_TEST(count.censored == 0u);
  const double exact = exact_probability(0.2, 0.4, 1.0, eps);
  const ldv::Interval i = ldv::stats::clopper_pearson_interval(count.outer, 20000, 0.999);
  BOOST_TEST(i.low <= exact, "[" << i.low << ", " << i.high << "] vs exact " << exact);
  BOOST_TEST(exact <= i.high, "[" << i.low << ", " << i.high << "] vs exact " << exact);
}

BOOST_AUTO_TEST_CASE(counts_do_not_depend_on_threads) {
  const auto one = ldv::measure::count_cycle_exits(runs(0.3, 3000, 1));
  const auto two = ldv::measure::count_cycle_exits(runs(0.3, 3000, 2));
  BOOST_TEST(one.outer == two.outer);
  BOOST_TEST(one.steps == two.steps);
}

BOOST_AUTO_TEST_CASE(fitted_exponent_and_its_calibration) {
  // Exponent R² − ρ² = 0.84 for this process; the ladder's fit must cover it within its own interval.
  ldv::measure::CycleExitLadder ladder{runs(0.3, 20000, 2), {0.42, 0.28, 0.21}, 0.84};
  const auto e = ldv::measure::measure_cycle_exit_exponent(ladder, "s");
  const ldv::Interval i = e.exponent.at(0.999);
  BOOST_TEST(i.low <= 0.84, "[" << i.low << ", " << i.high << "]");
  BOOST_TEST(0.84 <= i.high, "[" << i.low << ", " << i.high << "]");
  const double calibration = ldv::measure::cycle_fit_relative_error({2, 3, 4}, 0.4);
  BOOST_TEST(calibration >= 0.0);
  BOOST_TEST(calibration < 0.5);
}

BOOST_AUTO_TEST_CASE(bad_input_is_named) {
  auto r = runs(0.3, 10, 1);
  r.start = ldv::Vector::Constant(1, 0.1);
  BOOST_TEST(invalid_input_message([&] { ldv::measure::count_cycle_exits(r); }).find("not inside the annulus") !=
             std::string::npos);
  r = runs(0.3, 10, 1);
  r.inner_radius = 2.0;
  BOOST_TEST(invalid_input_message([&] { ldv::measure::count_cycle_exits(r); }).find("must be below the outer") !=
             std::string::npos);
  ldv::measure::CycleExitLadder ladder{runs(0.01, 10, 1), {0.01, 0.01, 0.01}, 0.84};
  BOOST_TEST(invalid_input_message([&] { ldv::measure::measure_cycle_exit_exponent(ladder, "s"); }).find("no path") !=
             std::string::npos);
}
