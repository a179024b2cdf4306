// The matrix-statement search (measure/spectral, measure/matrix_pair_classes,
// measure/matrix_inequality_search): the spectral functions on matrices with known spectra, each
// class of pairs has the properties it promises, the search certifies a statement that is false
// and never certifies one that is proved, and its result does not depend on the thread count.
// Nothing here is statistical: the search is deterministic per seed, and a counterexample is
// exact evidence (re-verified in long double).
#define BOOST_TEST_MODULE matrix_search
#include <boost/test/unit_test.hpp>
#include <fmt/format.h>
#include <cmath>

#include "invalid_input_message.hpp"
#include "ldv/measure/matrix_inequality_search.hpp"

using namespace ldv;
using namespace ldv::measure;

namespace {

// λ_min(AB) ≥ λ_min(A) λ_min(B): true for SPD A, B (AB is similar to A^{1/2}BA^{1/2}, whose
// Rayleigh quotient is ≥ λ_min(B)|A^{1/2}x|²/|x|² ≥ λ_min(A)λ_min(B)).
MatrixStatement product_lower_bound() {
  return matrix_statement("λ_min(AB) ≥ λ_min(A) λ_min(B)", "λ_min(AB)", "λ_min(A) λ_min(B)", Claimed::at_least,
                          [](const auto& a, const auto& b) { return sides(lambda_min(a * b), lambda_min(a) * lambda_min(b)); });
}

// λ_min(AB) ≥ λ_max(A) λ_min(B): false for SPD A, B unless A ∝ I (B = I gives λ_min(A) ≥ λ_max(A)).
MatrixStatement false_bound() {
  return matrix_statement("λ_min(AB) ≥ λ_max(A) λ_min(B)", "λ_min(AB)", "λ_max(A) λ_min(B)", Claimed::at_least,
                          [](const auto& a, const auto& b) { return sides(lambda_min(a * b), lambda_max(a) * lambda_min(b)); });
}

MatrixSearchSettings small_search(std::vector<MatrixPairClass> classes, int threads) {
  MatrixSearchSettings s;
  s.classes = std::move(classes);
  s.max_dimension = 8;
  s.trials = 200;
  s.optimiser_steps = 60;
  s.seed = 2024;
  s.threads = threads;
  return s;
}

}  // namespace

