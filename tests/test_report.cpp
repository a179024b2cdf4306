// The report (lib/ldv/report, `ldv report`): synthetic Evidence records with every
// verdict, figures with error bars and log axes, and malformed evidence files are
// rendered; the files, the Problems section, the exit status, escaping, LaTeX and
// BibTeX, and the page as headless Chromium loads it are checked.
#define BOOST_TEST_MODULE report
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>

#include "ldv/core/error.hpp"
#include "ldv/core/provenance.hpp"
#include "reports/figures.hpp"
#include "reports/format.hpp"
#include "reports/html.hpp"
#include "reports/latex.hpp"
#include "reports/markdown.hpp"
#include "reports/provenance_summary.hpp"
#include "reports/render.hpp"
#include "ldv/verify/evidence.hpp"

namespace fs = std::filesystem;
using ldv::verify::Evidence;
using ldv::verify::Verdict;

namespace {

// ---------------------------------------------------------------- helpers

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_text(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct Run {
  int exit_code = -1;
  std::string out, err;
};

// Runs a shell command, stdout captured through the pipe, stderr through a file.
Run run_command(const std::string& command, const fs::path& scratch) {
  const fs::path err_file = scratch / "stderr.txt";
  Run run;
  FILE* pipe = popen((command + " 2>" + shell_quote(err_file.string())).c_str(), "r");
  BOOST_REQUIRE(pipe);
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe)) run.out += buffer;
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.err = read_text(err_file);
  fs::remove(err_file);
  return run;
}

fs::path make_temp_directory(const std::string& tag) {
  std::string pattern = (fs::temp_directory_path() / ("ldv_test_report_" + tag + "_XXXXXX")).string();
  BOOST_REQUIRE(::mkdtemp(pattern.data()) != nullptr);
  return pattern;
}

std::size_t count(const std::string& text, const std::string& fragment) {
  std::size_t n = 0;
  for (auto at = text.find(fragment); at != std::string::npos; at = text.find(fragment, at + 1)) ++n;
  return n;
}

// ------------------------------------------------------- synthetic records

ldv::verify::Measurement slope(double value, double low, double high) {
  return {"slope of log E[τ] in 1/ε", value, low, high, 0.998, "weighted least squares, Student-t CI"};
}

Evidence base_record(const std::string& id, Verdict verdict) {
  Evidence e;
  e.id = id;
  e.kind = "check";
  e.title = "Synthetic record " + id;
  e.paper = "escape";
  e.paper_title = "A large-deviation view of SGD escape";
  e.claim_reference = "Theorem 1";
  e.claim = "log E[τ] grows like V0/ε with V0 = λ_min r²";
  e.paper_prediction = {"the slope is the barrier", "V0 = λ_min r²", 1.5};
  e.measurements = {slope(1.496, 1.431, 1.562)};
  e.comparisons = {{"paper", e.measurements[0].name, 1.5, false, "1.5 inside [1.431, 1.562] at 99.8%"}};
  e.negative_control = {"exponent doubled: 2 λ_min r²",
                        {{"negative control: exponent doubled", e.measurements[0].name, 3.0, true,
                          "3 outside [1.431, 1.562] at 99.8%"}},
                        true};
  e.verdict = verdict;
  e.verdict_reason = "the paper's slope lies inside the interval and the doubled exponent does not";
  e.decision_rule = "reject a prediction outside the two-sided 99.8% interval (99% family-wise, Bonferroni over 5)";
  e.profile = "quick";
  e.seed = 20240917;
  e.parameters_json = R"({"radius": 1.0, "eps": [0.1, 0.2]})";
  e.run_key = "0123456789abcdef";
  e.elapsed_s = 1.25;
  e.command = "ldv check " + id + " --profile quick --seed 20240917";
  e.provenance_json = ldv::provenance({"ldv", "check", id}).dump();
  return e;
}

ldv::verify::Figure error_bar_figure() {
  ldv::verify::Figure f;
  f.name = "exit_time_vs_eps";
  f.title = "E[τ] against 1/ε (log y) — a 'quoted' title with _ ^ & <tags>";
  f.x_label = "1/ε";
  f.y_label = "E[τ]";
  f.log_y = true;
  // A lower limit of 0 (not drawable on the log axis) and an unbounded upper limit:
  // both bars are drawn to the edge of the data rather than the points vanishing.
  const double inf = std::numeric_limits<double>::infinity();
  ldv::verify::Series measured{"Monte Carlo, 99.8% CI", "errorbars", {5, 10, 20}, {2.0, 9.0, 80.0}, {0.0, 7.5, 60.0},
                               {2.6, 10.5, inf}};
  ldv::verify::Series predicted{"prediction exp(V0/ε)", "lines", {5, 10, 20}, {2.1, 8.9, 79.0}, {}, {}};
  f.series = {measured, predicted};
  return f;
}

