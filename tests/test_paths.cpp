// Path methods against exact references:
//  * MAM (E, Ren & Vanden-Eijnden, CPAM 57 (2004)) on linear systems dX = −AX dt + σ dW,
//    whose finite-time minimum action from 0 to x is S*_T = ½ xᵀ Q_T⁻¹ x with the
//    controllability Gramian Q_T = ∫₀ᵀ e^{−As} D e^{−Aᵀs} ds = Σ − e^{−AT} Σ e^{−AᵀT}
//    (AΣ + ΣAᵀ = D), attained by φ(t) = Q_t e^{−Aᵀ(T−t)} Q_T⁻¹ x (the optimal control
//    u(s) = σᵀ e^{−Aᵀ(T−s)} Q_T⁻¹ x of the linear-quadratic problem), and whose
//    quasi-potential is V(x) = ½ xᵀ Σ⁻¹ x = lim_{T→∞} S*_T;
//  * the string method (E, Ren & Vanden-Eijnden, JCP 126, 164103 (2007)) on double
//    wells whose minimum-energy paths are known in closed form;
//  * bad input rejected with messages naming the problem.
#define BOOST_TEST_MODULE paths
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <unsupported/Eigen/MatrixFunctions>
#include <vector>

#include "ldv/core/error.hpp"
#include "ldv/models/custom.hpp"
#include "ldv/models/spec_parser.hpp"
#include "ldv/paths/arc_length.hpp"
#include "ldv/paths/gmam.hpp"
#include "ldv/paths/initial_path.hpp"
#include "ldv/paths/mam.hpp"
#include "ldv/paths/string_method.hpp"
#include "ldv/quasipotential/lyapunov.hpp"

namespace {

using ldv::Matrix;
using ldv::Vector;

std::string matrix_json(const Matrix& m) {
  std::string out = "[";
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    out += i ? ",[" : "[";
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
      char buffer[40];
      std::snprintf(buffer, sizeof buffer, "%s%.17g", j ? "," : "", m(i, j));
      out += buffer;
    }
    out += "]";
  }
  return out + "]";
}

// A linear test system with its exact finite-time action and quasi-potential.
struct LinearCase {
  std::string name;
  Matrix a, d;  // drift matrix A (b = −Ax), diffusion D
  Vector x;     // the end point; the path starts at the attractor 0

  ldv::Model model() const {
    return ldv::parse_model_spec(R"({"kind":"linear","drift_matrix":)" + matrix_json(a) + R"(,"diffusion":)" +
                                 matrix_json(d) + "}");
  }
  Matrix sigma() const { return ldv::quasipotential::solve_lyapunov(a, d); }
  // Q_t = Σ − e^{−At} Σ e^{−Aᵀt}.
  Matrix gramian(double t) const {
    const Matrix e = (-a * t).exp();
    return sigma() - e * sigma() * e.transpose();
  }
  double exact_action(double duration) const { return 0.5 * x.dot(gramian(duration).ldlt().solve(x)); }
  // The exact minimiser at time t of [0, T].
  Vector exact_path(double t, double duration) const {
    if (t <= 0.0) return Vector::Zero(x.size());
    return gramian(t) * (-a.transpose() * (duration - t)).exp() * gramian(duration).ldlt().solve(x);
  }
  double quasipotential() const { return 0.5 * x.dot(sigma().ldlt().solve(x)); }
};

Matrix mat2(double a, double b, double c, double d) { return (Matrix(2, 2) << a, b, c, d).finished(); }
Vector vec(std::initializer_list<double> v) {
  Vector out(static_cast<Eigen::Index>(v.size()));
  Eigen::Index i = 0;
  for (double value : v) out(i++) = value;
  return out;
}

// A 5×5 SPD matrix with eigenvalues `spectrum` in a fixed rotated basis.
Matrix spd5(const Vector& spectrum, double angle) {
  Matrix q = Matrix::Identity(5, 5);
  for (int k = 0; k + 1 < 5; ++k) {  // product of plane rotations (k, k+1)
    Matrix g = Matrix::Identity(5, 5);
    const double c = std::cos(angle * (k + 1)), s = std::sin(angle * (k + 1));
    g(k, k) = c, g(k, k + 1) = -s, g(k + 1, k) = s, g(k + 1, k + 1) = c;
    q = q * g;
  }
  return q * spectrum.asDiagonal() * q.transpose();
}

Matrix antisymmetric5(double scale) {
  Matrix r = Matrix::Zero(5, 5);
  for (int i = 0; i < 5; ++i)
    for (int j = i + 1; j < 5; ++j) {
      r(i, j) = scale * (1.0 + 0.3 * (i - j));
      r(j, i) = -r(i, j);
    }
  return r;
}

