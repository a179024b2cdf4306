// The path-based quasi-potential: geometric MAM (paths/gmam), V and ∇V by minimum
// action paths (quasipotential/path_quasipotential) and the exit barrier V₀ = min of V
// over a sphere (quasipotential/exit_barrier), against exact values: the Lyapunov
// quasi-potential of linear systems, a state-dependent-D system with a known V, the
// implicit-regularizer paper's Examples 3.1 and 4.1, and the Maier–Stein system.
#define BOOST_TEST_MODULE quasipotential
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "ldv/action/geometric_action.hpp"
#include "ldv/core/error.hpp"
#include "ldv/models/model.hpp"
#include "ldv/models/spec_parser.hpp"
#include "ldv/paths/gmam.hpp"
#include "ldv/quasipotential/exit_barrier.hpp"
#include "ldv/quasipotential/lyapunov.hpp"
#include "ldv/quasipotential/minimum_action.hpp"
#include "ldv/quasipotential/path_quasipotential.hpp"

namespace {

using ldv::Matrix;
using ldv::Vector;
namespace qp = ldv::quasipotential;

// --- reference values, with their sources -----------------------------------------------
// Maier–Stein, β = 1: b = −∇U, U = x⁴/4 − x²/2 + y²/2 + x²y²/2, D = I, so the action from
// the attractor (−1, 0) to the saddle (0, 0) is 2 (U(0,0) − U(−1,0)) = 2 · 1/4.
constexpr double kMaierSteinGradientAction = 0.5;
// Maier–Stein, β = 10: CriticalTransitions.jl, test/gMAM.jl ("gMAM Meier Stein"): the
// geometric action of its gMAM path from (−1, 0) to (1, 0) (the downhill half costs
// nothing, so this is the action to the saddle), 30 nodes, initial path y = 0.3(1 − x²),
// asserted ≈ 0.3375 with atol 1e-3. Their quadrature: node velocities by 4th-order
// finite differences in the normalised arc length, trapezoid rule (ct_geometric_action
// below). Heymann & Vanden-Eijnden 2008 show this example in figures, without a number.
constexpr double kCriticalTransitionsMaierStein = 0.3375;
constexpr double kCriticalTransitionsTolerance = 1e-3;
constexpr int kCriticalTransitionsNodes = 30;

Vector point(double a, double b) { return (Vector(2) << a, b).finished(); }

ldv::Model quadratic_example_3_1(double mu) {  // f = x₁² + x₂², D = diag(μ, 2 − μ)
  return ldv::parse_model_spec(R"({"kind":"quadratic","hessian":[[2,0],[0,2]],"diffusion":[[)" + std::to_string(mu) +
                               ",0],[0," + std::to_string(2.0 - mu) + "]]}");
}

double example_3_1_potential(double mu, const Vector& x) {  // the paper's φ(x; O, μ)
  return 2.0 * (x(0) * x(0) / mu + x(1) * x(1) / (2.0 - mu));
}

ldv::Model maier_stein(double beta) {
  return ldv::parse_model_spec(R"({"kind":"maier_stein","beta":)" + std::to_string(beta) + "}");
}

// A path bowed off the x-axis: the axis is invariant under the Maier–Stein flow, so a
// straight initial path stays on it and converges to the on-axis critical path.
Matrix bowed_path(double x0, double x1, int nodes, bool parabola) {
  Matrix path(2, nodes);
  for (int k = 0; k < nodes; ++k) {
    const double s = static_cast<double>(k) / (nodes - 1);
    const double x = x0 + s * (x1 - x0);
    path(0, k) = x;
    path(1, k) = parabola ? 0.3 * (1.0 - x * x) : 0.3 * std::sin(std::numbers::pi * s);
  }
  return path;
}

// CriticalTransitions.jl's discrete geometric action (D = I), the quadrature behind
// kCriticalTransitionsMaierStein: velocities at the nodes by 4th-order central
// differences in α ∈ [0, 1] (2nd order next to the ends, one-sided at them), the
// integrand |φ'||b| − ⟨φ', b⟩ at the nodes, trapezoid rule.
double ct_geometric_action(const ldv::Model& model, const Matrix& path) {
  const Eigen::Index n = path.cols();
  const double h = 1.0 / static_cast<double>(n - 1);
  std::vector<double> integrand(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) {
    Vector v;
    if (i >= 2 && i + 2 < n)
      v = (-path.col(i + 2) + 8.0 * path.col(i + 1) - 8.0 * path.col(i - 1) + path.col(i - 2)) / (12.0 * h);
    else if (i == 0)
      v = (path.col(1) - path.col(0)) / h;
    else if (i == n - 1)
      v = (path.col(n - 1) - path.col(n - 2)) / h;
    else
      v = (path.col(i + 1) - path.col(i - 1)) / (2.0 * h);
    const Vector b = model.drift(path.col(i));
    integrand[static_cast<std::size_t>(i)] = v.norm() * b.norm() - v.dot(b);
  }
  double sum = 0.0;
  for (std::size_t i = 0; i + 1 < integrand.size(); ++i) sum += 0.5 * (integrand[i] + integrand[i + 1]) * h;
  return sum;
}

// Asserts that `action` throws InvalidInput whose message contains `fragment`.
template <class Action>
void expect_invalid(Action action, const std::string& fragment) {
  try {
    action();
    BOOST_ERROR("accepted bad input; expected a message containing \"" << fragment << "\"");
  } catch (const ldv::InvalidInput& e) {
    BOOST_TEST(std::string(e.what()).find(fragment) != std::string::npos,
               "message \"" << e.what() << "\" should mention \"" << fragment << "\"");
  }
}

ldv::paths::GmamSettings gmam(int nodes, double tolerance = 1e-12) {
  ldv::paths::GmamSettings s;
  s.nodes = nodes;
  s.tolerance = tolerance;
  return s;
}

}  // namespace

// --- the lead's Lyapunov quasi-potential, as used here as the reference ------------------

