// Unit tests of measure::measure_action_between (lib/ldv/measure/action_between.hpp).
// Deterministic (no randomness): the reference values are exact for the reversible linear system of
// the implicit-regularizer paper's Example 3.1 (b = −2x = −½D∇V, V = 2[x₁²/μ + x₂²/(2 − μ)]):
//  - from the attractor, φ(x; O) = V(x) (Lyapunov);
//  - along the flow, φ(x; x₀) = 0 when x lies on the forward orbit of x₀ (the orbit itself has zero action);
//  - against the flow, φ(x; x₀) = V(x) − V(x₀) when x₀ lies on the minimum-action path from O to x
//    (S ≥ ∫∇V·ψ' for every path of a reversible system, with equality on the time-reversed flow).
// The tolerance of each comparison is the estimate's own interval (at 99.9%): the test checks that the
// stated error bar covers the exact value, and that it is small (≤ 1e-3 relative) so that it says something.
#define BOOST_TEST_MODULE action_between
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "invalid_input_message.hpp"
#include "ldv/measure/action_between.hpp"
#include "ldv/models/quadratic.hpp"

namespace {

constexpr double kMu = 1.5;
ldv::Model example_3_1() {
  ldv::Matrix h = 2 * ldv::Matrix::Identity(2, 2), d(2, 2);
  d << kMu, 0, 0, 2 - kMu;
  return ldv::Model(ldv::QuadraticModel(h, d, "matrix"));
}
double potential(const ldv::Vector& x) { return 2 * (x(0) * x(0) / kMu + x(1) * x(1) / (2 - kMu)); }

void covers(const ldv::Estimate& e, double exact) {
  const ldv::Interval i = e.at(0.999);
  BOOST_TEST(i.low <= exact, e.name << ": [" << i.low << ", " << i.high << "] vs exact " << exact);
  BOOST_TEST(exact <= i.high, e.name << ": [" << i.low << ", " << i.high << "] vs exact " << exact);
  BOOST_TEST(i.high - i.low <= 2e-3 * std::max(1.0, std::abs(exact)) + 1e-7, e.name << " too wide: " << i.high - i.low);
}

}  // namespace

BOOST_AUTO_TEST_CASE(from_the_attractor_it_is_the_quasipotential) {
  const ldv::Vector x = (ldv::Vector(2) << 0.3, 0.4).finished();
  covers(ldv::measure::measure_action_between(example_3_1(), ldv::Vector::Zero(2), x, "V(0.3, 0.4)").action,
         potential(x));
}

BOOST_AUTO_TEST_CASE(along_and_against_the_flow_from_another_start) {
  const ldv::Vector x0 = (ldv::Vector(2) << 0.5, 0.0).finished();
  const ldv::Vector downstream = (ldv::Vector(2) << 0.25, 0.0).finished(), upstream = (ldv::Vector(2) << 0.75, 0.0).finished();
  const auto down = ldv::measure::measure_action_between(example_3_1(), x0, downstream, "φ(0.25; 0.5)");
  covers(down.action, 0.0);
  covers(ldv::measure::measure_action_between(example_3_1(), x0, upstream, "φ(0.75; 0.5)").action,
         potential(upstream) - potential(x0));
  BOOST_TEST(down.path.path.cols() == 201);
}

BOOST_AUTO_TEST_CASE(bad_settings_are_named) {
  ldv::measure::ActionBetweenSettings s;
  s.nodes = 2;
  BOOST_TEST(invalid_input_message([&] {
               ldv::measure::measure_action_between(example_3_1(), ldv::Vector::Zero(2), ldv::Vector::Ones(2), "x", s);
             }).find("nodes = 2") != std::string::npos);
  BOOST_TEST(invalid_input_message([&] {
               ldv::measure::measure_action_between(example_3_1(), ldv::Vector::Zero(2), ldv::Vector::Zero(2), "x");
             }).find("equal") != std::string::npos);
}