ldv::verify::Figure log_log_figure() {
  ldv::verify::Figure f;
  f.name = "bias_vs_step";
  f.title = "bias against step h";
  f.x_label = "h";
  f.y_label = "|bias|";
  f.log_x = f.log_y = true;
  // The 0 and the NaN cannot be drawn on log axes; the figure still renders.
  f.series = {{"discrete", "points", {0.001, 0.01, 0.1, 0.0}, {0.002, 0.02, 0.2, 0.1}, {}, {}},
              {"Gobet-Menozzi", "lines", {0.001, 0.01, 0.1}, {1e-5, 1e-3, std::nan("")}, {}, {}}};
  return f;
}

std::vector<Evidence> synthetic_records() {
  Evidence confirmed = base_record("escape.theorem1.anisotropic", Verdict::confirmed);
  confirmed.claim = "the claim quotes <script>alert('x')</script> & keeps going";
  confirmed.figures = {error_bar_figure(), log_log_figure()};

  Evidence corrected = base_record("regularizer.example41.two_well", Verdict::confirmed_after_correction);
  corrected.paper = "regularizer";
  corrected.claim_reference = "Example 4.1";
  corrected.first_principles = ldv::verify::Prediction{"with the missing factor 2", "V0 = 2 λ_min r²", 3.0};
  corrected.comparisons.push_back({"first principles", corrected.measurements[0].name, 3.0, false, "inside"});
  corrected.correction = "V0 = 2 λ_min r² (the paper drops the factor 2 of ε = η/B)";
  ldv::verify::Figure empty;  // nothing drawable: rendered as an empty frame saying so
  empty.name = "no_data";
  empty.title = "a figure whose only point is NaN";
  empty.series = {{"nothing", "points", {1.0}, {std::nan("")}, {}, {}}};
  corrected.figures = {log_log_figure(), empty};

  Evidence refuted = base_record("escape.corollary2.rate", Verdict::refuted);
  refuted.claim_reference = "Corollary 2";
  refuted.comparisons[0].rejected = true;

  Evidence inconclusive = base_record("escape.theorem3.prefactor", Verdict::inconclusive);
  inconclusive.claim_reference = "Theorem 3";
  inconclusive.budget_to_decide = "10⁶ paths per ε would shrink the interval below the gap";
  inconclusive.negative_control.rejected = false;
  return {confirmed, corrected, refuted, inconclusive};
}

std::size_t figure_count(const std::vector<Evidence>& records) {
  std::size_t n = 0;
  for (const auto& e : records) n += e.figures.size();
  return n;
}

// --------------------------------------------------- one rendered run, shared

struct RenderedRun {
  fs::path run_dir, report_dir;
  std::vector<Evidence> records;
  Run cli;
  // LDV_KEEP_TEST_OUTPUT=1 keeps the rendered report for a look.
  ~RenderedRun() {
    if (!run_dir.empty() && !std::getenv("LDV_KEEP_TEST_OUTPUT")) fs::remove_all(run_dir);
  }
};

// Evidence files written as `ldv check` writes them, plus two malformed ones, then
// `ldv report --out DIR` once for every test case below.
const RenderedRun& rendered_run() {
  static const RenderedRun run = [] {
    RenderedRun r;
    r.run_dir = make_temp_directory("run");
    r.report_dir = r.run_dir / "report";
    r.records = synthetic_records();
    for (const auto& e : r.records) ldv::verify::write_evidence_atomically((r.run_dir / "evidence").string(), e);
    write_text(r.run_dir / "evidence" / "broken.json", "{\"schema\": \"ldv.evidence/1\", \"id\": ");
    write_text(r.run_dir / "evidence" / "incomplete.json", R"({"schema": "ldv.evidence/1", "id": "escape.x"})");
    r.cli = run_command(std::string(LDV_CLI_PATH) + " report --out " + shell_quote(r.run_dir.string()), r.run_dir);
    return r;
  }();
  return run;
}

// ----------------------------------------------------------- headless Chromium

struct BrowserView {
  std::string dom;
  std::vector<std::string> console_lines;
};

