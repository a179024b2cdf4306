// The measurement module's blocks about runs over a fixed horizon (lib/ldv/measure):
// trajectory_figures (first exit, min–max decimated radial figure, positions figure) on
// hand-made trajectories whose exits and window extremes are known, and
// exit_within_horizon on the 1-D Ornstein–Uhlenbeck chain against its exact one- and
// two-step exit probabilities, its monotonicity in the horizon, its agreement with a drawn
// trajectory and its independence of the thread count.
#define BOOST_TEST_MODULE measure_trajectory
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <numbers>
#include <optional>
#include <string>
#include <vector>

#include "invalid_input_message.hpp"
#include "ldv/core/error.hpp"
#include "ldv/measure/exit_within_horizon.hpp"
#include "ldv/measure/trajectory_figures.hpp"
#include "ldv/models/linear.hpp"
#include "ldv/sim/trajectory.hpp"

using namespace ldv;

namespace {

// A 2-D trajectory at the given distances from the centre c = (1, −1), along +x₁. The
// distances are dyadic, so (1 + R) − 1 = R exactly and every expected value is exact.
const Vector kCentre = (Vector(2) << 1.0, -1.0).finished();
Trajectory radial_trajectory(const std::vector<double>& radii) {
  Trajectory t{{}, {}, 2};
  for (std::size_t i = 0; i < radii.size(); ++i) {
    t.times.push_back(static_cast<double>(i));
    t.points.push_back(kCentre(0) + radii[i]);
    t.points.push_back(kCentre(1));
  }
  return t;
}

// Ball of radius 2 around c; the excursion to R = 2.5 at index 6 is the first exit, and with
// windows of 4 plain subsampling (indices 0, 4, 8) would not show it.
const std::vector<double> kRadii = {0.5, 0.25, 0.875, 0.375, 0.3125, 0.3125, 2.5, 0.3125, 0.125, 0.75};

measure::TrajectoryFigureLabels labels() { return {"panel", "a panel", "R(t)", "R = 2"}; }

Model ou_1d(double rate, double noise) {
  return Model(LinearModel(Matrix::Constant(1, 1, rate), Matrix::Constant(1, 1, noise * noise)));
}

std::string text(const std::optional<std::uint64_t>& exit) {
  return exit ? "exit at " + std::to_string(*exit) : std::string("no exit");
}

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// The 1-D chain X' = ρX + √v ξ (ρ = 1 − ah, v = εhs²) from 0 and the interval (−r, r):
// P(exit at step 1) = P(|√v ξ| ≥ r) exactly, and
// P(exit within 2 steps) = 1 − ∫_{−r}^{r} φ_v(x) [Φ((r − ρx)/√v) − Φ((−r − ρx)/√v)] dx,
// the integral by composite Simpson on 4000 intervals (a smooth integrand: error < 1e-12).
double exact_exit_within_one(double v, double r) { return std::erfc(r / std::sqrt(2.0 * v)); }
double exact_exit_within_two(double rho, double v, double r) {
  const int n = 4000;
  const double dx = 2.0 * r / n, sd = std::sqrt(v);
  const auto f = [&](double x) {
    const double density = std::exp(-x * x / (2.0 * v)) / std::sqrt(2.0 * std::numbers::pi * v);
    return density * (normal_cdf((r - rho * x) / sd) - normal_cdf((-r - rho * x) / sd));
  };
  double sum = f(-r) + f(r);
  for (int i = 1; i < n; ++i) sum += (i % 2 ? 4.0 : 2.0) * f(-r + i * dx);
  return 1.0 - sum * dx / 3.0;
}

measure::ExitWithinHorizonRuns ou_runs(std::uint64_t iterations, std::uint64_t runs, std::uint64_t seed,
                                       int threads) {
  // a = 1, s = 1, ε = 1, h = 0.25: v = 0.25, ρ = 0.75; r = 0.5 = one standard deviation of a step.
  return {ou_1d(1.0, 1.0), Ball(Vector::Zero(1), 0.5), Vector::Zero(1), 1.0, 0.25, iterations, runs, seed, threads};
}

// A 2-D case with a centre off the attractor and correlated noise.
measure::ExitWithinHorizonRuns plane_runs(std::uint64_t runs, std::uint64_t seed, int threads) {
  const Matrix a = (Matrix(2, 2) << 1.0, 0.0, 0.0, 3.0).finished();
  const Matrix d = (Matrix(2, 2) << 1.0, 0.3, 0.3, 0.5).finished();
  return {Model(LinearModel(a, d)), Ball(kCentre * 0.2, 1.0), Vector::Zero(2), 0.5, 0.01, 150, runs, seed, threads};
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_first_exit_is_the_first_point_outside_the_open_ball) {
  const Ball ball(kCentre, 2.0);
  BOOST_TEST(measure::first_exit_index(radial_trajectory(kRadii), ball).value() == 6u);
  // On the sphere is outside (the ball is open, as Ball::contains).
  BOOST_TEST(measure::first_exit_index(radial_trajectory({0.5, 2.0, 3.0}), ball).value() == 1u);
  BOOST_TEST(!measure::first_exit_index(radial_trajectory({0.5, 1.75, 0.25}), ball).has_value());
  BOOST_TEST(measure::first_exit_index(radial_trajectory({2.5}), ball).value() == 0u);
  const std::string message = invalid_input_message(
      [&] { measure::first_exit_index(radial_trajectory(kRadii), Ball(Vector::Zero(3), 1.0)); });
  BOOST_TEST(message.find("dimension 2 but the ball's centre has 3 coordinates") != std::string::npos, message);
}

// Windows of 4 over 10 points: [0, 4) min 0.25 at 1, max 0.875 at 2; [4, 8) min 0.3125 at 4
// (the first of the ties), max 2.5 at 6; [8, 10) min 0.125 at 8, max 0.75 at 9.
BOOST_AUTO_TEST_CASE(the_radial_figure_keeps_each_windows_minimum_and_maximum_in_order) {
  const Ball ball(kCentre, 2.0);
  const verify::Figure f = measure::radial_figure(radial_trajectory(kRadii), ball, 4, labels());
  BOOST_TEST(f.name == "panel");
  BOOST_TEST(f.title == "a panel");
  BOOST_TEST(f.x_label == "iteration");
  BOOST_TEST(f.y_label == "R(t) = |x(t) − c|, c = (1, -1)");
  BOOST_REQUIRE_EQUAL(f.series.size(), 3u);
  BOOST_TEST(f.series[0].label == "R(t)");
  BOOST_TEST((f.series[0].x == std::vector<double>{1, 2, 4, 6, 8, 9}));
  BOOST_TEST((f.series[0].y == std::vector<double>{0.25, 0.875, 0.3125, 2.5, 0.125, 0.75}));
  // The line R = r over the whole run, and the first exit marked at its radius.
  BOOST_TEST(f.series[1].label == "R = 2");
  BOOST_TEST((f.series[1].x == std::vector<double>{0, 9}));
  BOOST_TEST((f.series[1].y == std::vector<double>{2, 2}));
  BOOST_TEST(f.series[2].label == "first exit (iteration 6)");
  BOOST_TEST((f.series[2].x == std::vector<double>{6}));
  BOOST_TEST((f.series[2].y == std::vector<double>{2.5}));

  // A window of one point draws every point once; a window of equal radii draws one point.
  const verify::Figure every = measure::radial_figure(radial_trajectory(kRadii), ball, 1, labels());
  BOOST_TEST(every.series[0].y == kRadii);
  const verify::Figure flat = measure::radial_figure(radial_trajectory({1, 1, 1, 1, 1}), ball, 5, labels());
  BOOST_TEST((flat.series[0].x == std::vector<double>{0}));
  BOOST_REQUIRE_EQUAL(flat.series.size(), 2u);  // no exit, nothing marked
  // A window longer than the run is one window.
  const verify::Figure one = measure::radial_figure(radial_trajectory(kRadii), ball, 100, labels());
  BOOST_TEST((one.series[0].x == std::vector<double>{6, 8}));

  // The centre at the origin reads |x(t)|; a diverging run stays drawable (no overflow of the squares).
  Trajectory far{{0.0}, {3e200, 4e200}, 2};
  const verify::Figure big = measure::radial_figure(far, Ball(Vector::Zero(2), 1.0), 1, labels());
  BOOST_TEST(big.y_label == "R(t) = |x(t)|");
  BOOST_TEST(big.series[0].y.at(0) == 5e200, boost::test_tools::tolerance(1e-15));

  BOOST_TEST(invalid_input_message([&] { measure::radial_figure(radial_trajectory(kRadii), ball, 0, labels()); })
                 .find("window") != std::string::npos);
  BOOST_TEST(invalid_input_message([&] { measure::radial_figure(Trajectory{{}, {}, 2}, ball, 4, labels()); })
                 .find("holds no points") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_positions_figure_draws_every_kth_point_the_circle_and_the_first_exit) {
  const Ball ball(kCentre, 2.0);
  const Trajectory t = radial_trajectory(kRadii);
  const verify::Figure f = measure::positions_figure(t, ball, 3, labels());
  BOOST_TEST(f.x_label == "x₁");
  BOOST_TEST(f.y_label == "x₂");
  BOOST_REQUIRE_EQUAL(f.series.size(), 3u);
  // Indices 0, 3, 6, 9.
  BOOST_TEST((f.series[0].x == std::vector<double>{1.5, 1.375, 3.5, 1.75}));
  BOOST_TEST((f.series[0].y == std::vector<double>{-1, -1, -1, -1}));
  // The circle: 361 points at distance r from c, closed.
  const verify::Series& circle = f.series[1];
  BOOST_TEST(circle.label == "R = 2");
  BOOST_REQUIRE_EQUAL(circle.x.size(), 361u);
  for (std::size_t k = 0; k < circle.x.size(); ++k)
    BOOST_TEST(std::hypot(circle.x[k] - 1.0, circle.y[k] + 1.0) == 2.0, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(circle.x.front() == circle.x.back(), boost::test_tools::tolerance(1e-15));
  BOOST_TEST(circle.y.front() == circle.y.back(), boost::test_tools::tolerance(1e-15));
  // The first exit (index 6) is marked whatever the stride.
  const verify::Figure g = measure::positions_figure(t, ball, 4, labels());
  BOOST_TEST(g.series[2].label == "first exit (iteration 6)");
  BOOST_TEST((g.series[2].x == std::vector<double>{3.5}));
  BOOST_TEST((g.series[2].y == std::vector<double>{-1}));

  // Only plane trajectories.
  const Trajectory space{{0.0}, {0.0, 0.0, 0.0}, 3};
  const std::string message =
      invalid_input_message([&] { measure::positions_figure(space, Ball(Vector::Zero(3), 1.0), 1, labels()); });
  BOOST_TEST(message.find("dimension 3, expected 2") != std::string::npos, message);
  BOOST_TEST(invalid_input_message([&] { measure::positions_figure(t, ball, 0, labels()); }).find("stride") !=
             std::string::npos);
}

// One step from 0: X₁ = √v ξ, so P(exit within 1) = P(|ξ| ≥ 1) = erfc(1/√2) ≈ 0.317 exactly;
// two steps: the exact integral above. Each exact value lies in the 99.9% Clopper–Pearson
// interval of 20 000 runs (a correct count misses it for at most 0.1% of seeds).
BOOST_AUTO_TEST_CASE(exit_within_one_and_two_steps_matches_the_exact_chain) {
  const double v = 0.25, rho = 0.75, r = 0.5;
  for (std::uint64_t k : {1u, 2u}) {
    const measure::ExitWithinHorizon m = measure::measure_exit_within_horizon(ou_runs(k, 20000, 11, 0), "P(exit)");
    const double exact = k == 1 ? exact_exit_within_one(v, r) : exact_exit_within_two(rho, v, r);
    const Interval i = m.fraction.at(0.999);
    BOOST_TEST_MESSAGE("K = " << k << ": exact " << exact << ", measured " << m.fraction.value << " [" << i.low << ", "
                              << i.high << "]");
    BOOST_TEST(m.runs == 20000u);
    BOOST_TEST(m.fraction.value == static_cast<double>(m.exits) / 20000.0);
    BOOST_TEST(m.fraction.name == "P(exit)");
    BOOST_TEST((i.low <= exact && exact <= i.high), "K = " << k << ": exact " << exact << " outside [" << i.low << ", "
                                                            << i.high << "]");
  }
  // The integral itself: with ρ = 0 the two steps are independent, 1 − (1 − p₁)².
  const double p1 = exact_exit_within_one(v, r);
  BOOST_TEST(exact_exit_within_two(0.0, v, r) == 1.0 - (1.0 - p1) * (1.0 - p1), boost::test_tools::tolerance(1e-12));
}

// The same streams over a longer horizon: every run that exits within K₁ exits within K₂ ≥ K₁
// at the same iteration, so the count cannot fall and run 0's exit stays where it was.
BOOST_AUTO_TEST_CASE(the_count_grows_with_the_horizon_on_the_same_streams) {
  const auto short_run = measure::measure_exit_within_horizon(ou_runs(3, 2000, 5, 0), "short");
  const auto long_run = measure::measure_exit_within_horizon(ou_runs(40, 2000, 5, 0), "long");
  BOOST_TEST(short_run.exits <= long_run.exits);
  BOOST_TEST(long_run.exits > short_run.exits);  // with P(exit per step) ≈ 0.3, 37 more steps add exits
  if (short_run.path0_exit)
    BOOST_TEST((long_run.path0_exit == short_run.path0_exit),
               text(long_run.path0_exit) << " vs " << text(short_run.path0_exit));
  BOOST_REQUIRE(long_run.path0_exit.has_value());
  BOOST_TEST(*long_run.path0_exit >= 1u);
  BOOST_TEST(*long_run.path0_exit <= 40u);
}

// Run 0 is the run simulate_trajectory draws with path 0 of the same seed: its exit
// iteration is the trajectory's first exit index (or neither exits). Drawn by the library
// (draw_run0), it is that trajectory, every iterate X_0 … X_K.
BOOST_AUTO_TEST_CASE(run_zero_is_the_drawn_trajectory) {
  int exited = 0, stayed = 0;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    measure::ExitWithinHorizonRuns runs = plane_runs(2, seed, 1);
    const auto m = measure::measure_exit_within_horizon(runs, "plane");
    BOOST_TEST(!m.run0.has_value());  // drawn only when asked
    const Trajectory t =
        simulate_trajectory(runs.model, runs.start, {runs.eps, runs.step, runs.iterations, 1, seed, 0});
    const auto drawn = measure::first_exit_index(t, runs.domain);
    BOOST_TEST((m.path0_exit == drawn),
               "seed " << seed << ": run 0 " << text(m.path0_exit) << ", drawn " << text(drawn));
    (m.path0_exit ? exited : stayed) += 1;

    runs.draw_run0 = true;
    const auto with_run = measure::measure_exit_within_horizon(runs, "plane");
    BOOST_REQUIRE(with_run.run0.has_value());
    BOOST_TEST(with_run.run0->points == t.points);
    BOOST_TEST(with_run.run0->times.size() == runs.iterations + 1);
    BOOST_TEST(with_run.exits == m.exits);
  }
  // Both outcomes occur (seeds 4 and 6 exit within 150 iterations, the others do not), so the
  // comparison covers runs that exit and runs that stay.
  BOOST_TEST(exited > 0);
  BOOST_TEST(stayed > 0);
}

BOOST_AUTO_TEST_CASE(the_count_is_bitwise_the_same_for_any_thread_count) {
  // 600 runs: three blocks of the exit-time Monte Carlo, run in parallel.
  const auto one = measure::measure_exit_within_horizon(plane_runs(600, 3, 1), "plane");
  const auto two = measure::measure_exit_within_horizon(plane_runs(600, 3, 2), "plane");
  BOOST_TEST(one.exits == two.exits);
  BOOST_TEST(one.exits > 0u);
  BOOST_TEST(one.exits < 600u);
  BOOST_TEST((one.path0_exit == two.path0_exit), text(one.path0_exit) << " vs " << text(two.path0_exit));
  BOOST_TEST(one.fraction.value == two.fraction.value);
  BOOST_TEST(one.fraction.at(0.99).low == two.fraction.at(0.99).low);
  BOOST_TEST(one.fraction.at(0.99).high == two.fraction.at(0.99).high);
  BOOST_TEST(one.fraction.method == two.fraction.method);
}

BOOST_AUTO_TEST_CASE(bad_horizons_and_run_counts_are_refused_by_name) {
  const std::string zero =
      invalid_input_message([] { measure::measure_exit_within_horizon(ou_runs(0, 10, 1, 1), "x"); });
  BOOST_TEST(zero.find("iterations") != std::string::npos, zero);
  const std::string one =
      invalid_input_message([] { measure::measure_exit_within_horizon(ou_runs(5, 1, 1, 1), "x"); });
  BOOST_TEST(one.find("paths = 1") != std::string::npos, one);
}
