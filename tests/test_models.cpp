// Model specs: the built-in kinds evaluate as the papers define them, and every
// malformed spec is rejected with a message naming the offending value.
#define BOOST_TEST_MODULE models
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ldv/core/error.hpp"
#include "ldv/models/model.hpp"
#include "ldv/models/spec_parser.hpp"

namespace {

// Asserts that parsing `spec` throws InvalidInput whose message contains `fragment`.
void expect_rejected(const std::string& spec, const std::string& fragment) {
  try {
    ldv::parse_model_spec(spec);
    BOOST_ERROR("accepted a bad spec: " << spec);
  } catch (const ldv::InvalidInput& e) {
    BOOST_TEST(std::string(e.what()).find(fragment) != std::string::npos,
               "message \"" << e.what() << "\" should mention \"" << fragment << "\"");
  }
}

ldv::Vector point(double a, double b) { return (ldv::Vector(2) << a, b).finished(); }

}  // namespace

BOOST_AUTO_TEST_CASE(quadratic_model_is_gradient_descent_on_half_theta_h_theta) {
  const auto model = ldv::parse_model_spec(
      R"({"kind":"quadratic","hessian":[[3,1],[1,2]],"diffusion":[[1.5,0.2],[0.2,0.5]]})");
  BOOST_TEST(model.kind() == "quadratic");
  BOOST_TEST(model.dimension() == 2);
  const ldv::Vector x = point(0.3, -0.7);
  const ldv::Vector b = model.drift(x);
  BOOST_TEST(b(0) == -(3 * 0.3 + 1 * -0.7), boost::test_tools::tolerance(1e-15));
  BOOST_TEST(b(1) == -(1 * 0.3 + 2 * -0.7), boost::test_tools::tolerance(1e-15));
  BOOST_TEST(*model.loss(x) == 0.5 * (3 * 0.09 + 2 * 0.3 * -0.7 + 2 * 0.49), boost::test_tools::tolerance(1e-15));
  const ldv::Matrix d = model.diffusion(x);
  BOOST_TEST(d(0, 0) == 1.5, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(d(0, 1) == 0.2, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(d(1, 1) == 0.5, boost::test_tools::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(hessian_diffusion_means_c_equals_h) {
  const auto model = ldv::parse_model_spec(R"({"kind":"quadratic","hessian":[[4,1],[1,3]],"diffusion":"hessian"})");
  const ldv::Matrix d = model.diffusion(point(0, 0));
  BOOST_TEST(d(0, 0) == 4.0, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(d(0, 1) == 1.0, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(d(1, 1) == 3.0, boost::test_tools::tolerance(1e-14));
  const auto identity = ldv::parse_model_spec(R"({"kind":"quadratic","hessian":[[4,1],[1,3]]})");
  BOOST_TEST(identity.diffusion(point(0, 0)).isIdentity(1e-15));
}

BOOST_AUTO_TEST_CASE(linear_model_accepts_a_non_symmetric_drift_matrix) {
  const auto model = ldv::parse_model_spec(R"({"kind":"linear","drift_matrix":[[1,2],[-2,1]]})");
  const ldv::Vector b = model.drift(point(1, 1));
  BOOST_TEST(b(0) == -3.0);
  BOOST_TEST(b(1) == 1.0);
  BOOST_TEST(!model.loss(point(1, 1)).has_value());  // not a gradient system
}

BOOST_AUTO_TEST_CASE(two_well_follows_example_4_1) {
  const auto model = ldv::parse_model_spec(R"({"kind":"two_well","mu1":1.9,"mu2":1.2})");
  // Inside B1 around (-2, 0): f = |x - O1|^2, b = -2(x - O1), D = diag(mu1, 2 - mu1).
  BOOST_TEST(*model.loss(point(-2.5, 0.5)) == 0.5, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(model.drift(point(-2.5, 0.5))(0) == 1.0, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(model.diffusion(point(-2.5, 0.5))(0, 0) == 1.9, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(model.diffusion(point(-2.5, 0.5))(1, 1) == 0.1, boost::test_tools::tolerance(1e-12));
  // Inside B2 around (2, 0): mu2.
  BOOST_TEST(model.diffusion(point(2.2, 0.1))(0, 0) == 1.2, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(model.drift(point(2.2, 0.1))(1) == -0.2, boost::test_tools::tolerance(1e-14));
  // Between the wells: f = 1, no drift, D = I.
  BOOST_TEST(*model.loss(point(0, 0)) == 1.0);
  BOOST_TEST(model.drift(point(0, 0)).norm() == 0.0);
  BOOST_TEST(model.diffusion(point(0, 0)).isIdentity(1e-15));
  // On the unit circle the gradient uses the closed disc (eq. 35), the diffusion the open one.
  BOOST_TEST(model.drift(point(-1, 0))(0) == -2.0);
  BOOST_TEST(model.diffusion(point(-1, 0)).isIdentity(1e-15));
}

BOOST_AUTO_TEST_CASE(maier_stein_drift) {
  const auto model = ldv::parse_model_spec(R"({"kind":"maier_stein","beta":10})");
  const ldv::Vector b = model.drift(point(0.5, 0.2));
  BOOST_TEST(b(0) == 0.5 - 0.125 - 10 * 0.5 * 0.04, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(b(1) == -(1 + 0.25) * 0.2, boost::test_tools::tolerance(1e-14));
}

// The Jacobian ∂b/∂x that the path methods use: the closed forms of the built-in
// kinds agree with central differences of their own drift (error O(h²) ≈ 1e-9 at
// h = 1e-5 for these polynomial drifts), and a custom model gets the differences.
BOOST_AUTO_TEST_CASE(drift_jacobian_matches_differences_of_the_drift) {
  const std::string specs[] = {R"({"kind":"maier_stein","beta":10})",
                               R"({"kind":"linear","drift_matrix":[[1,2],[-2,3]],"diffusion":"identity"})",
                               R"({"kind":"two_well","mu1":1.5,"mu2":1.2})"};
  for (const auto& spec : specs) {
    const auto model = ldv::parse_model_spec(spec);
    const ldv::Vector x = point(-1.7, 0.4);  // inside the left disc of two_well
    const ldv::Matrix exact = model.drift_jacobian(x);
    const double h = 1e-5;
    for (int k = 0; k < 2; ++k) {
      ldv::Vector plus = x, minus = x;
      plus(k) += h;
      minus(k) -= h;
      const ldv::Vector column = (model.drift(plus) - model.drift(minus)) / (2 * h);
      BOOST_TEST((exact.col(k) - column).norm() < 1e-8, spec << " column " << k);
    }
  }
  const ldv::Model custom(ldv::CustomModel(
      2, [](const double* x, double* b) { b[0] = -x[0] * x[0] * x[0]; b[1] = -x[0] * x[1]; },
      [](const double*, double* s) { s[0] = 1; s[1] = 0; s[2] = 0; s[3] = 1; }));
  const ldv::Matrix j = custom.drift_jacobian(point(0.5, 2.0));
  BOOST_TEST(j(0, 0) == -0.75, boost::test_tools::tolerance(1e-8));
  BOOST_TEST(std::abs(j(0, 1)) < 1e-8);
  BOOST_TEST(j(1, 0) == -2.0, boost::test_tools::tolerance(1e-8));
  BOOST_TEST(j(1, 1) == -0.5, boost::test_tools::tolerance(1e-8));
  BOOST_TEST(!custom.constant_diffusion());
  BOOST_TEST(ldv::parse_model_spec(specs[0]).constant_diffusion());
  BOOST_TEST(!ldv::parse_model_spec(specs[2]).constant_diffusion());
}

BOOST_AUTO_TEST_CASE(custom_model_uses_the_callables) {
  ldv::CustomModel custom(
      1, [](const double* x, double* b) { b[0] = -x[0] * x[0] * x[0]; },
      [](const double*, double* s) { s[0] = 2.0; }, "cubic");
  const ldv::Model model(custom);
  BOOST_TEST(model.kind() == "cubic");
  const ldv::Vector x = ldv::Vector::Constant(1, 2.0);
  BOOST_TEST(model.drift(x)(0) == -8.0);
  BOOST_TEST(model.diffusion(x)(0, 0) == 4.0);
}

BOOST_AUTO_TEST_CASE(specs_are_read_from_files_after_an_at_sign) {
  const std::string path = "ldv_test_model_spec.json";
  std::ofstream(path) << R"({"kind":"two_well","mu1":1.5,"mu2":1.1})";
  BOOST_TEST(ldv::parse_model_spec("@" + path).kind() == "two_well");
  std::remove(path.c_str());
  expect_rejected("@/no/such/ldv/spec.json", "/no/such/ldv/spec.json");
}

BOOST_AUTO_TEST_CASE(bad_specs_are_rejected_with_a_clear_message) {
  expect_rejected(R"({"kind":"quadratic","hessian":[[1,0],[0,1]],"diffusion":[[1,2],[2,1]]})", "positive definite");
  expect_rejected(R"({"kind":"quadratic","hessian":[[1,0],[0,-1]]})", "hessian must be symmetric positive definite");
  expect_rejected(R"({"kind":"quadratic","hessian":[[1,0],[1,1]]})", "symmetric");
  expect_rejected(R"({"kind":"quadratic","hessian":[[1,0,0],[0,1,0]]})", "square");
  expect_rejected(R"({"kind":"quadratic","hessian":[[1,0],[0]]})", "ragged");
  expect_rejected(R"({"kind":"quadratic","hessian":[[1,"nan"],[0,1]]})", "\"nan\"");
  expect_rejected(R"({"kind":"quadratic","hessian":[[1,0],[0,1]],"diffusion":[[1]]})", "dimension 2");
  expect_rejected(R"({"kind":"quadratic","hessian":[[1,0],[0,1]],"diffusion":"isotropic"})", "isotropic");
  expect_rejected(R"({"kind":"quadratic","hessian":[[1,0],[0,1]],"hesian":1})", "unknown field 'hesian'");
  expect_rejected(R"({"kind":"quadratic"})", "needs the field 'hessian'");
  expect_rejected(R"({"kind":"linear","drift_matrix":[[1]],"diffusion":"hessian"})", "hessian");
  expect_rejected(R"({"kind":"two_well","mu1":2.5,"mu2":1})", "mu1 = 2.5");
  expect_rejected(R"({"kind":"two_well","mu1":"x","mu2":1})", "must be a number");
  expect_rejected(R"({"kind":"banana"})", "unknown model kind 'banana'");
  expect_rejected(R"({"hessian":[[1]]})", "'kind'");
  expect_rejected(R"([1,2])", "JSON object");
  expect_rejected(R"({"kind":"quadratic",)", "malformed JSON");
  expect_rejected(R"({"kind":"maier_stein","beta":1e999})", "malformed JSON");  // out of double range
}

BOOST_AUTO_TEST_CASE(points_of_the_wrong_dimension_are_rejected) {
  const auto model = ldv::parse_model_spec(R"({"kind":"quadratic","hessian":[[1,0],[0,1]]})");
  BOOST_CHECK_THROW(model.drift(ldv::Vector::Zero(3)), ldv::InvalidInput);
}

// Each kind's own Jacobian (models/<kind>.hpp) against central differences of its own
// drift, at points away from any kink (two_well: inside each disc and in the flat
// region, at distance > 0.1 from the unit circles). h = 1e-5: truncation h²|b'''|/6 ≤
// 1e-9 for these drifts of degree ≤ 3 on |x| ≤ 3, rounding ε|b|/h ≈ 1e-10; bound 1e-8.
// The custom kind differences itself, so it is held against its closed form instead.
BOOST_AUTO_TEST_CASE(every_kind_jacobian_matches_central_differences_of_its_drift) {
  struct Case {
    std::string spec;
    std::vector<ldv::Vector> points;
  };
  const std::vector<Case> cases{
      {R"({"kind":"quadratic","hessian":[[3,1],[1,2]],"diffusion":[[1.5,0.2],[0.2,0.5]]})",
       {point(0.3, -0.7), point(-2.0, 1.5), point(0.0, 0.0)}},
      {R"({"kind":"linear","drift_matrix":[[1,2],[-2,3]]})", {point(0.3, -0.7), point(-2.0, 1.5)}},
      {R"({"kind":"two_well","mu1":1.5,"mu2":1.2})",
       {point(-1.7, 0.4), point(-2.3, -0.6), point(2.5, 0.3), point(1.6, -0.2), point(0.0, 0.0), point(0.5, 2.0)}},
      {R"({"kind":"maier_stein","beta":10})", {point(0.5, 0.2), point(-1.0, 0.0), point(-0.7, 0.9), point(2.0, -1.5)}},
  };
  const double h = 1e-5;
  for (const Case& c : cases) {
    const auto model = ldv::parse_model_spec(c.spec);
    for (const ldv::Vector& x : c.points) {
      const ldv::Matrix exact = model.drift_jacobian(x);
      BOOST_TEST_REQUIRE(exact.rows() == 2);
      BOOST_TEST_REQUIRE(exact.cols() == 2);
      for (int k = 0; k < 2; ++k) {
        ldv::Vector plus = x, minus = x;
        plus(k) += h;
        minus(k) -= h;
        const ldv::Vector column = (model.drift(plus) - model.drift(minus)) / (2 * h);
        BOOST_TEST((exact.col(k) - column).norm() < 1e-8,
                   model.kind() << " at (" << x.transpose() << ") column " << k << ": " << exact.col(k).transpose()
                                << " vs " << column.transpose());
      }
    }
  }
  // Custom: b = (−x³ + y², −xy), ∂b/∂x = [[−3x², 2y], [−y, −x]].
  const ldv::Model custom(ldv::CustomModel(
      2, [](const double* x, double* b) { b[0] = -x[0] * x[0] * x[0] + x[1] * x[1]; b[1] = -x[0] * x[1]; },
      [](const double*, double* s) { s[0] = 1; s[1] = 0; s[2] = 0; s[3] = 1; }));
  for (const ldv::Vector& x : {point(0.5, 2.0), point(-1.5, -0.3), point(3.0, 1.0)}) {
    const ldv::Matrix j = custom.drift_jacobian(x);
    const ldv::Matrix exact = (ldv::Matrix(2, 2) << -3 * x(0) * x(0), 2 * x(1), -x(1), -x(0)).finished();
    BOOST_TEST((j - exact).norm() < 1e-8 * std::max(1.0, exact.norm()), "custom at (" << x.transpose() << ")");
  }
}

// What each kind says about itself through Model: its name, its loss (only the
// gradient kinds have one), whether D is constant.
BOOST_AUTO_TEST_CASE(every_kind_names_itself_and_its_loss_and_diffusion) {
  struct Case {
    std::string spec, kind;
    bool has_loss, constant_diffusion;
  };
  const std::vector<Case> cases{
      {R"({"kind":"quadratic","hessian":[[1,0],[0,1]]})", "quadratic", true, true},
      {R"({"kind":"linear","drift_matrix":[[1,0],[0,1]]})", "linear", false, true},
      {R"({"kind":"two_well","mu1":1.5,"mu2":1.2})", "two_well", true, false},
      {R"({"kind":"maier_stein","beta":1})", "maier_stein", false, true},
  };
  for (const Case& c : cases) {
    const auto model = ldv::parse_model_spec(c.spec);
    BOOST_TEST(model.kind() == c.kind);
    BOOST_TEST(model.loss(point(0.3, 0.2)).has_value() == c.has_loss, c.kind);
    BOOST_TEST(model.constant_diffusion() == c.constant_diffusion, c.kind);
  }
  const ldv::Model custom(ldv::CustomModel(
      1, [](const double* x, double* b) { b[0] = -x[0]; }, [](const double*, double* s) { s[0] = 1.0; }, "ou"));
  BOOST_TEST(custom.kind() == "ou");
  BOOST_TEST(!custom.loss(ldv::Vector::Constant(1, 0.5)).has_value());
}

// Specs nested deeper than 64 levels are refused before anything recurses over them
// (before the cap, 100 000 levels crashed `ldv` with SIGSEGV in nlohmann's dump()).
// The cap sits exactly at 64: 64 levels pass it (and fail as "not an object"), 65 do not.
BOOST_AUTO_TEST_CASE(deeply_nested_specs_are_refused_not_crashed_on) {
  const auto nested = [](int levels, bool closed) {
    return std::string(static_cast<std::size_t>(levels), '[') +
           (closed ? std::string(static_cast<std::size_t>(levels), ']') : std::string());
  };
  expect_rejected(nested(100000, true), "nested deeper than 64 levels");
  expect_rejected(nested(100000, false), "nested deeper than 64 levels");
  expect_rejected(R"({"kind":"quadratic","hessian":)" + nested(100000, true) + "}", "nested deeper than 64 levels");
  expect_rejected(nested(65, true), "nested deeper than 64 levels");
  expect_rejected(nested(64, true), "must be a JSON object");

  const std::string path = "ldv_test_deep_spec.json";
  std::ofstream(path) << nested(100000, true);
  expect_rejected("@" + path, "nested deeper than 64 levels");
  std::remove(path.c_str());

  // A value built in code is measured without recursion too.
  nlohmann::json deep = nlohmann::json::array();
  for (int level = 1; level < 100000; ++level) deep = nlohmann::json::array({std::move(deep)});
  try {
    ldv::model_from_json(deep);
    BOOST_ERROR("accepted a JSON value nested 100 000 levels deep");
  } catch (const ldv::InvalidInput& e) {
    BOOST_TEST(std::string(e.what()).find("nested deeper than 64 levels") != std::string::npos, e.what());
  }
}