// Chromium 156 logs every console message of a page (console.log/warn/error,
// uncaught exceptions) to stderr as
//   [pid:tid:MMDD/hhmmss.micros:INFO:CONSOLE:<line>] "<text>", source: <url> (<line>)
// whatever its level (older releases wrote CONSOLE(<line>)); the page's own
// script writes none, so any such line is an error. Other stderr lines (D-Bus,
// GPU, sandbox warnings) are the browser's own and ignored.
BrowserView open_in_chromium(const fs::path& page, const fs::path& scratch) {
  const fs::path profile = scratch / "chromium-profile";
  const std::string command = "timeout 120 chromium --headless --no-sandbox --disable-gpu --enable-logging=stderr "
                              "--v=0 --no-first-run --user-data-dir=" +
                              shell_quote(profile.string()) + " --virtual-time-budget=5000 --dump-dom " +
                              shell_quote("file://" + fs::absolute(page).string());
  const Run run = run_command(command, scratch);
  fs::remove_all(profile);
  BOOST_REQUIRE_MESSAGE(run.exit_code == 0, "chromium exited with " << run.exit_code << ": " << run.err);
  BrowserView view{run.out, {}};
  static const std::regex console_line(R"(:CONSOLE[:(]\d+\)?\])");
  std::istringstream lines(run.err);
  for (std::string line; std::getline(lines, line);)
    if (std::regex_search(line, console_line)) view.console_lines.push_back(line);
  return view;
}

std::string figures_attribute(const std::string& dom) {
  static const std::regex attribute(R"re(<body[^>]*data-figures="([0-9]+/[0-9]+)")re");
  std::smatch match;
  return std::regex_search(dom, match, attribute) ? match[1].str() : std::string("(not set)");
}

}  // namespace

// ================================================================ pure parts

BOOST_AUTO_TEST_CASE(escaping_for_html_markdown_latex_and_gnuplot) {
  BOOST_TEST(ldv::report::html_escape("<script>a & 'b' \"c\"</script>") ==
             "&lt;script&gt;a &amp; &#39;b&#39; &quot;c&quot;&lt;/script&gt;");
  BOOST_TEST(ldv::report::markdown_escape("a|b *c* <d> &e\nf") == "a\\|b \\*c\\* \\<d\\> \\&e f");
  BOOST_TEST(ldv::report::markdown_code("x `y` z") == "``x `y` z``");
  BOOST_TEST(ldv::report::latex_escape("50% of $x_1 & {y} #2 ~ ^ \\") ==
             "50\\% of \\$x\\_1 \\& \\textbraceleft{}y\\textbraceright{} \\#2 \\textasciitilde{} "
             "\\textasciicircum{} \\textbackslash{}");
  BOOST_TEST(ldv::report::latex_escape("λ r²") == "\\ensuremath{\\lambda} r\\ensuremath{^{2}}");
  BOOST_TEST(ldv::report::gnuplot_quote("it's\na_b") == "'it''s a_b'");
}

BOOST_AUTO_TEST_CASE(numbers_keep_distinct_values_distinct) {
  const auto t = ldv::report::format_distinct({2.0, 1.99998, 1.99999});
  BOOST_TEST(t[0] != t[1]);
  BOOST_TEST(t[1] != t[2]);
  BOOST_TEST(ldv::report::format_number(1.5) == "1.5");
  BOOST_TEST(ldv::report::format_level(0.998) == "99.8%");
  BOOST_TEST(ldv::report::format_number(std::numeric_limits<double>::infinity()) == "+inf");
}

BOOST_AUTO_TEST_CASE(ids_and_figure_names_must_be_file_names) {
  BOOST_TEST(ldv::report::id_stem("escape.theorem1.anisotropic") == "escape_theorem1_anisotropic");
  for (const char* bad : {"../etc/passwd", "a..b", ".a", "a.", "", "A.b", "a/b"})
    BOOST_CHECK_THROW(ldv::report::id_stem(bad), ldv::InvalidInput);
  ldv::verify::Figure f;
  f.name = "bad name";
  BOOST_CHECK_THROW(ldv::report::figure_stem("a.b", f), ldv::InvalidInput);
}

