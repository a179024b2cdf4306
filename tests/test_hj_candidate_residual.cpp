// Unit tests of measure::exact_candidate_residual and measure::quasipotential_residual
// (lib/ldv/measure/hj_candidate_residual.hpp). Deterministic. Reference: Example 3.1 of the implicit-regularizer
// paper (f = x₁² + x₂², D = diag(μ, 2 − μ), μ = 1.5), whose quasi-potential V = 2[x₁²/μ + x₂²/(2 − μ)]
// (Lyapunov) solves eq. (26) exactly, while 2f does not: with ∇(2f) = 4x,
//   R = ½·16(μx₁² + (2 − μ)x₂²) − 8|x|² = 8((μ − 1)x₁² + (1 − μ)x₂²),  scale = 8(μx₁² + (2 − μ)x₂²) + 8|x|²,
// so at x = (0.5, 0): r = 8·0.5·0.25/(8·1.5·0.25 + 8·0.25) = 1/5.
// The gMAM-based measurement must cover the exact r (0 in eq. 26; the Lyapunov V's residual in the
// C^{1/2} equation otherwise) within its own interval at 99.9%, and that interval must be narrow.
#define BOOST_TEST_MODULE hj_candidate_residual
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "invalid_input_message.hpp"
#include "ldv/measure/hj_candidate_residual.hpp"
#include "ldv/models/quadratic.hpp"

namespace {

constexpr double kMu = 1.5;
ldv::Matrix diag2(double a, double b) { return (ldv::Matrix(2, 2) << a, 0, 0, b).finished(); }
ldv::Model example(const ldv::Matrix& d) { return ldv::Model(ldv::QuadraticModel(diag2(2, 2), d, "matrix")); }
ldv::Vector lyapunov_gradient(const ldv::Vector& x) {
  return (ldv::Vector(2) << 4 * x(0) / kMu, 4 * x(1) / (2 - kMu)).finished();
}
ldv::Matrix ring() {
  ldv::Matrix p(2, 4);
  p << 0.5, 0.0, -0.3, 0.35, 0.0, 0.5, 0.4, -0.35;
  return p;
}

}  // namespace

BOOST_AUTO_TEST_CASE(closed_form_candidates) {
  const ldv::Model m = example(diag2(kMu, 2 - kMu));
  const auto v = ldv::measure::exact_candidate_residual(m, lyapunov_gradient, ring(), "V");
  BOOST_TEST(v.max_relative.value <= 1e-14);
  ldv::Matrix x(2, 1);
  x << 0.5, 0.0;
  const auto two_f = ldv::measure::exact_candidate_residual(m, [](const ldv::Vector& y) { return ldv::Vector(4 * y); }, x, "2f");
  BOOST_TEST(std::abs(two_f.max_relative.value - 0.2) <= 1e-14);
  // φ ≡ 0 solves eq. (26) too (r = 0 where ∇V = 0): the equation alone does not pick the quasi-potential.
  const auto zero = ldv::measure::exact_candidate_residual(m, [](const ldv::Vector& y) { return ldv::Vector(ldv::Vector::Zero(y.size())); }, ring(), "0");
  BOOST_TEST(zero.max_relative.value == 0.0);
}

BOOST_AUTO_TEST_CASE(gmam_quasipotential_solves_its_equation_and_not_the_square_root_variant) {
  const ldv::Model m = example(diag2(kMu, 2 - kMu));
  const auto r = ldv::measure::quasipotential_residual(m, ldv::Vector::Zero(2), ring(), "gMAM V");
  const ldv::Interval i = r.max_relative.at(0.999);
  BOOST_TEST(i.low <= 0.0, "[" << i.low << ", " << i.high << "]");
  BOOST_TEST(i.high <= 1e-3, "[" << i.low << ", " << i.high << "]");
  // The escape paper's variant: D replaced by D^{1/2} (σ = D^{1/4}); the exact residual from the Lyapunov gradient.
  const ldv::Model root = example(diag2(std::sqrt(kMu), std::sqrt(2 - kMu)));
  const double exact = ldv::measure::exact_candidate_residual(root, lyapunov_gradient, ring(), "exact").max_relative.value;
  const auto variant = ldv::measure::quasipotential_residual(m, ldv::Vector::Zero(2), ring(), "variant", {}, &root);
  const ldv::Interval j = variant.max_relative.at(0.999);
  BOOST_TEST(exact > 0.05);
  BOOST_TEST(j.low <= exact, "[" << j.low << ", " << j.high << "] vs " << exact);
  BOOST_TEST(exact <= j.high, "[" << j.low << ", " << j.high << "] vs " << exact);
}

BOOST_AUTO_TEST_CASE(bad_input_is_named) {
  const ldv::Model m = example(diag2(kMu, 2 - kMu));
  BOOST_TEST(invalid_input_message([&] { ldv::measure::exact_candidate_residual(m, lyapunov_gradient, ldv::Matrix(3, 2), "V"); })
                 .find("expected 2 rows") != std::string::npos);
  ldv::measure::QuasipotentialResidualSettings s;
  s.difference_step = 0.0;
  BOOST_TEST(invalid_input_message([&] { ldv::measure::quasipotential_residual(m, ldv::Vector::Zero(2), ring(), "V", s); })
                 .find("difference_step") != std::string::npos);
}
