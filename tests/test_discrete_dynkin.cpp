// The discrete chain's exact mean exit time (reference/discrete_dynkin.hpp) and the limit of
// E[ν]/E[τ] with the step tied to the noise (reference/tied_step_exit_ratio.hpp), tested
// against values computed without the code under test:
//  * the Gauss–Legendre rule against Abramowitz & Stegun's table and exact moments;
//  * the subtraction-free solver against a birth–death chain whose mean absorption time is a
//    recurrence of positive terms (mean ~1e37 steps, where ordinary LU returns noise);
//  * the transition and exit laws of the norm against Boost's non-central chi-squared
//    distribution and Gauss–Kronrod quadrature;
//  * the whole Nyström solve against the one chain with a closed form — the i.i.d. chain
//    (h a = 1), whose exit step is geometric — down to exit probabilities of 1e-17 per step;
//  * its own refinement, and long simulations of the chain by the exit module;
//  * the Cramér constant against its small- and large-drift limits (Siegmund 1979).
// The Nyström limit R*(κ) = e^{−κ²/2}/C(κ) itself is tested against the extrapolated exact
// ratios in test_discrete_sgd_measure.cpp.
#define BOOST_TEST_MODULE discrete_dynkin
#include <Eigen/Dense>
#include <boost/math/distributions/non_central_chi_squared.hpp>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/special_functions/zeta.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <numbers>
#include <vector>

#include "invalid_input_message.hpp"
#include "ldv/exit/exit_time.hpp"
#include "ldv/models/quadratic.hpp"
#include "ldv/reference/detail/gauss_legendre.hpp"
#include "ldv/reference/detail/killed_chain_solver.hpp"
#include "ldv/reference/discrete_dynkin.hpp"
#include "ldv/reference/tied_step_exit_ratio.hpp"

using namespace ldv;
using namespace ldv::reference;

namespace {

double relative_error(double value, double reference) { return std::abs(value - reference) / std::abs(reference); }

// ∫_a^b f by Boost's 61-point Gauss–Kronrod rule, not adaptive (independent of the Gauss–Legendre
// code under test). Callers cut the range into pieces one jump σ wide, on which the integrands
// (Gaussian-like of width σ) are resolved to rounding by a rule exact to degree 91.
template <class F>
double kronrod(F f, double a, double b) {
  return boost::math::quadrature::gauss_kronrod<double, 61>::integrate(f, a, b, 0);
}

}  // namespace

// ----- Gauss–Legendre ----------------------------------------------------------------

BOOST_AUTO_TEST_CASE(gauss_legendre_matches_the_tabulated_five_point_rule) {
  // Abramowitz & Stegun, Table 25.4, n = 5 (15 digits given there).
  const auto rule = detail::gauss_legendre(5);
  const std::vector<double> nodes = {-0.906179845938664, -0.538469310105683, 0.0, 0.538469310105683, 0.906179845938664};
  const std::vector<double> weights = {0.236926885056189, 0.478628670499366, 0.568888888888889, 0.478628670499366,
                                       0.236926885056189};
  for (std::size_t i = 0; i < 5; ++i) {
    BOOST_TEST(rule.nodes[i] == nodes[i], boost::test_tools::tolerance(1e-14));
    BOOST_TEST(rule.weights[i] == weights[i], boost::test_tools::tolerance(1e-14));
  }
}