BOOST_AUTO_TEST_CASE(latex_rows_and_bibtex_entry) {
  const Evidence e = synthetic_records()[1];  // CONFIRMED_AFTER_CORRECTION, two comparisons
  const std::string rows = ldv::report::latex_rows(e);
  BOOST_TEST(count(rows, " \\\\\n") == 2u);
  BOOST_TEST(rows.find("Example 4.1 & paper: 1.5 & ") != std::string::npos, rows);
  BOOST_TEST(rows.find("{[}1.431, 1.562{]} at 99.8\\%") != std::string::npos, rows);
  BOOST_TEST(rows.find("CONFIRMED\\_AFTER\\_CORRECTION \\\\") != std::string::npos, rows);
  const std::string bib = ldv::report::bibtex_entry(e);
  BOOST_TEST(bib.rfind("@misc{ldv:regularizer.example41.two_well,", 0) == 0u, bib);
  BOOST_TEST(bib.find("seed 20240917") != std::string::npos, bib);
  BOOST_TEST(bib.find("ldv check regularizer.example41.two\\_well") != std::string::npos, bib);
  const std::string year = ldv::report::summarize_provenance(e.provenance_json).year();
  BOOST_TEST(year.size() == 4u);
  BOOST_TEST(bib.find("year = {" + year + "}") != std::string::npos, bib);
  BOOST_TEST(count(bib, "{") == count(bib, "}"));  // BibTeX counts braces
}

BOOST_AUTO_TEST_CASE(missing_gnuplot_is_a_clear_error) {
  const std::string saved = std::getenv("PATH") ? std::getenv("PATH") : "";
  const fs::path dir = make_temp_directory("nognuplot");
  ::setenv("PATH", dir.c_str(), 1);
  std::string message;
  try {
    ldv::report::render_figure(error_bar_figure(), dir.string(), "x");
  } catch (const ldv::InvalidInput& e) {
    message = e.what();
  }
  ::setenv("PATH", saved.c_str(), 1);
  fs::remove_all(dir);
  BOOST_TEST(message.find("no executable `gnuplot` on PATH") != std::string::npos, message);
}

// ================================================================ `ldv report`

