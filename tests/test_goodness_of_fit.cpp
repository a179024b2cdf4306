// Unit tests of stats/goodness_of_fit (is a sample exponential?) and stats/estimate_combination
// (the difference of two independent Estimates).
//
// Reference values are worked by hand from closed forms (stated next to each). Statistical tests
// use R replications with a fixed seed (std::mt19937_64 and inverse-CDF draws, the same data on
// every platform). Their tolerances come from the sampling law of the count X of events in R
// replications, X ~ Binomial(R, p) when the nominal rate p holds:
//  - size and coverage: "not significantly worse than nominal", an exact one-sided binomial test
//    at 99.9% (P(X ≥ observed) or P(X ≤ observed) must exceed 0.001);
//  - a two-sided check of a tabulated level: the count must lie in the central 99.9% of
//    Binomial(R, p).
// Run with --log_level=message to see the measured rates.
#define BOOST_TEST_MODULE goodness_of_fit
#include <boost/math/distributions/binomial.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "invalid_input_message.hpp"
#include "ldv/stats/estimate_combination.hpp"
#include "ldv/stats/goodness_of_fit.hpp"
#include "ldv/stats/interval_policy.hpp"
#include "ldv/stats/quantiles.hpp"

using namespace ldv;
using namespace ldv::stats;

namespace {

class Draws {
 public:
  explicit Draws(std::uint64_t seed) : engine_(seed) {}
  double uniform() { return (static_cast<double>(engine_() >> 11) + 0.5) * 0x1.0p-53; }
  double exponential() { return -std::log(uniform()); }
  double gamma2() { return exponential() + exponential(); }  // Gamma(2, 1)
  double normal() { return std::sqrt(2.0 * exponential()) * std::cos(2.0 * 3.141592653589793 * uniform()); }