// The four linear cases of the brief: gradient (A symmetric) and non-gradient
// (A = symmetric + rotation), isotropic and anisotropic D, in 2 and 5 dimensions.
std::vector<LinearCase> linear_cases() {
  return {
      {"2d gradient, isotropic D", mat2(1.0, 0.3, 0.3, 0.6), Matrix::Identity(2, 2), vec({1.0, 0.5})},
      {"2d non-gradient, anisotropic D", mat2(1.0, 0.2 + 0.8, 0.2 - 0.8, 0.5), mat2(1.5, 0.3, 0.3, 0.5),
       vec({0.8, -0.6})},
      {"5d gradient, anisotropic D", spd5(vec({0.5, 0.7, 1.0, 1.3, 1.6}), 0.4),
       spd5(vec({0.4, 0.8, 1.0, 1.5, 2.0}), -0.7), vec({0.6, -0.3, 0.5, 0.2, -0.4})},
      {"5d non-gradient, isotropic D", Matrix(spd5(vec({0.5, 0.7, 1.0, 1.3, 1.6}), 0.4) + antisymmetric5(0.5)),
       Matrix::Identity(5, 5), vec({0.6, -0.3, 0.5, 0.2, -0.4})},
  };
}

// U = (x² − 1)² + y², b = −∇U, D = I: minima (±1, 0), saddle (0, 0), ΔU = 1, and the
// x axis is the minimum-energy path (the axis is invariant: b_y = −2y).
double axis_well_potential(const Vector& p) { return std::pow(p(0) * p(0) - 1.0, 2) + p(1) * p(1); }
ldv::Model axis_double_well() {
  return ldv::Model(ldv::CustomModel(
      2,
      [](const double* p, double* b) {
        b[0] = -4.0 * p[0] * (p[0] * p[0] - 1.0);
        b[1] = -2.0 * p[1];
      },
      [](const double*, double* s) { s[0] = 1, s[1] = 0, s[2] = 0, s[3] = 1; }, "axis_double_well"));
}

// U = κ (r − 1)² + sin²θ = κ (r − 1)² + y²/r² in polar coordinates, D = I. On r = 1,
// ∇U = (sin 2θ) e_θ is tangent to the circle, so the unit circle is invariant and the
// minimum-energy path between the minima (±1, 0) (U = 0) through the saddle (0, 1)
// (U = 1; radial curvature 2κ > 0, angular −2 < 0) is the upper unit half-circle.
ldv::Model circle_double_well(double kappa) {
  return ldv::Model(ldv::CustomModel(
      2,
      [kappa](const double* p, double* b) {
        const double x = p[0], y = p[1], r = std::hypot(x, y), r4 = r * r * r * r;
        b[0] = -(2.0 * kappa * (r - 1.0) * x / r - 2.0 * y * y * x / r4);
        b[1] = -(2.0 * kappa * (r - 1.0) * y / r + 2.0 * y * x * x / r4);
      },
      [](const double*, double* s) { s[0] = 1, s[1] = 0, s[2] = 0, s[3] = 1; }, "circle_double_well"));
}

// Asserts that `call` throws InvalidInput whose message contains `fragment`.
template <class Call>
void expect_invalid(Call call, const std::string& fragment) {
  try {
    call();
    BOOST_ERROR("accepted bad input; expected a message mentioning \"" << fragment << "\"");
  } catch (const ldv::InvalidInput& e) {
    BOOST_TEST(std::string(e.what()).find(fragment) != std::string::npos,
               "message \"" << e.what() << "\" should mention \"" << fragment << "\"");
  }
}

// Observed order log2(e(h)/e(h/2)) of consecutive rungs of a ladder that halves h.
std::vector<double> observed_orders(const std::vector<double>& errors) {
  std::vector<double> orders;
  for (std::size_t k = 0; k + 1 < errors.size(); ++k) orders.push_back(std::log2(errors[k] / errors[k + 1]));
  return orders;
}

}  // namespace

// ---------------------------------------------------------------------------
// MAM
// ---------------------------------------------------------------------------