// Bartels–Stewart is backward stable: the residual is rounding-sized (1e-12 relative
// leaves a factor ~1e3 for the condition number of these well-conditioned systems).
// A symmetric with D = I is a gradient system, b = −∇U with U = ½xᵀAx: Σ = A⁻¹/2 and
// V = xᵀAx = 2U (implicit-regularizer paper, after Theorem 3.4: "φ = 2f" for D = I).
BOOST_AUTO_TEST_CASE(lyapunov_reference_is_sane) {
  const Matrix a = (Matrix(3, 3) << 3.0, 0.5, 0.2, 0.5, 2.0, 0.1, 0.2, 0.1, 1.0).finished();
  const qp::LyapunovQuasiPotential symmetric(a, Matrix::Identity(3, 3));
  BOOST_TEST(symmetric.relative_residual() < 1e-12);
  const Vector x = (Vector(3) << 0.3, -0.7, 1.1).finished();
  BOOST_TEST(symmetric.value(x) == x.dot(a * x), boost::test_tools::tolerance(1e-12));
  const Matrix rotated = a + (Matrix(3, 3) << 0.0, 0.8, 0.0, -0.8, 0.0, 0.4, 0.0, -0.4, 0.0).finished();
  const Matrix d = (Matrix(3, 3) << 1.5, 0.3, 0.0, 0.3, 0.5, 0.1, 0.0, 0.1, 0.8).finished();
  BOOST_TEST(qp::LyapunovQuasiPotential(rotated, d).relative_residual() < 1e-12);
}

// --- geometric MAM against exact quasi-potentials -----------------------------------------

// V(x) by gMAM from the attractor 0 against the Lyapunov V for linear systems: gradient
// (A symmetric) and non-gradient (A = symmetric + skew), isotropic and anisotropic D, in
// 2 and 5 dimensions. The skew parts keep A's spectrum real: with complex eigenvalues
// the minimum action path is a logarithmic spiral into the attractor (the uphill flow
// ẋ = b + D∇V = ΣAᵀΣ⁻¹x has A's eigenvalues), with infinitely many turns that no node
// count resolves, and the error no longer falls steadily with the nodes.
// Accuracy: the midpoint-rule action is second order in h = 1/N on a smooth path
// (measured: the error falls 11–16× per doubling here, 2e-9 to 2e-8 at 101 nodes), so
// 1e-3 at 101 nodes is far from the edge, and the error must fall as the nodes double.
// The gMAM tolerance 1e-12 keeps the convergence error below the smallest
// discretisation error measured (~1e-9). ∇V is the terminal momentum, its end tangent a
// second-order one-sided difference: 1e-3 at 101 nodes (measured ≤ 2.1e-5).
BOOST_AUTO_TEST_CASE(gmam_matches_the_lyapunov_quasipotential_of_linear_systems) {
  struct Case {
    const char* name;
    const char* spec;
    Vector x;
  };
  const Vector x5 = (Vector(5) << 0.6, -0.3, 0.8, 0.2, -0.5).finished();
  const std::vector<Case> cases{
      {"2-D gradient, D = I", R"({"kind":"linear","drift_matrix":[[2,0.5],[0.5,1]]})", point(0.7, -0.4)},
      {"2-D gradient, anisotropic D", R"({"kind":"quadratic","hessian":[[2,0.5],[0.5,1]],"diffusion":[[1.5,0.3],[0.3,0.5]]})",
       point(0.7, -0.4)},
      {"2-D non-gradient, D = I", R"({"kind":"linear","drift_matrix":[[2,0.4],[-0.3,1]]})", point(-0.5, 0.9)},
      {"2-D non-gradient, anisotropic D",
       R"({"kind":"linear","drift_matrix":[[2,0.4],[-0.3,1]],"diffusion":[[1.5,0.3],[0.3,0.5]]})", point(0.7, -0.4)},
      {"5-D non-gradient, anisotropic D",
       R"({"kind":"linear","drift_matrix":[[3,0.4,0,0,0],[-0.2,2,0.3,0,0],[0,-0.1,1,0.2,0],[0,0,-0.1,1.5,0.3],[0,0,0,-0.2,2.5]],
           "diffusion":[[1,0.2,0,0,0],[0.2,0.8,0.1,0,0],[0,0.1,1.2,0,0],[0,0,0,0.6,0.1],[0,0,0,0.1,1]]})",
       x5},
  };
  for (const Case& c : cases) {
    const ldv::Model model = ldv::parse_model_spec(c.spec);
    const qp::LyapunovQuasiPotential exact = qp::exact_quasipotential(model);
    const Vector origin = Vector::Zero(model.dimension());
    double previous = 1.0;
    for (const int nodes : {26, 51, 101}) {
      const qp::PathQuasiPotential v = qp::path_quasipotential(model, origin, c.x, gmam(nodes));
      BOOST_TEST_REQUIRE(v.path.converged, c.name << ": " << v.path.stop_reason);
      const double error = std::abs(v.value / exact.value(c.x) - 1.0);
      BOOST_TEST_MESSAGE(c.name << ", " << nodes << " nodes: V relative error " << error << ", "
                                << v.path.iterations << " iterations");
      BOOST_TEST(error < previous, c.name << ": error " << error << " at " << nodes << " nodes, "
                                           << previous << " at half as many");
      previous = error;
      if (nodes == 101) {
        BOOST_TEST(error <= 1e-3, c.name);
        const Vector g = exact.gradient(c.x);
        BOOST_TEST_MESSAGE(c.name << ": ∇V relative error " << (v.gradient - g).norm() / g.norm());
        BOOST_TEST((v.gradient - g).norm() <= 1e-3 * g.norm(), c.name << ": ∇V error " << (v.gradient - g).norm());
      }
    }
  }
}

