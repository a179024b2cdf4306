// Euler–Maruyama trajectories: the recursion X_{k+1} = X_k + b(X_k) h + √(εh) σ(X_k) Z_k
// with the run's own normals, the SGD reading (ε = η/B, h = η), and the sub-grid.
#define BOOST_TEST_MODULE sim
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <string>

#include "ldv/core/error.hpp"
#include "ldv/exit/exit_time.hpp"
#include "ldv/models/spec_parser.hpp"
#include "ldv/random/philox_stream.hpp"
#include "ldv/sim/sgd.hpp"
#include "invalid_input_message.hpp"
#include "ldv/sim/trajectory.hpp"

BOOST_AUTO_TEST_CASE(trajectory_follows_the_euler_maruyama_recursion_with_the_paths_normals) {
  const auto model = ldv::parse_model_spec(R"({"kind":"two_well","mu1":1.9,"mu2":1.2})");
  const ldv::Vector start = (ldv::Vector(2) << -2.3, 0.4).finished();
  const ldv::TrajectorySettings settings{0.2, 0.01, 50, 1, 17, 3};
  const auto trajectory = ldv::simulate_trajectory(model, start, settings);
  BOOST_REQUIRE_EQUAL(trajectory.times.size(), 51u);

  // Recompute by hand from Model's public drift and σ, and the same Philox stream.
  ldv::NormalStream normals(17, 3);
  ldv::Vector x = start;
  for (int k = 1; k <= 50; ++k) {
    ldv::Vector z(2);
    normals.fill(z.data(), 2);
    x = x + model.drift(x) * 0.01 + std::sqrt(0.2 * 0.01) * model.sigma(x) * z;
    BOOST_TEST(trajectory.points[2 * k] == x(0), boost::test_tools::tolerance(1e-14));
    BOOST_TEST(trajectory.points[2 * k + 1] == x(1), boost::test_tools::tolerance(1e-14));
    BOOST_TEST(trajectory.times[k] == k * 0.01, boost::test_tools::tolerance(1e-15));
  }
}

BOOST_AUTO_TEST_CASE(zero_noise_is_gradient_descent) {
  // ε = 0: X_{k} = (1 − a h)^k X_0 for b = −a x.
  const auto model = ldv::parse_model_spec(R"({"kind":"quadratic","hessian":[[3]]})");
  const auto trajectory =
      ldv::simulate_trajectory(model, ldv::Vector::Constant(1, 1.0), {0.0, 0.1, 20, 5, 1, 0});
  BOOST_REQUIRE_EQUAL(trajectory.times.size(), 5u);  // k = 0, 5, 10, 15, 20
  for (std::size_t i = 0; i < 5; ++i)
    BOOST_TEST(trajectory.points[i] == std::pow(0.7, 5.0 * i), boost::test_tools::tolerance(1e-13));
}

BOOST_AUTO_TEST_CASE(sgd_learning_rate_and_batch_map_to_eps_and_step) {
  const auto noise = ldv::sgd_noise_and_step(0.05, 32);
  BOOST_TEST(noise.eps == 0.05 / 32);
  BOOST_TEST(noise.step == 0.05);
  BOOST_CHECK_THROW(ldv::sgd_noise_and_step(-0.05, 32), ldv::InvalidInput);
  BOOST_CHECK_THROW(ldv::sgd_noise_and_step(0.05, 0), ldv::InvalidInput);
}

BOOST_AUTO_TEST_CASE(exit_time_paths_use_the_same_increments_as_trajectories) {
  // The discrete exit time of path p is the first grid time the trajectory of path p leaves the ball.
  const auto model = ldv::parse_model_spec(R"({"kind":"quadratic","hessian":[[1,0],[0,2]],"diffusion":"hessian"})");
  const ldv::ExitTimeProblem problem{model, ldv::Ball(ldv::Vector::Zero(2), 0.8), ldv::Vector::Zero(2), 0.5, 0.01,
                                     100.0, ldv::ExitEstimator::discrete};
  const auto run = ldv::estimate_exit_time(problem, {20, 9, 1, 0.95, true});
  for (std::uint32_t p = 0; p < 20; ++p) {
    const auto trajectory = ldv::simulate_trajectory(model, ldv::Vector::Zero(2), {0.5, 0.01, 20000, 1, 9, p});
    std::size_t k = 0;
    while (std::hypot(trajectory.points[2 * k], trajectory.points[2 * k + 1]) < 0.8) ++k;
    BOOST_TEST(run.exit_times[p] == trajectory.times[k]);
  }
}

BOOST_AUTO_TEST_CASE(bad_trajectory_settings_are_rejected) {
  const auto model = ldv::parse_model_spec(R"({"kind":"quadratic","hessian":[[1]]})");
  BOOST_CHECK_THROW(ldv::simulate_trajectory(model, ldv::Vector::Zero(2), {0.1, 0.1, 10}), ldv::InvalidInput);
  BOOST_CHECK_THROW(ldv::simulate_trajectory(model, ldv::Vector::Zero(1), {-0.1, 0.1, 10}), ldv::InvalidInput);
  BOOST_CHECK_THROW(ldv::simulate_trajectory(model, ldv::Vector::Zero(1), {0.1, 0.1, 10, 0}), ldv::InvalidInput);
  // Explicit Euler is unstable for a h > 2: refused up front when the Jacobian is known ...
  const auto stiff = ldv::parse_model_spec(R"({"kind":"quadratic","hessian":[[100]]})");
  const std::string refusal = invalid_input_message(
      [&] { ldv::simulate_trajectory(stiff, ldv::Vector::Constant(1, 1.0), {0.0, 0.5, 2000}); });
  BOOST_TEST(refusal.find("step h = 0.5") != std::string::npos, refusal);
  BOOST_TEST(refusal.find("h·ρ(∇b) = 50 >= 2") != std::string::npos, refusal);
  // ... and for user callables (not refused: their Jacobian is only estimated) the
  // divergence is reported, not returned as inf.
  const ldv::Model stiff_by_hand(ldv::CustomModel(
      1, [](const double* x, double* b) { b[0] = -100.0 * x[0]; }, [](const double*, double* s) { s[0] = 1.0; }));
  BOOST_CHECK_THROW(ldv::simulate_trajectory(stiff_by_hand, ldv::Vector::Constant(1, 1.0), {0.0, 0.5, 2000}),
                    ldv::NumericalFailure);
}

BOOST_AUTO_TEST_CASE(a_step_that_is_not_small_is_warned_about) {
  // h·ρ(∇b) = 0.3 h/0.1 for b = −3x: warned above 0.2, not at 0.19.
  const auto model = ldv::parse_model_spec(R"({"kind":"quadratic","hessian":[[3]]})");
  const auto coarse = ldv::simulate_trajectory(model, ldv::Vector::Constant(1, 1.0), {0.0, 0.1, 20});
  BOOST_REQUIRE_EQUAL(coarse.warnings.size(), 1u);
  BOOST_TEST(coarse.warnings[0].find("h·ρ(∇b) = 0.3 > 0.2") != std::string::npos, coarse.warnings[0]);
  const auto fine = ldv::simulate_trajectory(model, ldv::Vector::Constant(1, 1.0), {0.0, 0.19 / 3, 20});
  BOOST_TEST(fine.warnings.empty());
}