// Accuracy target: relative error ≤ 1e-3 at a modest node count (100 segments). The
// discrete action is second order in Δt (midpoint rule), leading error ≈ (Δt |λ|)²/12
// relative for a path varying at rate |λ|: with |λ| ≤ 1.7 here and Δt = 2/100 that is
// ≈ 1e-4, so 1e-3 leaves the constant a factor ~10. The optimiser's share, ≈ ρ² ≤ 1e-10
// (mam.hpp), is negligible. The nodes follow the closed-form minimiser to the same order.
BOOST_AUTO_TEST_CASE(mam_matches_the_exact_finite_time_minimum_action_of_linear_systems) {
  for (const LinearCase& c : linear_cases()) {
    BOOST_TEST_CONTEXT(c.name) {
      ldv::paths::MamSettings settings;
      settings.nodes = 101;
      settings.duration = 2.0;
      const auto result = ldv::paths::minimum_action_method(c.model(), Vector::Zero(c.x.size()), c.x, settings);
      BOOST_TEST(result.converged, result.stop_reason);
      BOOST_TEST(result.method == "mam");
      BOOST_TEST(result.times.size() == settings.nodes);
      BOOST_TEST(result.times(settings.nodes - 1) == settings.duration);
      const double exact = c.exact_action(settings.duration);
      const double relative_error = std::abs(result.action - exact) / exact;
      double path_error = 0.0;
      for (Eigen::Index i = 0; i < result.path.cols(); ++i)
        path_error =
            std::max(path_error, (result.path.col(i) - c.exact_path(result.times(i), settings.duration)).norm());
      BOOST_TEST_MESSAGE(c.name << ": S = " << result.action << ", exact " << exact << ", relative error "
                                << relative_error << ", max node error / |x| " << path_error / c.x.norm() << ", "
                                << result.iterations << " iterations");
      BOOST_TEST(relative_error <= 1e-3);
      BOOST_TEST(path_error <= 1e-3 * c.x.norm());
    }
  }
}

// The error of the discrete minimum is C Δt² (1 + O(Δt²)), so the observed order of a
// ladder halving Δt is 2 + (3/(4 ln 2)) κ Δt² + …, κ ~ |λ|²: at the coarsest pair here
// (Δt = 0.2, |λ| ≤ 1.7) that is within 2 ± 0.1. The optimiser's share ρ² ≲ 1e-10 stays
// far below the smallest error on the ladder (~1e-7).
BOOST_AUTO_TEST_CASE(mam_error_shrinks_at_second_order_in_the_time_step) {
  for (const LinearCase& c : linear_cases()) {
    BOOST_TEST_CONTEXT(c.name) {
      const double duration = 2.0, exact = c.exact_action(duration);
      std::vector<double> errors;
      for (int segments : {10, 20, 40, 80, 160}) {
        ldv::paths::MamSettings settings;
        settings.nodes = segments + 1;
        settings.duration = duration;
        const auto result = ldv::paths::minimum_action_method(c.model(), Vector::Zero(c.x.size()), c.x, settings);
        BOOST_TEST(result.converged, result.stop_reason);
        errors.push_back(std::abs(result.action - exact) / exact);
      }
      const std::vector<double> orders = observed_orders(errors);
      for (std::size_t k = 0; k < orders.size(); ++k) {
        BOOST_TEST_MESSAGE(c.name << ": relative error " << errors[k] << " -> " << errors[k + 1] << ", order "
                                  << orders[k]);
        BOOST_TEST(std::abs(orders[k] - 2.0) <= 0.1);
      }
    }
  }
}

// For large T, S*_T → V = ½ xᵀΣ⁻¹x (Lyapunov). At T = 20 the exact gap S*_T − V is
// checked to be ≤ 1e-6 V first, so V itself is the reference to the 1e-3 target.
BOOST_AUTO_TEST_CASE(mam_reaches_the_lyapunov_quasipotential_at_large_duration) {
  for (const LinearCase& c : linear_cases()) {
    BOOST_TEST_CONTEXT(c.name) {
      ldv::paths::MamSettings settings;
      settings.nodes = 201;
      settings.duration = 20.0;
      const ldv::Model model = c.model();
      const auto result = ldv::paths::minimum_action_method(model, Vector::Zero(c.x.size()), c.x, settings);
      BOOST_TEST(result.converged, result.stop_reason);
      const double v = ldv::quasipotential::LyapunovQuasiPotential(c.a, c.d).value(c.x);
      BOOST_TEST((c.exact_action(settings.duration) - v) / v <= 1e-6);
      const double relative_error = std::abs(result.action - v) / v;
      BOOST_TEST_MESSAGE(c.name << ": S_T = " << result.action << ", V = " << v << ", relative error " << relative_error
                                << ", " << result.iterations << " iterations");
      BOOST_TEST(relative_error <= 1e-3);
    }
  }
}

// A nonlinear gradient system with D = I: V(x) = 2 (U(x) − U(min)) inside the basin
// (Freidlin & Wentzell, Ch. 4, §3). From the minimum (−1, 0) to (−0.3, 0.2) in T = 3:
// the slowest relaxation at the minimum is 2 (U_yy), so S*_T − V = O(e^{−4T}) ≈ 6e-6 V;
// the Δt² error at Δt = 3/400 and the fastest rate U_xx = 8 is ≤ (8 Δt)²/12 ≈ 3e-4
// relative even where the path moves fastest. Target 1e-3 as above.
BOOST_AUTO_TEST_CASE(mam_reaches_twice_the_barrier_of_a_nonlinear_gradient_system) {
  const Vector from = vec({-1.0, 0.0}), to = vec({-0.3, 0.2});
  ldv::paths::MamSettings settings;
  settings.nodes = 401;
  settings.duration = 3.0;
  const auto result = ldv::paths::minimum_action_method(axis_double_well(), from, to, settings);
  BOOST_TEST(result.converged, result.stop_reason);
  const double v = 2.0 * (axis_well_potential(to) - axis_well_potential(from));
  BOOST_TEST_MESSAGE("double well: S_T = " << result.action << ", 2 dU = " << v << ", " << result.iterations
                                           << " iterations");
  BOOST_TEST(std::abs(result.action - v) / v <= 1e-3);
}

