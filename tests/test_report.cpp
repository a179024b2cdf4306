// The report (reports/, `ldv report`): synthetic Evidence records with every verdict,
// figures with error bars and log axes, malformed evidence files and a record whose
// verdict its evidence does not support are rendered; the files, each claim's summary
// and folded evidence, the Problems section, the exit status, escaping, the templates,
// LaTeX and BibTeX, and the page as headless Chromium loads it are checked.
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
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "invalid_input_message.hpp"
#include "ldv/core/error.hpp"
#include "ldv/core/provenance.hpp"
#include "ldv/verify/decision.hpp"
#include "ldv/verify/evidence.hpp"
#include "ldv/verify/evidence_io.hpp"
#include "ldv/verify/evidence_json.hpp"
#include "ldv/verify/papers.hpp"
#include "reports/figures.hpp"
#include "reports/format.hpp"
#include "reports/html.hpp"
#include "reports/latex.hpp"
#include "reports/markdown.hpp"
#include "reports/provenance_summary.hpp"
#include "reports/render.hpp"
#include "reports/templates.hpp"

namespace fs = std::filesystem;
using ldv::verify::Decision;
using ldv::verify::DependenceChange;
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
// Built as a check builds them (the decision rule fills comparisons, corrections, verdict,
// reason and rule), so each is consistent and write_evidence_atomically accepts it. The
// family is 0.99 over 5 checks: each interval at 99.8%.

constexpr double kFamily = 0.99;
constexpr int kChecks = 5;

ldv::verify::Measurement slope(double value, double low, double high) {
  return {"slope of log E[τ] in 1/ε", value, low, high, 0.998, "weighted least squares, Student-t CI"};
}

// Everything but the decision: the claim, the predictions, the measurements, reproduction.
Evidence base_record(const std::string& id) {
  Evidence e;
  e.id = id;
  e.kind = ldv::verify::RecordKind::check;
  e.title = "Synthetic record " + id;
  e.paper = "escape";
  e.claim_reference = "Theorem 1";
  e.claim = "log E[τ] grows like V0/ε with V0 = λ_min r²";
  e.paper_prediction = {"the slope is the barrier", "V0 = λ_min r²", 1.5};
  // The first is the key measurement; the second is reported, held against nothing.
  e.measurements = {slope(1.496, 1.431, 1.562),
                    {"fraction of censored paths", 0.002, 0.0005, 0.006, 0.998, "Clopper-Pearson"}};
  e.profile = ldv::verify::Profile::quick;
  e.seed = 20240917;
  e.parameters = nlohmann::json::parse(R"({"radius": 1.0, "eps": [0.1, 0.2]})");
  e.run_key = "0123456789abcdef";
  e.elapsed_s = 1.25;
  e.command = "ldv check " + id + " --profile quick --seed 20240917";
  e.provenance = ldv::provenance({"ldv", "check", id});
  return e;
}

const std::string kCorrectionKeeps = "V0 = ¾ λ_min r² (the paper drops the factor ¾ of ε = η/B)";
const std::string kCorrectionRemoves = "V0 = 1.5 r² (no dependence on H)";

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
  ldv::verify::Series measured{"Monte Carlo, 99.8% CI", ldv::verify::SeriesStyle::errorbars, {5, 10, 20},
                               {2.0, 9.0, 80.0}, {0.0, 7.5, 60.0}, {2.6, 10.5, inf}};
  ldv::verify::Series predicted{"prediction exp(V0/ε)", ldv::verify::SeriesStyle::lines, {5, 10, 20},
                                {2.1, 8.9, 79.0}, {}, {}};
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
  f.series = {{"discrete", ldv::verify::SeriesStyle::points, {0.001, 0.01, 0.1, 0.0}, {0.002, 0.02, 0.2, 0.1}, {}, {}},
              {"Gobet-Menozzi", ldv::verify::SeriesStyle::lines, {0.001, 0.01, 0.1}, {1e-5, 1e-3, std::nan("")}, {}, {}}};
  return f;
}

// CONFIRMED: the paper's 1.5 inside [1.431, 1.562], the doubled exponent 3 outside.
Evidence confirmed_record(const std::string& id) {
  Evidence e = base_record(id);
  const auto& m = e.measurements[0];
  Decision(kFamily, kChecks).paper(1.5, m).negative_control("exponent doubled: 2 λ_min r²", 3.0, m).apply_to(e);
  return e;
}