// State-dependent D (the general update with ∂D by central differences): for any SPD
// D(x), the drift b = −½ D(x) ∇V(x) has quasi-potential V (completing the square,
// ½|φ' − b|²_A = ½|φ' − b − D∇V|²_A + ⟨φ', ∇V⟩, since ⟨−b, ∇V⟩ = ½∇VᵀD∇V). Here
// V = x₁² + 2x₂², D = [[1 + x₂²/2, 0.3x₁x₂], [0.3x₁x₂, 1 + x₁²/2]] (SPD everywhere).
// Same accuracy argument as above: 1e-3 at 101 nodes (measured V ≤ 1e-6, ∇V ≤ 5.1e-5),
// errors falling with the nodes.
BOOST_AUTO_TEST_CASE(gmam_handles_a_state_dependent_diffusion) {
  const auto entries = [](const double* x, double& a, double& b, double& c) {
    a = 1.0 + 0.5 * x[1] * x[1];
    b = 0.3 * x[0] * x[1];
    c = 1.0 + 0.5 * x[0] * x[0];
  };
  const ldv::Model model(ldv::CustomModel(
      2,
      [entries](const double* x, double* out) {
        double a, b, c;
        entries(x, a, b, c);
        const double g0 = 2.0 * x[0], g1 = 4.0 * x[1];  // ∇V
        out[0] = -0.5 * (a * g0 + b * g1);
        out[1] = -0.5 * (b * g0 + c * g1);
      },
      [entries](const double* x, double* s) {  // lower Cholesky factor, row-major
        double a, b, c;
        entries(x, a, b, c);
        const double l00 = std::sqrt(a), l10 = b / l00;
        s[0] = l00;
        s[1] = 0.0;
        s[2] = l10;
        s[3] = std::sqrt(c - l10 * l10);
      },
      "metric_gradient"));
  BOOST_TEST_REQUIRE(!model.constant_diffusion());
  for (const Vector& x : {point(0.8, 0.6), point(-1.2, 0.3), point(0.2, -0.9)}) {
    const double exact = x(0) * x(0) + 2.0 * x(1) * x(1);
    const Vector g = point(2.0 * x(0), 4.0 * x(1));
    double previous = 1.0;
    for (const int nodes : {26, 51, 101}) {
      const qp::PathQuasiPotential v = qp::path_quasipotential(model, point(0, 0), x, gmam(nodes));
      BOOST_TEST_REQUIRE(v.path.converged, v.path.stop_reason);
      const double error = std::abs(v.value / exact - 1.0);
      BOOST_TEST_MESSAGE("state-dependent D, x = (" << x.transpose() << "), " << nodes << " nodes: V relative error "
                                                    << error << ", ∇V " << (v.gradient - g).norm() / g.norm());
      BOOST_TEST(error < previous);
      previous = error;
      if (nodes == 101) {
        BOOST_TEST(error <= 1e-3);
        BOOST_TEST((v.gradient - g).norm() <= 1e-3 * g.norm());
      }
    }
  }
}

// --- implicit-regularizer paper, Example 3.1 ----------------------------------------------

// f = x₁² + x₂² (b = −2x), D = diag(μ, 2 − μ): φ = 2[x₁²/μ + x₂²/(2 − μ)] (paper, after
// eq. (31)). The minimum action path is the straight ray (uphill flow ẋ = b + D∇φ = 2x),
// which the straight initial path already is and gMAM keeps; along it the integrand is
// linear in the arc length, so the midpoint rule is exact and only the gMAM tolerance
// (1e-10) remains: 1e-8 relative.
BOOST_AUTO_TEST_CASE(example_3_1_quasipotential) {
  for (const double mu : {0.5, 1.3, 1.5, 1.9}) {
    const ldv::Model model = quadratic_example_3_1(mu);
    for (const Vector& x : {point(0.6, 0.0), point(-0.3, 0.8), point(0.7, -0.7), point(1.5, 0.4)}) {
      const qp::PathQuasiPotential v = qp::path_quasipotential(model, point(0, 0), x, gmam(41, 1e-10));
      BOOST_TEST_REQUIRE(v.path.converged, v.path.stop_reason);
      BOOST_TEST(v.value == example_3_1_potential(mu, x), boost::test_tools::tolerance(1e-8));
    }
  }
}