BOOST_AUTO_TEST_CASE(gauss_legendre_integrates_polynomials_of_degree_2m_minus_1_exactly) {
  // ∫_{−1}^{1} x^k dx = 2/(k + 1) for even k, 0 for odd k; rounding of m terms of size ≤ 2: ~m ulps.
  for (int m : {1, 4, 12, 33, 64}) {
    const auto rule = detail::gauss_legendre(m);
    for (int k = 0; k <= 2 * m - 1; ++k) {
      double sum = 0.0;
      for (int i = 0; i < m; ++i) sum += rule.weights[i] * std::pow(rule.nodes[i], k);
      const double exact = k % 2 == 0 ? 2.0 / (k + 1) : 0.0;
      BOOST_TEST(std::abs(sum - exact) <= 64 * m * 2.2e-16, "m = " << m << ", k = " << k << ": " << sum);
    }
  }
  const auto composite = detail::composite_gauss_legendre(-1.0, 2.0, 7, 5);
  double length = 0.0;
  for (double w : composite.weights) length += w;
  BOOST_TEST(length == 3.0, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(invalid_input_message([] { detail::gauss_legendre(0); }).find("m = 0") != std::string::npos);
}

// ----- the subtraction-free solver -----------------------------------------------------

BOOST_AUTO_TEST_CASE(killed_chain_solver_is_entrywise_accurate_when_killing_is_rare) {
  // Birth–death chain on 0…n−1: up with p, down with q = 1 − p (at 0: stay), killed when it
  // steps up from n − 1. The mean time to climb from k to k + 1 is T_k = (1 + q T_{k−1})/p,
  // T_0 = 1/p (first-step analysis), so E_i = Σ_{k ≥ i} T_k: positive terms only, summed in
  // long double. With p = 0.1 and n = 40, E_0 ≈ 1e37 steps: I − P has condition number ~1e37.
  const int n = 40;
  const double p = 0.1, q = 0.9;
  std::vector<long double> climb(n);
  climb[0] = 1.0L / p;
  for (int k = 1; k < n; ++k) climb[k] = (1.0L + q * climb[k - 1]) / p;
  std::vector<long double> expected(n);
  long double tail = 0.0L;
  for (int k = n - 1; k >= 0; --k) expected[k] = tail += climb[k];

  detail::KilledChainBand chain(n, 1, 1);
  Eigen::MatrixXd dense = Eigen::MatrixXd::Identity(n, n);
  for (int i = 0; i < n; ++i) {
    if (i + 1 < n) chain.transition(i, i + 1) = p, dense(i, i + 1) -= p;
    if (i > 0) chain.transition(i, i - 1) = q, dense(i, i - 1) -= q;
    else dense(0, 0) -= q;  // the stay at 0 (the solver never needs P_ii)
  }
  chain.killing(n - 1) = p;
  const std::vector<double> u = std::move(chain).solve(std::vector<double>(n, 1.0));
  // Each entry within 1e-13 relative: ~4n operations on positive numbers, each ≤ 1 ulp.
  for (int i = 0; i < n; ++i)
    BOOST_TEST(relative_error(u[i], static_cast<double>(expected[i])) <= 1e-13, "state " << i);
  // Why it is needed: partial-pivoting LU of I − P loses every digit here.
  const Eigen::VectorXd naive = dense.partialPivLu().solve(Eigen::VectorXd::Ones(n));
  BOOST_TEST(relative_error(naive(0), static_cast<double>(expected[0])) > 1e-3);
}

// ----- the one-step laws of the norm ------------------------------------------------------

BOOST_AUTO_TEST_CASE(radial_transition_density_is_the_noncentral_chi_law) {
  // Integrates to 1 (independent quadrature, 1e-12), and for even d equals Boost's non-central
  // chi-squared density changed to the variable ρ' = σ√χ² (relative 1e-10: Boost's own accuracy).
  const double sigma = 0.3;
  for (int d : {1, 2, 3, 4, 5})
    for (double mu_over_sigma : {0.0, 0.3, 3.0, 30.0, 700.0}) {  // 30, 700: the Hankel branch of Ĩ_ν
      const double mu = mu_over_sigma * sigma;
      auto density = [&](double to) { return radial_transition_density(d, mu, to, sigma); };
      const double lo = std::max(0.0, mu - 40 * sigma), hi = mu + 40 * sigma;
      double mass = 0.0;  // pieces one σ wide: the adaptive rule then resolves the peak
      for (double a = lo; a < hi; a += sigma) mass += kronrod(density, a, std::min(hi, a + sigma));
      BOOST_TEST(std::abs(mass - 1.0) <= 1e-12, "d = " << d << ", μ/σ = " << mu_over_sigma << ": mass " << mass);
      if (d % 2 == 0 && mu_over_sigma <= 3.0) {
        const boost::math::non_central_chi_squared law(d, mu_over_sigma * mu_over_sigma);
        for (double to : {0.2 * sigma, sigma, mu + sigma, mu + 3 * sigma}) {
          const double x = to * to / (sigma * sigma);
          BOOST_TEST(relative_error(density(to), boost::math::pdf(law, x) * 2 * to / (sigma * sigma)) <= 1e-10,
                     "d = " << d << ", μ/σ = " << mu_over_sigma << ", ρ' = " << to);
        }
      }
    }
}

BOOST_AUTO_TEST_CASE(radial_exit_probability_is_the_noncentral_chi_tail) {
  // Against Boost's non-central chi-squared tail where that is a normal double, and against
  // independent quadrature of the density deep in the tail (1e-100), where the closed forms must
  // keep their digits (1e-10 relative: Boost's and the quadrature's accuracy).
  const double sigma = 0.2, radius = 1.0;
  for (int d : {1, 2, 3, 5})
    for (double mu : {0.0, 0.3, 0.7, 0.95, 1.1}) {
      const boost::math::non_central_chi_squared law(d, mu * mu / (sigma * sigma));
      const double tail = boost::math::cdf(boost::math::complement(law, radius * radius / (sigma * sigma)));
      BOOST_TEST(relative_error(radial_exit_probability(d, mu, radius, sigma), tail) <= 1e-10,
                 "d = " << d << ", μ = " << mu);
    }
  const double small_sigma = 0.04;  // (r − μ)/σ ≈ 22: tails ~1e-100
  for (int d : {1, 2, 3, 5}) {
    const double mu = 0.1;
    auto density = [&](double to) { return radial_transition_density(d, mu, to, small_sigma); };
    double tail = 0.0;
    for (double a = radius; a < radius + 40 * small_sigma; a += small_sigma) tail += kronrod(density, a, a + small_sigma);
    BOOST_TEST(relative_error(radial_exit_probability(d, mu, radius, small_sigma), tail) <= 1e-10, "d = " << d);
    BOOST_TEST(tail < 1e-90);
  }
}

// ----- the Nyström solution -------------------------------------------------------------

BOOST_AUTO_TEST_CASE(iid_chain_exit_time_is_geometric_even_when_exits_are_rare) {
  // With h a = 1 the chain is X_{k+1} = σ ξ_k: each step exits with the same probability q
  // whatever the state, so E[ν] = h/q exactly (h E[N], N geometric). Down to q ~ 1e-17 per step
  // (r/σ = 8.5, E[N] ~ 1e16): a spurious killing of one ulp per step would show at once.
  // Tolerance 1e-8: the module's promise (its refinement tolerance).
  const double h = 0.5, a = 1.0 / h, s = 1.0;
  for (double reach : {2.0, 6.0, 8.5}) {
    const double eps = 1.0 / (reach * reach * h);  // σ = s√(εh) = 1/reach, radius 1
    const DiscreteOrnsteinUhlenbeck chain{a, eps, s, h};
    // Interval (−1, 1.3), started off-centre.
    const double q_interval = 0.5 * std::erfc(reach / std::numbers::sqrt2) + 0.5 * std::erfc(1.3 * reach / std::numbers::sqrt2);
    BOOST_TEST(relative_error(discrete_mean_exit_time_interval(chain, -1.0, 1.3, 0.4).mean, h / q_interval) <= 1e-8,
               "interval, r/σ = " << reach);
    for (int d : {1, 2, 3}) {
      const double q_ball = boost::math::gamma_q(0.5 * d, 0.5 * reach * reach);  // P(χ_d ≥ r/σ)
      BOOST_TEST(relative_error(discrete_mean_exit_time_ball(chain, d, 1.0, 0.3).mean, h / q_ball) <= 1e-8,
                 "ball, d = " << d << ", r/σ = " << reach);
    }
  }
}

BOOST_AUTO_TEST_CASE(refinement_error_bound_covers_a_finer_solve) {
  // The reported bound (last change + truncation) must cover the distance to a solve refined
  // to 1e-12; and the bound itself must meet the 1e-8 promise. Cases: rare exits (V₀/ε = 100,
  // the Theorem 2 regime) and a coarse step (h a = 0.2).
  struct Case {
    DiscreteOrnsteinUhlenbeck chain;
    int dimension;
  };
  for (const Case& c : {Case{{1.0, 0.01, 1.0, 0.01}, 1}, Case{{1.0, 0.01, 1.0, 0.01}, 2}, Case{{1.0, 0.5, 1.0, 0.2}, 3}}) {
    const DiscreteExitTime standard = discrete_mean_exit_time_ball(c.chain, c.dimension, 1.0, 0.0);
    NystromSettings fine;
    fine.relative_tolerance = 1e-12;
    fine.max_order = 64;
    const DiscreteExitTime finer = discrete_mean_exit_time_ball(c.chain, c.dimension, 1.0, 0.0, fine);
    BOOST_TEST_MESSAGE("d = " << c.dimension << ": E[ν] = " << standard.mean << " with " << standard.nodes
                              << " nodes, bound " << standard.error_bound / standard.mean << " relative");
    BOOST_TEST(standard.error_bound <= 1e-8 * standard.mean);
    BOOST_TEST(std::abs(standard.mean - finer.mean) <= standard.error_bound);
  }
}

BOOST_AUTO_TEST_CASE(nystrom_agrees_with_long_simulations_of_the_chain) {
  // The exit module's "discrete" estimator simulates exactly this chain (exit/estimator.hpp).
  // 4 intervals at 99.9% each: a false alarm with probability < 0.4%; seed fixed.
  const double confidence = 0.999;
  struct Case {
    std::string name;
    int dimension;
    double a, s, eps, h, radius, center, start;  // ball centre and start on the first axis
  };
  const std::vector<Case> cases = {
      {"1-D interval (−1, 1.5) from 0.3", 1, 1.0, 1.0, 0.4, 0.05, 1.25, 0.25, 0.3},
      {"1-D, coarse step h a = 0.2", 1, 1.0, 1.0, 0.5, 0.2, 1.0, 0.0, 0.0},
      {"2-D ball from ρ = 0.5", 2, 1.0, 1.0, 0.3, 0.05, 1.0, 0.0, 0.5},
      {"3-D ball, C = H (s² = a = 2)", 3, 2.0, std::sqrt(2.0), 0.4, 0.03, 1.0, 0.0, 0.0}};
  for (const Case& c : cases) {
    const DiscreteOrnsteinUhlenbeck chain{c.a, c.eps, c.s, c.h};
    const double reference =
        c.center != 0.0 ? discrete_mean_exit_time_interval(chain, c.center - c.radius, c.center + c.radius, c.start).mean
                        : discrete_mean_exit_time_ball(chain, c.dimension, c.radius, std::abs(c.start)).mean;
    const Matrix identity = Matrix::Identity(c.dimension, c.dimension);
    Vector center = Vector::Zero(c.dimension), start = Vector::Zero(c.dimension);
    center(0) = c.center;
    start(0) = c.start;
    const ExitTimeProblem problem{Model(QuadraticModel(c.a * identity, c.s * c.s * identity, "matrix")),
                                  Ball(center, c.radius), start, c.eps, c.h, 1e12, ExitEstimator::discrete};
    const auto mc = estimate_exit_time(problem, {40000, 2024, 0, confidence, false}).estimate;
    BOOST_TEST_INFO(c.name << ": reference " << reference << ", simulation " << mc.mean << " [" << mc.ci_low << ", "
                           << mc.ci_high << "]");
    BOOST_TEST((mc.ci_low <= reference && reference <= mc.ci_high));
  }
}

BOOST_AUTO_TEST_CASE(bad_input_is_named) {
  const DiscreteOrnsteinUhlenbeck chain{1.0, 0.5, 1.0, 0.1};
  BOOST_TEST(invalid_input_message([&] { discrete_mean_exit_time_interval(chain, -1, 1, 1.5); }).find("x0 = 1.5") !=
             std::string::npos);
  BOOST_TEST(invalid_input_message([&] { discrete_mean_exit_time_ball(chain, 0, 1, 0); }).find("dimension = 0") !=
             std::string::npos);
  BOOST_TEST(invalid_input_message([&] {
               discrete_mean_exit_time_ball({1.0, 0.5, 1.0, -0.1}, 1, 1, 0);
             }).find("step h") != std::string::npos);
  BOOST_TEST(invalid_input_message([] { tied_step_exit_time_ratio(0.0); }).find("kappa = 0") != std::string::npos);
}

// ----- the Cramér constant of the Gaussian walk ----------------------------------------------

BOOST_AUTO_TEST_CASE(cramer_constant_has_siegmunds_small_drift_limit_and_the_large_drift_limit) {
  // Small drift: the Mellin transform of Σ_n Φ(−μ√n)/n (derivation in tied_step_exit_ratio.cpp)
  // gives log C(μ) = −2c₀μ − ζ(−½)μ³/(3√(2π)) + O(μ⁵), c₀ = −ζ(½)/√(2π): Siegmund's corrected
  // diffusion approximation (Adv. Appl. Prob. 11 (1979) 701–719) and its next term. The
  // coefficients come from Boost's zeta, independent of the series summed by the code; at μ = 0.02
  // the omitted O(μ⁵) is ~μ² = 4e-4 relative to the μ³ term.
  const double pi = std::numbers::pi;
  const double c0 = -boost::math::zeta(0.5) / std::sqrt(2 * pi);
  const double c3 = -boost::math::zeta(-0.5) / (3 * std::sqrt(2 * pi));
  const double mu = 0.02;
  const double cubic = (std::log(gaussian_walk_cramer_constant(mu)) + 2 * c0 * mu) / (mu * mu * mu);
  BOOST_TEST(std::abs(cubic / c3 - 1.0) <= 1e-3, "μ³ coefficient " << cubic << " vs " << c3);
  // Large drift: every Φ(−μ√n) vanishes, C = exp(−2ΣΦ(−μ√n)/n)/(2μ²) → 1/(2μ²); at μ = 6 the
  // sum is Φ(−6)(1 + …) ≈ 1e-9.
  BOOST_TEST(gaussian_walk_cramer_constant(6.0) * 72.0 == std::exp(-std::erfc(6.0 / std::numbers::sqrt2)),
             boost::test_tools::tolerance(1e-14));
  // R* = e^{−κ²/2}/C by definition, and κ from SGD's variables: λ r √B / s.
  BOOST_TEST(tied_step_exit_time_ratio(1.3) == std::exp(-0.5 * 1.69) / gaussian_walk_cramer_constant(1.3),
             boost::test_tools::tolerance(1e-14));
  BOOST_TEST(tied_step_kappa(2.0, 0.75, 0.01, 0.04, 1.0) == 2.0 * 0.75 * 2.0, boost::test_tools::tolerance(1e-15));
}
