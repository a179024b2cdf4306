// Exit-time Monte Carlo against exact references (Dynkin ODE, lib/ldv/reference):
// the corrected estimators hit the continuous E[τ] within their confidence
// intervals, the discrete one is biased by O(√h) exactly as Gobet & Menozzi
// predict, the correction removes that bias at order h, censoring is reported,
// and the result is bitwise the same for any thread count.
#define BOOST_TEST_MODULE exit
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "invalid_input_message.hpp"
#include "ldv/core/error.hpp"
#include "ldv/exit/exit_time.hpp"
#include "ldv/models/spec_parser.hpp"
#include "ldv/reference/ou_exit_time.hpp"
#include "ldv/stats/regression.hpp"
#include "proofs_checks/check_kit.hpp"

namespace {

using ldv::ExitEstimator;

// An isotropic Ornstein–Uhlenbeck case: b = −a x, D = s² I, ball of radius r
// centred at `center`, started at `start`.
struct OuCase {
  std::string name;
  int dimension;
  double a, s, eps, radius;
  std::vector<double> center, start;

  ldv::Model model() const {
    std::string h = "[", d = "[";
    for (int i = 0; i < dimension; ++i) {
      h += i ? ",[" : "[";
      d += i ? ",[" : "[";
      for (int j = 0; j < dimension; ++j) {
        h += (j ? "," : "") + std::to_string(i == j ? a : 0.0);
        d += (j ? "," : "") + std::to_string(i == j ? s * s : 0.0);
      }
      h += "]";
      d += "]";
    }
    return ldv::parse_model_spec(R"({"kind":"quadratic","hessian":)" + h + "]," + R"("diffusion":)" + d + "]}");
  }
  ldv::Vector vec(const std::vector<double>& v) const {
    return Eigen::Map<const ldv::Vector>(v.data(), static_cast<Eigen::Index>(v.size()));
  }
  // The exact continuous-time E[τ] for a ball of radius `r` (r = radius by default).
  double exact(double r = -1) const {
    if (r < 0) r = radius;
    const ldv::reference::OrnsteinUhlenbeck ou{a, eps, s};
    if (dimension == 1) return ldv::reference::mean_exit_time_interval(ou, center[0] - r, center[0] + r, start[0]);
    double rho0 = 0;
    for (int i = 0; i < dimension; ++i) rho0 += (start[i] - center[i]) * (start[i] - center[i]);
    return ldv::reference::mean_exit_time_ball(ou, dimension, r, std::sqrt(rho0));  // needs centre = attractor
  }
  ldv::ExitTimeResult run(ExitEstimator estimator, double step, std::uint64_t paths, double confidence,
                          std::uint64_t seed = 1, int threads = 0, bool keep = false, double max_time = 1e6) const {
    ldv::ExitTimeProblem problem{model(), ldv::Ball(vec(center), radius), vec(start), eps, step, max_time, estimator};
    return ldv::estimate_exit_time(problem, {paths, seed, threads, confidence, keep});
  }
};

const std::vector<OuCase> kCases = {
    {"1-D OU from the centre", 1, 1.0, 1.0, 1.0, 1.0, {0.0}, {0.0}},
    {"1-D OU, stronger drift, off-centre start", 1, 2.0, 1.0, 0.5, 1.2, {0.0}, {0.7}},
    {"1-D OU, interval not centred on the attractor", 1, 1.0, 1.5, 0.6, 1.0, {0.3}, {0.0}},
    {"2-D isotropic OU from the centre", 2, 1.0, std::sqrt(0.5), 1.0, 1.0, {0.0, 0.0}, {0.0, 0.0}},
    {"2-D isotropic OU, off-centre start", 2, 1.0, 1.0, 0.6, 1.0, {0.0, 0.0}, {0.3, 0.4}},
    {"3-D isotropic OU", 3, 0.5, 1.0, 0.8, 1.5, {0.0, 0.0, 0.0}, {0.0, 0.0, 0.0}},
};

// 12 interval checks in one test: each at 99.9% keeps the family-wise false
// alarm rate below 1.2% (Bonferroni), and the seed is fixed.
constexpr double kConfidence = 0.999;

}  // namespace