// Theorem 3.5 / Remark 3.6 on Example 3.1's unit disc, by the gmam method: V₀ =
// 2/max(μ, 2 − μ) at x* = (±1, 0) for μ > 1, (0, ±1) for μ < 1. V on the circle is
// exact to the gMAM tolerance (straight paths, see above), so V₀ must agree to the
// refinement tolerance 1e-6 (and is, at best, the exact value at the golden-section
// point). The angle of x* is within the final bracket's half-width
// √(2 · tol · V₀ / κ), κ = d²V/dθ² = 4|1/μ − 1/(2 − μ)|; the search estimates κ from the
// scan's second difference (within a few %), so twice that bound is asserted.
BOOST_AUTO_TEST_CASE(example_3_1_exit_barrier_by_gmam) {
  for (const double mu : {0.5, 1.3, 1.5, 1.9}) {
    qp::ExitBarrierSettings settings;
    settings.method = qp::BarrierMethod::gmam;
    settings.gmam.nodes = 41;
    const qp::ExitBarrier b = qp::exit_barrier(quadratic_example_3_1(mu), point(0, 0), 1.0, settings);
    BOOST_TEST_REQUIRE(b.converged, b.stop_reason);
    BOOST_TEST(b.method == "gmam");
    const double v0 = 2.0 / std::max(mu, 2.0 - mu);
    BOOST_TEST(b.barrier == v0, boost::test_tools::tolerance(settings.tolerance));
    const double curvature = 4.0 * std::abs(1.0 / mu - 1.0 / (2.0 - mu));
    const double angle_bound = 2.0 * std::sqrt(2.0 * settings.tolerance * v0 / curvature);
    const double angle = std::atan2(b.argmin(1), b.argmin(0));
    const double axis = mu > 1.0 ? 0.0 : std::numbers::pi / 2;  // x* on the x₁ axis for μ > 1, x₂ for μ < 1
    const double off = std::min({std::abs(angle - axis), std::abs(angle - axis + std::numbers::pi),
                                 std::abs(angle - axis - std::numbers::pi)});
    BOOST_TEST(off <= angle_bound, "μ = " << mu << ": x* at angle " << angle);
    BOOST_TEST(b.argmin.norm() == 1.0, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(b.samples.size() == static_cast<std::size_t>(b.evaluations));
  }
}

// μ = 1 is isotropic: V = 2|x|² is 2 everywhere on the circle, every point minimises, and
// the search says so and stops after the scan; whichever point it returns lies on the circle.
BOOST_AUTO_TEST_CASE(isotropic_circle_is_degenerate) {
  qp::ExitBarrierSettings settings;
  settings.method = qp::BarrierMethod::gmam;
  settings.gmam.nodes = 41;
  const qp::ExitBarrier b = qp::exit_barrier(quadratic_example_3_1(1.0), point(0, 0), 1.0, settings);
  BOOST_TEST(b.converged);
  BOOST_TEST(b.barrier == 2.0, boost::test_tools::tolerance(settings.tolerance));
  BOOST_TEST(b.evaluations == settings.ring_samples);
  BOOST_TEST(b.stop_reason.find("constant") != std::string::npos, b.stop_reason);
  BOOST_TEST(b.argmin.norm() == 1.0, boost::test_tools::tolerance(1e-12));
}

// The "exact" method returns the Lyapunov sphere minimum (automatic picks it for a
// linear model), and gmam agrees with it in 3-D: V₀ to 1e-4 relative (V's
// discretisation error at 61 nodes is O(1e-5) on these smooth paths, the refinement
// tolerance 1e-6) and x* (defined up to sign) to 1e-2 r (V is quadratic about x*, so a
// V error δ moves x* by O(√δ)). Here the scan's linearisation eigenvectors contain x*
// exactly (the model is linear), so the descent has little to do; see the next test.
BOOST_AUTO_TEST_CASE(exit_barrier_of_a_linear_system_in_three_dimensions) {
  const ldv::Model model = ldv::parse_model_spec(
      R"({"kind":"linear","drift_matrix":[[2,0.4,0],[-0.3,1,0.2],[0,-0.1,1.2]],
          "diffusion":[[1.5,0.3,0],[0.3,0.5,0],[0,0,0.8]]})");
  const double radius = 0.8;
  const qp::LyapunovQuasiPotential exact = qp::exact_quasipotential(model);
  const qp::ExitBarrier by_exact = qp::exit_barrier(model, Vector::Zero(3), radius);  // automatic → exact
  BOOST_TEST(by_exact.method == "exact");
  BOOST_TEST(by_exact.barrier == exact.sphere_minimum(radius), boost::test_tools::tolerance(1e-14));

  qp::ExitBarrierSettings settings;
  settings.method = qp::BarrierMethod::gmam;
  settings.gmam.nodes = 61;
  const qp::ExitBarrier b = qp::exit_barrier(model, Vector::Zero(3), radius, settings);
  BOOST_TEST_REQUIRE(b.converged, b.stop_reason);
  BOOST_TEST_MESSAGE("3-D linear: gmam V0 " << b.barrier << " vs exact " << exact.sphere_minimum(radius) << " after "
                                            << b.evaluations << " evaluations: " << b.stop_reason);
  BOOST_TEST(b.barrier == exact.sphere_minimum(radius), boost::test_tools::tolerance(1e-4));
  const Vector x_star = exact.sphere_argmin(radius);
  BOOST_TEST(std::min((b.argmin - x_star).norm(), (b.argmin + x_star).norm()) <= 1e-2 * radius);
  BOOST_TEST(std::abs(b.argmin.norm() - radius) <= 1e-12);
}

// The same search without the linearisation's eigenvectors among its starts (what the
// checks use, so that geometric MAM does not lean on the Lyapunov answer), in 5-D with a
// non-symmetric drift: the Riemannian descent alone must find V₀ (same tolerances).
BOOST_AUTO_TEST_CASE(exit_barrier_search_without_the_linear_hint_in_five_dimensions) {
  const ldv::Model model = ldv::parse_model_spec(
      R"({"kind":"linear","drift_matrix":[[2,0.5,0,0,0],[-0.5,1.5,0.3,0,0],[0,-0.3,1,0.2,0],[0,0,-0.2,1.2,0.1],
          [0,0,0,-0.1,0.8]],"diffusion":[[1,0.2,0,0,0],[0.2,1.5,0,0,0],[0,0,0.7,0,0],[0,0,0,1.1,0.3],
          [0,0,0,0.3,0.9]]})");
  const double radius = 0.7;
  const qp::LyapunovQuasiPotential exact = qp::exact_quasipotential(model);
  qp::ExitBarrierSettings settings;
  settings.method = qp::BarrierMethod::gmam;
  settings.linearisation_directions = false;
  settings.gmam.nodes = 61;
  const qp::ExitBarrier b = qp::exit_barrier(model, Vector::Zero(5), radius, settings);
  BOOST_TEST_REQUIRE(b.converged, b.stop_reason);
  BOOST_TEST_MESSAGE("5-D linear, no hint: gmam V0 " << b.barrier << " vs exact " << exact.sphere_minimum(radius)
                                                     << " after " << b.evaluations << " evaluations: " << b.stop_reason);
  BOOST_TEST(b.barrier == exact.sphere_minimum(radius), boost::test_tools::tolerance(1e-4));
  const Vector x_star = exact.sphere_argmin(radius);
  BOOST_TEST(std::min((b.argmin - x_star).norm(), (b.argmin + x_star).norm()) <= 1e-2 * radius);
}

