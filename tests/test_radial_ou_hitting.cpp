// reference/radial_ou_hitting: the probability that the distance of an isotropic OU process
// reaches the outer sphere before the inner one. Checked against the closed forms of Brownian
// motion (a = 0: the scale function is ρ, log ρ, −1/ρ in d = 1, 2, 3), against the 1-D OU
// formula through erfi written as a series, and for its log at exponents far beyond a double.
#define BOOST_TEST_MODULE radial_ou_hitting
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "invalid_input_message.hpp"
#include "ldv/reference/radial_ou_hitting.hpp"

using namespace ldv::reference;
namespace tt = boost::test_tools;

BOOST_AUTO_TEST_CASE(brownian_motion_closed_forms) {
  const OrnsteinUhlenbeck bm{0.0, 0.3, 1.0};
  BOOST_TEST(radial_hitting_probability(bm, 1, 0.2, 1.0, 0.5).probability == 0.3 / 0.8, tt::tolerance(1e-10));
  BOOST_TEST(radial_hitting_probability(bm, 2, 0.2, 1.0, 0.5).probability == std::log(2.5) / std::log(5.0),
             tt::tolerance(1e-10));
  BOOST_TEST(radial_hitting_probability(bm, 3, 0.2, 1.0, 0.5).probability == (5.0 - 2.0) / (5.0 - 1.0),
             tt::tolerance(1e-10));
}

// 1-D OU with κ = a/(ε s²): P = F(ρ₀)/F(outer) − …, with F(x) = ∫_inner^x e^{κy²} dy summed as a
// power series (absolutely convergent; κ x² ≤ 4 keeps it exact to rounding).
BOOST_AUTO_TEST_CASE(one_dimensional_ou_against_a_series) {
  const OrnsteinUhlenbeck ou{2.0, 0.5, 1.0};  // κ = 4
  const auto primitive = [](double x) {       // ∫_0^x e^{4y²} dy = Σ 4^n x^{2n+1}/(n! (2n+1))
    double sum = 0.0, term = x;
    for (int n = 0; n < 200; ++n) {
      sum += term / (2 * n + 1);
      term *= 4.0 * x * x / (n + 1);
    }
    return sum;
  };
  const double expected = (primitive(0.6) - primitive(0.3)) / (primitive(1.0) - primitive(0.3));
  BOOST_TEST(radial_hitting_probability(ou, 1, 0.3, 1.0, 0.6).probability == expected, tt::tolerance(1e-10));
}

// Far in the tail the probability underflows but its logarithm stays exact: as ε → 0 in 2-D,
// −ε log P → outer² − ρ₀² (a = s = 1), here with κ = 1e4 (P ~ e^{-7500}).
BOOST_AUTO_TEST_CASE(log_probability_beyond_double_range) {
  const OrnsteinUhlenbeck ou{1.0, 1e-4, 1.0};
  const HittingProbability p = radial_hitting_probability(ou, 2, 0.25, 1.0, 0.5);
  BOOST_TEST(p.probability == 0.0);
  BOOST_TEST(std::isfinite(p.log_probability));
  BOOST_TEST(-1e-4 * p.log_probability == 0.75, tt::tolerance(1e-3));  // + O(ε log(1/ε)) prefactor terms
}

BOOST_AUTO_TEST_CASE(bad_input_is_named) {
  const OrnsteinUhlenbeck ou{1.0, 0.1, 1.0};
  BOOST_TEST(invalid_input_message([&] { radial_hitting_probability(ou, 2, 0.5, 1.0, 0.2); }) ==
             "rho0 = 0.2 must lie strictly between inner = 0.5 and outer = 1");
  BOOST_TEST(invalid_input_message([&] { radial_hitting_probability(ou, 0, 0.5, 1.0, 0.7); }) ==
             "dimension = 0 must be >= 1");
}
