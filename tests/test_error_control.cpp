// Error-controlled exit times (lib/ldv/exit/error_controlled_exit_time.hpp): multilevel
// Gobet–Menozzi with a bias estimate, against exact Ornstein–Uhlenbeck mean exit times
// (reference/ou_exit_time, quadrature to 1e-10). The long coverage study (>= 200 seeds) is
// bench/bench_error_control.cpp; this is its small CI version.
#define BOOST_TEST_MODULE error_control
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "ldv/core/error.hpp"
#include "ldv/exit/error_controlled_exit_time.hpp"
#include "ldv/models/spec_parser.hpp"
#include "ldv/reference/ou_exit_time.hpp"
#include "ldv/stats/binomial_interval.hpp"

namespace {

// dX = −X dt + √ε √0.5 dW in 2-D, ε = 1, unit disc around the attractor, started at the centre.
ldv::ExitTimeProblem radial_ou(double coarsest_step, ldv::StepScheme scheme = ldv::StepScheme::euler) {
  const ldv::Model model =
      ldv::parse_model_spec(R"({"kind":"quadratic","hessian":[[1,0],[0,1]],"diffusion":[[0.5,0],[0,0.5]]})");
  ldv::ExitTimeProblem p{model, ldv::Ball(ldv::Vector::Zero(2), 1.0), ldv::Vector::Zero(2), 1.0, coarsest_step, 1e3,
                         ldv::ExitEstimator::gobet_menozzi};
  p.scheme = scheme;
  return p;
}
const ldv::StepScheme kSchemes[] = {ldv::StepScheme::euler, ldv::StepScheme::exponential_euler};
const double kExact = ldv::reference::mean_exit_time_ball({1.0, 1.0, std::sqrt(0.5)}, 2, 1.0, 0.0);

}  // namespace

BOOST_AUTO_TEST_CASE(the_interval_covers_bias_and_statistics_on_an_exact_case) {
  // 40 seeds at tolerance 5%. If the nominal 95% interval covered at the required 93%, fewer
  // than 33 of 40 covering has probability < 0.05 (binomial(40, 0.93): P(X <= 32) = 0.018); the
  // full study (bench/) runs 200 seeds. Both step schemes.
  for (const ldv::StepScheme scheme : kSchemes) {
    const int seeds = 40;
    int covered = 0;
    double bias_sum = 0.0;
    for (int seed = 1; seed <= seeds; ++seed) {
      ldv::ErrorControlSettings settings;
      settings.tolerance = 0.05;
      settings.seed = static_cast<std::uint64_t>(seed);
      settings.pilot_paths = 1000;
      const auto r = ldv::estimate_exit_time_to_tolerance(radial_ou(0.05, scheme), settings);
      BOOST_TEST(r.tolerance_met);
      BOOST_TEST(r.half_width <= 0.05 * r.value);
      BOOST_TEST(r.bias_estimate > 0.0);
      BOOST_TEST(r.censored == 0u);
      if (r.ci_low <= kExact && kExact <= r.ci_high) ++covered;
      bias_sum += r.value - kExact;
    }
    BOOST_TEST_MESSAGE(ldv::to_string(scheme) << " step: covered " << covered << " of " << seeds << "; mean error "
                                              << bias_sum / seeds << " (exact " << kExact << ")");
    BOOST_TEST(covered >= 33);
  }
}

BOOST_AUTO_TEST_CASE(levels_refine_until_the_bias_estimate_fits) {
  ldv::ErrorControlSettings settings;
  settings.tolerance = 0.02;
  const auto r = ldv::estimate_exit_time_to_tolerance(radial_ou(0.1), settings);
  BOOST_TEST(r.tolerance_met);
  BOOST_TEST(r.levels.size() >= 3u);
  BOOST_TEST(r.finest_step == 0.1 / std::pow(2.0, static_cast<double>(r.levels.size() - 1)));
  BOOST_TEST(r.bias_estimate <= 0.01 * r.value);
  // Coupled levels: Var(τ_h − τ_2h) is far below Var(τ) (that is the point of the coupling).
  BOOST_TEST(r.levels.back().variance() < 0.2 * r.levels.front().variance());
  // Paths go where the variance per cost is: far more on level 0 than on the finest level.
  BOOST_TEST(r.levels.front().paths > 2 * r.levels.back().paths);
}

BOOST_AUTO_TEST_CASE(results_are_bitwise_the_same_for_any_thread_count) {
  ldv::ErrorControlSettings settings;
  settings.tolerance = 0.05;
  settings.seed = 7;
  for (const ldv::StepScheme scheme : kSchemes) {
    settings.threads = 1;
    const auto one = ldv::estimate_exit_time_to_tolerance(radial_ou(0.05, scheme), settings);
    settings.threads = 3;
    const auto three = ldv::estimate_exit_time_to_tolerance(radial_ou(0.05, scheme), settings);
    BOOST_TEST(one.value == three.value);  // exact, not within a tolerance
    BOOST_TEST(one.half_width == three.half_width);
    BOOST_TEST(one.levels.size() == three.levels.size());
  }
}

BOOST_AUTO_TEST_CASE(level_samples_merge_exactly) {
  const auto p = radial_ou(0.02);
  auto whole = ldv::run_exit_level(p, 2, 0, 600, 5, 2);
  auto first = ldv::run_exit_level(p, 2, 0, 250, 5, 1);
  first.merge(ldv::run_exit_level(p, 2, 250, 600, 5, 2));
  BOOST_TEST(whole.mean() == first.mean());
  BOOST_TEST(whole.variance() == first.variance());
  BOOST_TEST(whole.steps == first.steps);
  BOOST_CHECK_THROW(whole.merge(ldv::run_exit_level(p, 1, 0, 10, 5, 1)), ldv::InvalidInput);
}

BOOST_AUTO_TEST_CASE(invalid_settings_are_rejected) {
  auto rejects = [](ldv::ExitTimeProblem p, ldv::ErrorControlSettings s) {
    BOOST_CHECK_THROW(ldv::estimate_exit_time_to_tolerance(p, s), ldv::InvalidInput);
  };
  ldv::ErrorControlSettings s;
  s.tolerance = 0.0;
  rejects(radial_ou(0.05), s);
  s.tolerance = 1.5;
  rejects(radial_ou(0.05), s);
  s = {};
  s.pilot_paths = 10;
  rejects(radial_ou(0.05), s);
  s = {};
  s.max_levels = 0;
  rejects(radial_ou(0.05), s);
  auto p = radial_ou(0.05);
  p.estimator = ldv::ExitEstimator::bridge;
  rejects(p, {});
  p = radial_ou(-0.05);
  rejects(p, {});
}