// A non-linear 3-D system with a known quasi-potential, where the scan does not contain
// the minimiser and the Riemannian descent with the terminal momentum must find it:
// V = xᵀPx + ½x₁²x₃² + 0.3x₂⁴, D(x) = diag(1 + x₂²/5, 1 + x₃²/5, 1 + x₁²/5), b = −½D∇V
// (V is then the quasi-potential, see gmam_handles_a_state_dependent_diffusion). The
// reference V₀ minimises the exact V over the sphere (a grid, then projected gradient
// descent), independently of the library. Tolerances as in the linear 3-D test
// (measured: V₀ 1e-5, x* 7e-4 r).
BOOST_AUTO_TEST_CASE(exit_barrier_of_a_nonlinear_system_in_three_dimensions) {
  const Matrix p = (Matrix(3, 3) << 2.0, 0.3, 0.0, 0.3, 1.2, 0.2, 0.0, 0.2, 1.5).finished();
  const auto potential = [p](const Vector& x) {
    return x.dot(p * x) + 0.5 * x(0) * x(0) * x(2) * x(2) + 0.3 * std::pow(x(1), 4);
  };
  const auto gradient = [p](const Vector& x) {
    Vector g = 2.0 * p * x;
    g(0) += x(0) * x(2) * x(2);
    g(1) += 1.2 * std::pow(x(1), 3);
    g(2) += x(0) * x(0) * x(2);
    return g;
  };
  const auto diffusion = [](const double* x, int i) { return 1.0 + 0.2 * x[(i + 1) % 3] * x[(i + 1) % 3]; };
  const ldv::Model model(ldv::CustomModel(
      3,
      [gradient, diffusion](const double* x, double* out) {
        const Vector g = gradient(Eigen::Map<const Vector>(x, 3));
        for (int i = 0; i < 3; ++i) out[i] = -0.5 * diffusion(x, i) * g(i);
      },
      [diffusion](const double* x, double* s) {
        for (int i = 0; i < 9; ++i) s[i] = 0.0;
        for (int i = 0; i < 3; ++i) s[4 * i] = std::sqrt(diffusion(x, i));
      },
      "metric_gradient_3d"));
  const double radius = 0.8;

  Vector u = Vector::Unit(3, 0);  // reference minimiser of the exact V on the sphere
  for (int a = 0; a < 40; ++a)
    for (int b = 0; b < 20; ++b) {
      const double theta = std::numbers::pi * (b + 0.5) / 20, phi = 2.0 * std::numbers::pi * a / 40;
      const Vector trial = (Vector(3) << std::sin(theta) * std::cos(phi), std::sin(theta) * std::sin(phi),
                            std::cos(theta)).finished();
      if (potential(radius * trial) < potential(radius * u)) u = trial;
    }
  for (int k = 0; k < 20000; ++k) {
    const Vector g = gradient(radius * u);
    u = (u - 0.01 * (g - g.dot(u) * u)).normalized();
  }
  const double v0 = potential(radius * u);

  qp::ExitBarrierSettings settings;
  settings.gmam.nodes = 61;
  const qp::ExitBarrier b = qp::exit_barrier(model, Vector::Zero(3), radius, settings);
  BOOST_TEST_REQUIRE(b.converged, b.stop_reason);
  BOOST_TEST(b.method == "gmam");
  BOOST_TEST_MESSAGE("3-D non-linear: gmam V0 " << b.barrier << " vs " << v0 << " after " << b.evaluations
                                                << " evaluations: " << b.stop_reason);
  BOOST_TEST(b.barrier == v0, boost::test_tools::tolerance(1e-4));
  BOOST_TEST(std::min((b.argmin - radius * u).norm(), (b.argmin + radius * u).norm()) <= 1e-2 * radius);
}

// --- implicit-regularizer paper, Example 4.1 (two_well) -----------------------------------

// Around O₁ = (−2, 0) the paper gives φ = 2[x₁'²/μ₁ + x₂²/(2 − μ₁)] (x' = x − O₁) and
// V₀ = 2r²/max(μ₁, 2 − μ₁) on the circle of radius r ≤ 1, at x* = O₁ ± (r, 0) for μ₁ > 1,
// O₁ ± (0, r) for μ₁ < 1. The model's D is state dependent (the general gMAM update
// runs, its ∂D by central differences vanish inside the disc) and the drift is Example
// 3.1's about O₁, so the same exactness argument gives 1e-6 for V₀.
// r = 0.999 keeps every node strictly inside the open disc where D = diag(μ₁, 2 − μ₁).
// At r = 1 exactly the end node lies on the unit circle, where the model's D jumps to I
// (open disc) while its drift still is −2x' (closed disc, eq. (35)). The answer is
// unchanged — the midpoint-rule action evaluates D only at segment midpoints, inside
// the disc, and the end node is fixed, so its D never enters the update (the ∂D
// differences at node N − 1 use steps of ~1e-5, far from the circle) — which matches
// the paper's V₀ = 2/μ₁: a single point does not change the action integral. Only the
// terminal momentum θ̂ at the end node would see D = I there.
BOOST_AUTO_TEST_CASE(example_4_1_exit_barrier_around_the_left_well) {
  const Vector o1 = point(-2.0, 0.0);
  for (const double mu1 : {1.5, 0.6}) {
    const ldv::Model model = ldv::parse_model_spec(R"({"kind":"two_well","mu1":)" + std::to_string(mu1) +
                                                   R"(,"mu2":1.2})");
    BOOST_TEST_REQUIRE(!model.constant_diffusion());
    const qp::PathQuasiPotential inside = qp::path_quasipotential(model, o1, point(-2.4, 0.5), gmam(41, 1e-10));
    BOOST_TEST(inside.value == 2.0 * (0.16 / mu1 + 0.25 / (2.0 - mu1)), boost::test_tools::tolerance(1e-8));
    for (const double radius : {0.999, 1.0}) {
      qp::ExitBarrierSettings settings;  // automatic: two_well has no exact quasi-potential → gmam
      settings.gmam.nodes = 41;
      const qp::ExitBarrier b = qp::exit_barrier(model, o1, radius, settings);
      BOOST_TEST_REQUIRE(b.converged, b.stop_reason);
      BOOST_TEST(b.method == "gmam");
      BOOST_TEST(b.barrier == 2.0 * radius * radius / std::max(mu1, 2.0 - mu1),
                 boost::test_tools::tolerance(settings.tolerance));
      const Vector offset = b.argmin - o1;
      const int axis = mu1 > 1.0 ? 0 : 1;  // exit along x₁ for μ₁ > 1, along x₂ for μ₁ < 1
      // x* within the golden-section bracket (≤ 2e-3 rad): cos of that angle is 1 − 2e-6.
      BOOST_TEST(std::abs(offset(axis)) == radius, boost::test_tools::tolerance(1e-5));
    }
  }
}

// --- Maier–Stein ----------------------------------------------------------------------------