 private:
  std::mt19937_64 engine_;
};

// P(X >= observed) for X ~ Binomial(trials, p).
double upper_tail(int observed, int trials, double p) {
  if (observed <= 0) return 1.0;
  return boost::math::cdf(boost::math::complement(boost::math::binomial(trials, p), observed - 1));
}
// P(X <= observed).
double lower_tail(int observed, int trials, double p) { return boost::math::cdf(boost::math::binomial(trials, p), observed); }

// KS distance of Gamma(2)/2 (mean 1) from Exp(1): sup_x |e^{−x} − e^{−2x}(1 + 2x)|, by a fine grid
// (the difference is smooth with one extremum, at x ≈ 0.35; 1e-6 spacing gives ~1e-12 accuracy).
double gamma2_distance() {
  double best = 0.0;
  for (double x = 0.0; x < 5.0; x += 1e-6) best = std::max(best, std::abs(std::exp(-x) - std::exp(-2 * x) * (1 + 2 * x)));
  return best;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_statistic_of_a_small_sample_by_hand) {
  // {1, 2, 3}: mean 2, scaled {½, 1, 3/2}; F = 1 − e^{−x}: 0.3935, 0.6321, 0.7769. D⁻ at the first
  // point is F(½) − 0 = 1 − e^{−1/2}, the largest of the six one-sided gaps.
  const auto ks = exponential_kolmogorov_smirnov({3.0, 1.0, 2.0});
  BOOST_TEST(ks.mean == 2.0);
  BOOST_TEST(ks.std_deviation == 1.0, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(ks.distance == 1.0 - std::exp(-0.5), boost::test_tools::tolerance(1e-14));
  const double n = 3.0;
  BOOST_TEST(ks.stephens_statistic == (ks.distance - 0.2 / n) * (std::sqrt(n) + 0.26 + 0.5 / std::sqrt(n)),
             boost::test_tools::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(closed_forms_of_the_interval_parts) {
  // DKW–Massart: 2e^{−2nt²} = 1 − c ⇒ t = √(ln(2/(1 − c))/(2n)); n = 100, c = 0.95: √(ln 40/200).
  BOOST_TEST(dkw_half_width(100, 0.95) == std::sqrt(std::log(40.0) / 200.0), boost::test_tools::tolerance(1e-14));
  // h(2): y* = 2 ln 2, e^{−ln 2} − e^{−2 ln 2} = ½ − ¼; and h(ρ) = h(1/ρ) (substitute y → ρy).
  BOOST_TEST(exponential_scale_distance(2.0) == 0.25, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(exponential_scale_distance(0.5) == 0.25, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(exponential_scale_distance(1.0) == 0.0);
  BOOST_TEST(stephens_exponential_critical_value(0.05) == 1.094);
  BOOST_TEST(stephens_exponential_rejection_level(1.2) == 0.025);
  BOOST_TEST(stephens_exponential_rejection_level(0.5) == 1.0);
}

BOOST_AUTO_TEST_CASE(bad_input_is_refused_by_name) {
  BOOST_TEST(invalid_input_message([] { exponential_kolmogorov_smirnov({1.0}); }).find("at least 2") !=
             std::string::npos);
  BOOST_TEST(invalid_input_message([] { exponential_kolmogorov_smirnov({1.0, -2.0}); }).find("-2") != std::string::npos);
  BOOST_TEST(invalid_input_message([] { exponential_kolmogorov_smirnov({0.0, 0.0}); }).find("no scale") !=
             std::string::npos);
  BOOST_TEST(invalid_input_message([] { stephens_exponential_critical_value(0.2); }).find("0.2") != std::string::npos);
  BOOST_TEST(invalid_input_message([] { dkw_half_width(0, 0.9); }).find("empty") != std::string::npos);
}

// Stephens's tabulated points (exponential, scale estimated) hold their level: at 5% and 1% the
// rejection count of R exponential samples of n = 50 lies in the central 99.9% of Binomial(R, p).
BOOST_AUTO_TEST_CASE(stephens_test_has_its_tabulated_size) {
  Draws draws(20240611);
  const int replications = 4000, n = 50;
  int rejected5 = 0, rejected1 = 0;
  for (int r = 0; r < replications; ++r) {
    std::vector<double> sample;
    for (int i = 0; i < n; ++i) sample.push_back(draws.exponential());
    const double d = exponential_kolmogorov_smirnov(sample).stephens_statistic;
    rejected5 += d > stephens_exponential_critical_value(0.05);
    rejected1 += d > stephens_exponential_critical_value(0.01);
  }
  BOOST_TEST_MESSAGE("Stephens test size: " << rejected5 / double(replications) << " at 5%, "
                                            << rejected1 / double(replications) << " at 1%");
  for (const auto& [count, p] : {std::pair{rejected5, 0.05}, std::pair{rejected1, 0.01}}) {
    BOOST_TEST(upper_tail(count, replications, p) > 0.0005, "count " << count << " at level " << p);
    BOOST_TEST(lower_tail(count, replications, p) > 0.0005, "count " << count << " at level " << p);
  }
}

// The interval of δ covers δ = 0 for exponential samples and the true δ of Gamma(2) samples at
// least at its nominal level (it is conservative: a union bound of two exact-or-CLT intervals).
BOOST_AUTO_TEST_CASE(the_distance_interval_covers_at_its_level) {
  Draws draws(7);
  const int replications = 1000, n = 400;
  const double confidence = 0.9, delta_gamma = gamma2_distance();
  int covered_exp = 0, covered_gamma = 0, rejected_gamma = 0;
  for (int r = 0; r < replications; ++r) {
    std::vector<double> exp_sample, gamma_sample;
    for (int i = 0; i < n; ++i) {
      exp_sample.push_back(draws.exponential());
      gamma_sample.push_back(draws.gamma2());
    }
    const Interval a = exponential_law_distance("exp", exp_sample, "test").at(confidence);
    const Interval b = exponential_law_distance("gamma", gamma_sample, "test").at(confidence);
    covered_exp += a.low <= 0.0 && 0.0 <= a.high;
    covered_gamma += b.low <= delta_gamma && delta_gamma <= b.high;
    rejected_gamma += b.low > 0.0;
  }
  BOOST_TEST_MESSAGE("δ(Gamma(2)) = " << delta_gamma << "; coverage " << covered_exp / double(replications) << " (Exp), "
                                      << covered_gamma / double(replications) << " (Gamma(2)); power against "
                                      << "Gamma(2) at n = " << n << ": " << rejected_gamma / double(replications));
  BOOST_TEST(lower_tail(covered_exp, replications, confidence) > 0.001);
  BOOST_TEST(lower_tail(covered_gamma, replications, confidence) > 0.001);
  // Power: at n = 400 the half-width is ≈ 0.12 < δ = 0.14, so the test must reject most of the time;
  // "more than half" is the weakest claim that says so.
  BOOST_TEST(rejected_gamma > replications / 2);
}

BOOST_AUTO_TEST_CASE(the_difference_of_two_estimates) {
  const Estimate a = normal_estimate("a", 5.0, 0.5, 0.1, "a"), b = normal_estimate("b", 2.0, 0.2, 0.0, "b");
  const Estimate d = difference_of_estimates("a − b", a, b, "test");
  BOOST_TEST(d.value == 3.0);
  // At c = 0.9 each is drawn at 0.95: z = Φ⁻¹(0.975).
  const double z = normal_quantile(0.975);
  const Interval i = d.at(0.9);
  BOOST_TEST(i.low == (5.0 - z * 0.5 - 0.1) - (2.0 + z * 0.2), boost::test_tools::tolerance(1e-14));
  BOOST_TEST(i.high == (5.0 + z * 0.5 + 0.1) - (2.0 - z * 0.2), boost::test_tools::tolerance(1e-14));
  BOOST_TEST(invalid_input_message([&] { difference_of_estimates("x", a, Estimate{"empty", 1.0, {}, ""}, "t"); })
                 .find("no interval rule") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_difference_covers_at_its_level) {
  Draws draws(11);
  const int replications = 4000;
  const double confidence = 0.9;
  int covered = 0;
  for (int r = 0; r < replications; ++r) {
    const Estimate a = normal_estimate("a", 1.0 + 0.3 * draws.normal(), 0.3, 0.0, "a");
    const Estimate b = normal_estimate("b", -2.0 + 0.1 * draws.normal(), 0.1, 0.0, "b");
    const Interval i = difference_of_estimates("a − b", a, b, "t").at(confidence);
    covered += i.low <= 3.0 && 3.0 <= i.high;
  }
  BOOST_TEST_MESSAGE("coverage of the difference at 90%: " << covered / double(replications));
  BOOST_TEST(lower_tail(covered, replications, confidence) > 0.001);
}
