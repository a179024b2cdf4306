// Unit tests of sim::ReflectingBox (lib/ldv/sim/reflecting_box.hpp) and the milestoning measurement
// measure::measure_occupation (lib/ldv/measure/metastable_occupation.hpp).
// Statistical test: the two-well model of the implicit-regularizer paper's Example 4.1 with μ₁ = μ₂ = 1.5 is
// symmetric under x₁ ↦ −x₁ (the reflecting box too), so both rates and both occupations are equal: the log
// occupation ratio's interval at 99.9% must contain 0, and so must the Bonferroni interval of the difference
// of the two log rates (each at 99.95%). 16 runs × 3 cycles at ε = 0.45, seed 21 (chance failure ≤ 0.2%; the
// seed is fixed, so the outcome is reproducible).
#define BOOST_TEST_MODULE metastable_occupation
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "invalid_input_message.hpp"
#include "ldv/measure/metastable_occupation.hpp"
#include "ldv/stats/quantiles.hpp"

namespace {

ldv::Vector point(double a, double b) { return (ldv::Vector(2) << a, b).finished(); }
ldv::measure::OccupationRuns symmetric_runs(int threads) {
  return {ldv::Model(ldv::TwoWellModel(1.5, 1.5)), {{point(-2, 0), 1.0}, {point(2, 0), 1.0}},
          ldv::ReflectingBox(point(-4, -2), point(4, 2)), point(-2, 0), 0.45, 0.01, 16, 3, 4'000'000'000, 21, threads};
}

}  // namespace

BOOST_AUTO_TEST_CASE(reflection_folds_into_the_box) {
  const ldv::ReflectingBox box(point(0, -1), point(2, 1));
  double x[2] = {5.0, -1.5};  // 5 → −1 → 1;  −1.5 → −0.5
  box.reflect(x);
  BOOST_TEST(x[0] == 1.0);
  BOOST_TEST(x[1] == -0.5);
  BOOST_TEST(box.contains(point(2, 1)));
  BOOST_TEST(!box.contains(point(2.1, 0)));
  BOOST_TEST(invalid_input_message([] { ldv::ReflectingBox(point(0, 1), point(1, 1)); }).find("coordinate 1") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(symmetric_wells_have_equal_rates_and_occupations) {
  const auto o = ldv::measure::measure_occupation(symmetric_runs(2));
  BOOST_TEST(o.transitions(0, 1) >= 16u * 3u);  // every run returned to well 1 three times
  const auto [ratio, ratio_se] = o.log_occupation_ratio(0, 1);
  const double z = ldv::stats::normal_quantile(0.9995), z_each = ldv::stats::normal_quantile(1 - 0.001 / 4);
  BOOST_TEST(std::abs(ratio) <= z * ratio_se, "log ratio " << ratio << " ± " << ratio_se);
  const auto [k01, se01] = o.log_rate(0, 1);
  const auto [k10, se10] = o.log_rate(1, 0);
  BOOST_TEST(std::abs(k01 - k10) <= z_each * (se01 + se10), k01 << " ± " << se01 << " vs " << k10 << " ± " << se10);
  const double share = o.occupation_share(0, 1);
  BOOST_TEST(std::abs(share - std::exp(ratio) / (1 + std::exp(ratio))) <= 1e-15);
}

BOOST_AUTO_TEST_CASE(tallies_do_not_depend_on_threads) {
  const auto one = ldv::measure::measure_occupation(symmetric_runs(1));
  const auto two = ldv::measure::measure_occupation(symmetric_runs(2));
  for (std::size_t r = 0; r < one.runs.size(); ++r) {
    BOOST_TEST(one.runs[r].steps_in_state == two.runs[r].steps_in_state);
    BOOST_TEST(one.runs[r].transitions == two.runs[r].transitions);
  }
}

BOOST_AUTO_TEST_CASE(calibration_of_the_two_parameter_fit) {
  const std::vector<double> eps = {0.5, 0.4, 0.3, 0.25};
  BOOST_TEST(ldv::measure::occupation_fit_error(eps, 1.2, 1.2) <= 1e-12);  // equal barriers: the ratio is flat
  // The powers of ε cancel in the ratio, so what remains are O(ε) corrections: halving every ε must shrink the
  // miss (by about half).
  const std::vector<double> colder = {0.25, 0.2, 0.15, 0.125};
  const double error = ldv::measure::occupation_fit_error(eps, 1.0, 1.5);
  const double colder_error = ldv::measure::occupation_fit_error(colder, 1.0, 1.5);
  BOOST_TEST(error > 0.0);
  BOOST_TEST(colder_error < 0.75 * error, colder_error << " vs " << error);
}

BOOST_AUTO_TEST_CASE(bad_input_is_named) {
  auto r = symmetric_runs(1);
  r.cores[1].center = point(-1.5, 0);
  BOOST_TEST(invalid_input_message([&] { ldv::measure::measure_occupation(r); }).find("overlap") != std::string::npos);
  r = symmetric_runs(1);
  r.start = point(9, 0);
  BOOST_TEST(invalid_input_message([&] { ldv::measure::measure_occupation(r); }).find("outside the reflecting box") !=
             std::string::npos);
}