// β = 1 is a gradient system: the action from (−1, 0) to the saddle is exactly 1/2. The
// minimum action path is the x-axis (the straight initial path); the midpoint rule is
// second order, so the error must fall about fourfold when the nodes double (between 3
// and 5 allows for the next order) and be below 1e-4 at 201 nodes (measured 6e-6).
BOOST_AUTO_TEST_CASE(maier_stein_gradient_case) {
  const ldv::Model model = maier_stein(1.0);
  const auto error_at = [&](int nodes) {
    const auto r = ldv::paths::geometric_minimum_action_method(model, point(-1, 0), point(0, 0), gmam(nodes));
    BOOST_TEST_REQUIRE(r.converged, r.stop_reason);
    return std::abs(r.action - kMaierSteinGradientAction);
  };
  const double coarse = error_at(101), fine = error_at(201);
  BOOST_TEST_MESSAGE("Maier–Stein β = 1: action error " << coarse << " at 101 nodes, " << fine << " at 201");
  BOOST_TEST(fine <= 1e-4);
  BOOST_TEST(coarse / fine >= 3.0);
  BOOST_TEST(coarse / fine <= 5.0);
}

// β = 10: the minimum action path leaves the axis (Maier & Stein 1993: for β > 4 the
// on-axis path, which costs 1/2 as for β = 1, is no longer the minimiser).
// (1) The published figure: CriticalTransitions.jl's test runs gMAM with 30 nodes from
//     (−1, 0) to (1, 0) and asserts 0.3375 ± 1e-3 with its own quadrature. Our 30-node
//     gMAM path from the same initial path, measured with that quadrature, reproduces it.
// (2) Our converged high-resolution value, to the saddle: S(201), S(401) nodes, Richardson
//     S∞ = S(401) + (S(401) − S(201))/3 (second order). S(401) must be within 1e-5 of S∞
//     and the two quadratures must agree on the 401-node path to 1e-4: both converge to
//     the same integral, so the 2.5e-3 between S∞ ≈ 0.34004 and 0.3375 is the 30-node
//     discretisation of the published figure, not a disagreement of methods. (The
//     time-parametrised MAM with T = 20 gives 0.34009 ≥ V, consistent.)
BOOST_AUTO_TEST_CASE(maier_stein_non_gradient_case) {
  const ldv::Model model = maier_stein(10.0);
  {  // (1)
    const Matrix initial = bowed_path(-1.0, 1.0, kCriticalTransitionsNodes, true);
    const auto r = ldv::paths::geometric_minimum_action_method(model, point(-1, 0), point(1, 0),
                                                               gmam(kCriticalTransitionsNodes, 1e-10), &initial);
    BOOST_TEST_REQUIRE(r.converged, r.stop_reason);
    const double theirs = ct_geometric_action(model, r.path);
    BOOST_TEST_MESSAGE("Maier–Stein β = 10, 30 nodes: CriticalTransitions quadrature " << theirs << ", midpoint "
                                                                                         << r.action);
    BOOST_TEST(std::abs(theirs - kCriticalTransitionsMaierStein) <= kCriticalTransitionsTolerance);
  }
  {  // (2)
    const Matrix initial = bowed_path(-1.0, 0.0, 50, false);
    const auto at = [&](int nodes) {
      auto r = ldv::paths::geometric_minimum_action_method(model, point(-1, 0), point(0, 0), gmam(nodes), &initial);
      BOOST_TEST_REQUIRE(r.converged, r.stop_reason);
      return r;
    };
    const auto coarse = at(201), fine = at(401);
    const double extrapolated = fine.action + (fine.action - coarse.action) / 3.0;
    BOOST_TEST_MESSAGE("Maier–Stein β = 10 to the saddle: S(201) = " << coarse.action << ", S(401) = " << fine.action
                                                                     << ", extrapolated " << extrapolated);
    BOOST_TEST(std::abs(fine.action - extrapolated) <= 1e-5);
    BOOST_TEST(std::abs(ct_geometric_action(model, fine.path) - fine.action) <= 1e-4);
    BOOST_TEST(fine.action < kMaierSteinGradientAction - 0.1);    // cheaper than the axis
    BOOST_TEST(fine.path.row(1).cwiseAbs().maxCoeff() > 0.1);     // because it leaves the axis
  }
}

// --- how runs end ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(iteration_cap_is_reported_not_hidden) {
  ldv::paths::GmamSettings settings = gmam(101);
  settings.max_iterations = 3;
  const Matrix initial = bowed_path(-1.0, 0.0, 50, false);
  const auto r = ldv::paths::geometric_minimum_action_method(maier_stein(10.0), point(-1, 0), point(0, 0), settings,
                                                             &initial);
  BOOST_TEST(!r.converged);
  BOOST_TEST(r.iterations == 3);
  BOOST_TEST(r.stop_reason.find("iteration cap 3") != std::string::npos, r.stop_reason);
  BOOST_TEST(std::isfinite(r.action));
}

// A pseudo-time step far above the explicit part's stability limit is cut back (the
// stiffness cap and the action-rise rejection) and the run still converges to the same
// action as a small step.
BOOST_AUTO_TEST_CASE(large_steps_are_cut_back) {
  const ldv::Model model = maier_stein(10.0);
  const Matrix initial = bowed_path(-1.0, 0.0, 50, false);
  ldv::paths::GmamSettings small = gmam(101, 1e-10), large = gmam(101, 1e-10);
  small.step = 0.01;
  large.step = 100.0;
  const auto a = ldv::paths::geometric_minimum_action_method(model, point(-1, 0), point(0, 0), small, &initial);
  const auto b = ldv::paths::geometric_minimum_action_method(model, point(-1, 0), point(0, 0), large, &initial);
  BOOST_TEST_REQUIRE(a.converged, a.stop_reason);
  BOOST_TEST_REQUIRE(b.converged, b.stop_reason);
  BOOST_TEST(b.action == a.action, boost::test_tools::tolerance(1e-8));  // both within 1e-10 of one fixed point
}

