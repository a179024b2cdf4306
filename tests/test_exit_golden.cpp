// Golden outputs of `ldv exit-time`: four seeded runs (each estimator; linear-Gaussian
// models with compile-time and run-time dimension, two_well, Maier–Stein) must print
// exactly the numbers recorded before the exit kernel was restructured
// (tests/data/golden_exit_time.json says from which commit). Doubles are compared
// with ==: a refactor of the kernel or its dispatch may not change a single bit.
#define BOOST_TEST_MODULE exit_golden
#include <boost/test/unit_test.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "run_ldv.hpp"

namespace {

nlohmann::json golden_cases() {
  std::ifstream in(std::string(LDV_TEST_DATA_DIR) + "/golden_exit_time.json");
  BOOST_REQUIRE_MESSAGE(in, "cannot open " << LDV_TEST_DATA_DIR << "/golden_exit_time.json");
  return nlohmann::json::parse(in).at("cases");
}

}  // namespace

BOOST_AUTO_TEST_CASE(exit_time_reproduces_the_recorded_outputs_bit_for_bit) {
  const nlohmann::json cases = golden_cases();
  BOOST_REQUIRE_EQUAL(cases.size(), 4u);
  for (const auto& c : cases) {
    const std::string arguments = c.at("arguments").get<std::string>();
    const LdvRun run = run_ldv("exit-time " + arguments + " --json");
    BOOST_TEST_INFO(c.at("name").get<std::string>() << ": ldv exit-time " << arguments);
    BOOST_REQUIRE_MESSAGE(run.exit_code == 0, run.err);
    const auto got = nlohmann::json::parse(run.out);
    const auto& expected = c.at("expected");
    for (const char* key : {"mean", "ci_low", "ci_high", "std_error", "model_free_lower_bound"}) {
      BOOST_TEST_INFO(key);
      BOOST_TEST(got.at(key).get<double>() == expected.at(key).get<double>());  // exact, no tolerance
    }
    for (const char* key : {"censored", "steps_simulated"}) {
      BOOST_TEST_INFO(key);
      BOOST_TEST(got.at(key).get<std::uint64_t>() == expected.at(key).get<std::uint64_t>());
    }
  }
}
