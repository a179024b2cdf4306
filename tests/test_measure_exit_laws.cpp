// The measurement module's blocks about where and whither runs go (lib/ldv/measure):
// exit_angle_law on hand-made exit points with known angles, and against the uniform law
// of a rotation-invariant 2-D process; exit_points_within_horizon replaying the counted runs;
// measure_basin_visits on cases whose counts are known exactly or in law, and its
// independence of the thread count.
#define BOOST_TEST_MODULE measure_exit_laws
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "invalid_input_message.hpp"
#include "ldv/core/error.hpp"
#include "ldv/measure/basin_visits.hpp"
#include "ldv/measure/exit_angle_law.hpp"
#include "ldv/measure/exit_points_within_horizon.hpp"
#include "ldv/measure/exit_within_horizon.hpp"
#include "ldv/models/linear.hpp"
#include "ldv/models/two_well.hpp"

using namespace ldv;

namespace {

std::vector<double> polar_points(const Vector& c, const std::vector<double>& degrees, double radius) {
  std::vector<double> out;
  for (double a : degrees) {
    out.push_back(c(0) + radius * std::cos(a * std::numbers::pi / 180.0));
    out.push_back(c(1) + radius * std::sin(a * std::numbers::pi / 180.0));
  }
  return out;
}

Model isotropic_ou_2d() { return Model(LinearModel(Matrix::Identity(2, 2), Matrix::Identity(2, 2))); }

}  // namespace

// Angles from the axis line fold the circle onto [0°, 90°]: 0° and 180° are on the line, 90° and
// 270° across it, 135° is 45° from it, 352° is 8°. The centre is off the origin.
BOOST_AUTO_TEST_CASE(exit_angles_fold_the_circle_onto_the_quarter) {
  const Vector c = (Vector(2) << 1.5, -0.5).finished();
  const std::vector<double> degrees = {0, 180, 90, 270, 135, 352, 5, 95};
  const measure::ExitAngleLaw law =
      measure::exit_angle_law(polar_points(c, degrees, 2.0), c, Vector::Unit(2, 0), 9, 10.0, "near the axis");
  const std::vector<double> expected = {0, 0, 90, 90, 45, 8, 5, 85};
  BOOST_REQUIRE_EQUAL(law.angles.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i)
    BOOST_TEST(law.angles[i] == expected[i], boost::test_tools::tolerance(1e-9));
  // Bins of 10°: [0°, 10°) holds 0, 0, 8, 5; the last bin [80°, 90°] is closed.
  BOOST_TEST(law.counts.size() == 9u);
  BOOST_TEST(law.counts[0] == 4u);
  BOOST_TEST(law.counts[4] == 1u);  // 45°
  BOOST_TEST(law.counts[8] == 3u);  // 90, 90, 85
  BOOST_TEST(law.near_axis == 4u);  // ψ ≤ 10°
  BOOST_REQUIRE(law.near_axis_fraction);
  BOOST_TEST(law.near_axis_fraction->value == 0.5);
  const Interval i = law.near_axis_fraction->at(0.95);
  BOOST_TEST((i.low < 0.5 && 0.5 < i.high));
  // No exits: no fraction, and the figure leaves the law out.
  const measure::ExitAngleLaw none = measure::exit_angle_law({}, c, Vector::Unit(2, 0), 9, 10.0, "none");
  BOOST_TEST(!none.near_axis_fraction);
  const verify::Figure f = measure::exit_angle_law_figure("law", "t", {"some", "none"}, {law, none}, 0.99);
  BOOST_TEST(f.series.size() == 2u);  // the one law with exits and the uniform line
  BOOST_TEST(f.series[0].y.size() == 9u);
}

