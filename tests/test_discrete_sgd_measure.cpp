// The Theorem 2 measurements (lib/ldv/measure): the extrapolation to η → 0 and its bound on
// sequences with known limits; E[ν]/E[τ] with the step tied to the noise against the limit
// R*(κ) of reference/tied_step_exit_ratio.hpp (two computations that share nothing: a Nyström
// solve of two Dynkin equations, and Spitzer's series for the Cramér constant), in cases the
// check escape.theorem2 does not use; the simulated chain against its reference; the
// fixed-ε monitoring bias against Gobet & Menozzi's first-order term; the figures.
#define BOOST_TEST_MODULE discrete_sgd_measure
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <vector>

#include "invalid_input_message.hpp"
#include "ldv/measure/discrete_sgd_figures.hpp"
#include "ldv/measure/limit_extrapolation.hpp"
#include "ldv/measure/monitoring_bias.hpp"
#include "ldv/measure/tied_step_ratio.hpp"
#include "ldv/reference/tied_step_exit_ratio.hpp"

using namespace ldv;

namespace {

bool inside(const Interval& i, double v) { return i.low <= v && v <= i.high; }

}  // namespace

BOOST_AUTO_TEST_CASE(extrapolation_is_exact_for_polynomials_and_its_bound_covers_a_known_limit) {
  const std::vector<double> x = {0.08, 0.04, 0.02, 0.01, 0.005};
  const std::vector<double> none(x.size(), 0.0);
  // A cubic through 5 points: both the 5- and the 4-point polynomials reproduce it (rounding only).
  std::vector<double> cubic;
  for (double t : x) cubic.push_back(1.5 - 2 * t + 7 * t * t - 30 * t * t * t);
  const auto exact = measure::extrapolate_to_zero(x, cubic, none, 1.0, "cubic", "test");
  BOOST_TEST(exact.limit == 1.5, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(exact.error_bound <= 1e-11);
  // 1/(1 + t) → 1: not a polynomial; the bound must cover the true error.
  std::vector<double> y;
  for (double t : x) y.push_back(1.0 / (1.0 + t));
  const auto geometric = measure::extrapolate_to_zero(x, y, none, 1.0, "1/(1+x)", "test");
  BOOST_TEST(std::abs(geometric.limit - 1.0) <= geometric.error_bound);
  BOOST_TEST(geometric.error_bound < 1e-6);
  // The values' own errors: perturbing each within its bound moves the limit within numerical_error.
  const std::vector<double> bounds = {1e-9, 1e-9, 1e-9, 1e-9, 1e-9};
  std::vector<double> perturbed = y;
  for (std::size_t k = 0; k < y.size(); ++k) perturbed[k] += (k % 2 ? 1e-9 : -1e-9);  // the worst signs alternate
  const auto with_errors = measure::extrapolate_to_zero(x, y, bounds, 1.0, "1/(1+x)", "test");
  const auto moved = measure::extrapolate_to_zero(x, perturbed, none, 1.0, "1/(1+x)", "test");
  BOOST_TEST(std::abs(moved.limit - geometric.limit) <= with_errors.numerical_error * (1 + 1e-9));
  BOOST_TEST(with_errors.estimate.at(0.5).high == with_errors.estimate.at(0.9999).high);  // deterministic bound
  BOOST_TEST(invalid_input_message([&] {
               measure::extrapolate_to_zero({0.1, 0.1, 0.05}, {1, 1, 1}, {0, 0, 0}, 1.0, "r", "m");
             }).find("must differ") != std::string::npos);
  BOOST_TEST(invalid_input_message([&] { measure::extrapolate_to_zero(x, y, none, 0.5, "r", "m"); })
                 .find("calibration = 0.5") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(extrapolation_calibration_on_exact_kramers_prefactors) {
  // On the exact OU prefactors the 5-point extrapolation's change estimate covers the true error
  // (measured: true/estimated ≤ 0.25 at V₀/ε = 12.5 … 200 in d = 1, 2, 3), so the calibration is 1; it is never below 1.
  const double c = measure::extrapolation_calibration({12.5, 25, 50, 100, 200});
  BOOST_TEST(c == 1.0);
  BOOST_TEST(measure::extrapolation_calibration({12.5, 25, 50, 100, 200, 400}) >= 1.0);
}

BOOST_AUTO_TEST_CASE(tied_step_ratio_tends_to_the_cramer_limit_not_to_one) {
  // Cases outside the check's: C = H in 1-D (κ = r√(λB) = 0.6) and C = I in 3-D (κ = 2.4).
  // The limit's deterministic bound must contain R*(κ), exclude 1, and the leading power of
  // R(η) − R* must be 1 (an expansion in η, not √η) within its bound.
  const std::vector<measure::TiedStepCase> cases = {{"1-D, C = H, λ = 9, r = 0.2, B = 1", 1, 9.0, 3.0, 0.2, 1.0},
                                                    {"3-D, C = I, λ = 1.2, r = 1, B = 4", 3, 1.2, 1.0, 1.0, 4.0}};
  for (const auto& c : cases) {
    const auto m = measure::measure_tied_step_ratio(c, {12.5, 25, 50, 100, 200});
    const double predicted = reference::tied_step_exit_time_ratio(c.kappa());
    const Interval bound = m.limit.estimate.at(0.999);
    BOOST_TEST_INFO(c.label << ": κ = " << c.kappa() << ", limit " << m.limit.limit << " ± " << m.limit.error_bound
                            << ", R* = " << predicted << ", order " << m.order.value);
    BOOST_TEST(inside(bound, predicted));
    BOOST_TEST(!inside(bound, 1.0));
    BOOST_TEST(inside(m.order.at(0.999), 1.0));
    BOOST_TEST(m.points.size() == 5u);
  }
  BOOST_TEST(invalid_input_message([&] { measure::measure_tied_step_ratio(cases[0], {10, 20, 50}); })
                 .find("geometrically") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(simulated_sgd_matches_its_reference_and_figures_use_the_level) {
  // 20 000 paths at V₀B/η = 5 (η λ = 0.2); one interval at 99.9%, seed fixed.
  const measure::TiedStepCase c{"1-D, C = I, λ = 1, r = 1, B = 1", 1, 1.0, 1.0, 1.0, 1.0};
  const auto s = measure::simulate_tied_step_exit(c, 5.0, 20000, 11, 0);
  BOOST_TEST_INFO("simulation " << s.exit_discrete.value << ", reference " << s.reference);
  BOOST_TEST(inside(s.exit_discrete.at(0.999), s.reference));
  const auto ratio = measure::measure_tied_step_ratio(c, {12.5, 25, 50});
  const auto narrow = measure::tied_step_ladder_figure({ratio}, {s}, 0.9);
  const auto wide = measure::tied_step_ladder_figure({ratio}, {s}, 0.999);
  const auto& narrow_mc = narrow.series[narrow.series.size() - 2];
  const auto& wide_mc = wide.series[wide.series.size() - 2];
  BOOST_TEST(wide_mc.y_high[0] - wide_mc.y_low[0] > narrow_mc.y_high[0] - narrow_mc.y_low[0]);
  BOOST_TEST(narrow.series[0].x.size() == 5u);  // simulated rung, 3 ladder rungs, the limit
}

BOOST_AUTO_TEST_CASE(monitoring_bias_at_fixed_eps_has_gobet_menozzis_first_order_term) {
  // 2-D case (the check uses 1-D), 30 000 paths a step; four intervals at 99.9% (< 0.4% false
  // alarms), seed fixed. Discrete: a₀ = 0, a₁ = c₀ s √ε ∂E[τ]/∂r; Gobet–Menozzi: a₀ = a₁ = 0.
  const measure::MonitoringCase c{"2-D, λ = 1, s = 1, r = 1, ε = 0.8", 2, 1.0, 1.0, 1.0, 0.8};
  const auto bias = measure::measure_monitoring_bias(c, {0.2, 0.1, 0.05, 0.025, 0.0125}, 30000, 5, 0);
  BOOST_TEST_INFO("predicted a1 " << bias.predicted_root_coefficient << ", discrete a1 "
                                  << bias.discrete.root_coefficient.value << ", GM a1 "
                                  << bias.gobet_menozzi.root_coefficient.value);
  BOOST_TEST(inside(bias.discrete.constant.at(0.999), 0.0));
  BOOST_TEST(inside(bias.discrete.root_coefficient.at(0.999), bias.predicted_root_coefficient));
  BOOST_TEST(inside(bias.gobet_menozzi.constant.at(0.999), 0.0));
  BOOST_TEST(inside(bias.gobet_menozzi.root_coefficient.at(0.999), 0.0));
  // The exact (Nyström) errors vanish with h, the discrete one like √h: the exact fit's a₀ is
  // within its own systematic of 0, far below the Monte Carlo resolution.
  BOOST_TEST(std::abs(bias.discrete.exact_fit[0]) < 0.1 * bias.discrete.constant.at(0.999).high);
  // The order-1 term of the shifted boundary is reported, and the exit module's warning about
  // the large shift at h = 0.2 (c₀√(0.16) ≈ 23% of r > 10%) is carried into the method text.
  BOOST_TEST(bias.gobet_menozzi.linear_coefficient.name.find("a₂") == 0u);
  BOOST_TEST(bias.gobet_menozzi.constant.method.find("warned at h = 0.2") != std::string::npos);
  BOOST_TEST(bias.discrete.constant.method.find("warned") == std::string::npos);  // h·λ ≤ 0.2: no warning
  const auto figure = measure::monitoring_bias_figure(bias, 0.999);
  BOOST_TEST(figure.series.size() == 7u);
  BOOST_TEST(invalid_input_message([&] { measure::measure_monitoring_bias(c, {0.1, 0.05}, 10, 1, 0); })
                 .find("at least 5 steps") != std::string::npos);
}
