// Tube probabilities (measure/tube_probability) and the least action inside a tube
// (quasipotential/tube_minimum_action).
// Reference: for dX = √ε dW in 1-D (b = 0, σ = 1) and the tube around φ(t) = c t, Y = X − φ is a
// Brownian motion of variance ε with drift −c, killed on ±δ. Its survival to T is exact:
//   P = ∫_{−δ}^{δ} e^{−c y/ε − c²T/(2ε)} q_T(y) dy,
//   q_T(y) = (1/δ) Σ_n sin(nπ/2) sin(nπ(y+δ)/(2δ)) exp(−n²π²εT/(8δ²))
// (Girsanov for the drift, times the killed driftless density by the sine series on an interval
// of length 2δ; Karlin & Taylor, A First Course in Stochastic Processes, §7.5). The series and the
// y-integral (Simpson, 4000 panels on a smooth integrand) are evaluated here to ≪ the tolerance.
// Statistical tests: 99.9% normal intervals of log P̂ with a fixed seed (a right estimator fails
// for at most 0.1% of seeds), plus the discretisation bound stated at each test.
#define BOOST_TEST_MODULE tube
#include <boost/math/distributions/normal.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <numbers>

#include "invalid_input_message.hpp"
#include "ldv/action/euler_action.hpp"
#include "ldv/action/time_action.hpp"
#include "ldv/measure/tube_probability.hpp"
#include "ldv/models/linear.hpp"
#include "ldv/models/quadratic.hpp"
#include "ldv/quasipotential/tube_minimum_action.hpp"

using namespace ldv;

namespace {

constexpr double kConfidence = 0.999;

Model brownian() { return Model(LinearModel(Matrix::Zero(1, 1), Matrix::Identity(1, 1))); }

double exact_log_tube_probability(double c, double eps, double delta, double duration) {
  const double pi = std::numbers::pi;
  const int panels = 4000;
  double integral = 0.0;
  for (int j = 0; j <= panels; ++j) {
    const double y = -delta + 2 * delta * j / panels;
    double q = 0.0;
    for (int n = 1; n <= 400; ++n)
      q += std::sin(n * pi / 2) * std::sin(n * pi * (y + delta) / (2 * delta)) *
           std::exp(-n * n * pi * pi * eps * duration / (8 * delta * delta));
    const double f = std::exp(-c * y / eps) * q / delta;
    integral += f * ((j == 0 || j == panels) ? 1.0 : (j % 2 ? 4.0 : 2.0));
  }
  integral *= 2 * delta / panels / 3;
  return std::log(integral) - c * c * duration / (2 * eps);
}

Matrix line(double c, double duration, int segments) {
  Matrix path(1, segments + 1);
  for (int k = 0; k <= segments; ++k) path(0, k) = c * duration * k / segments;
  return path;
}

double z() { return boost::math::quantile(boost::math::normal(), 0.5 + kConfidence / 2); }

}  // namespace

// Importance sampling along φ itself and along the tube's least-action path hit the same exact
// value; the second has the larger effective sample size. Discretisation: h = 1e-3, the
// Gobet–Menozzi shift leaves an O(h) bias: 1e-3 relative to P here, far inside the interval.
BOOST_AUTO_TEST_CASE(tube_probability_matches_the_exact_brownian_tube) {
  const double c = 1.0, eps = 0.1, delta = 0.3, duration = 1.0;
  const int segments = 1000;
  const double exact = exact_log_tube_probability(c, eps, delta, duration);
  measure::TubeRuns runs{brownian(), line(c, duration, segments), Matrix(), duration, delta, eps, 20000, 7, 0};
  const auto along_centre = measure::measure_tube_probability(runs, "log P");
  BOOST_TEST_MESSAGE("exact log P = " << exact << ", along φ " << along_centre.log_probability.value << " ± "
                                      << along_centre.relative_error << ", ESS " << along_centre.effective_sample_size);
  BOOST_TEST(std::abs(along_centre.log_probability.value - exact) < z() * along_centre.relative_error + 1e-3);
  BOOST_TEST(along_centre.relative_error < 0.1);

  const auto best = quasipotential::tube_minimum_action(brownian(), line(c, duration, 100), duration, delta);
  BOOST_TEST(best.converged);
  runs.importance = measure::resample_uniform(best.path, segments);
  const auto along_best = measure::measure_tube_probability(runs, "log P");
  BOOST_TEST_MESSAGE("along ψ* " << along_best.log_probability.value << " ± " << along_best.relative_error << ", ESS "
                                 << along_best.effective_sample_size);
  BOOST_TEST(std::abs(along_best.log_probability.value - exact) < z() * along_best.relative_error + 1e-3);
  BOOST_TEST(along_best.effective_sample_size > along_centre.effective_sample_size);
}

