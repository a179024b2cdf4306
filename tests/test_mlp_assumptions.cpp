// The network's assumptions (escape paper, Assumptions 1 and 7) as library functions, on cases with known
// answers: lib/ldv/mlp/quadratic_deviation (how quadratic a loss is on a sphere) and lib/ldv/mlp/noise_factor
// (G = H⁻¹C, its commutator with H and Theorem 3's constants c₁, c₂). Every number here is exact linear
// algebra or a closed form; no statistical tolerance (the random directions only choose where to look, and the
// bounds asserted hold for every direction).
#define BOOST_TEST_MODULE mlp_assumptions
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <vector>

#include "invalid_input_message.hpp"
#include "ldv/core/matrix_functions.hpp"
#include "ldv/mlp/noise_factor.hpp"
#include "ldv/mlp/quadratic_deviation.hpp"

using namespace ldv;

namespace {

Matrix diagonal(std::vector<double> v) { return Eigen::Map<Vector>(v.data(), static_cast<Eigen::Index>(v.size())).asDiagonal(); }

Matrix rotation(double angle) {
  Matrix r(2, 2);
  r << std::cos(angle), -std::sin(angle), std::sin(angle), std::cos(angle);
  return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_exactly_quadratic_loss_deviates_by_rounding_only) {
  const Matrix h = diagonal({1.0, 4.0, 9.0});
  const Vector theta0 = Vector::Constant(3, 0.3);
  auto loss = [&](const Vector& t) { return 2.5 + 0.5 * (t - theta0).dot(h * (t - theta0)); };
  const mlp::SphereDeviation s = mlp::quadratic_deviation_on_sphere(loss, theta0, h, 0.1, 50, 7);
  BOOST_TEST(s.random.size() == 50u);
  BOOST_TEST(s.largest_rounding > 0.0);
  for (double d : s.random) BOOST_TEST(d <= s.largest_rounding);
  BOOST_TEST(s.along_lambda_min <= s.largest_rounding);
  BOOST_TEST(s.along_lambda_max <= s.largest_rounding);
}

BOOST_AUTO_TEST_CASE(a_cubic_term_gives_its_closed_form_deviation) {
  // L(θ) = ½θᵀHθ + c θ₁³, θ₀ = 0, H = diag(1, 4, 9): along ±r e₁ (λ_min's eigenvector) δ = |c| r³ / (½ r²) = 2|c|r;
  // along e₃ (λ_max) δ = 0; along any u with |u| = r, δ = |c u₁³| / (½uᵀHu) ≤ |c||u₁|³/(½u₁²) ≤ 2|c|r.
  const Matrix h = diagonal({1.0, 4.0, 9.0});
  const double c = 0.2, r = 0.3;
  auto loss = [&](const Vector& t) { return 0.5 * t.dot(h * t) + c * t(0) * t(0) * t(0); };
  const mlp::SphereDeviation s = mlp::quadratic_deviation_on_sphere(loss, Vector::Zero(3), h, r, 200, 11);
  const double tolerance = 1e-12;  // rounding of sums of three terms of size ≤ 1 (far above 8 ulps)
  BOOST_TEST(std::abs(s.along_lambda_min - 2 * c * r) <= tolerance);
  BOOST_TEST(s.along_lambda_max <= tolerance);
  for (double d : s.random) BOOST_TEST(d <= 2 * c * r + tolerance);
  BOOST_TEST(mlp::empirical_quantile(s.random, 1.0) > 0.0);
}

BOOST_AUTO_TEST_CASE(a_quartic_term_deviates_equally_in_every_direction) {
  // L(θ) = ½|θ|² + c|θ|⁴, H = I: on |u| = r, δ = c r⁴ / (½r²) = 2cr² for every u.
  const double c = 0.5, r = 0.2;
  auto loss = [&](const Vector& t) { return 0.5 * t.squaredNorm() + c * t.squaredNorm() * t.squaredNorm(); };
  const mlp::SphereDeviation s = mlp::quadratic_deviation_on_sphere(loss, Vector::Zero(4), Matrix::Identity(4, 4), r, 20, 3);
  for (double d : s.random) BOOST_TEST(std::abs(d - 2 * c * r * r) <= 1e-12);
}

BOOST_AUTO_TEST_CASE(the_deviation_refuses_bad_input_naming_it) {
  auto loss = [](const Vector& t) { return t.squaredNorm(); };
  const Matrix h = Matrix::Identity(2, 2);
  BOOST_TEST(invalid_input_message([&] { mlp::quadratic_deviation_on_sphere(loss, Vector::Zero(2), h, 0.0, 5, 1); })
                 .find("radius 0") != std::string::npos);
  BOOST_TEST(invalid_input_message([&] { mlp::quadratic_deviation_on_sphere(loss, Vector::Zero(2), h, 1.0, 0, 1); })
                 .find("0 directions") != std::string::npos);
  BOOST_TEST(invalid_input_message([&] {
               mlp::quadratic_deviation_on_sphere(loss, Vector::Zero(2), diagonal({-1.0, 1.0}), 1.0, 5, 1);
             }).find("λ_min(H) = -1") != std::string::npos);
  BOOST_TEST(invalid_input_message([&] { mlp::relative_quadratic_deviation(loss, Vector::Zero(2), 0.0, h, Vector::Zero(2)); })
                 .find("expected > 0") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(empirical_quantiles_interpolate_between_order_statistics) {
  BOOST_TEST(mlp::empirical_quantile({3.0, 1.0, 2.0}, 0.5) == 2.0);
  BOOST_TEST(mlp::empirical_quantile({3.0, 1.0, 2.0}, 0.25) == 1.5);
  BOOST_TEST(mlp::empirical_quantile({3.0, 1.0, 2.0}, 1.0) == 3.0);
  BOOST_TEST(invalid_input_message([] { mlp::empirical_quantile({}, 0.5); }) != "accepted");
  BOOST_TEST(invalid_input_message([] { mlp::empirical_quantile({1.0}, 1.5); }).find("p = 1.5") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_commuting_factor_has_no_commutator_and_its_own_bounds) {
  // H = diag(1, 4), C = diag(2, 2): G = H⁻¹C = diag(2, 0.5), commutes with H; c₁ = 0.5, c₂ = 2.
  const mlp::NoiseFactor f = mlp::noise_factor(diagonal({2.0, 2.0}), diagonal({1.0, 4.0}));
  BOOST_TEST(f.commutator <= 1e-15);
  BOOST_TEST(f.g_asymmetry <= 1e-15);
  BOOST_TEST(std::abs(f.c1 - 0.5) <= 1e-14);
  BOOST_TEST(std::abs(f.c2 - 2.0) <= 1e-14);
  BOOST_TEST(f.lambda_min_h == 1.0);
}

BOOST_AUTO_TEST_CASE(a_non_commuting_factor_is_measured_with_the_same_bounds) {
  // C = H^{1/2} G_s H^{1/2} with G_s = R₄₅ diag(2, 0.5) R₄₅ᵀ, H = diag(1, 4): c₁ = 0.5, c₂ = 2 (spectrum of G_s);
  // G = H⁻¹C = H^{-1/2} G_s H^{1/2} does not commute with H and is not symmetric.
  const Matrix h = diagonal({1.0, 4.0});
  const Matrix r = rotation(std::acos(-1.0) / 4);
  const Matrix gs = r * diagonal({2.0, 0.5}) * r.transpose();
  const Matrix root = symmetric_power("H", h, 0.5);
  const Matrix c = root * gs * root;
  const mlp::NoiseFactor f = mlp::noise_factor(c, h);
  BOOST_TEST(std::abs(f.c1 - 0.5) <= 1e-13);
  BOOST_TEST(std::abs(f.c2 - 2.0) <= 1e-13);
  // By hand: G_s = [[1.25, 0.75], [0.75, 1.25]], C = [[1.25, 1.5], [1.5, 5]], G = H⁻¹C = [[1.25, 1.5], [0.375, 1.25]],
  // HG − GH = [[0, −4.5], [1.125, 0]], G − Gᵀ = [[0, 1.125], [−1.125, 0]].
  BOOST_TEST(std::abs(f.commutator - std::sqrt((4.5 * 4.5 + 1.125 * 1.125) / 31.0625)) <= 1e-14);
  BOOST_TEST(std::abs(f.g_asymmetry - std::sqrt(2 * 1.125 * 1.125 / 5.515625)) <= 1e-14);
  BOOST_TEST(f.commutator > 0.1);
  BOOST_TEST(f.g_asymmetry > 0.1);
}

BOOST_AUTO_TEST_CASE(the_noise_factor_refuses_bad_input_naming_it) {
  BOOST_TEST(invalid_input_message([] { mlp::noise_factor(diagonal({1.0, 1.0}), diagonal({1.0, 0.0})); })
                 .find("λ_min(H) = 0") != std::string::npos);
  BOOST_TEST(invalid_input_message([] { mlp::noise_factor(diagonal({1.0}), diagonal({1.0, 1.0})); })
                 .find("C is 1×1 and H is 2×2") != std::string::npos);
  BOOST_TEST(invalid_input_message([] { mlp::noise_factor(Matrix::Zero(2, 2), diagonal({1.0, 1.0})); })
                 .find("C = 0") != std::string::npos);
}
