// `ldv check`: run the suite's checks (or list them) and print a verdict table.
//   ldv check --list | ID... | --all [--profile quick|full] [--seed S] [--threads K] [--out DIR] [--data-dir DIR]
// Records go to DIR/evidence/<id>.json as each check completes; a record whose inputs
// are unchanged is reused (lib/ldv/verify/runner.hpp). Progress goes to stderr, the
// table to stdout. Exit 0 when every selected check produced a record; 1 on bad input
// (nothing on stdout) or when a check failed (after the table).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "ldv/core/error.hpp"
#include "ldv/verify/progress.hpp"
#include "ldv/verify/runner.hpp"
#include "proofs_checks/all_checks.hpp"

namespace ldv::app {

void register_check(CLI::App& root, Action& action, const std::vector<std::string>& command_line);

namespace {

struct CheckOptions {
  std::vector<std::string> ids;
  bool list = false, all = false;
  std::string profile = "quick";
  std::int64_t seed = 1;  // signed so that "-1" is reported, not wrapped around
  int threads = 0;
  std::string out_dir = "ldv-out";
  std::string data_dir;
};

std::size_t widest(const std::vector<std::string>& column) {
  std::size_t w = 0;
  for (const std::string& s : column) w = std::max(w, s.size());
  return w;
}

void print_list(const verify::Registry& registry) {
  std::vector<const verify::Check*> checks = verify::select_checks(registry, {}, verify::RecordKind::check);
  if (checks.empty()) {
    std::cerr << "ldv: no checks are registered\n";
    return;
  }
  std::vector<std::string> ids, papers;
  for (const verify::Check* c : checks) {
    ids.push_back(c->id);
    papers.push_back(c->paper);
  }
  const std::size_t wi = widest(ids), wp = widest(papers);
  std::string out;
  for (const verify::Check* c : checks)
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

void print_table(const verify::RunSummary& summary, const std::string& evidence_dir) {
  std::vector<std::string> ids, verdicts;
  for (const verify::CheckOutcome& o : summary.outcomes) {
    ids.push_back(o.id);
    verdicts.push_back(status_text(o));
  }
  const std::size_t wi = std::max<std::size_t>(widest(ids), 2), wv = std::max<std::size_t>(widest(verdicts), 7);
  std::string out = fmt::format("{:<{}}  {:<{}}  {}\n", "ID", wi, "VERDICT", wv, "TIME");
  for (const verify::CheckOutcome& o : summary.outcomes)
    out += fmt::format("{:<{}}  {:<{}}  {}\n", o.id, wi, status_text(o), wv, time_text(o));
  out += fmt::format("{} checks: {} computed, {} reused, {} failed; records in {} ({:.1f} s)\n",
                     summary.outcomes.size(), summary.count(verify::CheckStatus::computed),
                     summary.count(verify::CheckStatus::reused), summary.failed(), evidence_dir, summary.wall_s);
  std::cout << out;
}

void run_check_command(const CheckOptions& o, const std::vector<std::string>& command_line) {
  verify::Registry registry;
  checks::register_all_checks(registry);
  if (o.list) {
    print_list(registry);
    return;
  }
  if (o.ids.empty() && !o.all) throw_invalid("nothing to run: give check IDs, --all, or --list");
  if (o.seed < 0) throw_invalid(fmt::format("seed = {} must be >= 0", o.seed));

  verify::RunOptions run;
  run.ids = o.ids;  // empty with --all: every check
  run.kind = verify::RecordKind::check;
  run.profile = o.profile;
  run.seed = static_cast<unsigned long long>(o.seed);
  run.threads = o.threads;
  run.out_dir = o.out_dir;
  run.data_dir = verify::resolve_data_dir(o.data_dir);
  run.command_line = command_line;
  const std::unique_ptr<verify::ProgressSink> progress = verify::make_stderr_progress();
  const verify::RunSummary summary = verify::run_checks(registry, run, *progress);

  print_table(summary, verify::evidence_directory(o.out_dir));
  if (summary.failed() > 0) {
    std::string failed;
    for (const verify::CheckOutcome& c : summary.outcomes)
      if (c.status == verify::CheckStatus::failed) failed += fmt::format("\n  {}: {}", c.id, c.error);
    throw Error(fmt::format("{} of {} checks failed:{}", summary.failed(), summary.outcomes.size(), failed));
  }
}

}  // namespace

void register_check(CLI::App& root, Action& action, const std::vector<std::string>& command_line) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* cmd = root.add_subcommand("check", "Run the checks of the papers' claims and print their verdicts");
  CLI::Option* ids = cmd->add_option("ids", options->ids, "check IDs (see --list)");
  CLI::Option* list = cmd->add_flag("--list", options->list, "list the checks: ID, paper, claim, title");
  CLI::Option* all = cmd->add_flag("--all", options->all, "run every check");
  list->excludes(ids)->excludes(all);
  all->excludes(ids);
  cmd->add_option("--profile", options->profile, "budget: quick (minutes) or full (paper-grade)")
      ->capture_default_str();
  cmd->add_option("--seed", options->seed, "seed of the checks' random streams")->capture_default_str();
  cmd->add_option("--threads", options->threads, "worker threads (0: all cores); results do not depend on it")
      ->capture_default_str();
  cmd->add_option("--out", options->out_dir, "run directory; records go to DIR/evidence")->capture_default_str();
  cmd->add_option("--data-dir", options->data_dir, "data sets of the checks that need them (default: $LDV_DATA_DIR)");
  cmd->callback([options, &action, command_line] {
    action = [options, command_line] { run_check_command(*options, command_line); };
  });
}

}  // namespace ldv::app