std::vector<Evidence> synthetic_records() {
  Evidence confirmed = confirmed_record("escape.theorem1.anisotropic");
  confirmed.claim = "the claim quotes <script>alert('x')</script> & keeps going";
  confirmed.figures = {error_bar_figure(), log_log_figure()};

  // CONFIRMED_AFTER_CORRECTION: the paper's 2 is rejected; a correction that keeps the
  // asserted λ-dependence lies inside.
  Evidence corrected = base_record("regularizer.example41.two_well");
  corrected.paper = "regularizer";
  corrected.claim_reference = "Example 4.1";
  corrected.paper_prediction = {"the slope is the barrier", "V0 = λ_min r²", 2.0};
  corrected.first_principles = ldv::verify::Prediction{"with the factor the paper drops", kCorrectionKeeps, 1.5};
  {
    const auto& m = corrected.measurements[0];
    Decision(kFamily, kChecks)
        .asserts("lambda", "the exponent grows with λ_min")
        .paper(2.0, m)
        .correction(kCorrectionKeeps, 1.5, m)
        .correction_effect(kCorrectionKeeps, "lambda", DependenceChange::keeps)
        .negative_control("exponent doubled", 4.0, m)
        .apply_to(corrected);
  }
  ldv::verify::Figure empty;  // nothing drawable: rendered as an empty frame saying so
  empty.name = "no_data";
  empty.title = "a figure whose only point is NaN";
  empty.series = {{"nothing", ldv::verify::SeriesStyle::points, {1.0}, {std::nan("")}, {}, {}}};
  corrected.figures = {log_log_figure(), empty};

  // REFUTED with a corrected statement: the surviving correction removes the asserted
  // λ-dependence (escape paper, Theorem 1 with C = H, in miniature).
  Evidence refuted = base_record("escape.corollary2.rate");
  refuted.claim_reference = "Corollary 2";
  refuted.paper_prediction = {"the exponent grows with λ", "V0 = 2 r² √λ_min", 2.0};
  refuted.first_principles = ldv::verify::Prediction{"the time change s = αt", kCorrectionRemoves, std::nullopt};
  {
    const auto& m = refuted.measurements[0];
    Decision(kFamily, kChecks)
        .asserts("lambda", "the exponent grows with λ_min(H)")
        .paper(2.0, m)
        .correction(kCorrectionRemoves, 1.5, m)
        .correction_effect(kCorrectionRemoves, "lambda", DependenceChange::removes)
        .negative_control("exponent doubled", 3.0, m)
        .apply_to(refuted);
  }
  refuted.figures = {error_bar_figure()};

  // INCONCLUSIVE: the negative control 1.52 is inside the interval too.
  Evidence inconclusive = base_record("escape.theorem3.prefactor");
  inconclusive.claim_reference = "Theorem 3";
  inconclusive.budget_to_decide = "10⁶ paths per ε would shrink the interval below the gap";
  {
    const auto& m = inconclusive.measurements[0];
    Decision(kFamily, kChecks).paper(1.5, m).negative_control("exponent + 1%", 1.52, m).apply_to(inconclusive);
  }
  return {confirmed, corrected, refuted, inconclusive};
}

