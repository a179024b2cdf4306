// The suite end to end, as a researcher runs it: `ldv check --all --profile quick`
// then `ldv report` in a fresh directory. Every record must load, show its negative
// control rejected (a check that cannot reject a wrong prediction proves nothing),
// and never reject the first-principles prediction (Lyapunov and geometric MAM):
// at the suite's family level 0.99 that fails by chance with probability < 1%, and the
// seed is fixed, so the outcome is reproducible. A second run reuses every record.
#define BOOST_TEST_MODULE checks
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "ldv/verify/evidence_io.hpp"

namespace {

int run(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

BOOST_AUTO_TEST_CASE(quick_suite_and_report_end_to_end) {
  const std::filesystem::path out = std::filesystem::temp_directory_path() /
      ("ldv_test_checks_" + std::to_string(::getpid()));  // per process: checkouts may test side by side
  std::filesystem::remove_all(out);
  const std::string ldv = LDV_CLI_PATH;
  BOOST_REQUIRE_EQUAL(run(ldv + " check --all --profile quick --seed 1 --threads 2 --out " + out.string() +
                          " > " + (out.string() + ".stdout") + " 2>&1"),
                      0);
  const auto set = ldv::verify::load_evidence_directory((out / "evidence").string());
  BOOST_TEST(set.errors.empty());
  BOOST_TEST(set.records.size() >= 3u);
  for (const auto& e : set.records) {
    BOOST_TEST(e.negative_control.rejected, e.id << ": negative control not rejected");
    BOOST_TEST(!e.negative_control.comparisons.empty(), e.id);
    for (const auto& c : e.comparisons)
      if (c.prediction.rfind("correction", 0) == 0)
        BOOST_TEST(!c.rejected, e.id << ": first-principles prediction rejected: " << c.detail);
    BOOST_TEST(!e.measurements.empty(), e.id);
    BOOST_TEST(!e.figures.empty(), e.id);
    BOOST_TEST(e.command.find("ldv check " + e.id) != std::string::npos, e.id << ": " << e.command);
  }
  BOOST_REQUIRE_EQUAL(run(ldv + " report --out " + out.string() + " > /dev/null 2>&1"), 0);
  BOOST_TEST(std::filesystem::exists(out / "report" / "index.html"));
  BOOST_TEST(std::filesystem::exists(out / "report" / "latex" / "evidence.bib"));
  // Resume: nothing is recomputed.
  const std::string second = out.string() + ".second";
  BOOST_REQUIRE_EQUAL(run(ldv + " check --all --profile quick --seed 1 --threads 2 --out " + out.string() + " > " +
                          second + " 2>&1"),
                      0);
  std::string text;
  {
    FILE* f = std::fopen(second.c_str(), "r");
    BOOST_REQUIRE(f);
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, f)) text += buffer;
    std::fclose(f);
  }
  BOOST_TEST(text.find("0 computed") != std::string::npos, text);
  std::filesystem::remove_all(out);
  std::filesystem::remove(second);
  std::filesystem::remove(out.string() + ".stdout");
}