// The same seed gives the same bits for any thread count.
BOOST_AUTO_TEST_CASE(tube_probability_is_independent_of_threads) {
  measure::TubeRuns runs{brownian(), line(1.0, 1.0, 200), Matrix(), 1.0, 0.3, 0.1, 500, 3, 1};
  const double one = measure::measure_tube_probability(runs, "p").log_probability.value;
  runs.threads = 2;
  BOOST_TEST(measure::measure_tube_probability(runs, "p").log_probability.value == one);
}

// Least action in a tube, exact for b = 0: with ψ(0) = 0 and |ψ(t) − ct| ≤ δ, the cheapest path is
// the straight line to c T − δ (the end as low as the tube allows; a straight line minimises
// ½∫ψ'² for given ends and stays in the tube), action (cT − δ)²/(2T); and δ → 0 gives S(φ) = c²T/2.
BOOST_AUTO_TEST_CASE(tube_minimum_action_of_a_brownian_line) {
  const double c = 1.0, duration = 1.0;
  for (double delta : {0.3, 0.1, 0.01}) {
    const auto best = quasipotential::tube_minimum_action(brownian(), line(c, duration, 100), duration, delta);
    BOOST_TEST(best.converged);
    BOOST_TEST(best.action == (c * duration - delta) * (c * duration - delta) / (2 * duration),
               boost::test_tools::tolerance(1e-6));
  }
  // An OU model (b = −θ, D = I), φ(t) = 0.8 t e₁ on [0, 1]: the tube infimum lies below S(φ), rises as δ
  // shrinks, and by convexity S(φ + η) ≥ S(φ) + ∫ r·(η' + η) dt (r = φ' + φ) ≥ S(φ) − δ(|r(1)| + ∫|r − r'|)
  // = S(φ) − 2δ, so it reaches S(φ) at rate δ.
  const Model ou(QuadraticModel(Matrix::Identity(2, 2), Matrix::Identity(2, 2), "identity"));
  Matrix phi(2, 101);
  for (int k = 0; k <= 100; ++k) phi.col(k) = Vector::Unit(2, 0) * (0.8 * k / 100.0);
  const double s_phi = action::time_action(ou, phi, 1.0);
  double previous = 0.0;
  for (double delta : {0.2, 0.1, 0.05, 0.01}) {
    const double r = quasipotential::tube_minimum_action(ou, phi, 1.0, delta).action;
    BOOST_TEST(r < s_phi);
    BOOST_TEST(r >= s_phi - 2 * delta - 1e-7);
    BOOST_TEST(r > previous);
    previous = r;
  }
}

// The Euler chain's action of ψ(t) = t under b = −x, D = 1 (1-D) is the left Riemann sum
// ½ h Σ_k (1 + k h)² = ½ h [N + h N(N − 1) + h² (N − 1) N (2N − 1)/6], exactly; the continuum action
// is ½∫(1 + t)² = 7/6, and the difference is −(3/4) h + O(h²) (the left-point rule's error).
BOOST_AUTO_TEST_CASE(euler_chain_action_is_the_left_point_sum) {
  const Model ou(QuadraticModel(Matrix::Identity(1, 1), Matrix::Identity(1, 1), "identity"));
  for (int n : {100, 200, 400}) {
    const double h = 1.0 / n, nn = n;
    const double exact = 0.5 * h * (nn + h * nn * (nn - 1) + h * h * (nn - 1) * nn * (2 * nn - 1) / 6);
    const double euler = action::euler_chain_action(ou, line(1.0, 1.0, n), 1.0);
    BOOST_TEST(euler == exact, boost::test_tools::tolerance(1e-12));
    BOOST_TEST((euler - 7.0 / 6.0) / h == -0.75, boost::test_tools::tolerance(2.0 / n));
  }
}

BOOST_AUTO_TEST_CASE(bad_input_is_named) {
  measure::TubeRuns runs{brownian(), line(1.0, 1.0, 10), Matrix(), 1.0, 0.0, 0.1, 100, 1, 0};
  BOOST_TEST(invalid_input_message([&] { measure::measure_tube_probability(runs, "p"); }) ==
             "tube probability: tube radius δ = 0 must be > 0");
  runs.radius = 0.3;
  runs.importance = Matrix::Ones(1, 11);
  BOOST_TEST(invalid_input_message([&] { measure::measure_tube_probability(runs, "p"); }) ==
             "tube probability: the importance path must start where the centre starts (ψ₀ = φ₀)");
  BOOST_TEST(invalid_input_message([&] { quasipotential::tube_minimum_action(brownian(), line(1.0, 1.0, 10), 1.0, -1.0); }) ==
             "tube minimum action: tube radius δ = -1 must be > 0");
}