BOOST_AUTO_TEST_CASE(the_exit_angle_law_refuses_bad_input_by_name) {
  const Vector c = Vector::Zero(2);
  const auto message = [&](const std::vector<double>& points, const Vector& axis, int bins, double near) {
    return invalid_input_message([&] { measure::exit_angle_law(points, c, axis, bins, near, "x"); });
  };
  BOOST_TEST(message({1, 0}, (Vector(2) << 1, 1).finished(), 9, 10).find("unit vector") != std::string::npos);
  BOOST_TEST(message({1, 0}, Vector::Unit(2, 0), 0, 10).find("bins = 0") != std::string::npos);
  BOOST_TEST(message({1, 0}, Vector::Unit(2, 0), 9, 90).find("near-axis angle") != std::string::npos);
  BOOST_TEST(message({1, 0, 2}, Vector::Unit(2, 0), 9, 10).find("3 coordinates") != std::string::npos);
  BOOST_TEST(message({0, 0}, Vector::Unit(2, 0), 9, 10).find("exit point 0 has no direction") != std::string::npos);
}

// A rotation-invariant process (2-D OU, A = D = I, from the centre, ε = 0.25: V₀/ε = 4) exits
// with a uniform angle, so ψ from any axis line is uniform on [0°, 90°] and the fraction within
// 10° is 1/9. 4000 runs over 400 time units (almost all exit); 1/9 must lie in the fraction's
// 99.9% Clopper–Pearson interval (seed fixed: a correct law misses it for at most 0.1% of seeds).
// The replayed exits are the counted ones.
BOOST_AUTO_TEST_CASE(a_rotation_invariant_process_exits_uniformly_in_angle) {
  const measure::ExitWithinHorizonRuns runs{isotropic_ou_2d(), Ball(Vector::Zero(2), 1.0), Vector::Zero(2), 0.25, 0.01,
                                            40000, 4000, 17, 0, false};
  const measure::ExitWithinHorizon counted = measure::measure_exit_within_horizon(runs, "exits");
  const measure::ExitPointsWithinHorizon exits = measure::exit_points_within_horizon(runs, counted);
  BOOST_TEST(exits.runs.size() == counted.exits);
  BOOST_TEST(exits.points.size() == 2 * counted.exits);
  BOOST_TEST(counted.exits > 3900u);
  for (std::size_t i = 0; i < exits.runs.size(); ++i)
    BOOST_TEST(std::hypot(exits.points[2 * i], exits.points[2 * i + 1]) >= 1.0);
  const measure::ExitAngleLaw law = measure::exit_angle_law(exits.points, Vector::Zero(2),
                                                            (Vector(2) << 0.6, 0.8).finished(), 9, 10.0, "near");
  const Interval i = law.near_axis_fraction->at(0.999);
  BOOST_TEST_MESSAGE("fraction within 10°: " << law.near_axis_fraction->value << " [" << i.low << ", " << i.high << "]");
  BOOST_TEST((i.low <= 1.0 / 9.0 && 1.0 / 9.0 <= i.high));
  // A count of other runs is caught.
  measure::ExitWithinHorizon other = counted;
  other.exits -= 1;
  BOOST_CHECK_THROW(measure::exit_points_within_horizon(runs, other), NumericalFailure);
}

namespace {

const std::vector<Ball> kWells = {Ball((Vector(2) << -2, 0).finished(), 1.0), Ball((Vector(2) << 2, 0).finished(), 1.0)};

measure::BasinVisitRuns two_well_runs(double eps, std::uint64_t iterations, std::uint64_t runs, int threads) {
  return {Model(TwoWellModel(1.5, 1.0)), kWells, {"B1", "B2"}, kWells[0].center(), "O1", eps, 0.01, iterations, runs,
          5, threads, true};
}

}  // namespace

// Counts that are known exactly: with ε = 1e-12 no run moves measurably, so none leaves B₁,
// all end in B₁; the fractions then have exact Clopper–Pearson ends (0 and 1).
BOOST_AUTO_TEST_CASE(runs_that_cannot_move_stay_in_their_basin) {
  const measure::BasinVisits v = measure::measure_basin_visits(two_well_runs(1e-12, 500, 100, 0));
  BOOST_TEST(v.start_basin == 0u);
  BOOST_TEST(v.left_start == 0u);
  BOOST_TEST((v.entered == std::vector<std::uint64_t>{100, 0}));
  BOOST_TEST((v.ended_in == std::vector<std::uint64_t>{100, 0}));
  BOOST_TEST(v.ended_outside == 0u);
  BOOST_TEST(v.left_start_fraction.at(0.99).low == 0.0);
  BOOST_TEST(v.ended_fraction.size() == 3u);
  BOOST_TEST(v.ended_fraction[0].at(0.99).high == 1.0);
  BOOST_REQUIRE(v.run0);
  BOOST_TEST(v.run0->times.size() == 501u);
}

