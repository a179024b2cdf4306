// Unit tests of the finite-volume Fokker–Planck solver (lib/ldv/fokker_planck/). Deterministic; each
// tolerance follows from the method's stated accuracy:
//  - conservation: the Itô form is a sum of face fluxes, so mass is constant to rounding (1e-12 over
//    hundreds of steps) for any D(x);
//  - the 1-D OU stationary density N(0, ε/2) is reproduced to rounding (Scharfetter–Gummel is exact for a
//    linear drift and constant D: the discrete ratio ρ_R/ρ_L = e^P is the exact one);
//  - 1-D with state-dependent D: the exact zero-flux density ∝ exp(∫2b/(εD))/D (quadrature to 1e-13), and 2-D
//    OU with non-normal drift and non-diagonal D: N(0, εΣ), AΣ + ΣAᵀ = D (Lyapunov): the scheme is second
//    order, so the observed order of the largest error over a grid ladder h, h/2, h/4 must be 2 to within
//    0.2 (the O(h³) remainder at these resolutions);
//  - backward Euler is first order in Δt: observed order 1 to within 0.15 against a Δt/32 reference;
//  - KL(ρ_t‖ρ_ss) never increases for an M-matrix generator (a Markov chain), checked to rounding;
//  - the paper's eq. (8) equals the Itô form for constant D, and otherwise drifts in mass at
//    (ε/2)∫D''ρ (1-D) — to the 1e-8 of the nested central differences of D (relative tolerance 1e-6).
#define BOOST_TEST_MODULE fokker_planck
#include <boost/test/unit_test.hpp>
#include <Eigen/LU>
#include <cmath>
#include <numbers>

#include "invalid_input_message.hpp"
#include "ldv/fokker_planck/generator.hpp"
#include "ldv/fokker_planck/measurements.hpp"
#include "ldv/fokker_planck/solver.hpp"
#include "ldv/models/linear.hpp"
#include "ldv/quasipotential/lyapunov.hpp"

namespace fp = ldv::fokker_planck;
using ldv::Matrix;
using ldv::Vector;

namespace {

ldv::Model ou_1d() { return ldv::Model(ldv::LinearModel(Matrix::Ones(1, 1), Matrix::Ones(1, 1))); }
const Matrix kA = (Matrix(2, 2) << 1.0, 0.8, -0.3, 1.5).finished();
const Matrix kD = (Matrix(2, 2) << 1.0, 0.4, 0.4, 0.6).finished();
ldv::Model ou_2d() { return ldv::Model(ldv::LinearModel(kA, kD)); }
// b = −x − x³ (1-D), D(x) = 1 + 0.5 sin(2x): state-dependent, D'' = −2 sin(2x).
ldv::Model state_dependent_1d() {
  return ldv::Model(ldv::CustomModel(
      1, [](const double* x, double* b) { b[0] = -x[0] - x[0] * x[0] * x[0]; },
      [](const double* x, double* s) { s[0] = std::sqrt(1.0 + 0.5 * std::sin(2 * x[0])); }));
}
// 2-D: b = −∇(|x|²/2 + |x|⁴/4), D(x) = R(x₁) diag(1.5, 0.5) R(x₁)ᵀ.
ldv::Model turning_2d() {
  return ldv::Model(ldv::CustomModel(
      2,
      [](const double* x, double* b) {
        const double r2 = x[0] * x[0] + x[1] * x[1];
        b[0] = -x[0] - r2 * x[0];
        b[1] = -x[1] - r2 * x[1];
      },
      [](const double* x, double* s) {
        const double c = std::cos(x[0]), si = std::sin(x[0]), a = std::sqrt(1.5), d = std::sqrt(0.5);
        s[0] = c * a, s[1] = -si * d, s[2] = si * a, s[3] = c * d;
      }));
}
fp::Grid line(int n, double half = 4.0) { return fp::Grid(Vector::Constant(1, -half), Vector::Constant(1, half), {n}); }
fp::Grid square(int n, double half = 3.0) {
  return fp::Grid(Vector::Constant(2, -half), Vector::Constant(2, half), {n, n});
}
double order(double coarse_error, double fine_error) { return std::log2(coarse_error / fine_error); }

}  // namespace