BOOST_AUTO_TEST_CASE(malformed_evidence_is_listed_and_the_exit_status_is_1) {
  const RenderedRun& r = rendered_run();
  BOOST_TEST(r.cli.exit_code == 1, "stderr: " << r.cli.err);
  BOOST_TEST(r.cli.out.empty(), r.cli.out);
  BOOST_TEST(r.cli.err.find("broken.json") != std::string::npos, r.cli.err);
  BOOST_TEST(r.cli.err.find("incomplete.json") != std::string::npos, r.cli.err);

  const std::string html = read_text(r.report_dir / "index.html");
  const auto begin = html.find("<section id=\"problems\">");
  BOOST_REQUIRE(begin != std::string::npos);
  const std::string problems = html.substr(begin, html.find("</section>", begin) - begin);
  BOOST_TEST(problems.find((r.run_dir / "evidence" / "broken.json").string()) != std::string::npos, problems);
  BOOST_TEST(problems.find("malformed JSON") != std::string::npos, problems);
  BOOST_TEST(problems.find("incomplete.json") != std::string::npos, problems);

  const auto json = nlohmann::json::parse(read_text(r.report_dir / "evidence.json"));
  BOOST_TEST(json["records"].size() == r.records.size());
  BOOST_REQUIRE(json["problems"].size() == 2u);
  BOOST_TEST(json["problems"][0]["path"].get<std::string>().find("broken.json") != std::string::npos);
  BOOST_TEST(read_text(r.report_dir / "summary.md").find("broken.json") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_file_of_the_report_exists) {
  const RenderedRun& r = rendered_run();
  for (const char* file : {"index.html", "summary.md", "evidence.json", "latex/evidence.bib"})
    BOOST_TEST(fs::file_size(r.report_dir / file) > 0u, file);
  for (const auto& e : r.records) {
    BOOST_TEST(fs::exists(r.report_dir / "latex" / (ldv::report::id_stem(e.id) + ".tex")), e.id);
    for (const auto& f : e.figures)
      for (const char* ext : {".png", ".svg"}) {
        const fs::path image = r.report_dir / "figures" / (ldv::report::figure_stem(e.id, f) + ext);
        BOOST_TEST((fs::exists(image) && fs::file_size(image) > 1000u), image);
      }
  }
  BOOST_TEST(fs::exists(r.report_dir / "figures" / "escape_theorem1_anisotropic__exit_time_vs_eps.svg"));
  const std::string png = read_text(r.report_dir / "figures" / "escape_theorem1_anisotropic__exit_time_vs_eps.png");
  BOOST_TEST(png.substr(1, 3) == "PNG");
  // Error bars and the log axis reached gnuplot.
  const std::string svg = read_text(r.report_dir / "figures" / "escape_theorem1_anisotropic__exit_time_vs_eps.svg");
  BOOST_TEST(svg.find("Monte Carlo, 99.8% CI") != std::string::npos);
  BOOST_TEST(svg.find("&amp; &lt;tags") != std::string::npos);  // gnuplot escapes its SVG text itself
  // Nothing left next to the report (the temporary tree was renamed into place).
  for (const auto& entry : fs::directory_iterator(r.run_dir))
    BOOST_TEST(entry.path().filename().string().find(".report.") != 0u, entry.path());
}

BOOST_AUTO_TEST_CASE(latex_and_bib_files_of_the_run) {
  const RenderedRun& r = rendered_run();
  const std::string bib = read_text(r.report_dir / "latex" / "evidence.bib");
  for (const auto& e : r.records) {
    BOOST_TEST(bib.find("@misc{ldv:" + e.id + ",") != std::string::npos, e.id);
    const std::string rows = read_text(r.report_dir / "latex" / (ldv::report::id_stem(e.id) + ".tex"));
    BOOST_TEST(rows.find(e.claim_reference + " & ") != std::string::npos, rows);
    BOOST_TEST(rows.find(" \\\\\n") != std::string::npos, rows);
  }
}

BOOST_AUTO_TEST_CASE(html_is_escaped_and_shows_what_decides_each_verdict) {
  const RenderedRun& r = rendered_run();
  const std::string html = read_text(r.report_dir / "index.html");
  BOOST_TEST(html.find("<script>alert") == std::string::npos);
  BOOST_TEST(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; keeps going") != std::string::npos);
  BOOST_TEST(count(html, "<script") == 1u);  // only the page's own figure counter
  BOOST_TEST(html.find("http://") == std::string::npos);  // self-contained: nothing fetched
  BOOST_TEST(html.find("https://") == std::string::npos);
  for (const char* verdict : {"class=\"verdict confirmed\"", "class=\"verdict corrected\"", "class=\"verdict refuted\"",
                              "class=\"verdict inconclusive\""})
    BOOST_TEST(html.find(verdict) != std::string::npos, verdict);
  BOOST_TEST(html.find("NOT rejected ✗") != std::string::npos);  // the inconclusive record's control
  BOOST_TEST(html.find("rejected ✓") != std::string::npos);
  BOOST_TEST(html.find("V0 = 2 λ_min r² (the paper drops the factor 2") != std::string::npos);  // correction
  BOOST_TEST(html.find("10⁶ paths per ε") != std::string::npos);                                // budget
  BOOST_TEST(html.find("[1.431, 1.562] at 99.8%") != std::string::npos);                        // CI and level
  BOOST_TEST(html.find("ldv check escape.corollary2.rate --profile quick --seed 20240917") != std::string::npos);
  BOOST_TEST(html.find("src=\"figures/escape_theorem1_anisotropic__exit_time_vs_eps.svg\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_page_loads_every_figure_in_headless_chromium_without_console_messages) {
  const RenderedRun& r = rendered_run();
  const BrowserView view = open_in_chromium(r.report_dir / "index.html", r.run_dir);
  const std::size_t n = figure_count(r.records);
  BOOST_TEST(figures_attribute(view.dom) == std::to_string(n) + "/" + std::to_string(n));
  BOOST_TEST(view.console_lines.empty(), "console: " << (view.console_lines.empty() ? "" : view.console_lines[0]));

  // Negative control: a page with a console error, an uncaught exception and a
  // missing image must fail both criteria, or the two checks above prove nothing.
  const fs::path bad = r.run_dir / "negative_control.html";
  write_text(bad,
             "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>bad</title></head><body>"
             "<img class=\"figure\" src=\"figures/no_such_figure.svg\">"
             "<script>console.error('deliberate'); window.addEventListener('load', function () {"
             "var images = document.querySelectorAll('img.figure'), loaded = 0;"
             "for (var i = 0; i < images.length; ++i) if (images[i].complete && images[i].naturalWidth > 0) ++loaded;"
             "document.body.dataset.figures = loaded + '/' + images.length; undefinedFunction(); });</script>"
             "</body></html>");
  const BrowserView control = open_in_chromium(bad, r.run_dir);
  BOOST_TEST(figures_attribute(control.dom) == "0/1");
  BOOST_REQUIRE(control.console_lines.size() == 2u);
  BOOST_TEST(control.console_lines[0].find("deliberate") != std::string::npos);
  BOOST_TEST(control.console_lines[1].find("undefinedFunction") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_clean_run_exits_0_and_replaces_the_previous_report) {
  const RenderedRun& shared = rendered_run();
  const fs::path run_dir = make_temp_directory("clean");
  fs::copy(shared.run_dir / "evidence", run_dir / "evidence");
  fs::remove(run_dir / "evidence" / "broken.json");
  fs::remove(run_dir / "evidence" / "incomplete.json");
  fs::create_directories(run_dir / "report");
  write_text(run_dir / "report" / "stale.txt", "from an earlier run");
  const Run run = run_command(std::string(LDV_CLI_PATH) + " report --out " + shell_quote(run_dir.string()), run_dir);
  BOOST_TEST(run.exit_code == 0, run.err);
  BOOST_TEST(run.out.find("index.html: 4 records, 4 figures") != std::string::npos, run.out);
  BOOST_TEST(!fs::exists(run_dir / "report" / "stale.txt"));
  BOOST_TEST(read_text(run_dir / "report" / "index.html").find("None: every evidence file loaded.") !=
             std::string::npos);
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(run_dir)) ++entries;
  BOOST_TEST(entries == 2u);  // evidence/ and report/, no temporary left
  fs::remove_all(run_dir);
}

BOOST_AUTO_TEST_CASE(a_missing_or_empty_evidence_directory_is_an_error_and_writes_nothing) {
  const fs::path run_dir = make_temp_directory("empty");
  Run run = run_command(std::string(LDV_CLI_PATH) + " report --out " + shell_quote(run_dir.string()), run_dir);
  BOOST_TEST(run.exit_code == 1);
  BOOST_TEST(run.out.empty());
  BOOST_TEST(run.err.find("no evidence directory") != std::string::npos, run.err);
  fs::create_directory(run_dir / "evidence");
  run = run_command(std::string(LDV_CLI_PATH) + " report --out " + shell_quote(run_dir.string()), run_dir);
  BOOST_TEST(run.exit_code == 1);
  BOOST_TEST(run.err.find("holds no evidence file") != std::string::npos, run.err);
  BOOST_TEST(!fs::exists(run_dir / "report"));
  fs::remove_all(run_dir);
}

BOOST_AUTO_TEST_CASE(a_failed_render_leaves_the_previous_report_untouched) {
  const fs::path scratch = make_temp_directory("failed");
  const fs::path report_dir = scratch / "report";
  std::vector<Evidence> records{base_record("escape.theorem1.isotropic", Verdict::confirmed)};
  ldv::report::write_report(records, {}, {"2025-01-01T00:00:00Z", "test", "."}, report_dir.string());
  BOOST_REQUIRE(fs::exists(report_dir / "index.html"));
  const std::string before = read_text(report_dir / "index.html");
  const auto entries = [&scratch] {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(scratch)) ++n;
    return n;
  };

  // Refused before anything is written: one error bar short.
  records[0].figures = {error_bar_figure()};
  records[0].figures[0].series[0].y_high.pop_back();
  BOOST_CHECK_THROW(ldv::report::write_report(records, {}, {"2025-01-02T00:00:00Z", "test", "."}, report_dir.string()),
                    ldv::InvalidInput);

  // Failing half-way, in gnuplot, after the temporary tree was started: a gnuplot
  // that reads its script and exits with status 3.
  records[0].figures = {error_bar_figure()};
  const fs::path fake_bin = scratch / "bin";
  fs::create_directory(fake_bin);
  write_text(fake_bin / "gnuplot", "#!/bin/sh\ncat >/dev/null\necho 'fake gnuplot failure' >&2\nexit 3\n");
  fs::permissions(fake_bin / "gnuplot", fs::perms::owner_all);
  const std::string saved = std::getenv("PATH") ? std::getenv("PATH") : "";
  ::setenv("PATH", (fake_bin.string() + ":" + saved).c_str(), 1);
  std::string message;
  try {
    ldv::report::write_report(records, {}, {"2025-01-03T00:00:00Z", "test", "."}, report_dir.string());
  } catch (const ldv::InvalidInput& e) {
    message = e.what();
  }
  ::setenv("PATH", saved.c_str(), 1);
  BOOST_TEST(message.find("exit status 3") != std::string::npos, message);
  BOOST_TEST(message.find("fake gnuplot failure") != std::string::npos, message);
  BOOST_TEST(read_text(report_dir / "index.html") == before);
  BOOST_TEST(entries() == 2u);  // report/ and bin/: no temporary tree left behind
  fs::remove_all(scratch);
}