BOOST_AUTO_TEST_CASE(spectral_functions_on_known_spectra) {
  Matrix a(2, 2);
  a << 2, 1, 0, 3;  // triangular: spectrum {2, 3}
  BOOST_TEST(lambda_min(a) == 2.0, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(lambda_max(a) == 3.0, boost::test_tools::tolerance(1e-14));
  Matrix rotation(2, 2);
  rotation << 0, -1, 1, 0;  // spectrum ±i: λ_min has no meaning
  BOOST_TEST(std::isnan(lambda_min(rotation)));
  // The principal square root, squared, is the matrix (symmetric and non-symmetric branch).
  const Matrix root = principal_power(a, 0.5);
  BOOST_TEST((root * root - a).norm() < 1e-13);
  Matrix spd(2, 2);
  spd << 4, 1, 1, 3;
  const Matrix inverse_root = principal_power(spd, -0.5);
  BOOST_TEST((inverse_root * spd * inverse_root - Matrix::Identity(2, 2)).norm() < 1e-13);
  BOOST_TEST(std::isnan(principal_power(rotation, 0.5)(0, 0)));
  // The long-double overloads agree with the double ones.
  const MatrixOf<long double> al = a.cast<long double>();
  BOOST_TEST(static_cast<double>(lambda_min(al)) == 2.0, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(symmetric_part(a)(0, 1) == 0.5);
  BOOST_TEST(relative_difference(a, a) == 0.0);
}

// G = H⁻¹C is similar to S = H^{-1/2}CH^{-1/2} (SPD), so G^p = H^{-1/2} S^p H^{1/2} exactly: the
// non-symmetric branch of principal_power against that formula, in both precisions.
BOOST_AUTO_TEST_CASE(principal_power_of_a_product_of_spd_matrices) {
  Matrix h(3, 3), c(3, 3);
  h << 4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2;
  c << 2, -0.3, 0.4, -0.3, 1, 0.1, 0.4, 0.1, 3;
  const Matrix g = h.inverse() * c;
  const Matrix h_half = principal_power(h, 0.5), h_minus_half = principal_power(h, -0.5);
  const Matrix s = h_minus_half * c * h_minus_half;
  for (double p : {0.5, -0.5}) {
    const Matrix exact = h_minus_half * principal_power(Matrix(0.5 * (s + s.transpose())), p) * h_half;
    BOOST_TEST((principal_power(g, p) - exact).norm() < 1e-12 * exact.norm());
    const MatrixOf<long double> gl = g.cast<long double>();
    const Matrix in_long = principal_power(gl, static_cast<long double>(p)).cast<double>();
    BOOST_TEST((in_long - exact).norm() < 1e-12 * exact.norm());
  }
}

BOOST_AUTO_TEST_CASE(each_class_builds_what_it_promises) {
  const double kMax = 1e4;
  for (int d : {2, 5}) {
    for (MatrixPairClass c : {MatrixPairClass::spd, MatrixPairClass::spd_commuting, MatrixPairClass::symmetric_indefinite,
                              MatrixPairClass::positive_spectrum, MatrixPairClass::covariance_factor,
                              MatrixPairClass::covariance_factor_commuting}) {
      Vector p(parameter_count(c, d));
      for (Eigen::Index i = 0; i < p.size(); ++i) p(i) = std::sin(1.7 * static_cast<double>(i) + d);  // fixed, varied
      const MatrixPair pair = matrix_pair(c, d, p, kMax);
      BOOST_TEST_CONTEXT(to_string(c) << ", d = " << d) {
        BOOST_TEST(pair.conditioning >= 1.0);
        const Matrix& a = pair.a;
        const Matrix& b = pair.b;
        switch (c) {
          case MatrixPairClass::spd:
          case MatrixPairClass::spd_commuting:
            BOOST_TEST((a == a.transpose() && b == b.transpose()));
            BOOST_TEST((lambda_min(a) > 0.0 && lambda_min(b) > 0.0));
            BOOST_TEST(lambda_max(a) / lambda_min(a) <= kMax * (1 + 1e-9));
            if (c == MatrixPairClass::spd_commuting) BOOST_TEST((a * b - b * a).norm() < 1e-10 * (a * b).norm());
            break;
          case MatrixPairClass::symmetric_indefinite:
            BOOST_TEST((a == a.transpose() && b == b.transpose()));
            BOOST_TEST((lambda_min(a) < 0.0 && lambda_max(a) > 0.0 && lambda_min(b) < 0.0 && lambda_max(b) > 0.0));
            break;
          case MatrixPairClass::positive_spectrum:
            BOOST_TEST((a - a.transpose()).norm() > 1e-3 * a.norm());
            BOOST_TEST((lambda_min(a) > 0.0 && lambda_min(b) > 0.0));
            break;
          case MatrixPairClass::covariance_factor:
          case MatrixPairClass::covariance_factor_commuting: {
            const Matrix c_matrix = a * b;  // C = HG must be a covariance
            BOOST_TEST((c_matrix - c_matrix.transpose()).norm() < 1e-10 * c_matrix.norm());
            BOOST_TEST((lambda_min(a) > 0.0 && lambda_min(b) > 0.0));
            const bool commuting = (a * b - b * a).norm() < 1e-10 * (a * b).norm();
            BOOST_TEST(commuting == (c == MatrixPairClass::covariance_factor_commuting));
            break;
          }
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(the_search_certifies_a_false_statement_and_prints_it_exactly) {
  const MatrixSearchResult r = search_matrix_statement(false_bound(), small_search({MatrixPairClass::spd}, 0));
  const ClassSearch& spd = r.of(MatrixPairClass::spd);
  BOOST_TEST_MESSAGE("false bound on SPD: " << spd.max_violation.method);
  BOOST_TEST(spd.worst.certified());
  BOOST_TEST(spd.max_violation.at(0.999).low > 0.0);
  BOOST_REQUIRE(spd.smallest.has_value());
  BOOST_TEST(spd.smallest->dimension() == 2);
  // The printed matrices are the pair (17 significant digits round-trip a double) and the sides recompute.
  const std::string text = spd.smallest->text(false_bound());
  BOOST_TEST(text.find(fmt::format("{:.17g}", spd.smallest->a(0, 0))) != std::string::npos);
  const Sides<double> again = false_bound().in_double(spd.smallest->a, spd.smallest->b);
  BOOST_TEST(again.lhs == spd.smallest->lhs);
  BOOST_TEST(again.lhs < again.rhs);
}

BOOST_AUTO_TEST_CASE(the_search_never_certifies_a_proved_statement) {
  const MatrixSearchResult r = search_matrix_statement(
      product_lower_bound(), small_search({MatrixPairClass::spd, MatrixPairClass::spd_commuting}, 0));
  for (const ClassSearch& c : r.classes) {
    BOOST_TEST_MESSAGE(to_string(c.pair_class) << ": " << c.max_violation.value << " ± " << c.worst.error_bound);
    BOOST_TEST(!c.worst.certified());
    BOOST_TEST(!c.smallest.has_value());
    BOOST_TEST(c.max_violation.at(0.5).low <= 0.0);
  }
  // …while the same statement fails for symmetric indefinite pairs (diag(−2, 1), diag(1, −3) already does).
  const MatrixSearchResult indefinite =
      search_matrix_statement(product_lower_bound(), small_search({MatrixPairClass::symmetric_indefinite}, 0));
  BOOST_TEST(indefinite.classes.front().worst.certified());
}

BOOST_AUTO_TEST_CASE(the_result_is_the_same_for_any_thread_count) {
  const auto one = search_matrix_statement(false_bound(), small_search({MatrixPairClass::positive_spectrum}, 1));
  const auto two = search_matrix_statement(false_bound(), small_search({MatrixPairClass::positive_spectrum}, 2));
  const ClassSearch& a = one.classes.front();
  const ClassSearch& b = two.classes.front();
  BOOST_TEST(a.admissible == b.admissible);
  BOOST_REQUIRE(a.candidates.size() == b.candidates.size());
  for (std::size_t i = 0; i < a.candidates.size(); ++i) {
    BOOST_TEST(a.candidates[i].violation == b.candidates[i].violation);  // bitwise
    BOOST_TEST((a.candidates[i].a == b.candidates[i].a));
  }
}

BOOST_AUTO_TEST_CASE(bad_settings_are_named) {
  MatrixSearchSettings s = small_search({MatrixPairClass::spd}, 0);
  s.max_dimension = 60;
  BOOST_TEST(invalid_input_message([&] { search_matrix_statement(false_bound(), s); }) ==
             "matrix search: dimensions [2, 60] must satisfy 2 <= min <= max <= 50");
  s = small_search({}, 0);
  BOOST_TEST(invalid_input_message([&] { search_matrix_statement(false_bound(), s); }) ==
             "matrix search: no class of pairs to search (classes is empty)");
  BOOST_TEST(invalid_input_message([] { matrix_pair(MatrixPairClass::spd, 2, Vector::Zero(3), 10.0); }) ==
             "spd pair of dimension 2 needs 14 parameters, got 3");
  BOOST_TEST(invalid_input_message([] { parse_matrix_pair_class("hermitian"); }).find("\"hermitian\" is not one of") !=
             std::string::npos);
}
