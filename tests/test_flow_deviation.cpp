// Unit tests of measure::measure_flow_deviation (lib/ldv/measure/flow_deviation.hpp).
// Reference: the worst case of the implicit-regularizer paper's Lemma 3.1, f = −(L/2)|x|² (b = Lx) with
// D = (M/d)I: x − x_GD = Y solves dY = LY dt + √ε √(M/d) dW, Y(0) = 0, so exactly
//   m(t) = E|Y_t|²/ε = M (e^{2Lt} − 1)/(2L).
// Statistical test: n = 4000 paths, seed 5, h = 1e-3; the estimate's own interval at 99.9% (statistical part
// plus the step-halving estimate of Euler's O(h) error) must cover the exact m(T) (chance failure ≤ 0.1%; the
// seed is fixed, so the outcome is reproducible), and the step-halving difference must have the sign and size
// of Euler's exact bias for this linear chain: the paired difference m_h − m_2h is an unbiased estimate of
// S(h) − S(2h), S(h) = M h ((1 + Lh)^{2k} − 1)/((1 + Lh)² − 1), k = T/h (the chain's exact second moment), so
// it must lie within z_{0.9995} = 3.29 of its own standard error of that value (99.9%).
#define BOOST_TEST_MODULE flow_deviation
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "invalid_input_message.hpp"
#include "ldv/measure/flow_deviation.hpp"
#include "ldv/models/linear.hpp"

namespace {

constexpr double kL = 1.0, kM = 2.0, kT = 1.0;
ldv::Model expanding() { return ldv::Model(ldv::LinearModel(-kL * ldv::Matrix::Identity(2, 2), ldv::Matrix::Identity(2, 2))); }
ldv::measure::FlowDeviationRuns runs(std::uint64_t paths, int threads) {
  return {expanding(), ldv::Vector::Zero(2), 0.01, kT, 1e-3, 50, paths, 5, threads};
}
double discrete(double h) {
  const double k = kT / h, g = (1 + kL * h) * (1 + kL * h);
  return kM * h * (std::pow(g, k) - 1) / (g - 1);
}

}  // namespace

BOOST_AUTO_TEST_CASE(worst_case_of_lemma_3_1) {
  const auto m = ldv::measure::measure_flow_deviation(runs(4000, 2));
  BOOST_TEST(m.times.size() == 10u);
  BOOST_TEST(std::abs(m.times.back() - kT) <= 1e-12);
  const double exact = kM * (std::exp(2 * kL * kT) - 1) / (2 * kL);
  const ldv::Interval i = m.max_constant(kT, "C").at(0.999);
  BOOST_TEST(i.low <= exact, "[" << i.low << ", " << i.high << "] vs " << exact);
  BOOST_TEST(exact <= i.high, "[" << i.low << ", " << i.high << "] vs " << exact);
  const double bias = discrete(1e-3) - discrete(2e-3), measured = m.mean.back() - m.coarse_mean.back();
  BOOST_TEST(bias > 0.0);
  BOOST_TEST(std::abs(measured - bias) <= 3.29 * m.difference_std_error.back(),
             "measured " << measured << " vs exact " << bias << ", se " << m.difference_std_error.back());
}

BOOST_AUTO_TEST_CASE(numbers_do_not_depend_on_threads) {
  const auto one = ldv::measure::measure_flow_deviation(runs(600, 1));
  const auto two = ldv::measure::measure_flow_deviation(runs(600, 2));
  BOOST_TEST(one.mean == two.mean);
  BOOST_TEST(one.coarse_mean == two.coarse_mean);
}

BOOST_AUTO_TEST_CASE(bad_grids_are_named) {
  auto r = runs(10, 1);
  r.step = 0.3;
  BOOST_TEST(invalid_input_message([&] { ldv::measure::measure_flow_deviation(r); }).find("whole number") != std::string::npos);
  r = runs(10, 1);
  r.record_every = 7;
  BOOST_TEST(invalid_input_message([&] { ldv::measure::measure_flow_deviation(r); }).find("record_every = 7") != std::string::npos);
}
