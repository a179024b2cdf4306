// `ldv report`: render the Evidence records of a run directory as DIR/report/.
// Evidence files that fail to load are listed on stderr and in the report, and
// the command then exits with status 1 after writing the complete report, so a
// script notices; stdout stays empty in that case (DESIGN.md: errors leave stdout empty).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "commands.hpp"
#include "ldv/core/error.hpp"
#include "reports/render.hpp"

namespace ldv::app {
namespace {

void run_report(const std::string& run_directory) {
  const report::RenderedReport rendered = report::render_report(run_directory);
  for (const auto& p : rendered.problems)
    std::cerr << fmt::format("ldv: problem: {}: {}\n", p.path, p.reason);
  if (!rendered.problems.empty())
    throw_invalid(fmt::format("{} evidence file{} could not be loaded (listed above and in the Problems section of "
                              "{}/index.html); the rest of the report was written",
                              rendered.problems.size(), rendered.problems.size() == 1 ? "" : "s", rendered.directory));
  std::cout << fmt::format("{}/index.html: {} record{}, {} figure{}\n", rendered.directory, rendered.records,
                           rendered.records == 1 ? "" : "s", rendered.figures, rendered.figures == 1 ? "" : "s");
}

}  // namespace

void register_report(CLI::App& root, Action& action, const std::vector<std::string>& /*command_line*/) {
  auto run_directory = std::make_shared<std::string>("ldv-out");
  CLI::App* cmd = root.add_subcommand(
      "report", "Render DIR/evidence/*.json as DIR/report/ (index.html, summary.md, evidence.json, figures/, latex/)");
  cmd->add_option("--out", *run_directory, "run directory holding evidence/")->capture_default_str();
  cmd->callback([run_directory, &action] { action = [run_directory] { run_report(*run_directory); }; });
}

}  // namespace ldv::app
