#pragma once
// What `ldv check` and `ldv reproduce` share (DESIGN.md, "Command line"): the one
// registry of the suite, the options, the list, the run and the verdict table. The two
// commands differ only in the kind of item they select, so that a check and a
// reproduction are decided in one Bonferroni family (the runner's family size is every
// registered item) and their records sit side by side in DIR/evidence for `ldv report`.
#include <cstdint>
#include <string>
#include <vector>

#include "commands.hpp"
#include "ldv/verify/registry.hpp"

namespace ldv::app {

// Every check (proofs_checks/) and every reproduction (reproductions/), registered once:
// both commands build the registry here, so their family sizes cannot differ.
verify::Registry build_registry();

struct SuiteOptions {
  std::vector<std::string> ids;
  bool list = false, all = false;
  std::string profile = "quick";
  std::int64_t seed = 1;  // signed so that "-1" is reported, not wrapped around
  int threads = 0;
  std::string out_dir = "ldv-out";
  std::string data_dir;
};

// Adds the subcommand `name` (check or reproduce, selecting items of `kind`) with
//   --list | ID... | --all [--profile quick|full] [--seed S] [--threads K] [--out DIR] [--data-dir DIR]
// Its action lists the items of `kind` (ID, paper, reference, title) or runs the selected
// ones through verify::run_checks: progress on stderr, the verdict table on stdout.
// Bad input (no selection, a negative seed, an unknown ID or one of the other kind, a bad
// profile) throws InvalidInput before anything runs or is printed; a failed item throws
// Error after the table.
void register_suite_command(CLI::App& root, Action& action, const std::vector<std::string>& command_line,
                            const std::string& name, const std::string& description, verify::RecordKind kind);

}  // namespace ldv::app