// The discrete problem of a linear system is a convex quadratic: any initial path
// leads to the same minimum, to the optimiser's accuracy (mam.hpp, ρ ≤ 1e-5): actions
// within ρ²/μ ≈ 1e-10/μ relative each; variables within ρ √(2S) / μ each, which the
// map Φ = √Δt σ₀ Z L⁻¹ (‖L⁻¹‖ ≈ 50/π, √Δt = 0.2, |σ₀| ≈ 1.3) turns into node
// differences ≲ 1.1e-4 / μ for the pair. Bounds 1e-9 and 3e-4 |x| allow μ ≥ 0.4.
BOOST_AUTO_TEST_CASE(mam_accepts_an_initial_path) {
  const LinearCase c = linear_cases()[1];
  ldv::paths::MamSettings settings;
  settings.nodes = 51;
  settings.duration = 2.0;
  const Vector from = Vector::Zero(2);
  Matrix wiggly(2, settings.nodes);
  for (int i = 0; i < settings.nodes; ++i) {
    const double s = static_cast<double>(i) / (settings.nodes - 1);
    wiggly.col(i) = s * c.x + 0.5 * std::sin(3.0 * M_PI * s) * vec({1.0, 1.0});
  }
  const auto straight = ldv::paths::minimum_action_method(c.model(), from, c.x, settings);
  const auto from_wiggly = ldv::paths::minimum_action_method(c.model(), from, c.x, settings, &wiggly);
  BOOST_TEST(straight.converged, straight.stop_reason);
  BOOST_TEST(from_wiggly.converged, from_wiggly.stop_reason);
  BOOST_TEST_MESSAGE("from a wiggly start: relative action difference "
                     << std::abs(from_wiggly.action - straight.action) / straight.action << ", max node difference / |x| "
                     << (from_wiggly.path - straight.path).cwiseAbs().maxCoeff() / c.x.norm());
  BOOST_TEST(std::abs(from_wiggly.action - straight.action) <= 1e-9 * straight.action);
  BOOST_TEST((from_wiggly.path - straight.path).cwiseAbs().maxCoeff() <= 3e-4 * c.x.norm());
}

BOOST_AUTO_TEST_CASE(mam_reports_the_iteration_cap_and_line_search_failures) {
  const LinearCase c = linear_cases()[3];
  const ldv::Model model = c.model();
  const Vector from = Vector::Zero(5);
  ldv::paths::MamSettings capped;
  capped.nodes = 101;
  capped.duration = 2.0;
  capped.max_iterations = 2;
  const auto result = ldv::paths::minimum_action_method(model, from, c.x, capped);
  BOOST_TEST(!result.converged);
  BOOST_TEST(result.iterations == 2);
  BOOST_TEST(result.relative_change > capped.tolerance);
  BOOST_TEST(result.stop_reason.find("iteration cap 2 reached") != std::string::npos, result.stop_reason);

  // A tolerance below the rounding floor of the line search (mam.hpp: ρ ≈ 1e-8 here)
  // cannot be met: the run must end on the line search's failure, reported, not hang.
  ldv::paths::MamSettings too_strict = capped;
  too_strict.max_iterations = 20000;
  too_strict.tolerance = 1e-14;
  const auto strict = ldv::paths::minimum_action_method(model, from, c.x, too_strict);
  BOOST_TEST(!strict.converged);
  BOOST_TEST(strict.stop_reason.find("line search failed") != std::string::npos, strict.stop_reason);
  BOOST_TEST(strict.relative_change > too_strict.tolerance);
  // The best point is still returned: as accurate as a converged run.
  BOOST_TEST(std::abs(strict.action - c.exact_action(2.0)) <= 1e-3 * c.exact_action(2.0));
}

// ---------------------------------------------------------------------------
// String method
// ---------------------------------------------------------------------------

