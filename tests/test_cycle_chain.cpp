// The γ/Γ chain of the escape paper's Appendix B (measure/cycle_chain) and the ladder fit
// (measure/ladder_fit). The chain is held against the exact per-cycle exit probability of the
// isotropic OU process (reference/radial_ou_hitting): a statistical test at 99.9% with a fixed
// seed (it fails for at most 0.1% of seeds when the chain is right, plus the O(h) discretisation
// bias, which at h = 0.002 is far inside the interval).
#define BOOST_TEST_MODULE cycle_chain
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "invalid_input_message.hpp"
#include "ldv/measure/cycle_chain.hpp"
#include "ldv/measure/ladder_fit.hpp"
#include "ldv/models/quadratic.hpp"
#include "ldv/reference/radial_ou_hitting.hpp"

using namespace ldv;

namespace {

Model isotropic() { return Model(QuadraticModel(Matrix::Identity(2, 2), Matrix::Identity(2, 2), "identity")); }

measure::CycleChainRuns runs(int threads) {
  measure::CycleChainRuns r{isotropic(), Vector::Zero(2), 1.0, 0.25, 0.5, Vector::Zero(2), 0.4, 0.002, 1000, 1e4};
  r.seed = 11;
  r.threads = threads;
  return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(per_cycle_exit_probability_matches_the_exact_reference) {
  const measure::CycleChain chain = measure::run_cycle_chain(runs(0), "p");
  const double exact = reference::radial_hitting_probability({1.0, 0.4, 1.0}, 2, 0.25, 1.0, 0.5).probability;
  const Interval i = chain.exit_probability.at(0.999);
  BOOST_TEST_MESSAGE("p = " << chain.exit_probability.value << " [" << i.low << ", " << i.high << "], exact " << exact
                            << ", " << chain.cycles << " cycles");
  BOOST_TEST((i.low <= exact && exact <= i.high));
  BOOST_TEST(chain.exits == 1000u);  // every path exits long before the horizon
  BOOST_TEST(chain.exit_time.exits() == 1000u);
  // Return legs Γ → γ ∪ ∂D last about ln 2 (the deterministic time from radius μ to μ/2) or less.
  BOOST_TEST(chain.return_leg.mean() > 0.3);
  BOOST_TEST(chain.return_leg.mean() < 1.0);
  BOOST_TEST(chain.cycle_length.mean() > chain.return_leg.mean());
}

BOOST_AUTO_TEST_CASE(the_chain_is_the_same_for_any_thread_count) {
  const auto one = measure::run_cycle_chain(runs(1), "p");
  const auto two = measure::run_cycle_chain(runs(2), "p");
  BOOST_TEST(one.cycles == two.cycles);
  BOOST_TEST(one.exit_time.mean_truncated() == two.exit_time.mean_truncated());  // bitwise
  BOOST_TEST(one.return_leg.mean() == two.return_leg.mean());
}

BOOST_AUTO_TEST_CASE(a_path_started_on_gamma_outer_sphere_stops_after_max_cycles) {
  measure::CycleChainRuns r = runs(0);
  r.start = Vector::Unit(2, 0) * 0.5;  // on Γ: armed at once, its first cycle is a return leg
  r.max_cycles = 1;
  r.keep_return_legs = true;
  const auto chain = measure::run_cycle_chain(r, "p");
  BOOST_TEST(chain.cycles == 1000u);
  BOOST_TEST(chain.return_legs.size() == 1000u);
  BOOST_TEST(chain.cycle_length.count() == 0u);  // no cycle began on γ
}

BOOST_AUTO_TEST_CASE(bad_chains_are_named) {
  measure::CycleChainRuns r = runs(0);
  r.outer_radius = 0.2;
  BOOST_TEST(invalid_input_message([&] { measure::run_cycle_chain(r, "p"); }) ==
             "cycle chain: radii inner = 0.25, outer = 0.2, domain = 1 must satisfy inner < outer < domain");
  r = runs(0);
  r.start = Vector::Unit(2, 1) * 2.0;
  BOOST_TEST(invalid_input_message([&] { measure::run_cycle_chain(r, "p"); }) ==
             "cycle chain: the start point lies at distance 2 from the centre, not inside D of radius 1");
}

BOOST_AUTO_TEST_CASE(ladder_fit_recovers_a_line_and_the_reference_slope) {
  const std::vector<double> x{1, 2, 3, 4}, sigma{0.1, 0.1, 0.2, 0.2};
  std::vector<double> y, curved;
  for (double v : x) {
    y.push_back(2.5 * v - 1.0);
    curved.push_back(2.5 * v - 1.0 + 0.1 * v * v);
  }
  const auto fit = measure::fit_ladder_line("slope", x, y, sigma, 0.0, "synthetic");
  BOOST_TEST(fit.slope.value == 2.5, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(fit.intercept() == -1.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(measure::reference_slope(fit, y) == 2.5, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(measure::reference_slope(fit, curved) > 2.5);  // the curvature tilts the line
  BOOST_TEST(invalid_input_message([&] { measure::fit_ladder_line("slope", x, y, {0.1, 0.1, 0.0, 0.1}, 0.0, ""); }) ==
             "slope: point 2 has x = 3, y = 6.5, σ = 0; finite values and σ > 0 expected");
}

// The 3-parameter Freidlin–Wentzell law y = s/ε + a log ε + b is recovered exactly from exact
// points, and the reference slope of exact values uses the same design.
BOOST_AUTO_TEST_CASE(rate_with_prefactor_recovers_the_law) {
  const std::vector<double> eps{0.5, 0.4, 0.3, 0.25, 0.2}, sigma{0.1, 0.1, 0.1, 0.2, 0.2};
  std::vector<double> y;
  for (double e : eps) y.push_back(1.5 / e - 0.5 * std::log(e) + 0.3);
  const auto fit = measure::fit_rate_with_prefactor("s", eps, y, sigma, 0.0, "synthetic");
  BOOST_TEST(fit.slope.value == 1.5, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(fit.fit.coefficients.at(1) == -0.5, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(fit.intercept() == 0.3, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(measure::reference_slope(fit, y) == 1.5, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(invalid_input_message([&] { measure::fit_rate_with_prefactor("s", {0.5, 0.4, 0.3}, {1, 2, 3}, {1, 1, 1}, 0.0, ""); }) ==
             "s: 3 levels; a 3-parameter law with a checked fit needs at least 4");
}
