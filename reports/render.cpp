#include "reports/render.hpp"

#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>

#include "ldv/core/build_info.hpp"
#include "ldv/core/error.hpp"
#include "ldv/core/provenance.hpp"
#include "ldv/verify/evidence_io.hpp"
#include "reports/directory_swap.hpp"
#include "reports/figures.hpp"
#include "reports/format.hpp"
#include "reports/html.hpp"
#include "reports/latex.hpp"
#include "reports/markdown.hpp"
#include "reports/report_json.hpp"

namespace ldv::report {
namespace {

namespace fs = std::filesystem;

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) throw_invalid(fmt::format("cannot write {}", path.string()));
}

// IDs and figure names become file names: each must be one, and two figures of a
// record with one name would overwrite each other's files.
void require_file_names(const verify::Evidence& e) {
  id_stem(e.id);
  std::set<std::string> names;
  for (const auto& f : e.figures) {
    validate_figure(f);
    if (!names.insert(figure_stem(e.id, f)).second)
      throw_invalid(fmt::format("record \"{}\" has two figures named \"{}\"; expected unique names", e.id, f.name));
  }
}

void require_unique_names(const std::vector<verify::Evidence>& records) {
  std::set<std::string> stems;
  for (const auto& e : records) {
    require_file_names(e);
    if (!stems.insert(id_stem(e.id)).second)
      throw_invalid(fmt::format("two records have the id \"{}\" (or ids equal up to dots and underscores); expected "
                                "one record per id",
                                e.id));
  }
}

void fill_report(const fs::path& dir, const std::vector<verify::Evidence>& records,
                 const std::vector<verify::LoadError>& problems, const ReportInfo& info) {
  fs::create_directory(dir / "figures");
  fs::create_directory(dir / "latex");
  for (const auto& e : records)
    for (const auto& f : e.figures) render_figure(f, (dir / "figures").string(), figure_stem(e.id, f));
  for (const auto& e : records) write_text(dir / "latex" / (id_stem(e.id) + ".tex"), latex_rows(e));
  for (const auto& e : records)
    if (!e.tables.empty()) write_text(dir / "latex" / (id_stem(e.id) + ".tables.tex"), latex_tables(e));
  write_text(dir / "latex" / "evidence.bib", render_bibliography(records, info));
  write_text(dir / "evidence.json", render_report_json(records, problems, info));
  write_text(dir / "summary.md", render_markdown(records, problems, info));
  // Last: index.html present means the rest is too (within the temporary tree).
  write_text(dir / "index.html", render_html(records, problems, info));
}

// Moves records that cannot be rendered next to the others into `problems`. The
// loader already validates IDs and figures and names each file <id>.json, but two IDs
// equal up to dots and underscores ("a.b_c", "a_b.c") would share their report files;
// this also keeps one bad record from failing the whole report should the loader change.
std::vector<verify::Evidence> renderable(std::vector<verify::Evidence> loaded, std::vector<verify::LoadError>& problems,
                                         const fs::path& evidence_dir) {
  std::vector<verify::Evidence> kept;
  std::set<std::string> stems;
  for (auto& e : loaded) {
    try {
      require_file_names(e);
      if (!stems.insert(id_stem(e.id)).second)
        throw_invalid(fmt::format("record \"{}\" would share its report file names ({}) with an earlier record; "
                                  "only the first is rendered",
                                  e.id, id_stem(e.id)));
      kept.push_back(std::move(e));
    } catch (const InvalidInput& error) {
      problems.push_back({(evidence_dir / (e.id + ".json")).string(), error.what()});
    }
  }
  return kept;
}

}  // namespace

void write_report(const std::vector<verify::Evidence>& records, const std::vector<verify::LoadError>& problems,
                  const ReportInfo& info, const std::string& report_directory) {
  require_unique_names(records);
  replace_directory(fs::path(report_directory),
                    [&](const fs::path& dir) { fill_report(dir, records, problems, info); });
}

RenderedReport render_report(const std::string& run_directory) {
  const fs::path evidence_dir = fs::path(run_directory) / "evidence";
  std::error_code ec;
  if (!fs::is_directory(evidence_dir, ec))
    throw_invalid(fmt::format("no evidence directory {}: expected the run directory of `ldv check` or `ldv "
                              "reproduce` (pass it with --out DIR)",
                              evidence_dir.string()));
  verify::EvidenceSet loaded = verify::load_evidence_directory(evidence_dir.string());
  if (loaded.records.empty() && loaded.errors.empty())
    throw_invalid(fmt::format("{} holds no evidence file (*.json): nothing to report; run `ldv check` first",
                              evidence_dir.string()));
  RenderedReport rendered;
  rendered.problems = std::move(loaded.errors);
  const auto records = renderable(std::move(loaded.records), rendered.problems, evidence_dir);
  const BuildInfo& build = build_info();
  const ReportInfo info{utc_now_iso8601(), fmt::format("ldv {} (git {})", build.version, build.git_revision),
                        run_directory};
  rendered.directory = (fs::path(run_directory) / "report").string();
  write_report(records, rendered.problems, info, rendered.directory);
  rendered.records = records.size();
  for (const auto& e : records) rendered.figures += e.figures.size();
  return rendered;
}

}  // namespace ldv::report