// MEP on the x axis. The string starts off the axis with both ends off the minima;
// all of it must fall onto the axis, the ends into (±1, 0).
// Node positions: at the stop the largest node speed is ≤ tolerance · L per unit
// pseudo-time, and the slowest relaxation toward the fixed point is U_yy = 2, so the
// nodes are within ≈ tolerance · L / 2 of it (L ≈ 2); a factor 2 covers mixed modes.
// Action: with an odd node count the saddle x = 0 and the minima are nodes and the
// nodes are equidistant, so Ŝ is the composite midpoint rule of ∫₋₁⁰ 2U'(x) dx = 2ΔU
// for the cubic 2U' = 8x³ − 8x, whose error is exactly (h²/24) |∫₋₁⁰ (2U')''| = h²;
// the downhill half contributes 0. The node errors above (≤ 2e-8) move Ŝ by far less
// than the 1e-6 allowed around 2 + h².
BOOST_AUTO_TEST_CASE(string_method_finds_the_straight_mep_of_a_double_well) {
  ldv::paths::StringSettings settings;
  settings.nodes = 51;
  settings.step = 0.02;  // RK4 stable for Δτ max|U''| = 0.02 · 8 < 2.78
  const auto result = ldv::paths::string_method(axis_double_well(), vec({-0.8, 0.3}), vec({1.2, -0.2}), settings);
  BOOST_TEST(result.converged, result.stop_reason);
  BOOST_TEST(result.method == "string");
  BOOST_TEST(result.times.size() == 0);
  BOOST_TEST(result.path.cols() == settings.nodes);
  const double node_tolerance = 2.0 * settings.tolerance * 2.0 / 2.0;
  BOOST_TEST(result.path.row(1).cwiseAbs().maxCoeff() <= node_tolerance);
  BOOST_TEST((result.path.col(0) - vec({-1.0, 0.0})).norm() <= node_tolerance);
  BOOST_TEST((result.path.col(settings.nodes - 1) - vec({1.0, 0.0})).norm() <= node_tolerance);
  const double h = 2.0 / (settings.nodes - 1);
  BOOST_TEST_MESSAGE("axis double well: S = " << result.action << ", 2 dU + h^2 = " << 2.0 + h * h << ", "
                                              << result.iterations << " iterations");
  BOOST_TEST(std::abs(result.action - (2.0 + h * h)) <= 1e-6);
}

// Curved MEP: the upper unit half-circle. A ladder of node counts with the saddle on a
// node (even segment counts), spacing h ≈ π / segments:
//  * distance of the nodes from the circle ≤ h²/8, the sagitta of a chord of length h
//    (the resolution of any polygon with that spacing), and second order: observed
//    order within 2 ± 0.2 (next terms O(h), h ≤ 0.13);
//  * |Ŝ − 2| ≤ h²: the leading error is h²/2 (midpoint rule on 2 sin 2θ over the uphill
//    quarter, (h²/24)·8 = h²/3, plus h²/6 from evaluating b at the chord midpoints,
//    inside the circle by h²/8), the rest O(h³).
BOOST_AUTO_TEST_CASE(string_method_finds_the_half_circle_mep) {
  const double kappa = 5.0;
  const ldv::Model model = circle_double_well(kappa);
  Matrix ellipse(2, 41);  // initial guess: the half-ellipse x = cos t, y = sin(t)/2
  for (int i = 0; i <= 40; ++i) ellipse.col(i) = vec({std::cos(M_PI * i / 40), 0.5 * std::sin(M_PI * i / 40)});
  std::vector<double> distances;
  for (int segments : {24, 48, 96, 192}) {
    ldv::paths::StringSettings settings;
    settings.nodes = segments + 1;
    settings.step = 0.02;  // RK4 stable: Δτ · 2κ = 0.2 < 2.78
    const auto result = ldv::paths::string_method(model, vec({1.0, 0.0}), vec({-1.0, 0.0}), settings, &ellipse);
    BOOST_TEST(result.converged, result.stop_reason);
    const double h = M_PI / segments;
    double distance = 0.0;
    for (Eigen::Index i = 0; i < result.path.cols(); ++i)
      distance = std::max(distance, std::abs(result.path.col(i).norm() - 1.0));
    distances.push_back(distance);
    BOOST_TEST_MESSAGE("half circle, " << segments << " segments: max |r - 1| = " << distance << " = "
                                       << distance / (h * h) << " h^2, S - 2 = " << result.action - 2.0 << " = "
                                       << (result.action - 2.0) / (h * h) << " h^2, " << result.iterations
                                       << " iterations");
    BOOST_TEST(distance <= h * h / 8.0);
    BOOST_TEST(result.path.row(1).minCoeff() >= -1e-12);  // the upper half, as started
    BOOST_TEST(std::abs(result.action - 2.0) <= h * h);
  }
  for (double order : observed_orders(distances)) {
    BOOST_TEST_MESSAGE("observed order of the distance: " << order);
    BOOST_TEST(std::abs(order - 2.0) <= 0.2);
  }
}