BOOST_AUTO_TEST_CASE(ito_form_conserves_mass_to_rounding) {
  const fp::Grid g = square(40);
  const fp::SparseMatrix q = fp::generator(turning_2d(), g, {0.3});
  const Vector column_sums = Vector::Ones(q.rows()).transpose() * q;
  BOOST_TEST(column_sums.cwiseAbs().maxCoeff() <= 1e-10 * q.coeffs().cwiseAbs().maxCoeff());
  Vector rho = fp::density_from(g, [](const Vector& x) { return std::exp(-4 * (x - Vector::Constant(2, 0.7)).squaredNorm()); });
  const fp::ImplicitEuler stepper(q, 0.05);
  for (int k = 0; k < 200; ++k) rho = stepper.step(rho);
  BOOST_TEST(std::abs(fp::mass(rho, g) - 1.0) <= 1e-12);
}

BOOST_AUTO_TEST_CASE(ou_1d_stationary_density_is_exact_to_rounding) {
  const double eps = 0.5, variance = eps / 2;
  const fp::Grid g = line(80);
  const Vector rho = fp::stationary_density(fp::generator(ou_1d(), g, {eps}), g);
  const Vector exact = fp::density_from(g, [&](const Vector& x) { return std::exp(-x(0) * x(0) / (2 * variance)); });
  BOOST_TEST(fp::max_abs_difference(rho, exact) <= 1e-12 * exact.maxCoeff());
}

BOOST_AUTO_TEST_CASE(state_dependent_1d_stationary_density_is_second_order) {
  // ρ(x) ∝ exp(∫₀ˣ 2b/(εD))/D(x): the zero-flux solution of the Itô form (ε/2)(Dρ)' = bρ. The integral by
  // composite Simpson on 2000 panels a cell (error ~1e-13 for these smooth integrands).
  const double eps = 0.4;
  const auto d = [](double x) { return 1.0 + 0.5 * std::sin(2 * x); };
  const auto integrand = [&](double y) { return 2 * (-y - y * y * y) / (eps * d(y)); };
  const auto exact_density = [&](const Vector& x) {
    const int m = 2000;
    const double h = x(0) / m;
    double sum = integrand(0) + integrand(x(0));
    for (int k = 1; k < m; ++k) sum += (k % 2 ? 4 : 2) * integrand(k * h);
    return std::exp(sum * h / 3) / d(x(0));
  };
  std::vector<double> errors;
  for (int n : {40, 80, 160}) {
    const fp::Grid g = line(n, 3.0);
    const Vector rho = fp::stationary_density(fp::generator(state_dependent_1d(), g, {eps}), g);
    errors.push_back(fp::max_abs_difference(rho, fp::density_from(g, exact_density)));
  }
  BOOST_TEST(std::abs(order(errors[0], errors[1]) - 2.0) <= 0.2, errors[0] << " " << errors[1]);
  BOOST_TEST(std::abs(order(errors[1], errors[2]) - 2.0) <= 0.2, errors[1] << " " << errors[2]);
}

BOOST_AUTO_TEST_CASE(ou_2d_non_normal_non_diagonal_stationary_density_is_second_order) {
  const double eps = 0.4;
  const Matrix precision = ldv::quasipotential::solve_lyapunov(kA, kD).inverse() / eps;
  std::vector<double> errors;
  // The limiter of generator.hpp acts where |P| = |u|h/c ≳ 1, a region that recedes as h shrinks: at n = 60
  // (h = 0.1) it still reaches cells that carry mass (error 0.017, then 16 times smaller at n = 120), from
  // n = 120 on the order is the scheme's 2.
  for (int n : {120, 240}) {
    const fp::Grid g = square(n);
    const Vector rho = fp::stationary_density(fp::generator(ou_2d(), g, {eps}), g);
    const Vector exact = fp::density_from(g, [&](const Vector& x) { return std::exp(-0.5 * x.dot(precision * x)); });
    errors.push_back(fp::max_abs_difference(rho, exact));
  }
  BOOST_TEST(std::abs(order(errors[0], errors[1]) - 2.0) <= 0.2, errors[0] << " " << errors[1]);
}

