// Unit tests of ldv::stats' exact binomial intervals (stats/binomial_interval.hpp).
// Reference values: closed forms where the Beta quantile has one (x = 0, x = 1, x = n),
// R's binom.test, and Boost.Math's own Clopper–Pearson bounds (a separate code path:
// binomial_distribution::find_{lower,upper}_bound_on_p). The coverage tests need no
// random numbers: coverage(p) = Σ_k P(K = k) 1[p ∈ CI(k)] is summed exactly over every k.
#define BOOST_TEST_MODULE binomial
#include <boost/math/distributions/binomial.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdint>
#include <vector>

#include "invalid_input_message.hpp"
#include "ldv/stats/binomial_interval.hpp"

using namespace ldv::stats;

namespace {

// The binomial probability P(K = k), K ~ Bin(n, p).
double binomial_pmf(std::uint64_t k, std::uint64_t n, double p) {
  return boost::math::pdf(boost::math::binomial_distribution<double>(static_cast<double>(n), p),
                          static_cast<double>(k));
}

}  // namespace

BOOST_AUTO_TEST_CASE(clopper_pearson_matches_closed_forms) {
  // Beta(1, n) and Beta(n, 1) have the closed-form quantiles 1 − (1 − q)^{1/n} and q^{1/n}.
  for (std::uint64_t n : {1u, 7u, 400u}) {
    const double c = 0.95, half_alpha = 0.025, nd = static_cast<double>(n);
    const ldv::Interval none = clopper_pearson_interval(0, n, c);
    BOOST_TEST(none.low == 0.0);
    BOOST_TEST(none.high == 1.0 - std::pow(half_alpha, 1.0 / nd), boost::test_tools::tolerance(1e-12));
    const ldv::Interval all = clopper_pearson_interval(n, n, c);
    BOOST_TEST(all.low == std::pow(half_alpha, 1.0 / nd), boost::test_tools::tolerance(1e-12));
    BOOST_TEST(all.high == 1.0);
    if (n > 1) {
      const ldv::Interval one = clopper_pearson_interval(1, n, c);
      BOOST_TEST(one.low == 1.0 - std::pow(1.0 - half_alpha, 1.0 / nd), boost::test_tools::tolerance(1e-12));
    }
  }
  // R: binom.test(5, 10)$conf.int = [0.1870860, 0.8129140] (printed to 7 digits).
  const ldv::Interval half = clopper_pearson_interval(5, 10, 0.95);
  BOOST_TEST(half.low == 0.1870860, boost::test_tools::tolerance(5e-7 / 0.187086));
  BOOST_TEST(half.high == 0.8129140, boost::test_tools::tolerance(5e-7 / 0.812914));
}

BOOST_AUTO_TEST_CASE(clopper_pearson_matches_boost_bounds) {
  using boost::math::binomial_distribution;
  for (std::uint64_t n : {10u, 400u, 10000u})
    for (std::uint64_t x : {1u, 3u, 9u})
      for (double c : {0.9, 0.99, 0.99875}) {
        const double half_alpha = 0.5 * (1.0 - c), nd = static_cast<double>(n), xd = static_cast<double>(x);
        const ldv::Interval i = clopper_pearson_interval(x, n, c);
        BOOST_TEST(i.low == binomial_distribution<double>::find_lower_bound_on_p(nd, xd, half_alpha),
                   boost::test_tools::tolerance(1e-10));
        BOOST_TEST(i.high == binomial_distribution<double>::find_upper_bound_on_p(nd, xd, half_alpha),
                   boost::test_tools::tolerance(1e-10));
      }
}