BOOST_AUTO_TEST_CASE(string_method_reports_the_iteration_cap_and_instability) {
  ldv::paths::StringSettings settings;
  settings.nodes = 21;
  settings.step = 0.02;
  settings.max_iterations = 5;
  const auto result = ldv::paths::string_method(axis_double_well(), vec({-0.8, 0.3}), vec({1.2, -0.2}), settings);
  BOOST_TEST(!result.converged);
  BOOST_TEST(result.iterations == 5);
  BOOST_TEST(result.stop_reason.find("iteration cap 5 reached") != std::string::npos, result.stop_reason);

  // Δτ U'' far above the RK4 limit 2.78: the cubic drift blows the string up.
  settings.max_iterations = 1000;
  settings.step = 5.0;
  try {
    ldv::paths::string_method(axis_double_well(), vec({-0.8, 0.3}), vec({1.2, -0.2}), settings);
    BOOST_ERROR("an unstable step was not reported");
  } catch (const ldv::NumericalFailure& e) {
    BOOST_TEST(std::string(e.what()).find("step 5") != std::string::npos, e.what());
  }
}

// ---------------------------------------------------------------------------
// Bad input
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(bad_inputs_are_rejected_with_a_clear_message) {
  const ldv::Model model = linear_cases()[0].model();
  const Vector a = vec({0.0, 0.0}), b = vec({1.0, 0.5});
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  using ldv::paths::minimum_action_method;
  using ldv::paths::string_method;

  expect_invalid([&] { minimum_action_method(model, b, b); }, "path endpoints are equal");
  expect_invalid([&] { string_method(model, b, b); }, "path endpoints are equal");
  expect_invalid([&] { minimum_action_method(model, vec({0.0, 0.0, 0.0}), b); }, "dimension 2");
  expect_invalid([&] { string_method(model, a, vec({1.0})); }, "dimension 2");
  expect_invalid([&] { minimum_action_method(model, a, vec({1.0, nan})); }, "not a finite number");
  expect_invalid([&] { string_method(model, vec({nan, 0.0}), b); }, "not a finite number");

  const auto mam_with = [&](auto change, const std::string& fragment) {
    ldv::paths::MamSettings settings;
    change(settings);
    expect_invalid([&] { minimum_action_method(model, a, b, settings); }, fragment);
  };
  mam_with([](auto& s) { s.nodes = 2; }, "nodes = 2");
  mam_with([](auto& s) { s.duration = 0.0; }, "duration T = 0");
  mam_with([](auto& s) { s.duration = std::numeric_limits<double>::infinity(); }, "duration T = inf");
  mam_with([](auto& s) { s.tolerance = 1.0; }, "tolerance = 1");
  mam_with([](auto& s) { s.tolerance = 0.0; }, "tolerance = 0");
  mam_with([](auto& s) { s.max_iterations = 0; }, "max_iterations = 0");

  const auto string_with = [&](auto change, const std::string& fragment) {
    ldv::paths::StringSettings settings;
    change(settings);
    expect_invalid([&] { string_method(model, a, b, settings); }, fragment);
  };
  string_with([](auto& s) { s.nodes = 2; }, "nodes = 2");
  string_with([](auto& s) { s.step = -0.1; }, "step = -0.1");
  string_with([](auto& s) { s.step = nan; }, "step = nan");
  string_with([](auto& s) { s.tolerance = 2.0; }, "tolerance = 2");
  string_with([](auto& s) { s.max_iterations = -3; }, "max_iterations = -3");

  ldv::paths::MamSettings settings;
  settings.nodes = 11;
  Matrix initial = ldv::Matrix::Zero(2, 11);
  initial.col(10) = b;
  Matrix wrong_rows = Matrix::Zero(3, 11);
  expect_invalid([&] { minimum_action_method(model, a, b, settings, &wrong_rows); }, "initial path has 3 rows");
  Matrix wrong_nodes = Matrix::Zero(2, 7);
  wrong_nodes.col(6) = b;
  expect_invalid([&] { minimum_action_method(model, a, b, settings, &wrong_nodes); },
                 "initial path has 7 nodes but the settings ask for 11");
  Matrix wrong_start = initial;
  wrong_start(0, 0) = 0.1;
  expect_invalid([&] { minimum_action_method(model, a, b, settings, &wrong_start); }, "does not start at `from`");
  expect_invalid([&] { string_method(model, a, b, {}, &wrong_start); }, "does not start at `from`");
  Matrix wrong_end = initial;
  wrong_end(1, 10) = 0.0;
  expect_invalid([&] { minimum_action_method(model, a, b, settings, &wrong_end); }, "does not end at `to`");
  Matrix not_finite = initial;
  not_finite(1, 4) = nan;
  expect_invalid([&] { minimum_action_method(model, a, b, settings, &not_finite); }, "non-finite");
}