// A record whose stored verdict its own evidence does not support: written around the
// consistency check (as another tool might), so the loader must refuse it.
const std::string kInconsistentId = "escape.inconsistent";
nlohmann::json inconsistent_record_json() {
  Evidence e = confirmed_record(kInconsistentId);
  e.verdict = Verdict::refuted;  // yet no comparison rejects the paper's prediction
  return ldv::verify::to_json(e);
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

// Evidence files written as `ldv check` writes them, plus two malformed ones and one
// whose verdict its evidence does not support, then `ldv report --out DIR` once for
// every test case below.
const RenderedRun& rendered_run() {
  static const RenderedRun run = [] {
    RenderedRun r;
    r.run_dir = make_temp_directory("run");
    r.report_dir = r.run_dir / "report";
    r.records = synthetic_records();
    for (const auto& e : r.records) ldv::verify::write_evidence_atomically((r.run_dir / "evidence").string(), e);
    write_text(r.run_dir / "evidence" / "broken.json", "{\"schema\": \"ldv.evidence/1\", \"id\": ");
    write_text(r.run_dir / "evidence" / "incomplete.json", R"({"schema": "ldv.evidence/1", "id": "escape.x"})");
    write_text(r.run_dir / "evidence" / (kInconsistentId + ".json"), inconsistent_record_json().dump(2));
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

// The <section> of one record in index.html (empty when there is none).
std::string html_section_of(const std::string& html, const std::string& id) {
  const auto begin = html.find("id=\"check-" + id + "\">");
  if (begin == std::string::npos) return "";
  return html.substr(begin, html.find("</section>", begin) - begin);
}

// The lines of one record's block in summary.md, its "### " heading excluded.
std::vector<std::string> markdown_block_of(const std::string& md, const std::string& id) {
  const auto begin = md.find("### " + ldv::report::markdown_code(id) + " — ");
  std::vector<std::string> lines;
  if (begin == std::string::npos) return lines;
  std::istringstream in(md.substr(md.find('\n', begin) + 1));
  for (std::string line; std::getline(in, line) && line.rfind("### ", 0) != 0;)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

bool has_line_starting(const std::vector<std::string>& lines, const std::string& start) {
  for (const auto& line : lines)
    if (line.rfind(start, 0) == 0) return true;
  return false;
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
  BOOST_TEST(rows.find("Example 4.1 & paper: 2 & ") != std::string::npos, rows);
  BOOST_TEST(rows.find("\\cite{ldv:regularizer.example41.two_well, hu2022quasipotential}") != std::string::npos, rows);
  BOOST_TEST(rows.find("{[}1.431, 1.562{]} at 99.8\\%") != std::string::npos, rows);
  BOOST_TEST(rows.find("CONFIRMED\\_AFTER\\_CORRECTION \\\\") != std::string::npos, rows);
  const std::string bib = ldv::report::bibtex_entry(e);
  BOOST_TEST(bib.rfind("@misc{ldv:regularizer.example41.two_well,", 0) == 0u, bib);
  BOOST_TEST(bib.find("seed 20240917") != std::string::npos, bib);
  BOOST_TEST(bib.find("ldv check regularizer.example41.two\\_well") != std::string::npos, bib);
  const std::string year = ldv::report::summarize_provenance(e.provenance).year();
  BOOST_TEST(year.size() == 4u);
  BOOST_TEST(bib.find("year = {" + year + "}") != std::string::npos, bib);
  BOOST_TEST(count(bib, "{") == count(bib, "}"));  // BibTeX counts braces
}

// A record's tables appear in every format with their title, columns, cells and note, escaped.
BOOST_AUTO_TEST_CASE(tables_are_rendered_in_html_markdown_and_latex) {
  Evidence e = synthetic_records()[1];
  e.tables.push_back({"table_a", "Table A <quadratic> & co", {"row", "formula", "V₀ (H)"},
                      {{"Ours | continuous", "2r²√λ_min", "2.828"}, {"measured", "slope of log E[τ]", "0.91 [0.67, 1.16]"}},
                      "ε = η/B; 50% of <b>"});
  const std::string section = ldv::report::render_html_section(e);
  BOOST_TEST(section.find("<table class=\"record-table\"") != std::string::npos, section);
  BOOST_TEST(section.find("<caption>Table A &lt;quadratic&gt; &amp; co</caption>") != std::string::npos);
  BOOST_TEST(section.find("<th>V₀ (H)</th>") != std::string::npos);
  BOOST_TEST(section.find("<td>Ours | continuous</td><td>2r²√λ_min</td><td>2.828</td>") != std::string::npos);
  BOOST_TEST(section.find("<td>0.91 [0.67, 1.16]</td>") != std::string::npos);
  BOOST_TEST(section.find("ε = η/B; 50% of &lt;b&gt;") != std::string::npos);
  BOOST_TEST(section.find("of <b>") == std::string::npos);
  // Above the fold: before the folded evidence.
  BOOST_TEST(section.find("record-table") < section.find("<details class=\"evidence\">"));
  BOOST_TEST(ldv::report::html_tables(synthetic_records()[1]).empty());

  const std::string md = ldv::report::markdown_claim(e);
  BOOST_TEST(md.find("**Table A \\<quadratic\\> \\& co**") != std::string::npos, md);
  BOOST_TEST(md.find("| row | formula | V₀ (H) |\n| --- | --- | --- |\n") != std::string::npos, md);
  BOOST_TEST(md.find("| Ours \\| continuous | 2r²√λ\\_min | 2.828 |\n") != std::string::npos, md);
  BOOST_TEST(md.find("| measured | slope of log E\\[τ\\] | 0.91 \\[0.67, 1.16\\] |\n") != std::string::npos, md);

  const std::string tex = ldv::report::latex_tables(e);
  BOOST_TEST(tex.find("\\begin{tabular}{lll}") != std::string::npos, tex);
  BOOST_TEST(tex.find("\\caption{Table A \\textless{}quadratic\\textgreater{} \\& co}") != std::string::npos, tex);
  BOOST_TEST(tex.find("measured & slope of log E{[}\\ensuremath{\\tau}{]} & 0.91 {[}0.67, 1.16{]} \\\\\n") !=
                 std::string::npos, tex);
  BOOST_TEST(tex.find("50\\% of") != std::string::npos);
  BOOST_TEST(count(tex, "{") == count(tex, "}"));
  BOOST_TEST(count(tex, " \\\\\n") == 3u);  // header and two rows
  BOOST_TEST(ldv::report::latex_tables(synthetic_records()[1]).empty());
}

BOOST_AUTO_TEST_CASE(every_placeholder_of_every_template_is_filled_and_none_is_left_over) {
  using ldv::report::fill;
  using ldv::report::placeholders;
  std::set<std::string> names;
  for (const auto& t : ldv::report::embedded_templates()) names.emplace(t.name);
  for (const char* expected : {"page.html", "report.css", "figure_count.js", "section.html", "summary.md", "rows.tex",
                               "entry.bib", "evidence.bib"})
    BOOST_TEST(names.count(expected) == 1u, expected);
  for (const auto& t : ldv::report::embedded_templates()) {
    ldv::report::TemplateValues values;
    for (const auto& name : placeholders(t.text)) values[name] = "<value of " + name + ">";
    const std::string filled = fill(t.name, values);
    BOOST_TEST(placeholders(filled).empty(), t.name);
    for (const auto& [name, value] : values) BOOST_TEST(filled.find(value) != std::string::npos, t.name << ": " << name);
    if (values.empty()) BOOST_TEST(filled == t.text, t.name);
  }
  // A missing value and a value for no placeholder are both errors that name the placeholder.
  ldv::report::TemplateValues rows{{"id", "a.b"}, {"title", "t"}, {"paper_key", "k"}};
  BOOST_TEST(invalid_input_message([&] { fill("rows.tex", rows); }).find("rows.tex: placeholder {{rows}} has no value") !=
             std::string::npos);
  rows["rows"] = "";
  rows["row"] = "";
  BOOST_TEST(invalid_input_message([&] { fill("rows.tex", rows); }).find("rows.tex has no placeholder {{row}}") != std::string::npos);
  BOOST_TEST(invalid_input_message([] { ldv::report::template_text("page.htm"); }).find("the templates are: entry.bib") !=
             std::string::npos);
  // The syntax: {{name}} with name of [a-z_]+; BibTeX's braces around it stay text.
  BOOST_TEST((placeholders("title = {{{title}}}, author = {{ldv suite}}, {{a}}{{a}} {{B}}") ==
              std::vector<std::string>{"title", "a"}));
  // One pass: a value holding a placeholder is not filled again.
  BOOST_TEST(ldv::report::fill_text("<{{x}}>", {{"x", "{{x}}"}}, "test") == "<{{x}}>");
  BOOST_TEST(ldv::report::fill_text("title = {{{x}}}", {{"x", "T"}}, "test") == "title = {T}");
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
  BOOST_TEST(r.cli.err.find("3 evidence files could not be loaded") != std::string::npos, r.cli.err);

  const std::string html = read_text(r.report_dir / "index.html");
  const auto begin = html.find("<section id=\"problems\">");
  BOOST_REQUIRE(begin != std::string::npos);
  const std::string problems = html.substr(begin, html.find("</section>", begin) - begin);
  BOOST_TEST(problems.find((r.run_dir / "evidence" / "broken.json").string()) != std::string::npos, problems);
  BOOST_TEST(problems.find("malformed JSON") != std::string::npos, problems);
  BOOST_TEST(problems.find("incomplete.json") != std::string::npos, problems);

  const auto json = nlohmann::json::parse(read_text(r.report_dir / "evidence.json"));
  BOOST_TEST(json["records"].size() == r.records.size());
  BOOST_REQUIRE(json["problems"].size() == 3u);
  BOOST_TEST(json["problems"][0]["path"].get<std::string>().find("broken.json") != std::string::npos);
  BOOST_TEST(json["problems"][2]["reason"].get<std::string>().find("ldv.evidence/1") != std::string::npos);
  BOOST_TEST(read_text(r.report_dir / "summary.md").find("broken.json") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_record_whose_evidence_does_not_support_its_verdict_is_a_problem_not_a_section) {
  const RenderedRun& r = rendered_run();
  const std::string path = (r.run_dir / "evidence" / (kInconsistentId + ".json")).string();
  const std::string reason_fragment = "the verdict is REFUTED but no comparison rejects the paper's prediction";
  BOOST_TEST(r.cli.exit_code == 1, "stderr: " << r.cli.err);
  BOOST_TEST(r.cli.err.find("ldv: problem: " + path + ": ") != std::string::npos, r.cli.err);
  BOOST_TEST(r.cli.err.find(reason_fragment) != std::string::npos, r.cli.err);

  const std::string html = read_text(r.report_dir / "index.html");
  const auto begin = html.find("<section id=\"problems\">");
  BOOST_REQUIRE(begin != std::string::npos);
  const std::string problems = html.substr(begin, html.find("</section>", begin) - begin);
  BOOST_TEST(problems.find("<code class=\"path\">" + ldv::report::html_escape(path) + "</code>") != std::string::npos,
             problems);
  BOOST_TEST(problems.find(ldv::report::html_escape(reason_fragment)) != std::string::npos, problems);
  BOOST_TEST(html_section_of(html, kInconsistentId).empty());  // never rendered as a claim
  BOOST_TEST(html.find("#check-" + kInconsistentId) == std::string::npos);

  const auto json = nlohmann::json::parse(read_text(r.report_dir / "evidence.json"));
  bool listed = false;
  for (const auto& p : json["problems"])
    listed = listed || (p["path"] == path && p["reason"].get<std::string>().find(reason_fragment) != std::string::npos);
  BOOST_TEST(listed, json["problems"].dump(2));
  for (const auto& record : json["records"]) BOOST_TEST(record["id"] != kInconsistentId);
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
  for (const auto& paper : ldv::verify::papers()) BOOST_TEST(bib.find(paper.bibtex()) != std::string::npos, paper.key);
  BOOST_TEST(bib.find("@misc{escape2022quasipotential,") != std::string::npos);
  BOOST_TEST(bib.find("@misc{hu2022quasipotential,") != std::string::npos);
  BOOST_TEST(bib.find("author = {{ldv verification suite}}") != std::string::npos);
  BOOST_TEST(count(bib, "{") == count(bib, "}"));  // BibTeX counts braces
  BOOST_TEST(ldv::report::placeholders(bib).empty());
  for (const auto& e : r.records) {
    BOOST_TEST(bib.find("@misc{ldv:" + e.id + ",") != std::string::npos, e.id);
    const std::string rows = read_text(r.report_dir / "latex" / (ldv::report::id_stem(e.id) + ".tex"));
    BOOST_TEST(rows.find(e.claim_reference + " & ") != std::string::npos, rows);
    BOOST_TEST(rows.find(" \\\\\n") != std::string::npos, rows);
    BOOST_TEST(rows.find("\\cite{ldv:" + e.id + ", " + ldv::verify::find_paper(e.paper).bibtex_key + "}") !=
               std::string::npos, rows);
    BOOST_TEST(ldv::report::placeholders(rows).empty(), e.id);
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
  BOOST_TEST(html.find(ldv::report::html_escape(kCorrectionKeeps)) != std::string::npos);        // correction
  BOOST_TEST(html.find("10⁶ paths per ε") != std::string::npos);                                // budget
  BOOST_TEST(html.find("[1.431, 1.562] at 99.8%") != std::string::npos);                        // CI and level
  BOOST_TEST(html.find("ldv check escape.corollary2.rate --profile quick --seed 20240917") != std::string::npos);
  BOOST_TEST(html.find("src=\"figures/escape_theorem1_anisotropic__exit_time_vs_eps.svg\"") != std::string::npos);
  BOOST_TEST(ldv::report::placeholders(html).empty());
}

// Each claim's section: verdict badge, then the summary rows (paper, first principles,
// key measurement, and the verdict's note), then the main figure, then <details> with the rest.
BOOST_AUTO_TEST_CASE(each_claim_opens_with_verdict_summary_and_main_figure_and_folds_the_rest) {
  using ldv::report::html_escape;
  const RenderedRun& r = rendered_run();
  const std::string html = read_text(r.report_dir / "index.html");
  for (const auto& e : r.records) {
    const std::string section = html_section_of(html, e.id);
    BOOST_REQUIRE_MESSAGE(!section.empty(), e.id);
    const auto badge = section.find("<span class=\"verdict " + ldv::report::verdict_class(e.verdict) + "\">" +
                                    ldv::verify::to_string(e.verdict) + "</span>");
    const auto table = section.find("<table class=\"glance\">");
    const auto paper = section.find("<tr><th>The paper predicts</th>");
    const auto principles = section.find("<tr><th>First principles</th>");
    const auto key = section.find("<tr><th>Key measurement</th>");
    const auto table_end = section.find("</table>", table);
    const auto details = section.find("<details class=\"evidence\">");
    BOOST_TEST((badge < table && table < paper && paper < principles && principles < key && key < table_end &&
                table_end < details && details != std::string::npos),
               e.id);
    const std::string glance = section.substr(table, table_end - table);
    const std::string folded = section.substr(details);
    // The key measurement is the first, with its interval and level.
    BOOST_TEST(glance.find(html_escape(e.measurements[0].name) + ": <span class=\"value\">1.496</span> "
                           "[1.431, 1.562] at 99.8%") != std::string::npos, glance);
    // The main figure is the first, between the summary and the fold; the others are folded.
    if (!e.figures.empty()) {
      const auto main = section.find("<figure class=\"plot main\">");
      BOOST_TEST((table_end < main && main < details), e.id);
      BOOST_TEST(section.find("src=\"figures/" + ldv::report::figure_stem(e.id, e.figures[0]) + ".svg\"", main) < details);
      for (std::size_t i = 1; i < e.figures.size(); ++i)
        BOOST_TEST(folded.find("src=\"figures/" + ldv::report::figure_stem(e.id, e.figures[i]) + ".svg\"") !=
                   std::string::npos, e.id << " figure " << i);
    }
    // Everything else is folded: claim, reason, every measurement and comparison with its
    // role and outcome, the negative control, the rule, parameters and provenance.
    for (const std::string& text : {e.claim, e.verdict_reason, e.decision_rule, e.negative_control.description,
                                    e.measurements[1].name, e.command, std::string("full provenance")})
      BOOST_TEST(folded.find(html_escape(text)) != std::string::npos, e.id << ": " << text);
    BOOST_TEST(section.find(html_escape(e.verdict_reason)) > details, e.id);
    for (const auto& c : e.comparisons)
      BOOST_TEST(folded.find("<tr><td>" + html_escape(c.prediction) + "</td><td>" + ldv::verify::to_string(c.role) +
                             "</td>") != std::string::npos, e.id << ": " << c.prediction);
    BOOST_TEST(folded.find("&quot;radius&quot;: 1.0") != std::string::npos, e.id);
  }
  // The note each verdict needs, in the summary rows.
  const auto glance_of = [&html](const std::string& id) {
    const std::string section = html_section_of(html, id);
    const auto table = section.find("<table class=\"glance\">");
    return section.substr(table, section.find("</table>", table) - table);
  };
  BOOST_TEST(glance_of("escape.corollary2.rate").find("<tr class=\"note\"><th>Corrected statement</th><td><code>" +
                                                      html_escape(kCorrectionRemoves) + "</code>") != std::string::npos);
  BOOST_TEST(glance_of("regularizer.example41.two_well").find("<th>Correction</th><td><code>" +
                                                              html_escape(kCorrectionKeeps)) != std::string::npos);
  BOOST_TEST(glance_of("escape.theorem3.prefactor").find("<th>What would decide</th><td>10⁶ paths per ε") !=
             std::string::npos);
  BOOST_TEST(glance_of("escape.theorem1.anisotropic").find("class=\"note\"") == std::string::npos);
  // The paper's prediction and the correction against the key measurement, at a glance.
  const std::string refuted = glance_of("escape.corollary2.rate");
  BOOST_TEST(refuted.find("<code>V0 = 2 r² √λ_min</code> = <span class=\"value\">2</span> — <span "
                          "class=\"rejected\">rejected</span> by the key measurement") != std::string::npos, refuted);
  BOOST_TEST(refuted.find("<code>" + html_escape(kCorrectionRemoves) + "</code> = <span class=\"value\">1.5</span> — "
                          "<span class=\"kept\">inside</span>") != std::string::npos, refuted);
  // The folded part says what the surviving correction does to the asserted dependence.
  const std::string section = html_section_of(html, "escape.corollary2.rate");
  BOOST_TEST(section.find("<th>effect on <code>lambda</code></th>") != std::string::npos);
  BOOST_TEST(section.find("<td class=\"effect-removes\">removes</td>") != std::string::npos);
}

// summary.md: per claim a list (verdict and summary items first), never a paragraph.
BOOST_AUTO_TEST_CASE(summary_md_gives_each_claim_as_a_list) {
  using ldv::report::markdown_code;
  using ldv::report::markdown_escape;
  const RenderedRun& r = rendered_run();
  const std::string md = read_text(r.report_dir / "summary.md");
  BOOST_TEST(ldv::report::placeholders(md).empty());
  for (const auto& e : r.records) {
    const auto lines = markdown_block_of(md, e.id);
    BOOST_REQUIRE_MESSAGE(lines.size() >= 10u, e.id);
    for (const auto& line : lines)
      BOOST_TEST((line.rfind("- ", 0) == 0 || line.rfind("  - ", 0) == 0), e.id << ": " << line);
    BOOST_TEST(lines[0].rfind("- **Verdict: " + ldv::verify::to_string(e.verdict) + "**", 0) == 0u, lines[0]);
    BOOST_TEST(lines[1].rfind("- **The paper predicts:** ", 0) == 0u, lines[1]);
    BOOST_TEST(lines[2].rfind("- **First principles:** ", 0) == 0u, lines[2]);
    BOOST_TEST(lines[3] == "- **Key measurement:** " + markdown_escape(e.measurements[0].name) +
                               ": **" + markdown_escape("1.496 [1.431, 1.562] at 99.8%") + "**");
    for (const char* item : {"- **Claim:** ", "- **Why:** ", "- **Measurements:**", "- **Comparisons:**",
                             "- **Negative control:** ", "- **Decision rule:** ", "- **Reproduce:** "})
      BOOST_TEST(has_line_starting(lines, item), e.id << ": " << item);
    for (const auto& c : e.comparisons)
      BOOST_TEST(has_line_starting(lines, "  - " + markdown_escape(c.prediction) + " (" +
                                              ldv::verify::to_string(c.role) + ") "),
                 e.id << ": " << c.prediction);
  }
  const auto refuted = markdown_block_of(md, "escape.corollary2.rate");
  BOOST_TEST(has_line_starting(refuted, "- **Corrected statement:** " + markdown_code(kCorrectionRemoves)));
  BOOST_TEST(has_line_starting(refuted, "  - " + markdown_code(kCorrectionRemoves) +
                                            ": survives every measurement; removes `lambda`"));
  BOOST_TEST(has_line_starting(markdown_block_of(md, "escape.theorem1.anisotropic"),
                               "- **Main figure:** ![E\\[τ\\] against 1/ε"));
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
  fs::remove(run_dir / "evidence" / (kInconsistentId + ".json"));
  fs::create_directories(run_dir / "report");
  write_text(run_dir / "report" / "stale.txt", "from an earlier run");
  const Run run = run_command(std::string(LDV_CLI_PATH) + " report --out " + shell_quote(run_dir.string()), run_dir);
  BOOST_TEST(run.exit_code == 0, run.err);
  BOOST_TEST(run.out.find("index.html: 4 records, 5 figures") != std::string::npos, run.out);
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
  std::vector<Evidence> records{confirmed_record("escape.theorem1.isotropic")};
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
