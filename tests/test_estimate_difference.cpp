// Unit tests of stats::estimate_difference (lib/ldv/stats/estimate_difference.hpp).
// No randomness: the interval is checked against its closed form, and its coverage for two
// independent normal estimates is computed exactly from the normal law (a − b ~ N(δ, σa² + σb²)).
#define BOOST_TEST_MODULE estimate_difference
#include <boost/math/distributions/normal.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "invalid_input_message.hpp"
#include "ldv/stats/estimate_difference.hpp"
#include "ldv/stats/interval_policy.hpp"
#include "ldv/stats/quantiles.hpp"

using ldv::stats::estimate_difference;
using ldv::stats::normal_estimate;

BOOST_AUTO_TEST_CASE(interval_is_the_bonferroni_combination) {
  const ldv::Estimate a = normal_estimate("a", 2.0, 0.1, 0.05, "test"), b = normal_estimate("b", 1.2, 0.2, 0.0, "test");
  const ldv::Estimate d = estimate_difference("a − b", a, b);
  BOOST_TEST(d.value == 0.8);
  for (double c : {0.9, 0.99, 0.9999}) {
    const ldv::Interval i = d.at(c), ia = a.at(1 - (1 - c) / 2), ib = b.at(1 - (1 - c) / 2);
    BOOST_TEST(i.low == ia.low - ib.high);
    BOOST_TEST(i.high == ia.high - ib.low);
  }
  // It widens with the level, and the systematic part of a enters linearly at every level.
  BOOST_TEST(d.at(0.999).low < d.at(0.9).low);
  BOOST_TEST(d.at(0.9).high < d.at(0.999).high);
  BOOST_TEST(d.method.find("Bonferroni") != std::string::npos, d.method);
}

BOOST_AUTO_TEST_CASE(coverage_of_two_normal_estimates_is_at_least_the_level) {
  // Half-width z'(σa + σb), z' = Φ⁻¹(1 − (1 − c)/4); the truth is covered with probability
  // P(|Z| ≤ z'(σa + σb)/√(σa² + σb²)) ≥ P(|Z| ≤ z') = 1 − (1 − c)/2 ≥ c. Exact, for several ratios.
  const boost::math::normal unit;
  for (double c : {0.8, 0.95, 0.999})
    for (double ratio : {0.01, 0.5, 1.0, 7.0}) {
      const double sa = 1.0, sb = ratio;
      const ldv::Interval i = estimate_difference("d", normal_estimate("a", 0, sa, 0, "t"), normal_estimate("b", 0, sb, 0, "t")).at(c);
      const double coverage = 2 * boost::math::cdf(unit, i.high / std::hypot(sa, sb)) - 1;
      BOOST_TEST(coverage >= c, "coverage " << coverage << " at c = " << c << ", σb/σa = " << ratio);
    }
}

BOOST_AUTO_TEST_CASE(an_estimate_without_interval_is_named) {
  const ldv::Estimate bare{"bare V0", 1.0, nullptr, "no rule"};
  BOOST_TEST(invalid_input_message([&] { estimate_difference("d", bare, bare); }).find("'bare V0' has no interval") !=
             std::string::npos);
  const ldv::Estimate d = estimate_difference("d", normal_estimate("a", 0, 1, 0, "t"), normal_estimate("b", 0, 1, 0, "t"));
  BOOST_TEST(invalid_input_message([&] { d.at(1.0); }).find("confidence") != std::string::npos);
}