// Multi-start: on Maier–Stein (β = 10) the straight segment (−1, 0) → (0, 0) lies on the
// invariant x axis and geometric MAM converges there to the saddle value 1/2 (exact: on
// y = 0 the drift is −U' with U = x⁴/4 − x²/2, so the action is 2ΔU); the bowed starts
// leave the axis and find the minimum ≈ 0.34004 (see test_quasipotential), and the
// least action over the starts is that one. The two bows are mirror images (y → −y is a
// symmetry), so they reach the same action.
BOOST_AUTO_TEST_CASE(least_action_over_starts_escapes_an_invariant_axis) {
  const auto model = ldv::parse_model_spec(R"({"kind":"maier_stein","beta":10})");
  const Vector a = (Vector(2) << -1, 0).finished(), b = (Vector(2) << 0, 0).finished();
  const auto starts = ldv::paths::initial_path_candidates(a, b, 101);
  BOOST_REQUIRE_EQUAL(starts.size(), 3u);
  for (const auto& start : starts) {
    BOOST_TEST((start.path.col(0) - a).norm() == 0.0);
    BOOST_TEST((start.path.col(100) - b).norm() == 0.0);
  }
  BOOST_TEST(starts[1].path(1, 50) == 0.5, boost::test_tools::tolerance(1e-12));  // bow 0.5·|b − a| at s = ½
  BOOST_TEST(starts[2].path(1, 50) == -0.5, boost::test_tools::tolerance(1e-12));
  const auto solve = [&](const Matrix& start) {
    return ldv::paths::geometric_minimum_action_method(model, a, b, {}, &start);
  };
  const auto straight = solve(starts[0].path);
  BOOST_TEST(straight.converged);
  BOOST_TEST(std::abs(straight.action - 0.5) < 1e-3);  // the saddle of the action, O(h²) off
  const auto best = ldv::paths::least_action_over_starts(starts, solve);
  BOOST_TEST(best.converged);
  BOOST_TEST(best.action < 0.345);
  BOOST_TEST(best.action > 0.335);
  BOOST_TEST(best.stop_reason.find("bowed") != std::string::npos);
  // 1-D: only the straight start exists.
  BOOST_TEST(ldv::paths::initial_path_candidates(Vector::Constant(1, 0.0), Vector::Constant(1, 1.0), 5).size() == 1u);
}

// Scaled defaults: a slow linear system (rates 0.1 and 0.3) needs T ≫ 10 — at T = 10 the
// finite-time action exceeds V by ≈ 4% (e^{−2} of the slow direction). With
// scaled_mam_settings (T = 100, 601 nodes) MAM meets V = 0.1x₁² + 0.3x₂² (D = I) to 1e-3.
BOOST_AUTO_TEST_CASE(scaled_mam_settings_follow_the_relaxation_rates) {
  const auto model = ldv::parse_model_spec(R"({"kind":"quadratic","hessian":[[0.1,0],[0,0.3]]})");
  const Vector from = Vector::Zero(2), to = Vector::Ones(2);
  const auto settings = ldv::paths::scaled_mam_settings(model, from);
  BOOST_TEST(settings.duration == 100.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(settings.nodes == 601);
  const auto result = ldv::paths::minimum_action_method(model, from, to, settings);
  BOOST_TEST_REQUIRE(result.converged, result.stop_reason);
  BOOST_TEST(std::abs(result.action - 0.4) < 1e-3 * 0.4, result.action);
  // Not at a stable equilibrium (the saddle of Maier–Stein): the fixed defaults.
  const auto maier_stein = ldv::parse_model_spec(R"({"kind":"maier_stein","beta":10})");
  const auto at_saddle = ldv::paths::scaled_mam_settings(maier_stein, Vector::Zero(2));
  BOOST_TEST(at_saddle.duration == 10.0);
  BOOST_TEST(at_saddle.nodes == 200);
}

// ---------------------------------------------------------------------------
// Starting paths, zero drift, non-finite values
// ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(initial_path_policy_parses_and_selects_the_starts) {
  using ldv::paths::InitialPath;
  for (const InitialPath policy : {InitialPath::automatic, InitialPath::straight})
    BOOST_TEST((ldv::paths::parse_initial_path(ldv::paths::to_string(policy)) == policy));
  BOOST_TEST(ldv::paths::to_string(InitialPath::automatic) == "auto");
  expect_invalid([] { ldv::paths::parse_initial_path("bowed"); }, "unknown initial path 'bowed': expected auto or straight");
  expect_invalid([] { ldv::paths::parse_initial_path("", "--initial"); }, "unknown --initial '': expected auto or straight");
  const Vector a = vec({-1.0, 0.0}), b = vec({0.0, 0.0});
  const auto all = ldv::paths::starting_paths(InitialPath::automatic, a, b, 21);
  const auto straight = ldv::paths::starting_paths(InitialPath::straight, a, b, 21);
  BOOST_TEST(all.size() == 3u);
  BOOST_REQUIRE_EQUAL(straight.size(), 1u);
  BOOST_TEST(straight[0].name == "straight");
  BOOST_TEST((straight[0].path - ldv::paths::straight_path(a, b, 21)).norm() == 0.0);
}