BOOST_AUTO_TEST_CASE(backward_euler_is_first_order_in_time) {
  const fp::Grid g = line(80);
  const fp::SparseMatrix q = fp::generator(state_dependent_1d(), g, {0.4});
  const Vector start = fp::density_from(g, [](const Vector& x) { return std::exp(-8 * (x(0) - 1.5) * (x(0) - 1.5)); });
  const auto evolve = [&](double dt) {
    const fp::ImplicitEuler stepper(q, dt);
    Vector rho = start;
    for (int k = 0; k < static_cast<int>(std::lround(0.5 / dt)); ++k) rho = stepper.step(rho);
    return rho;
  };
  const Vector reference = evolve(0.05 / 32);
  const double e1 = fp::max_abs_difference(evolve(0.05), reference), e2 = fp::max_abs_difference(evolve(0.025), reference),
               e3 = fp::max_abs_difference(evolve(0.0125), reference);
  // Against a Δt/32 reference the error of step τ is C(τ − Δt/32): for Δt, Δt/2, Δt/4 the factors 31/32, 15/16, 7/8.
  BOOST_TEST(std::abs(order(e1 * 32 / 31, e2 * 16 / 15) - 1.0) <= 0.15, e1 << " " << e2);
  BOOST_TEST(std::abs(order(e2 * 16 / 15, e3 * 8 / 7) - 1.0) <= 0.15, e2 << " " << e3);
}

BOOST_AUTO_TEST_CASE(relative_entropy_never_increases) {
  // ε = 1 in the box [−2, 2]²: π stays above 1e-12 of its maximum (f = 20 in the corners), far above the
  // rounding of the sparse solve, so KL(ρ‖π) is defined in every cell.
  const fp::Grid g = square(40, 2.0);
  const fp::SparseMatrix q = fp::generator(turning_2d(), g, {1.0});
  const Vector pi = fp::stationary_density(q, g);
  Vector rho = fp::density_from(g, [](const Vector& x) { return std::exp(-6 * (x - Vector::Constant(2, 1.0)).squaredNorm()); });
  const fp::ImplicitEuler stepper(q, 0.05);
  double previous = fp::kl_divergence(rho, pi, g);
  for (int k = 0; k < 100; ++k) {
    rho = stepper.step(rho);
    const double kl = fp::kl_divergence(rho, pi, g);
    BOOST_TEST(kl <= previous + 1e-13, "step " << k << ": " << kl << " after " << previous);
    previous = kl;
  }
  BOOST_TEST(previous < 1e-3);
}

BOOST_AUTO_TEST_CASE(paper_form_equals_ito_for_constant_d_and_drifts_in_mass_otherwise) {
  const fp::Grid g2 = square(20);
  const fp::SparseMatrix ito = fp::generator(ou_2d(), g2, {0.3}), paper = fp::generator(ou_2d(), g2, {0.3, fp::Form::paper_eq8});
  BOOST_TEST(fp::SparseMatrix(ito - paper).coeffs().cwiseAbs().maxCoeff() <= 1e-15);
  // 1-D: d/dt ∫ρ = (ε/2) ∫ D''ρ = (ε/2) ∫ −2 sin(2x) ρ; ρ₀ a bump at 0.6 (D'' ≠ 0 there).
  const double eps = 0.4;
  for (int n : {100, 200}) {
    const fp::Grid g = line(n);
    const Vector rho = fp::density_from(g, [](const Vector& x) { return std::exp(-10 * (x(0) - 0.6) * (x(0) - 0.6)); });
    const double drift = (fp::generator(state_dependent_1d(), g, {eps, fp::Form::paper_eq8}) * rho).sum() * g.volume();
    double expected = 0.0;
    for (std::size_t k = 0; k < g.size(); ++k) expected += 0.5 * eps * -2 * std::sin(2 * g.centre(k)(0)) * rho(static_cast<Eigen::Index>(k));
    expected *= g.volume();
    BOOST_TEST(std::abs(expected) > 0.05);
    BOOST_TEST(std::abs(drift - expected) <= 1e-6 * std::abs(expected), drift << " " << expected);
    const double ito_drift = (fp::generator(state_dependent_1d(), g, {eps}) * rho).sum() * g.volume();
    BOOST_TEST(std::abs(ito_drift) <= 1e-12);
  }
}