BOOST_AUTO_TEST_CASE(clopper_pearson_covers_at_least_its_level_for_every_p) {
  // Exact coverage, n = 25, on a grid of p including values near 0 and 1 where normal
  // intervals fail; at least c everywhere (the interval is conservative by construction).
  const std::uint64_t n = 25;
  for (double c : {0.8, 0.95}) {
    double smallest = 1.0;
    for (int j = 1; j < 200; ++j) {
      const double p = j / 200.0;
      double coverage = 0.0;
      for (std::uint64_t k = 0; k <= n; ++k) {
        const ldv::Interval i = clopper_pearson_interval(k, n, c);
        if (i.low <= p && p <= i.high) coverage += binomial_pmf(k, n, p);
      }
      smallest = std::min(smallest, coverage);
      BOOST_TEST(coverage >= c - 1e-12, "coverage " << coverage << " below " << c << " at p = " << p);
    }
    BOOST_TEST_MESSAGE("Clopper-Pearson, n = 25, c = " << c << ": smallest coverage on the grid " << smallest);
  }
}

BOOST_AUTO_TEST_CASE(proportion_difference_covers_at_least_its_level) {
  // Exact coverage of the Bonferroni difference interval, n_a = n_b = 12, on a grid of
  // (p_a, p_b), including equal proportions (the "no difference" case a check rejects).
  const std::uint64_t n = 12;
  const double c = 0.9;
  for (double pa : {0.02, 0.3, 0.5, 0.93})
    for (double pb : {0.0, 0.02, 0.5, 0.93}) {
      double coverage = 0.0;
      for (std::uint64_t ka = 0; ka <= n; ++ka)
        for (std::uint64_t kb = 0; kb <= n; ++kb) {
          const ldv::Interval i = proportion_difference("d", ka, n, kb, n, "test").at(c);
          const double truth = pa - pb;
          if (i.low <= truth && truth <= i.high)
            coverage += binomial_pmf(ka, n, pa) * binomial_pmf(kb, n, pb);
        }
      BOOST_TEST(coverage >= c - 1e-12, "coverage " << coverage << " at p_a = " << pa << ", p_b = " << pb);
    }
}

BOOST_AUTO_TEST_CASE(estimates_carry_the_fraction_and_widen_with_the_level) {
  const ldv::Estimate p = binomial_proportion("exit fraction", 37, 400, "runs exiting");
  BOOST_TEST(p.value == 37.0 / 400.0);
  BOOST_TEST(p.method.find("37 of 400") != std::string::npos, p.method);
  const ldv::Interval narrow = p.at(0.9), wide = p.at(0.999);
  BOOST_TEST(wide.low < narrow.low);
  BOOST_TEST(narrow.high < wide.high);
  BOOST_TEST(narrow.low < p.value);
  BOOST_TEST(p.value < narrow.high);

  const ldv::Estimate d = proportion_difference("difference", 100, 400, 3, 400, "runs exiting");
  BOOST_TEST(d.value == 100.0 / 400.0 - 3.0 / 400.0);
  const ldv::Interval di = d.at(0.99);
  const ldv::Interval a = clopper_pearson_interval(100, 400, 0.995), b = clopper_pearson_interval(3, 400, 0.995);
  BOOST_TEST(di.low == a.low - b.high);
  BOOST_TEST(di.high == a.high - b.low);
}

BOOST_AUTO_TEST_CASE(bad_counts_and_levels_are_named) {
  BOOST_TEST(invalid_input_message([] { clopper_pearson_interval(0, 0, 0.9); }).find("trials = 0") !=
             std::string::npos);
  BOOST_TEST(invalid_input_message([] { clopper_pearson_interval(5, 4, 0.9); }).find("successes = 5 exceed trials = 4") !=
             std::string::npos);
  BOOST_TEST(invalid_input_message([] { clopper_pearson_interval(1, 4, 1.0); }).find("confidence = 1") !=
             std::string::npos);
  BOOST_TEST(invalid_input_message([] { binomial_proportion("p", 3, 2, "m"); }).find("successes = 3") !=
             std::string::npos);
  BOOST_TEST(invalid_input_message([] { proportion_difference("d", 1, 2, 1, 0, "m"); }).find("trials = 0") !=
             std::string::npos);
}