BOOST_AUTO_TEST_CASE(gobet_menozzi_constant_is_minus_zeta_half_over_root_two_pi) {
  // -zeta(1/2) = 1.4603545088095868128894991525152980125... (DLMF 25.6, OEIS A059750)
  BOOST_TEST(ldv::gobet_menozzi_constant() == 1.4603545088095868128894991525 / std::sqrt(2 * M_PI),
             boost::test_tools::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(corrected_estimators_agree_with_the_exact_mean_exit_time) {
  // h = 1e-3: the O(h) bias of both corrections (≈ 1 h E[τ] measured below) is
  // ~0.1%, a thirtieth of the interval's half-width. That half-width is
  // z·CV/√n ≤ 3.29/√12000 = 3.0% for exit laws no more dispersed than the
  // exponential (CV ≤ 1); we require below 3.5% so the check keeps its teeth.
  for (const OuCase& c : kCases)
    for (ExitEstimator estimator : {ExitEstimator::gobet_menozzi, ExitEstimator::bridge}) {
      const double exact = c.exact();
      const auto result = c.run(estimator, 1e-3, 12000, kConfidence);
      const auto& e = result.estimate;
      BOOST_TEST_INFO(c.name << ", " << ldv::to_string(estimator) << ": exact " << exact << ", estimate " << e.mean
                             << " [" << e.ci_low << ", " << e.ci_high << "]");
      BOOST_TEST(e.censored == 0u);
      BOOST_TEST((e.ci_low <= exact && exact <= e.ci_high));
      BOOST_TEST((e.ci_high - e.ci_low) / 2 < 0.035 * exact);
    }
}

BOOST_AUTO_TEST_CASE(discrete_estimator_sees_the_boundary_pushed_out_by_c0_sigma_sqrt_eps_h) {
  // Gobet & Menozzi (2010): E[ν] = E[τ for the domain enlarged by c₀|σᵀn|√(εh)] + O(h).
  // For isotropic noise |σᵀn| = s, so the prediction is an exact reference at r + c₀ s √(εh).
  const double step = 4e-3;
  for (const OuCase& c : {kCases[0], kCases[3]}) {
    const double shifted = c.radius + ldv::gobet_menozzi_constant() * c.s * std::sqrt(c.eps * step);
    const auto e = c.run(ExitEstimator::discrete, step, 20000, kConfidence).estimate;
    BOOST_TEST_INFO(c.name << ": E[nu] " << e.mean << " [" << e.ci_low << ", " << e.ci_high << "], E[tau](r) "
                           << c.exact() << ", E[tau](r + shift) " << c.exact(shifted));
    BOOST_TEST((e.ci_low <= c.exact(shifted) && c.exact(shifted) <= e.ci_high));
    BOOST_TEST(e.ci_low > c.exact());  // and the uncorrected bias is resolved
  }
}

BOOST_AUTO_TEST_CASE(gobet_menozzi_bias_is_at_least_three_times_smaller_than_the_discrete_bias) {
  // Same step, same paths (the estimators share their Gaussian increments).
  // Bounds at 99.9%: |bias_discrete| − z·se must exceed 3 (|bias_GM| + z·se).
  const double z = 3.29;
  for (const OuCase& c : {kCases[0], kCases[3], kCases[4]}) {
    for (double step : {0.02, 0.005}) {
      const double exact = c.exact();
      const auto discrete = c.run(ExitEstimator::discrete, step, 60000, kConfidence).estimate;
      const auto corrected = c.run(ExitEstimator::gobet_menozzi, step, 60000, kConfidence).estimate;
      const double bias_discrete = std::abs(discrete.mean - exact), bias_corrected = std::abs(corrected.mean - exact);
      BOOST_TEST_INFO(c.name << ", h = " << step << ": discrete bias " << bias_discrete << " ± " << discrete.std_error
                             << ", Gobet-Menozzi bias " << bias_corrected << " ± " << corrected.std_error);
      BOOST_TEST(bias_discrete - z * discrete.std_error > 3 * (bias_corrected + z * corrected.std_error));
    }
  }
}

BOOST_AUTO_TEST_CASE(convergence_orders_are_one_half_discrete_and_one_corrected) {
  // Step ladder h = 0.08 · 2^(−k/2), k = 0…8 (down to 0.005), on the 1-D case.
  // The errors of both estimators expand in powers of √h (Gobet & Menozzi 2010):
  //   e(h) = a₁ h^½ + a₂ h + a₃ h^{3/2} + O(h²),
  // discrete: a₁ ≠ 0 (order ½); Gobet–Menozzi: a₁ = 0, a₂ ≠ 0 (order 1). The
  // expansion is fitted by weighted least squares on the errors themselves
  // (weights from the Monte Carlo standard errors) and its coefficients tested at
  // 99%. Why not a log-log slope: on this ladder the next term bends the line,
  // and the slope measures a local order (Gobet–Menozzi: 0.88 ± 0.01 with 4M
  // paths a step), not the order of the method.
  const OuCase& c = kCases[0];
  const double exact = c.exact();
  std::vector<double> steps;
  for (int k = 0; k <= 8; ++k) steps.push_back(0.08 * std::pow(2.0, -0.5 * k));
  const std::uint64_t paths = 1'000'000;
  const double level = 0.99;
  for (ExitEstimator estimator : {ExitEstimator::discrete, ExitEstimator::gobet_menozzi}) {
    std::vector<std::vector<double>> design;
    std::vector<double> errors, std_errors;
    for (double step : steps) {
      const auto e = c.run(estimator, step, paths, 0.95).estimate;
      design.push_back({std::sqrt(step), step, step * std::sqrt(step)});
      errors.push_back(e.mean - exact);
      std_errors.push_back(e.std_error);
    }
    const auto fit = ldv::stats::weighted_least_squares(design, errors, std_errors);
    const auto [a1_low, a1_high] = fit.confidence_interval(0, level);
    const auto [a2_low, a2_high] = fit.confidence_interval(1, level);
    BOOST_TEST_INFO(ldv::to_string(estimator) << ": a1 " << fit.coefficients[0] << " [" << a1_low << ", " << a1_high
                                              << "], a2 " << fit.coefficients[1] << " [" << a2_low << ", " << a2_high
                                              << "], a3 " << fit.coefficients[2] << ", Birge ratio "
                                              << fit.birge_ratio);
    if (estimator == ExitEstimator::discrete) {
      // The h^½ term is the boundary pushed out by c₀ s √(εh) (Gobet & Menozzi 2010):
      // a₁ = c₀ s √ε ∂E[τ]/∂r, the derivative by central differences of the exact reference.
      const double dr = 1e-4;
      const double predicted_a1 =
          ldv::gobet_menozzi_constant() * c.s * std::sqrt(c.eps) * (c.exact(c.radius + dr) - c.exact(c.radius - dr)) / (2 * dr);
      BOOST_TEST_INFO("predicted a1 = c0 s sqrt(eps) dE/dr = " << predicted_a1);
      BOOST_TEST(a1_low > 0.0);  // an h^½ term, and the discrete exit comes late
      BOOST_TEST((a1_low <= predicted_a1 && predicted_a1 <= a1_high));
    } else {
      BOOST_TEST((a1_low <= 0.0 && 0.0 <= a1_high));  // no h^½ term left ...
      BOOST_TEST((a2_high < 0.0 || a2_low > 0.0));      // ... and an h term
    }
  }
}

BOOST_AUTO_TEST_CASE(results_are_bitwise_identical_for_any_thread_count) {
  for (ExitEstimator estimator : {ExitEstimator::discrete, ExitEstimator::bridge, ExitEstimator::gobet_menozzi}) {
    const auto one = kCases[4].run(estimator, 0.01, 3000, 0.95, 99, 1, true);
    for (int threads : {2, 3, 8}) {
      const auto many = kCases[4].run(estimator, 0.01, 3000, 0.95, 99, threads, true);
      BOOST_TEST(many.exit_times == one.exit_times);
      BOOST_TEST(many.exit_points == one.exit_points);
      BOOST_TEST(std::memcmp(&many.estimate.mean, &one.estimate.mean, sizeof(double)) == 0);
      BOOST_TEST(std::memcmp(&many.estimate.ci_high, &one.estimate.ci_high, sizeof(double)) == 0);
    }
    const auto other_seed = kCases[4].run(estimator, 0.01, 3000, 0.95, 100, 2, true);
    BOOST_TEST(other_seed.exit_times != one.exit_times);
  }
}

BOOST_AUTO_TEST_CASE(user_callables_run_through_the_same_estimators) {
  // A CustomModel restating the built-in 2-D quadratic model must reproduce its
  // paths exactly: same streams, same arithmetic, another route through the code.
  const OuCase& c = kCases[4];
  const ldv::CustomModel custom(
      2, [&](const double* x, double* b) { b[0] = -c.a * x[0]; b[1] = -c.a * x[1]; },
      [&](const double*, double* sigma) { sigma[0] = c.s; sigma[1] = 0.0; sigma[2] = 0.0; sigma[3] = c.s; },
      "quadratic-by-hand");
  for (ExitEstimator estimator : {ExitEstimator::discrete, ExitEstimator::bridge, ExitEstimator::gobet_menozzi}) {
    ldv::ExitTimeProblem problem{ldv::Model(custom), ldv::Ball(c.vec(c.center), c.radius), c.vec(c.start), c.eps,
                                 0.01, 1e6, estimator};
    const auto by_hand = ldv::estimate_exit_time(problem, {500, 4, 0, 0.95, true});
    const auto built_in = c.run(estimator, 0.01, 500, 0.95, 4, 0, true);
    BOOST_TEST(by_hand.exit_times == built_in.exit_times);
  }
}

BOOST_AUTO_TEST_CASE(paths_reaching_max_time_are_censored_and_reported) {
  const OuCase& c = kCases[0];  // E[τ] ≈ 1.45
  const auto result = c.run(ExitEstimator::gobet_menozzi, 0.01, 4000, 0.95, 7, 0, true, 1.5);
  const auto& e = result.estimate;
  std::uint64_t censored = 0;
  for (std::size_t i = 0; i < result.censored.size(); ++i)
    if (result.censored[i]) {
      ++censored;
      BOOST_TEST(result.exit_times[i] == result.horizon);
    }
  BOOST_TEST(e.paths == 4000u);
  BOOST_TEST(e.censored == censored);
  BOOST_TEST(censored > 400u);  // P(τ > 1.5) ≈ e^{-1} here: many paths are censored, none dropped
  BOOST_TEST(e.method == "rmst+exponential-tail");
  BOOST_TEST(e.model_free_lower_bound < c.exact());
  BOOST_TEST((e.ci_low <= c.exact() && c.exact() <= e.ci_high));
}

BOOST_AUTO_TEST_CASE(exit_points_lie_on_the_boundary_side_the_estimator_uses) {
  const auto result = kCases[3].run(ExitEstimator::discrete, 0.01, 500, 0.95, 3, 0, true);
  for (std::size_t p = 0; p < 500; ++p) {
    const double x = result.exit_points[2 * p], y = result.exit_points[2 * p + 1];
    BOOST_TEST(x * x + y * y >= 1.0);  // discrete: the first grid point outside the unit disc
  }
}

BOOST_AUTO_TEST_CASE(invalid_problems_are_rejected) {
  const OuCase& c = kCases[3];
  ldv::ExitTimeProblem problem{c.model(), ldv::Ball(ldv::Vector::Zero(2), 1.0), ldv::Vector::Zero(2), 0.5, 0.01,
                               10.0, ExitEstimator::discrete};
  auto rejects = [&](ldv::ExitTimeProblem p, ldv::MonteCarloSettings s = {}) {
    BOOST_CHECK_THROW(ldv::estimate_exit_time(p, s), ldv::InvalidInput);
  };
  auto p = problem;
  p.eps = -1;
  rejects(p);
  p = problem;
  p.eps = std::nan("");
  rejects(p);
  p = problem;
  p.step = 0;
  rejects(p);
  p = problem;
  p.start = ldv::Vector::Constant(2, 0.9);  // |start| = 1.27 > 1
  rejects(p);
  p = problem;
  p.start = ldv::Vector::Zero(3);
  rejects(p);
  p = problem;
  p.max_time = 0.001;  // shorter than one step
  rejects(p);
  p = problem;
  p.max_time = 1e20;  // 1e22 steps per path
  rejects(p);
  rejects(problem, {0, 1, 0, 0.95, false});   // no paths
  rejects(problem, {10, 1, -1, 0.95, false});  // negative threads
  rejects(problem, {10, 1, 0, 1.5, false});    // confidence outside (0, 1)
  BOOST_CHECK_THROW(ldv::Ball(ldv::Vector::Zero(2), -1.0), ldv::InvalidInput);
}

// ---- Step-size validity: input that would give a silently wrong answer is refused,
// a step that is valid but not small is warned about (validate, exit_time.hpp).

namespace {

// b = −x, D = `diffusion` (2-D), ball of radius `radius` around 0, started at `start`.
ldv::ExitTimeProblem unit_hessian_problem(double eps, double step, ExitEstimator estimator,
                                          const std::string& diffusion = R"("identity")", double radius = 1.0,
                                          ldv::Vector start = ldv::Vector::Zero(2)) {
  return {ldv::parse_model_spec(R"({"kind":"quadratic","hessian":[[1,0],[0,1]],"diffusion":)" + diffusion + "}"),
          ldv::Ball(ldv::Vector::Zero(2), radius), std::move(start), eps, step, 100.0, estimator};
}
const ldv::MonteCarloSettings kFewPaths{100, 1, 0, 0.95, false};

bool contains(const std::string& text, const std::string& fragment) { return text.find(fragment) != std::string::npos; }

// ε for which the Gobet–Menozzi shift c₀√(εh v) equals `shift`.
double eps_for_shift(double shift, double step, double normal_variance = 1.0) {
  const double s = shift / ldv::gobet_menozzi_constant();
  return s * s / (step * normal_variance);
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_two_reported_silent_wrong_answers_are_refused) {
  // `--step 10` on a unit Hessian gave mean 0 with a zero-width interval; a Hessian of
  // 1e308 with h = 0.01 gave mean 0.02 (explicit Euler diverged).
  const std::string step_10 =
      invalid_input_message([] { ldv::estimate_exit_time(unit_hessian_problem(0.5, 10.0, ExitEstimator::gobet_menozzi), kFewPaths); });
  BOOST_TEST(contains(step_10, "step h = 10 "), step_10);
  BOOST_TEST(contains(step_10, "h·ρ(∇b) = 10 >= 2"), step_10);
  ldv::ExitTimeProblem huge{ldv::parse_model_spec(R"({"kind":"quadratic","hessian":[[1e308,0],[0,1e308]]})"),
                            ldv::Ball(ldv::Vector::Zero(2), 1.0), ldv::Vector::Zero(2), 0.5, 0.01, 100.0,
                            ExitEstimator::gobet_menozzi};
  const std::string hessian_1e308 = invalid_input_message([&] { ldv::estimate_exit_time(huge, kFewPaths); });
  BOOST_TEST(contains(hessian_1e308, "step h = 0.01 "), hessian_1e308);
  BOOST_TEST(contains(hessian_1e308, "ρ(∇b) = 1e+308"), hessian_1e308);
}

BOOST_AUTO_TEST_CASE(a_shift_that_swallows_the_start_point_is_refused_for_gobet_menozzi_only) {
  const double step = 0.01;  // h·ρ(∇b) = 0.01: only the shift matters here
  const std::string refused = invalid_input_message(
      [&] { ldv::validate(unit_hessian_problem(eps_for_shift(1.01, step), step, ExitEstimator::gobet_menozzi), kFewPaths); });
  BOOST_TEST(contains(refused, "not smaller than its distance 1 to the boundary"), refused);
  BOOST_TEST(contains(refused, "step = 0.01"), refused);
  // Just inside: accepted, with the warning of a large shift.
  const auto nearly = ldv::validate(unit_hessian_problem(eps_for_shift(0.99, step), step, ExitEstimator::gobet_menozzi), kFewPaths);
  BOOST_REQUIRE_EQUAL(nearly.size(), 1u);
  BOOST_TEST(contains(nearly[0], "is 99% of its distance 1"), nearly[0]);
  // The discrete and bridge estimators apply no shift.
  for (ExitEstimator estimator : {ExitEstimator::discrete, ExitEstimator::bridge})
    BOOST_TEST(ldv::validate(unit_hessian_problem(eps_for_shift(1.01, step), step, estimator), kFewPaths).empty());
}

BOOST_AUTO_TEST_CASE(the_shift_warning_starts_above_ten_percent_of_the_distance) {
  const double step = 0.01;
  BOOST_TEST(ldv::validate(unit_hessian_problem(eps_for_shift(0.099, step), step, ExitEstimator::gobet_menozzi), kFewPaths)
                 .empty());
  const auto beyond = ldv::validate(unit_hessian_problem(eps_for_shift(0.101, step), step, ExitEstimator::gobet_menozzi), kFewPaths);
  BOOST_REQUIRE_EQUAL(beyond.size(), 1u);
  BOOST_TEST(contains(beyond[0], "= 0.101 at the start point is 10.1% of its distance 1"), beyond[0]);
}

BOOST_AUTO_TEST_CASE(the_shift_uses_the_normal_through_the_start_point_or_the_worst_direction_at_the_centre) {
  // D = diag(4, 1). From (0, 0.5) the normal is (0, 1): |σᵀn|² = 1, distance 0.5; a shift
  // of 9% of it with |σᵀn|² = 1 would be 18% with the worst direction (|σᵀn|² = 4).
  const double step = 0.01, eps = eps_for_shift(0.09 * 0.5, step);
  const std::string diffusion = "[[4,0],[0,1]]";
  BOOST_TEST(ldv::validate(unit_hessian_problem(eps, step, ExitEstimator::gobet_menozzi, diffusion, 1.0,
                                                (ldv::Vector(2) << 0.0, 0.5).finished()),
                           kFewPaths)
                 .empty());
  // From the centre every direction is normal: the worst, λ_max(D) = 4, doubles a 9% shift.
  const double eps_centre = eps_for_shift(0.09, step);
  const auto centre = ldv::validate(unit_hessian_problem(eps_centre, step, ExitEstimator::gobet_menozzi, diffusion), kFewPaths);
  BOOST_REQUIRE_EQUAL(centre.size(), 1u);
  BOOST_TEST(contains(centre[0], "is 18% of its distance 1"), centre[0]);
}

BOOST_AUTO_TEST_CASE(the_euler_warning_starts_above_h_rho_of_one_fifth) {
  const double eps = 0.01;  // shift c₀√(0.01 h) ≤ 0.027: below 10% of the distance 1
  BOOST_TEST(ldv::validate(unit_hessian_problem(eps, 0.199, ExitEstimator::gobet_menozzi), kFewPaths).empty());
  const auto beyond = ldv::validate(unit_hessian_problem(eps, 0.201, ExitEstimator::gobet_menozzi), kFewPaths);
  BOOST_REQUIRE_EQUAL(beyond.size(), 1u);
  BOOST_TEST(contains(beyond[0], "step h = 0.201 gives h·ρ(∇b) = 0.201 > 0.2"), beyond[0]);
  // The warnings reach the result.
  const auto result = ldv::estimate_exit_time(unit_hessian_problem(eps, 0.201, ExitEstimator::gobet_menozzi), kFewPaths);
  BOOST_TEST(result.warnings == beyond);
}

BOOST_AUTO_TEST_CASE(non_linear_drifts_take_the_larger_spectral_radius_of_start_and_centre) {
  // Maier–Stein, β = 10, ball around the attractor (−1, 0): ∇b(−1, 0) = −2I (ρ = 2);
  // at (−1, 0.3) ∇b = [[−2.9, 6], [0.6, −2]], eigenvalues −0.5 and −4.4 (ρ = 4.4).
  // h = 0.5: h ρ = 1 at the centre alone, 2.2 with the start point: refused.
  const ldv::ExitTimeProblem problem{ldv::parse_model_spec(R"({"kind":"maier_stein","beta":10})"),
                                     ldv::Ball((ldv::Vector(2) << -1.0, 0.0).finished(), 0.6),
                                     (ldv::Vector(2) << -1.0, 0.3).finished(), 0.01, 0.5, 100.0,
                                     ExitEstimator::discrete};
  const std::string message = invalid_input_message([&] { ldv::validate(problem, kFewPaths); });
  BOOST_TEST(contains(message, "h·ρ(∇b) = 2.2 >= 2 with ρ(∇b) = 4.4"), message);
  BOOST_TEST(contains(message, "at the start point and the ball's centre"), message);
}

BOOST_AUTO_TEST_CASE(custom_models_are_warned_about_not_refused) {
  // b = −100x by hand: ρ(∇b) ≈ 100 by finite differences. h = 0.05 (h ρ ≈ 5) would be
  // refused for a built-in model; a user callable's Jacobian is only estimated, so warn.
  const ldv::Model stiff(ldv::CustomModel(
      2, [](const double* x, double* b) { b[0] = -100.0 * x[0]; b[1] = -100.0 * x[1]; },
      [](const double*, double* sigma) { sigma[0] = 1.0; sigma[1] = 0.0; sigma[2] = 0.0; sigma[3] = 1.0; }));
  const ldv::ExitTimeProblem problem{stiff, ldv::Ball(ldv::Vector::Zero(2), 1.0), ldv::Vector::Zero(2), 0.01, 0.05, 100.0,
                                     ExitEstimator::discrete};
  const auto warnings = ldv::validate(problem, kFewPaths);
  BOOST_REQUIRE_EQUAL(warnings.size(), 1u);
  BOOST_TEST(contains(warnings[0], "h·ρ(∇b) ≈ 5 >= 2"), warnings[0]);
  BOOST_TEST(contains(warnings[0], "estimated by finite differences"), warnings[0]);
}

BOOST_AUTO_TEST_CASE(the_checks_own_ladders_give_no_warning) {
  // Every rung of the exit-time checks' ladders (proofs_checks/: escape Theorem 1 with
  // C = I and C = H, regularizer Example 3.1), built by their own barrier_ladder with
  // h = step_fraction/λ_max and ε from V₀/3 down to V₀/8 (quick) or V₀/10 (full).
  struct CheckCase {
    ldv::Matrix hessian, diffusion;
    double radius, barrier, largest_rate;
  };
  auto diag = [](double a, double b) { return (ldv::Matrix(2, 2) << a, 0.0, 0.0, b).finished(); };
  const ldv::Matrix tilted = (ldv::Matrix(2, 2) << 2.0, 0.5, 0.5, 1.5).finished();
  const double tilted_min = (3.5 - std::sqrt(0.5)) / 2, tilted_max = (3.5 + std::sqrt(0.5)) / 2;  // eigenvalues
  const ldv::Matrix identity = ldv::Matrix::Identity(2, 2);
  std::vector<CheckCase> cases = {
      // escape_theorem1_isotropic.cpp, C = I: V₀ = r² λ_min(H)
      {diag(1, 2.5), identity, 1.0, 1.0, 2.5},
      {diag(3, 5), identity, 1.0, 3.0, 5.0},
      {tilted, identity, 1.4, 1.96 * tilted_min, tilted_max},
      // escape_theorem1_anisotropic.cpp, C = H: V₀ = r²
      {diag(1, 2.5), diag(1, 2.5), 1.0, 1.0, 2.5},
      {diag(4, 10), diag(4, 10), 1.0, 1.0, 10.0},
      {diag(1, 2.5), diag(1, 2.5), 1.4, 1.96, 2.5},
  };
  for (double mu : {1.0, 1.5, 1.9})  // regularizer_example3_1.cpp: H = 2I, D = diag(μ, 2 − μ), V₀ = 2/max(μ, 2 − μ)
    cases.push_back({2.0 * identity, diag(mu, 2.0 - mu), 1.0, 2.0 / std::max(mu, 2.0 - mu), 2.0});
  for (const auto profile : {ldv::verify::Profile::quick, ldv::verify::Profile::full})
    for (const CheckCase& c : cases) {
      const ldv::Model model(ldv::QuadraticModel(c.hessian, c.diffusion, "matrix"));
      ldv::verify::CheckContext context;
      context.profile = profile;
      const auto ladder = ldv::checks::barrier_ladder(context, {model, c.radius, c.largest_rate, "case", "case"},
                                                      c.barrier);
      for (std::size_t i = 0; i < ladder.eps.size(); ++i) {
        const ldv::ExitTimeProblem rung{ladder.model, ldv::Ball(ladder.center, ladder.radius), ladder.center,
                                        ladder.eps[i], ladder.steps[i], ladder.max_time, ladder.estimator};
        const auto warnings = ldv::validate(rung, {ladder.paths, 1, 0, 0.95, false});
        BOOST_TEST_INFO(ldv::verify::to_string(profile) << ", H = " << c.hessian(0, 0) << "," << c.hessian(1, 1) << ", eps = " << ladder.eps[i]
                                << ", h = " << ladder.steps[i]);
        BOOST_TEST(warnings.empty(), (warnings.empty() ? "" : warnings[0]));
      }
    }
}