// Zero drift along the whole path (two_well between its discs, where f = 1, or a drift
// that vanishes everywhere): Ŝ = 0, which no path undercuts (Ŝ ≥ 0), so gMAM stops at
// once, converged, with V = 0 — before the fix its stop rule divided 0 by 0 and ran to
// the iteration cap reporting "relative action change -nan".
BOOST_AUTO_TEST_CASE(gmam_stops_at_once_where_the_drift_vanishes) {
  const auto two_well = ldv::parse_model_spec(R"({"kind":"two_well","mu1":1.5,"mu2":1.2})");
  const ldv::Model still(ldv::CustomModel(
      3, [](const double*, double* b) { b[0] = b[1] = b[2] = 0.0; },
      [](const double*, double* s) {
        for (int i = 0; i < 9; ++i) s[i] = i % 4 == 0 ? 1.0 : 0.0;
      },
      "still"));
  struct Case {
    const ldv::Model* model;
    Vector from, to;
  };
  for (const Case& c : {Case{&two_well, vec({0.0, 0.0}), vec({0.0, 0.5})},
                        Case{&two_well, vec({0.5, -0.5}), vec({-0.5, 2.0})},
                        Case{&still, vec({0.0, 0.0, 0.0}), vec({1.0, -2.0, 3.0})}}) {
    const auto r = ldv::paths::geometric_minimum_action_method(*c.model, c.from, c.to);
    BOOST_TEST(r.converged, r.stop_reason);
    BOOST_TEST(r.action == 0.0);
    BOOST_TEST(r.relative_change == 0.0);
    BOOST_TEST(r.iterations == 0);
    BOOST_TEST(r.stop_reason.find("zero drift") != std::string::npos, r.stop_reason);
    BOOST_TEST((r.path - ldv::paths::straight_path(c.from, c.to, static_cast<int>(r.path.cols()))).norm() == 0.0);
  }
}

// A drift that is NaN somewhere on the path: no method may call that converged or
// print the NaN as a measured change. (Before, geometric_action clamped a NaN term to 0
// with std::max(0.0, NaN), so such a path cost nothing.)
BOOST_AUTO_TEST_CASE(a_non_finite_drift_ends_a_run_unconverged_with_the_reason) {
  const ldv::Model broken(ldv::CustomModel(
      2,
      [](const double* x, double* b) {
        b[0] = x[0] > 0.5 ? std::numeric_limits<double>::quiet_NaN() : -x[0];
        b[1] = -x[1];
      },
      [](const double*, double* s) { s[0] = 1, s[1] = 0, s[2] = 0, s[3] = 1; }, "nan_beyond_half"));
  const Vector from = vec({0.0, 0.0}), to = vec({1.0, 0.2});
  const auto gmam = ldv::paths::geometric_minimum_action_method(broken, from, to);
  BOOST_TEST(!gmam.converged);
  BOOST_TEST(gmam.stop_reason.find("not finite") != std::string::npos, gmam.stop_reason);
  BOOST_TEST(gmam.stop_reason.find("nan") == std::string::npos, gmam.stop_reason);
  ldv::paths::MamSettings settings;
  settings.nodes = 21;
  const auto mam = ldv::paths::minimum_action_method(broken, from, to, settings);
  BOOST_TEST(!mam.converged);
  BOOST_TEST(mam.stop_reason.find("not finite") != std::string::npos, mam.stop_reason);
  BOOST_TEST(mam.stop_reason.find("nan") == std::string::npos, mam.stop_reason);

  // Among several starts a non-finite action never wins, whatever its position.
  const auto result_with = [](double action) {
    ldv::paths::MinimumActionPath r;
    r.action = action;
    r.converged = std::isfinite(action);
    return r;
  };
  const std::vector<ldv::paths::StartingPath> starts{{"first", Matrix::Zero(2, 3)}, {"second", Matrix::Ones(2, 3)}};
  for (const bool nan_first : {true, false}) {
    const auto best = ldv::paths::least_action_over_starts(starts, [&](const Matrix& start) {
      const bool is_first = start(0, 0) == 0.0;
      return result_with(is_first == nan_first ? std::numeric_limits<double>::quiet_NaN() : 0.25);
    });
    BOOST_TEST(best.action == 0.25);
    BOOST_TEST(best.stop_reason.find(nan_first ? "the second one" : "the first one") != std::string::npos,
               best.stop_reason);
  }
}
