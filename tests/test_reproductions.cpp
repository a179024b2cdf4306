// `ldv reproduce` as a researcher runs it, and the first reproduction, regularizer.figure1
// (implicit-regularizer paper, Section 5, Figure 1): the command lists and selects only
// reproductions (and `ldv check` only checks, each naming the other command for the other
// kind), writes a record of kind reproduction beside the checks' records, reuses it on a
// second run, refuses bad input with a message, exit status 1 and an empty stdout, and
// draws the same figure from the same seed bit for bit whatever the thread count.
// The item IDs come from the registry itself, not from a list typed here.
#define BOOST_TEST_MODULE reproductions
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ldv/verify/evidence_io.hpp"
#include "ldv/verify/registry.hpp"
#include "proofs_checks/all_checks.hpp"
#include "reproductions/all_reproductions.hpp"

namespace fs = std::filesystem;
using ldv::verify::Evidence;
using ldv::verify::RecordKind;

namespace {

struct Run {
  int exit_code;
  std::string out, err;
};

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

Run run_ldv(const std::string& arguments) {
  const fs::path out = fs::temp_directory_path() / ("ldv_test_reproductions_stdout_" + std::to_string(::getpid()) + ".txt");
  const fs::path err = fs::temp_directory_path() / ("ldv_test_reproductions_stderr_" + std::to_string(::getpid()) + ".txt");
  const int status = std::system((std::string(LDV_CLI_PATH) + " " + arguments + " >" + out.string() + " 2>" +
                                  err.string())
                                     .c_str());
  Run run{WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_text(out), read_text(err)};
  fs::remove(out);
  fs::remove(err);
  return run;
}

std::vector<std::string> registered_ids(RecordKind kind) {
  ldv::verify::Registry registry;
  ldv::checks::register_all_checks(registry);
  ldv::reproductions::register_all_reproductions(registry);
  std::vector<std::string> ids;
  for (const auto& item : registry.checks())
    if (item.kind == kind) ids.push_back(item.id);
  return ids;
}

// A fresh run directory under the temporary directory.
fs::path fresh_directory(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / (name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  return dir;
}

const std::string kId = "regularizer.figure1";

Evidence reproduce_figure1(const fs::path& dir, const std::string& options) {
  const Run run = run_ldv("reproduce " + kId + " --profile quick --out " + dir.string() + " " + options);
  BOOST_REQUIRE_MESSAGE(run.exit_code == 0, "ldv reproduce failed: " << run.err);
  return ldv::verify::load_evidence_file((dir / "evidence" / (kId + ".json")).string());
}

void expect_bad_input(const std::string& arguments, const std::string& fragment) {
  const Run run = run_ldv(arguments);
  BOOST_TEST(run.exit_code == 1, "exit status of `ldv " << arguments << "`");
  BOOST_TEST(run.out.empty(), "stdout must stay empty for `ldv " << arguments << "` but was: " << run.out);
  BOOST_TEST(run.err.find(fragment) != std::string::npos,
             "stderr \"" << run.err << "\" should mention \"" << fragment << "\"");
}

bool same_series(const ldv::verify::Series& a, const ldv::verify::Series& b) {
  return a.label == b.label && a.style == b.style && a.x == b.x && a.y == b.y && a.y_low == b.y_low &&
         a.y_high == b.y_high;
}

// Every figure and every measurement identical, bit for bit (== on the doubles).
bool same_numbers(const Evidence& a, const Evidence& b) {
  if (a.figures.size() != b.figures.size() || a.measurements.size() != b.measurements.size()) return false;
  for (std::size_t f = 0; f < a.figures.size(); ++f) {
    if (a.figures[f].name != b.figures[f].name || a.figures[f].title != b.figures[f].title ||
        a.figures[f].series.size() != b.figures[f].series.size())
      return false;
    for (std::size_t s = 0; s < a.figures[f].series.size(); ++s)
      if (!same_series(a.figures[f].series[s], b.figures[f].series[s])) return false;
  }
  for (std::size_t m = 0; m < a.measurements.size(); ++m)
    if (a.measurements[m].name != b.measurements[m].name || a.measurements[m].value != b.measurements[m].value ||
        a.measurements[m].ci_low != b.measurements[m].ci_low || a.measurements[m].ci_high != b.measurements[m].ci_high)
      return false;
  return true;
}

const ldv::verify::Figure* find_figure(const Evidence& e, const std::string& name) {
  for (const auto& f : e.figures)
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_CASE(each_command_lists_only_its_own_kind) {
  const std::vector<std::string> reproductions = registered_ids(RecordKind::reproduction);
  const std::vector<std::string> checks = registered_ids(RecordKind::check);
  BOOST_REQUIRE(!reproductions.empty());
  BOOST_REQUIRE(!checks.empty());
  BOOST_TEST((std::find(reproductions.begin(), reproductions.end(), kId) != reproductions.end()));

  const Run reproduce = run_ldv("reproduce --list");
  const Run check = run_ldv("check --list");
  BOOST_REQUIRE_EQUAL(reproduce.exit_code, 0);
  BOOST_REQUIRE_EQUAL(check.exit_code, 0);
  // An ID listed is at the start of a line (IDs may be prefixes of each other's titles).
  const auto lists = [](const std::string& text, const std::string& id) {
    return text.rfind(id + " ", 0) == 0 || text.find("\n" + id + " ") != std::string::npos;
  };
  for (const std::string& id : reproductions) {
    BOOST_TEST(lists(reproduce.out, id), id << " missing from `ldv reproduce --list`:\n" << reproduce.out);
    BOOST_TEST(!lists(check.out, id), id << " listed by `ldv check --list`:\n" << check.out);
  }
  for (const std::string& id : checks) {
    BOOST_TEST(lists(check.out, id), id << " missing from `ldv check --list`:\n" << check.out);
    BOOST_TEST(!lists(reproduce.out, id), id << " listed by `ldv reproduce --list`:\n" << reproduce.out);
  }
}

BOOST_AUTO_TEST_CASE(figure1_record_report_and_resume) {
  const fs::path dir = fresh_directory("ldv_test_reproductions_run");
  const Run first = run_ldv("reproduce " + kId + " --profile quick --seed 1 --threads 2 --out " + dir.string());
  BOOST_REQUIRE_MESSAGE(first.exit_code == 0, first.err);
  BOOST_TEST(first.out.find("1 reproduction: 1 computed, 0 reused, 0 failed") != std::string::npos, first.out);

  const Evidence e = ldv::verify::load_evidence_file((dir / "evidence" / (kId + ".json")).string());
  BOOST_TEST(e.id == kId);
  BOOST_TEST(ldv::verify::to_string(e.kind) == "reproduction");
  BOOST_TEST(e.paper == "regularizer");
  BOOST_TEST(e.claim_reference == "Section 5, Figure 1 (Example 3.1)");
  BOOST_TEST(e.command.find("ldv reproduce " + kId) != std::string::npos, e.command);
  // The measurement must be able to reject a wrong prediction, or its verdict says nothing.
  BOOST_TEST(e.negative_control.rejected, "negative control not rejected: " << e.verdict_reason);
  BOOST_TEST(!e.negative_control.comparisons.empty());
  // Two exit fractions and their difference, then the near-axis fraction of each μ's exits (when it has any).
  BOOST_TEST(e.measurements.size() >= 3u);
  BOOST_TEST(e.measurements.size() <= 5u);
  for (const auto& m : e.measurements) {
    BOOST_TEST(m.ci_low <= m.value);
    BOOST_TEST(m.value <= m.ci_high);
    BOOST_TEST(m.confidence > 0.99, m.name << " at " << m.confidence);
  }
  BOOST_TEST_MESSAGE(kId << ": " << ldv::verify::to_string(e.verdict) << " — " << e.verdict_reason);

  // The four panels of the paper's Figure 1 over 140 000 iterations, drawn from windows of 100
  // iterates: R(t) as the minimum and maximum of each of the 1 400 windows plus the last iterate,
  // the positions as every 100th iterate; the first exit, if any, is marked and at R ≥ 1.
  for (const std::string name : {"figure1a_radial_isotropic", "figure1b_radial_anisotropic"}) {
    const ldv::verify::Figure* f = find_figure(e, name);
    BOOST_REQUIRE_MESSAGE(f, "figure " << name << " missing");
    BOOST_REQUIRE(f->series.size() >= 2u);
    BOOST_TEST(f->series[0].x.size() == 2u * 1400u + 1u, name);
    BOOST_TEST(f->series[0].x.front() == 0.0);
    BOOST_TEST(f->series[0].x.back() == 140000.0);
    BOOST_TEST(std::is_sorted(f->series[0].x.begin(), f->series[0].x.end()), name << ": iterations out of order");
    BOOST_TEST((f->series[1].y == std::vector<double>{1.0, 1.0}));  // the line R = 1
    if (f->series.size() == 3u) {
      BOOST_TEST(f->series[2].y.at(0) >= 1.0, name << ": the marked first exit lies inside U");
      // Min–max decimation keeps the excursion: the drawn R(t) reaches the exit's radius.
      BOOST_TEST(*std::max_element(f->series[0].y.begin(), f->series[0].y.end()) >= f->series[2].y.at(0));
    }
  }
  for (const std::string name : {"figure1c_positions_isotropic", "figure1d_positions_anisotropic"}) {
    const ldv::verify::Figure* f = find_figure(e, name);
    BOOST_REQUIRE_MESSAGE(f, "figure " << name << " missing");
    BOOST_REQUIRE(f->series.size() >= 2u);
    BOOST_TEST(f->series[0].x.size() == 140000u / 100u + 1u, name);
  }
  BOOST_TEST(find_figure(e, "exit_fraction"));
  BOOST_TEST(find_figure(e, "exit_angle_law"));

  // The checks' and reproductions' records render together.
  const Run report = run_ldv("report --out " + dir.string());
  BOOST_REQUIRE_MESSAGE(report.exit_code == 0, report.err);
  BOOST_TEST(read_text(dir / "report" / "index.html").find(kId) != std::string::npos);

  // Resume: the second run finds the record and recomputes nothing.
  const Run second = run_ldv("reproduce " + kId + " --profile quick --seed 1 --threads 2 --out " + dir.string());
  BOOST_REQUIRE_MESSAGE(second.exit_code == 0, second.err);
  BOOST_TEST(second.out.find("1 reproduction: 0 computed, 1 reused, 0 failed") != std::string::npos, second.out);
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(figure1_is_bitwise_reproducible_from_the_seed_whatever_the_threads) {
  const fs::path two = fresh_directory("ldv_test_reproductions_threads2");
  const fs::path one = fresh_directory("ldv_test_reproductions_threads1");
  const fs::path other = fresh_directory("ldv_test_reproductions_seed2");
  const Evidence a = reproduce_figure1(two, "--seed 7 --threads 2");
  const Evidence b = reproduce_figure1(one, "--seed 7 --threads 1");
  BOOST_TEST(same_numbers(a, b), "seed 7 with 2 threads and with 1 thread drew different figures or measurements");
  BOOST_TEST((a.verdict == b.verdict));
  // The comparison has power: another seed draws other runs.
  const Evidence c = reproduce_figure1(other, "--seed 8 --threads 2");
  BOOST_TEST(!same_series(a.figures[0].series[0], c.figures[0].series[0]), "seeds 7 and 8 drew the same run");
  for (const fs::path& dir : {two, one, other}) fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(bad_input_is_refused_with_a_message_status_1_and_no_stdout) {
  const fs::path dir = fresh_directory("ldv_test_reproductions_bad");
  const std::string out = " --out " + dir.string();
  expect_bad_input("reproduce no.such.figure" + out, "unknown check ID 'no.such.figure'");
  const std::string check = registered_ids(RecordKind::check).at(0);
  expect_bad_input("reproduce " + check + out, "'" + check + "' is a check, not a reproduction: run it with `ldv check`");
  expect_bad_input("check " + kId + out, "'" + kId + "' is a reproduction, not a check: run it with `ldv reproduce`");
  expect_bad_input("reproduce " + kId + " --profile medium" + out, "profile 'medium' is not one of: quick, full");
  expect_bad_input("reproduce " + kId + " --seed -1" + out, "seed = -1");
  expect_bad_input("reproduce" + out, "nothing to run");
  BOOST_TEST(!fs::exists(dir / "evidence" / (kId + ".json")), "bad input must not run anything");
  fs::remove_all(dir);
}

// regularizer.figure2 (Example 4.1): each start's end fractions (B₁, B₂, neither) add up to one,
// the two panels are drawn, and the same seed gives the same numbers for 1 and 2 threads.
BOOST_AUTO_TEST_CASE(figure2_fractions_add_up_and_do_not_depend_on_the_threads) {
  const std::string id = "regularizer.figure2";
  const fs::path two = fresh_directory("ldv_test_reproductions_fig2_threads2");
  const fs::path one = fresh_directory("ldv_test_reproductions_fig2_threads1");
  const auto reproduce = [&](const fs::path& dir, const std::string& threads) {
    const Run run = run_ldv("reproduce " + id + " --profile quick --seed 3 --threads " + threads + " --out " +
                            dir.string());
    BOOST_REQUIRE_MESSAGE(run.exit_code == 0, run.err);
    return ldv::verify::load_evidence_file((dir / "evidence" / (id + ".json")).string());
  };
  const Evidence a = reproduce(two, "2"), b = reproduce(one, "1");
  BOOST_TEST(same_numbers(a, b), "seed 3 with 2 threads and with 1 thread gave different numbers");
  BOOST_TEST(a.negative_control.rejected, a.verdict_reason);
  for (const std::string start : {"O₁", "O₂"}) {
    double total = 0.0;
    int found = 0;
    for (const auto& m : a.measurements)
      if (m.name.find("fraction of runs from " + start + " in ") == 0) total += m.value, ++found;
    BOOST_TEST(found == 3, start);
    BOOST_TEST(total == 1.0, boost::test_tools::tolerance(1e-12));
  }
  BOOST_TEST(find_figure(a, "figure2a_from_o1"));
  BOOST_TEST(find_figure(a, "figure2b_from_o2"));
  for (const fs::path& dir : {two, one}) fs::remove_all(dir);
}

// escape.figure2 (the MLP on AVILA, or the substitute data where LDV_DATA_DIR is unset): the
// same seed gives bitwise the same exit steps, slopes and panels for 2 and 1 threads. The
// network is trained once and its cache copied, so the comparison is the SGD runs'
// (training's own thread independence: test_mlp).
BOOST_AUTO_TEST_CASE(escape_figure2_does_not_depend_on_the_threads) {
  const std::string id = "escape.figure2";
  const fs::path two = fresh_directory("ldv_test_reproductions_mlp_threads2");
  const fs::path one = fresh_directory("ldv_test_reproductions_mlp_threads1");
  const char* data = std::getenv("LDV_DATA_DIR");
  const std::string data_option = data != nullptr && *data != '\0' ? std::string(" --data-dir ") + data : "";
  const auto reproduce = [&](const fs::path& dir, const std::string& threads) {
    const Run run = run_ldv("reproduce " + id + " --profile quick --seed 5 --threads " + threads + data_option +
                            " --out " + dir.string());
    BOOST_REQUIRE_MESSAGE(run.exit_code == 0, run.err);
    return ldv::verify::load_evidence_file((dir / "evidence" / (id + ".json")).string());
  };
  const Evidence a = reproduce(two, "2");
  fs::create_directories(one);
  fs::copy(two / "cache", one / "cache", fs::copy_options::recursive);
  const Evidence b = reproduce(one, "1");
  BOOST_TEST(same_numbers(a, b), "seed 5 with 2 threads and with 1 thread gave different numbers");
  BOOST_TEST((a.verdict == b.verdict));
  BOOST_TEST(a.figures.size() == 4u);
  BOOST_TEST(b.first_principles->statement.find("read from the cache") != std::string::npos);
  for (const fs::path& dir : {two, one}) fs::remove_all(dir);
}

// escape.table1.rendered (escape paper, Table 1): both tables with their rows and columns, the MLP's negative
// control (slope on r² = 0) rejected, and the quadratic V₀ the same number as escape.table1's from the same seed
// (the shared kit_table1 measurement). Runs with LDV_DATA_DIR as the suite does (AVILA, else the substitute).
BOOST_AUTO_TEST_CASE(table1_rendered_writes_both_tables_and_shares_the_checks_measurement) {
  const fs::path dir = fresh_directory("ldv_test_reproductions_table1");
  const std::string common = " --profile quick --seed 4242 --out " + dir.string();
  const Run reproduce = run_ldv("reproduce escape.table1.rendered" + common);
  BOOST_REQUIRE_MESSAGE(reproduce.exit_code == 0, "ldv reproduce failed: " << reproduce.err);
  const Run check = run_ldv("check escape.table1" + common);
  BOOST_REQUIRE_MESSAGE(check.exit_code == 0, "ldv check failed: " << check.err);
  const Evidence r = ldv::verify::load_evidence_file((dir / "evidence" / "escape.table1.rendered.json").string());
  const Evidence c = ldv::verify::load_evidence_file((dir / "evidence" / "escape.table1.json").string());
  BOOST_TEST((r.kind == RecordKind::reproduction));

  BOOST_REQUIRE_EQUAL(r.tables.size(), 2u);
  const ldv::verify::Table& quadratic = r.tables[0];
  const ldv::verify::Table& mlp = r.tables[1];
  BOOST_TEST(quadratic.name == "quadratic");
  BOOST_TEST(mlp.name == "mlp");
  // Three readable rows, the first-principles row and the measured row; four columns each.
  BOOST_TEST(quadratic.columns.size() == 4u);
  BOOST_TEST(quadratic.rows.size() == 5u);
  BOOST_TEST(mlp.columns.size() == 4u);
  BOOST_TEST(mlp.rows.size() == 5u);
  BOOST_TEST(quadratic.rows.back()[0] == "measured (slope of log E[τ] in 1/ε)");
  BOOST_TEST(mlp.rows.back()[0] == "measured (log E[steps])");
  const char* data_dir = std::getenv("LDV_DATA_DIR");
  const bool avila = data_dir && fs::exists(fs::path(data_dir) / "avila-tr.txt");
  BOOST_TEST((mlp.title.find("substitute") == std::string::npos) == avila, mlp.title);

  // The MLP's control is held against the slope on r² and rejected.
  bool held = false;
  for (const auto& comparison : r.negative_control.comparisons)
    if (comparison.prediction.find("slope on r² = 0") != std::string::npos) {
      held = true;
      BOOST_TEST(comparison.rejected, comparison.detail);
    }
  BOOST_TEST(held);
  BOOST_TEST(r.negative_control.rejected);

  // Same seed, same salts: the fitted V₀ of each quadratic case is escape.table1's, bit for bit.
  for (const char* name : {"V0 fitted, C = H, H = diag(2, 5), r = 1", "V0 fitted, C = H, H = 4 diag(2, 5), r = 1"}) {
    const auto* mine = r.find_measurement(name);
    const auto* theirs = c.find_measurement(name);
    BOOST_REQUIRE_MESSAGE(mine && theirs, name);
    BOOST_TEST(mine->value == theirs->value, name);  // exact ==, not a tolerance
  }
  fs::remove_all(dir);
}
