// Unit tests of measure::exit_side_fraction and measure::exit_mean_sin2 (lib/ldv/measure/exit_point_law.hpp),
// on ladders built by hand: exact counts on a few points, and one statistical test — exit points drawn from
// the uniform law on the circle (std::mt19937_64, fixed seed 7), whose E[sin²θ] = ½ and side fraction ½ must
// lie inside the estimates' 99.9% intervals (each fails by chance with probability 0.1% at most; the seed
// is fixed, so the outcome is reproducible).
#define BOOST_TEST_MODULE exit_point_law
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <numbers>
#include <random>

#include "invalid_input_message.hpp"
#include "ldv/measure/exit_point_law.hpp"

namespace {

ldv::measure::BarrierMeasurement ladder_of(const std::vector<std::vector<double>>& levels) {
  ldv::measure::BarrierMeasurement m;
  m.label = "hand-made";
  double eps = 0.5;
  for (const auto& points : levels) {
    ldv::measure::LadderPoint p;
    p.eps = eps;
    p.exit_points = points;
    m.points.push_back(p);
    eps /= 2;
  }
  return m;
}

const ldv::Vector kCenter = ldv::Vector::Zero(2), kAxis = ldv::Vector::Unit(2, 0);

}  // namespace

BOOST_AUTO_TEST_CASE(exact_counts) {
  const auto m = ladder_of({{1, 0, -1, 0, 0, 1}, {0.6, 0.8, 0.6, -0.8}});
  const ldv::Estimate side = ldv::measure::exit_side_fraction(m, kCenter, kAxis, "side");
  BOOST_TEST(side.value == 3.0 / 5.0);  // (1, 0), (0.6, ±0.8); (0, 1) is not on the positive side
  const ldv::Estimate s0 = ldv::measure::exit_mean_sin2(m, kCenter, kAxis, 0, "sin2 level 0");
  BOOST_TEST(std::abs(s0.value - 1.0 / 3.0) <= 1e-15);
  const ldv::Estimate s1 = ldv::measure::exit_mean_sin2(m, kCenter, kAxis, 1, "sin2 level 1");
  BOOST_TEST(std::abs(s1.value - 0.64) <= 1e-15);
  BOOST_TEST(s1.at(0.99).high - s1.at(0.99).low <= 1e-12);  // both points have sin²θ = 0.64: no spread
}

BOOST_AUTO_TEST_CASE(uniform_law_is_recognised) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> angle(0.0, 2 * std::numbers::pi);
  std::vector<double> points;
  for (int i = 0; i < 4000; ++i) {
    const double a = angle(rng);
    points.push_back(std::cos(a));
    points.push_back(std::sin(a));
  }
  const auto m = ladder_of({points});
  const ldv::Interval sin2 = ldv::measure::exit_mean_sin2(m, kCenter, kAxis, 0, "sin2").at(0.999);
  BOOST_TEST(sin2.low <= 0.5);
  BOOST_TEST(0.5 <= sin2.high);
  const ldv::Interval side = ldv::measure::exit_side_fraction(m, kCenter, kAxis, "side").at(0.999);
  BOOST_TEST(side.low <= 0.5);
  BOOST_TEST(0.5 <= side.high);
}

BOOST_AUTO_TEST_CASE(bad_input_is_named) {
  const auto m = ladder_of({{1, 0}});
  BOOST_TEST(invalid_input_message([&] { ldv::measure::exit_side_fraction(m, kCenter, 2 * kAxis, "side"); })
                 .find("unit vector") != std::string::npos);
  BOOST_TEST(invalid_input_message([&] { ldv::measure::exit_mean_sin2(m, kCenter, kAxis, 3, "s"); }).find("level 3") !=
             std::string::npos);
  BOOST_TEST(invalid_input_message([&] { ldv::measure::exit_side_fraction(ladder_of({{}}), kCenter, kAxis, "side"); })
                 .find("kept no exit points") != std::string::npos);
}