// --- bad input ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(bad_input_is_rejected_with_a_clear_message) {
  const ldv::Model model = maier_stein(10.0);
  const auto run = [&](Vector from, Vector to, ldv::paths::GmamSettings s, const Matrix* initial = nullptr) {
    return [=, &model] { ldv::paths::geometric_minimum_action_method(model, from, to, s, initial); };
  };
  const ldv::paths::GmamSettings ok = gmam(21);
  expect_invalid(run(point(0.5, 0.5), point(0.5, 0.5), ok), "path endpoints are equal");
  expect_invalid(run(Vector::Zero(3), point(0, 0), ok), "dimension");
  expect_invalid(run(point(std::nan(""), 0), point(0, 0), ok), "not a finite number");
  ldv::paths::GmamSettings bad = ok;
  bad.nodes = 2;
  expect_invalid(run(point(-1, 0), point(0, 0), bad), "nodes = 2");
  bad = ok;
  bad.step = 0.0;
  expect_invalid(run(point(-1, 0), point(0, 0), bad), "step");
  bad = ok;
  bad.tolerance = 1.0;
  expect_invalid(run(point(-1, 0), point(0, 0), bad), "tolerance = 1");
  bad = ok;
  bad.max_iterations = 0;
  expect_invalid(run(point(-1, 0), point(0, 0), bad), "max_iterations = 0");
  bad = ok;
  bad.window = 0;
  expect_invalid(run(point(-1, 0), point(0, 0), bad), "window = 0");
  const Matrix elsewhere = bowed_path(-0.9, 0.0, 10, false);
  expect_invalid(run(point(-1, 0), point(0, 0), ok, &elsewhere), "does not start at");

  const ldv::Model two_well = ldv::parse_model_spec(R"({"kind":"two_well","mu1":1.5,"mu2":1.2})");
  expect_invalid([&] { qp::exit_barrier(two_well, point(-2, 0), 0.0); }, "radius = 0");
  expect_invalid([&] { qp::exit_barrier(two_well, point(-2, 0), -1.0); }, "radius = -1");
  expect_invalid([&] { qp::exit_barrier(two_well, point(-2, 0), std::nan("")); }, "radius = nan");
  // (−2.5, 0) is inside B₁ where b = −2(x − O₁) = (1, 0): |b| = 1 names the value.
  expect_invalid([&] { qp::exit_barrier(two_well, point(-2.5, 0), 0.3); }, "not an equilibrium of the drift: |b| = 1");
  qp::ExitBarrierSettings exact;
  exact.method = qp::BarrierMethod::exact;
  expect_invalid([&] { qp::exit_barrier(two_well, point(-2, 0), 0.5, exact); }, "no exact quasi-potential");
  qp::ExitBarrierSettings few;
  few.ring_samples = 3;
  expect_invalid([&] { qp::exit_barrier(two_well, point(-2, 0), 0.5, few); }, "ring_samples = 3");
  expect_invalid([&] { qp::path_quasipotential(two_well, point(-2, 0), Vector::Zero(3)); }, "dimension");
}

// --- the entry point for every minimum-action method (minimum_action.hpp) ----------------

// A 2-D non-gradient linear system with anisotropic D (real spectrum 1.14, 1.86), from
// its attractor: exact is the Lyapunov value itself; gmam at its default 101 nodes meets
// it to 1e-3 (gmam_matches_the_lyapunov_quasipotential_of_linear_systems measures
// 2e-9 … 2e-8 on this case); mam at its scaled defaults (T = 10/min(1, 1.14) = 10, so
// e^{−2κT} ≈ 1e-10; 374 nodes, so (ρΔt)²/12 ≤ 2.1e-4 relative) meets it to 1e-3 as well.
BOOST_AUTO_TEST_CASE(entry_point_methods_agree_with_lyapunov_on_a_linear_system) {
  const ldv::Model model = ldv::parse_model_spec(
      R"({"kind":"linear","drift_matrix":[[2,0.4],[-0.3,1]],"diffusion":[[1.5,0.3],[0.3,0.5]]})");
  const Vector from = point(0, 0), to = point(0.7, -0.4);
  const double v = qp::exact_quasipotential(model).value(to);

  qp::PathSettings settings;
  settings.method = qp::PathMethod::exact;
  const auto exact = qp::minimum_action_path(model, from, to, settings);
  BOOST_TEST(exact.method == "exact");
  BOOST_TEST(exact.converged);
  BOOST_TEST(exact.action == v);
  BOOST_TEST(exact.path.cols() == 101);
  BOOST_TEST((exact.path.col(0) - from).norm() == 0.0);
  BOOST_TEST((exact.path.col(100) - to).norm() == 0.0);

  for (const qp::PathMethod method : {qp::PathMethod::gmam, qp::PathMethod::mam}) {
    settings.method = method;
    const auto r = qp::minimum_action_path(model, from, to, settings);
    BOOST_TEST_REQUIRE(r.converged, r.stop_reason);
    BOOST_TEST(r.method == qp::to_string(method));
    BOOST_TEST_MESSAGE(r.method << ": action " << r.action << " vs V " << v << ", " << r.path.cols() << " nodes; "
                                << r.stop_reason);
    BOOST_TEST(std::abs(r.action / v - 1.0) <= 1e-3, r.method << ": " << r.action);
    BOOST_TEST(r.stop_reason.find("least action of 3 starts") != std::string::npos, r.stop_reason);
    if (method == qp::PathMethod::mam) BOOST_TEST(r.path.cols() == 374);  // ⌈20 ρT⌉ + 1, ρ = 1.8606, T = 10
  }
  settings.method = qp::PathMethod::mam;
  settings.initial = ldv::paths::InitialPath::straight;
  settings.nodes = 101;
  settings.duration = 20.0;
  const auto straight = qp::minimum_action_path(model, from, to, settings);
  BOOST_TEST(straight.path.cols() == 101);
  BOOST_TEST(straight.times(100) == 20.0);
  BOOST_TEST(straight.stop_reason.find("least action of 1 starts") != std::string::npos, straight.stop_reason);
}

