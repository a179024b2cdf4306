// Measurements of long sojourns (escape paper, Lemma 9): the exponential tail rate of a sample
// (measure/exponential_tail) on exactly exponential data, and the Fleming–Viot decay rate of
// survival in an annulus (measure/quasi_stationary_rate) against the exact principal Dirichlet
// eigenvalue (reference/radial_ou_eigenvalue). Statistical tests at 99.9% with fixed seeds.
#define BOOST_TEST_MODULE sojourn
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "invalid_input_message.hpp"
#include "ldv/measure/exponential_tail.hpp"
#include "ldv/measure/quasi_stationary_rate.hpp"
#include "ldv/models/quadratic.hpp"
#include "ldv/random/philox_stream.hpp"
#include "ldv/reference/radial_ou_eigenvalue.hpp"

using namespace ldv;

// 2 + Exp(3) by inversion from a fixed stream: the rate beyond any threshold is 3.
BOOST_AUTO_TEST_CASE(tail_rate_of_an_exponential_sample) {
  UniformStream u(7, 0);
  std::vector<double> x;
  for (int i = 0; i < 20000; ++i) x.push_back(2.0 - std::log(u.next()) / 3.0);
  const auto tail = measure::exponential_tail_rate(x, 0.1, "rate");
  const Interval i = tail.rate.at(0.999);
  BOOST_TEST_MESSAGE("rate " << tail.rate.value << " [" << i.low << ", " << i.high << "]");
  BOOST_TEST((i.low <= 3.0 && 3.0 <= i.high));
  BOOST_TEST(tail.tail == 2000u);
  BOOST_TEST(tail.survival.front() == 1.0);
  BOOST_TEST(invalid_input_message([&] { measure::exponential_tail_rate(x, 1.5, "rate"); }) ==
             "rate: tail fraction = 1.5 must lie in the open interval (0, 1)");
}

// The 2-D isotropic OU process in the annulus 0.5 < |x| < 1 at ε = 0.04: exact λ₁ = 5.97592…
// The Fleming–Viot bias is O(1/N): about λ₁/N ≈ 0.01 at N = 512, far inside the interval.
BOOST_AUTO_TEST_CASE(fleming_viot_rate_matches_the_dirichlet_eigenvalue) {
  const Model m(QuadraticModel(Matrix::Identity(2, 2), Matrix::Identity(2, 2), "identity"));
  measure::QuasiStationaryRuns r{m, Vector::Zero(2), 0.5, 1.0, 0.75 * Vector::Unit(2, 0), 0.04, 0.001, 512, 8, 1.0, 3.0};
  r.seed = 3;
  const auto rate = measure::quasi_stationary_rate(r, "λ");
  const double exact = reference::radial_dirichlet_eigenvalue({1.0, 0.04, 1.0}, 2, 0.5, 1.0).value;
  const Interval i = rate.rate.at(0.999);
  BOOST_TEST_MESSAGE("Fleming–Viot " << rate.rate.value << " [" << i.low << ", " << i.high << "], exact " << exact);
  BOOST_TEST((i.low <= exact && exact <= i.high));
  r.threads = 1;  // the same bits on one thread
  BOOST_TEST(measure::quasi_stationary_rate(r, "λ").rate.value == rate.rate.value);
  r.start = Vector::Unit(2, 0) * 0.2;
  BOOST_TEST(invalid_input_message([&] { measure::quasi_stationary_rate(r, "λ"); }) ==
             "quasi-stationary rate: the start point lies at distance 0.2 from the centre, not inside the annulus (0.5, 1)");
}