BOOST_AUTO_TEST_CASE(bad_input_is_named) {
  BOOST_TEST(invalid_input_message([] { fp::Grid(Vector::Constant(1, 0), Vector::Constant(1, 1), {2}); }).find("2 cells") !=
             std::string::npos);
  BOOST_TEST(invalid_input_message([] { fp::generator(ou_2d(), line(10), {0.3}); }).find("dimension 2 but the grid 1") !=
             std::string::npos);
  BOOST_TEST(invalid_input_message([] { fp::generator(ou_1d(), line(10), {0.0}); }).find("eps") != std::string::npos);
}

// --- measurements (fokker_planck/measurements.hpp) ---------------------------------------------------------
// Deterministic; the references are exact (closed forms), and each assertion is that the reference lies in
// the measurement's own interval (its systematic half-width: the grid change), which must also be small.

BOOST_AUTO_TEST_CASE(mass_rate_is_zero_for_ito_and_the_d_second_derivative_integral_for_eq8) {
  const fp::Box box{Vector::Constant(1, -4.0), Vector::Constant(1, 4.0), 100};
  const double eps = 0.4;
  const auto bump = [](const Vector& x) { return std::exp(-10 * (x(0) - 0.6) * (x(0) - 0.6)); };
  const ldv::Estimate ito = fp::mass_rate(state_dependent_1d(), box, eps, fp::Form::ito, bump, "Itô");
  BOOST_TEST(std::abs(ito.value) <= 1e-12);
  // (ε/2)∫D''ρ₀ with D'' = −2 sin 2x and ρ₀ = N(0.6, 1/20): E[sin 2X] = sin(1.2) e^{−2·(1/20)} (Gaussian
  // characteristic function), so the rate is −ε sin(1.2) e^{−0.1}.
  const double exact = -eps * std::sin(1.2) * std::exp(-0.1);
  const ldv::Estimate paper = fp::mass_rate(state_dependent_1d(), box, eps, fp::Form::paper_eq8, bump, "eq. (8)");
  const ldv::Interval i = paper.at(0.999);
  BOOST_TEST((i.low <= exact && exact <= i.high), paper.value << " vs " << exact);
  BOOST_TEST(i.high - i.low <= 1e-3 * std::abs(exact));
}

BOOST_AUTO_TEST_CASE(relaxation_kl_never_increases_and_decays) {
  const fp::Box box{Vector::Constant(2, -2.0), Vector::Constant(2, 2.0), 30};
  const auto start = [](const Vector& x) { return std::exp(-6 * (x - Vector::Constant(2, 1.0)).squaredNorm()); };
  const fp::Relaxation r = fp::measure_relaxation(turning_2d(), box, 1.0, start, 0.05, 2.0, "turning D");
  BOOST_TEST(r.largest_kl_increase.value <= 1e-13);
  BOOST_TEST(r.final_kl.value < 1e-2 * r.initial_kl.value);
  BOOST_TEST(r.decay_rate.value > 0.5);
  BOOST_TEST(r.times.size() == 81u);
}

BOOST_AUTO_TEST_CASE(log_density_limit_recovers_the_ou_quasipotential) {
  // dX = −X dt + √ε dW: ρ_ss ∝ e^{−x²/ε}, so −ε ln(ρ(x)/ρ(0)) = x² = V(x) at every ε.
  const fp::Box box{Vector::Constant(1, -3.0), Vector::Constant(1, 3.0), 200};
  const Vector x = Vector::Constant(1, 0.83), o = Vector::Zero(1);
  const fp::LogDensityLimit l = fp::log_density_limits(ou_1d(), box, {0.4, 0.2, 0.1}, Matrix(x), o, {"OU"})[0];
  const ldv::Interval i = l.limit.at(0.999);
  BOOST_TEST((i.low <= 0.83 * 0.83 && 0.83 * 0.83 <= i.high), l.limit.value);
  BOOST_TEST(i.high - i.low <= 1e-3);
  BOOST_TEST(invalid_input_message([&] { fp::log_density_limits(ou_1d(), box, {0.1, 0.2, 0.4}, Matrix(x), o, {"bad"}); })
                 .find("decreasing") != std::string::npos);
  BOOST_TEST(invalid_input_message([&] {
               fp::measure_relaxation(ou_1d(), box, 0.5, [](const Vector&) { return 1.0; }, 0.3, 1.0, "bad");
             }).find("multiple") != std::string::npos);
}