// The string method on a gradient system with D = I: Maier–Stein at β = 1 (U = x⁴/4 −
// x²/2 + y²/2 + x²y²/2), between the minima (−1, 0) and (1, 0) through the saddle (0, 0).
// The minimum-energy path is the x axis and Ŝ is the composite midpoint rule of
// ∫₋₁⁰ 2U'(x) dx = 2ΔU = 1/2 for 2U' = 2x³ − 2x, with error (h²/24) |∫₋₁⁰ 12x dx| = h²/4
// (101 nodes: the saddle is a node, h = 0.02); the downhill half costs 0. As in
// string_method_finds_the_straight_mep_of_a_double_well, the node error (≈ 1e-8) moves Ŝ
// far less than the 1e-6 allowed.
BOOST_AUTO_TEST_CASE(entry_point_string_method_on_a_gradient_system) {
  qp::PathSettings settings;
  settings.method = qp::PathMethod::string;
  settings.nodes = 101;
  const auto r = qp::minimum_action_path(maier_stein(1.0), point(-1, 0), point(1, 0), settings);
  BOOST_TEST_REQUIRE(r.converged, r.stop_reason);
  BOOST_TEST(r.method == "string");
  const double h = 0.02;
  BOOST_TEST_MESSAGE("string, Maier–Stein β = 1: S = " << r.action << ", 1/2 + h²/4 = " << 0.5 + h * h / 4 << "; "
                                                       << r.stop_reason);
  BOOST_TEST(std::abs(r.action - (0.5 + h * h / 4)) <= 1e-6);
  BOOST_TEST(r.path.row(1).cwiseAbs().maxCoeff() <= 1e-6);
}

// What the entry point refuses, each with the value and what was expected.
BOOST_AUTO_TEST_CASE(entry_point_refuses_what_its_methods_cannot_answer) {
  const ldv::Model linear = ldv::parse_model_spec(R"({"kind":"linear","drift_matrix":[[2,0.4],[-0.3,1]]})");
  const ldv::Model two_well = ldv::parse_model_spec(R"({"kind":"two_well","mu1":1.5,"mu2":1.2})");
  const auto with = [](qp::PathMethod method) {
    qp::PathSettings s;
    s.method = method;
    return s;
  };
  // exact: only from the attractor, only for linear-Gaussian models.
  expect_invalid([&] { qp::minimum_action_path(linear, point(0.1, 0), point(0.5, 0), with(qp::PathMethod::exact)); },
                 "needs `from` at the attractor (0, 0), got (0.1, 0)");
  expect_invalid([&] { qp::minimum_action_path(two_well, point(-2, 0), point(-2.5, 0), with(qp::PathMethod::exact)); },
                 "no exact quasi-potential for the two_well model");
  // string: gradient drift and D = cI only.
  expect_invalid([&] { qp::minimum_action_path(maier_stein(10.0), point(-1, 0), point(1, 0), with(qp::PathMethod::string)); },
                 "Jacobian is not symmetric");
  expect_invalid([&] { qp::minimum_action_path(linear, point(0, 0), point(1, 0), with(qp::PathMethod::string)); },
                 "Jacobian is not symmetric");
  expect_invalid([&] { qp::minimum_action_path(two_well, point(-2, 0), point(2, 0), with(qp::PathMethod::string)); },
                 "constant isotropic noise");
  // a duration means something to mam only.
  qp::PathSettings timed = with(qp::PathMethod::gmam);
  timed.duration = 5.0;
  expect_invalid([&] { qp::minimum_action_path(linear, point(0, 0), point(1, 0), timed); },
                 "duration (T = 5) applies to the mam method only; gmam has no travel time");
  // the shared checks, before any method runs.
  expect_invalid([&] { qp::minimum_action_path(linear, point(1, 0), point(1, 0)); }, "path endpoints are equal");
  expect_invalid([&] { qp::minimum_action_path(linear, Vector::Zero(3), point(1, 0)); }, "dimension");
  qp::PathSettings few = with(qp::PathMethod::mam);
  few.nodes = 2;
  expect_invalid([&] { qp::minimum_action_path(linear, point(0, 0), point(1, 0), few); }, "MAM nodes = 2");
}

// The flat region of two_well (f = 1, b = 0 between the discs): V = 0 there, at once
// (gmam_stops_at_once_where_the_drift_vanishes in test_paths has the reason).
BOOST_AUTO_TEST_CASE(entry_point_reports_zero_action_in_a_flat_region) {
  const ldv::Model two_well = ldv::parse_model_spec(R"({"kind":"two_well","mu1":1.5,"mu2":1.2})");
  const auto r = qp::minimum_action_path(two_well, point(0, 0), point(0, 0.5));
  BOOST_TEST(r.converged, r.stop_reason);
  BOOST_TEST(r.action == 0.0);
  BOOST_TEST(r.iterations == 0);
}

BOOST_AUTO_TEST_CASE(method_names_parse_both_ways_and_bad_ones_are_listed) {
  for (const qp::PathMethod m : {qp::PathMethod::exact, qp::PathMethod::mam, qp::PathMethod::gmam, qp::PathMethod::string})
    BOOST_TEST((qp::parse_path_method(qp::to_string(m)) == m));
  for (const qp::BarrierMethod m : {qp::BarrierMethod::automatic, qp::BarrierMethod::exact, qp::BarrierMethod::gmam})
    BOOST_TEST((qp::parse_barrier_method(qp::to_string(m)) == m));
  BOOST_TEST(qp::to_string(qp::BarrierMethod::automatic) == "auto");
  expect_invalid([] { qp::parse_path_method("newton"); },
                 "unknown path method 'newton': expected exact, mam, gmam or string");
  expect_invalid([] { qp::parse_path_method("GMAM", "--method"); }, "unknown --method 'GMAM'");
  expect_invalid([] { qp::parse_barrier_method("newton"); },
                 "unknown exit-barrier method 'newton': expected auto, exact or gmam");
}

// The flat region around the centre of two_well: V = 0 on the whole circle, a tie that
// the "constant" stop must report without a 0/0 spread.
BOOST_AUTO_TEST_CASE(exit_barrier_in_a_flat_region_is_zero) {
  const ldv::Model two_well = ldv::parse_model_spec(R"({"kind":"two_well","mu1":1.5,"mu2":1.2})");
  const qp::ExitBarrier b = qp::exit_barrier(two_well, point(0, 0), 0.5);
  BOOST_TEST(b.converged, b.stop_reason);
  BOOST_TEST(b.barrier == 0.0);
  BOOST_TEST(b.stop_reason.find("constant on the circle exactly") != std::string::npos, b.stop_reason);
  BOOST_TEST(b.stop_reason.find("nan") == std::string::npos, b.stop_reason);
}