// In law: one step from O₁ with h = 1 (so the drift takes X to O₁ + √ε σ ξ, σ = diag(√1.5, √0.5)):
// it leaves B₁ iff 1.5 ξ₁² + 0.5 ξ₂² ≥ 1/ε. With ε = 1 that chance is P(1.5 ξ₁² + 0.5 ξ₂² ≥ 1),
// computed here by a 1-D quadrature over ξ₁ of the exact ξ₂ tail; 20 000 runs, 99.9% interval.
// The counts are the same for 1 and 2 threads, and every fraction sums as it must.
BOOST_AUTO_TEST_CASE(one_step_leaves_the_basin_with_its_exact_chance_whatever_the_threads) {
  measure::BasinVisitRuns runs = two_well_runs(1.0, 1, 20000, 2);
  runs.step = 1.0;
  runs.draw_run0 = false;
  const measure::BasinVisits two = measure::measure_basin_visits(runs);
  runs.threads = 1;
  const measure::BasinVisits one = measure::measure_basin_visits(runs);
  BOOST_TEST(two.left_start == one.left_start);
  BOOST_TEST((two.ended_in == one.ended_in));
  // P(stay) = ∫ φ(z) P(0.5 ξ₂² < 1 − 1.5 z²) dz over |z| < √(2/3), P(|ξ₂| < √(2 − 3z²)) = erf(√(2 − 3z²)/√2).
  double stay = 0.0;
  const int n = 20000;
  const double zmax = std::sqrt(2.0 / 3.0), dz = 2 * zmax / n;
  for (int k = 0; k < n; ++k) {  // midpoint rule on a smooth integrand: error far below 1e-6
    const double z = -zmax + (k + 0.5) * dz;
    stay += std::exp(-0.5 * z * z) / std::sqrt(2 * std::numbers::pi) * std::erf(std::sqrt((2 - 3 * z * z) / 2)) * dz;
  }
  const Interval i = two.left_start_fraction.at(0.999);
  BOOST_TEST_MESSAGE("leave fraction " << two.left_start_fraction.value << " [" << i.low << ", " << i.high
                                       << "], exact " << 1 - stay);
  BOOST_TEST((i.low <= 1 - stay && 1 - stay <= i.high));
  BOOST_TEST(two.ended_in[0] + two.ended_in[1] + two.ended_outside == two.runs);
  BOOST_TEST(two.runs - two.left_start == two.ended_in[0]);  // after one step, left iff not in B₁
}

BOOST_AUTO_TEST_CASE(basin_visits_refuse_bad_input_by_name) {
  const auto message = [](auto change) {
    measure::BasinVisitRuns runs = two_well_runs(0.1, 10, 10, 1);
    change(runs);
    return invalid_input_message([&] { measure::measure_basin_visits(runs); });
  };
  BOOST_TEST(message([](auto& r) { r.basins.pop_back(); }).find("1 basins") != std::string::npos);
  BOOST_TEST(message([](auto& r) { r.names.pop_back(); }).find("1 names for 2 basins") != std::string::npos);
  BOOST_TEST(message([](auto& r) { r.basins[1] = Ball((Vector(2) << -0.5, 0).finished(), 1.0); })
                 .find("overlap") != std::string::npos);
  BOOST_TEST(message([](auto& r) { r.start = Vector::Zero(2); }).find("lies in no basin") != std::string::npos);
  BOOST_TEST(message([](auto& r) { r.iterations = 0; }).find("iterations") != std::string::npos);
  BOOST_TEST(message([](auto& r) { r.runs = 1; }).find("runs = 1") != std::string::npos);
  BOOST_TEST(message([](auto& r) { r.eps = 0; }).find("eps") != std::string::npos);
}
