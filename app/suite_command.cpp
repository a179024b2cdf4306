#include "suite_command.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>

#include "ldv/core/error.hpp"
#include "ldv/verify/progress.hpp"
#include "ldv/verify/runner.hpp"
#include "proofs_checks/all_checks.hpp"
#include "reproductions/all_reproductions.hpp"

namespace ldv::app {
namespace {

// "check" / "checks", "reproduction" / "reproductions".
std::string noun(verify::RecordKind kind, std::size_t count) {
  return verify::to_string(kind) + (count == 1 ? "" : "s");
}

std::size_t widest(const std::vector<std::string>& column) {
  std::size_t w = 0;
  for (const std::string& s : column) w = std::max(w, s.size());
  return w;
}

void print_list(const verify::Registry& registry, verify::RecordKind kind) {
  const std::vector<const verify::Check*> items = verify::select_checks(registry, {}, kind);
  if (items.empty()) {
    std::cerr << fmt::format("ldv: no {} are registered\n", noun(kind, 2));
    return;
  }
  std::vector<std::string> ids, papers;
  for (const verify::Check* c : items) {
    ids.push_back(c->id);
    papers.push_back(c->paper);
  }
  const std::size_t wi = widest(ids), wp = widest(papers);
  std::string out;
  for (const verify::Check* c : items)
    out += fmt::format("{:<{}}  {:<{}}  {}: {}\n", c->id, wi, c->paper, wp, c->claim_reference, c->title);
  std::cout << out;
}

std::string status_text(const verify::CheckOutcome& o) {
  if (o.status == verify::CheckStatus::failed) return "FAILED";
  return o.verdict ? verify::to_string(*o.verdict) : "?";
}

std::string time_text(const verify::CheckOutcome& o) {
  switch (o.status) {
    case verify::CheckStatus::computed: return fmt::format("{:.1f} s", o.elapsed_s);
    case verify::CheckStatus::reused: return fmt::format("reused ({:.1f} s)", o.elapsed_s);
    case verify::CheckStatus::failed: return "-";
  }
  return "";
}

void print_table(const verify::RunSummary& summary, const std::string& evidence_dir, verify::RecordKind kind) {
  std::vector<std::string> ids, verdicts;
  for (const verify::CheckOutcome& o : summary.outcomes) {
    ids.push_back(o.id);
    verdicts.push_back(status_text(o));
  }
  const std::size_t wi = std::max<std::size_t>(widest(ids), 2), wv = std::max<std::size_t>(widest(verdicts), 7);
  std::string out = fmt::format("{:<{}}  {:<{}}  {}\n", "ID", wi, "VERDICT", wv, "TIME");
  for (const verify::CheckOutcome& o : summary.outcomes)
    out += fmt::format("{:<{}}  {:<{}}  {}\n", o.id, wi, status_text(o), wv, time_text(o));
  out += fmt::format("{} {}: {} computed, {} reused, {} failed; records in {} ({:.1f} s)\n", summary.outcomes.size(),
                     noun(kind, summary.outcomes.size()), summary.count(verify::CheckStatus::computed),
                     summary.count(verify::CheckStatus::reused), summary.failed(), evidence_dir, summary.wall_s);
  std::cout << out;
}

void run_suite_command(const SuiteOptions& o, verify::RecordKind kind, const std::string& name,
                       const std::vector<std::string>& command_line) {
  const verify::Registry registry = build_registry();
  if (o.list) {
    print_list(registry, kind);
    return;
  }
  if (o.ids.empty() && !o.all)
    throw_invalid(fmt::format("nothing to run: give {} IDs, --all, or --list (ldv {})", verify::to_string(kind), name));
  if (o.seed < 0) throw_invalid(fmt::format("seed = {} must be >= 0", o.seed));

  verify::RunOptions run;
  run.ids = o.ids;  // empty with --all: every item of this kind
  run.kind = kind;
  run.profile = o.profile;
  run.seed = static_cast<unsigned long long>(o.seed);
  run.threads = o.threads;
  run.out_dir = o.out_dir;
  run.data_dir = verify::resolve_data_dir(o.data_dir);
  run.command_line = command_line;
  const std::unique_ptr<verify::ProgressSink> progress = verify::make_stderr_progress();
  const verify::RunSummary summary = verify::run_checks(registry, run, *progress);

  print_table(summary, verify::evidence_directory(o.out_dir), kind);
  if (summary.failed() > 0) {
    std::string failed;
    for (const verify::CheckOutcome& c : summary.outcomes)
      if (c.status == verify::CheckStatus::failed) failed += fmt::format("\n  {}: {}", c.id, c.error);
    throw Error(fmt::format("{} of {} {} failed:{}", summary.failed(), summary.outcomes.size(),
                            noun(kind, summary.outcomes.size()), failed));
  }
}

}  // namespace

verify::Registry build_registry() {
  verify::Registry registry;
  checks::register_all_checks(registry);
  reproductions::register_all_reproductions(registry);
  return registry;
}

void register_suite_command(CLI::App& root, Action& action, const std::vector<std::string>& command_line,
                            const std::string& name, const std::string& description, verify::RecordKind kind) {
  auto options = std::make_shared<SuiteOptions>();
  const std::string item = verify::to_string(kind);
  CLI::App* cmd = root.add_subcommand(name, description);
  CLI::Option* ids = cmd->add_option("ids", options->ids, fmt::format("{} IDs (see --list)", item));
  CLI::Option* list =
      cmd->add_flag("--list", options->list, fmt::format("list the {}: ID, paper, reference, title", noun(kind, 2)));
  CLI::Option* all = cmd->add_flag("--all", options->all, fmt::format("run every {}", item));
  list->excludes(ids)->excludes(all);
  all->excludes(ids);
  cmd->add_option("--profile", options->profile, "budget: quick (minutes) or full (paper-grade)")
      ->capture_default_str();
  cmd->add_option("--seed", options->seed, fmt::format("seed of the {}' random streams", noun(kind, 2)))
      ->capture_default_str();
  cmd->add_option("--threads", options->threads, "worker threads (0: all cores); results do not depend on it")
      ->capture_default_str();
  cmd->add_option("--out", options->out_dir, "run directory; records go to DIR/evidence")->capture_default_str();
  cmd->add_option("--data-dir", options->data_dir,
                  fmt::format("data sets of the {} that need them (default: $LDV_DATA_DIR)", noun(kind, 2)));
  cmd->callback([options, &action, command_line, kind, name] {
    action = [options, command_line, kind, name] { run_suite_command(*options, kind, name, command_line); };
  });
}

}  // namespace ldv::app
