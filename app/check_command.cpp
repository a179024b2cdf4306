// `ldv check`: run the suite's checks (or list them) and print a verdict table.
//   ldv check --list | ID... | --all [--profile quick|full] [--seed S] [--threads K] [--out DIR] [--data-dir DIR]
// Records go to DIR/evidence/<id>.json as each check completes; a record whose inputs
// are unchanged is reused (lib/ldv/verify/runner.hpp). Progress goes to stderr, the
// table to stdout. Exit 0 when every selected check produced a record; 1 on bad input
// (nothing on stdout) or when a check failed (after the table). A reproduction's ID is
// refused with the command to use (`ldv reproduce`). Shared with `ldv reproduce`:
// suite_command.hpp.
#include "commands.hpp"
#include "suite_command.hpp"

namespace ldv::app {

void register_check(CLI::App& root, Action& action, const std::vector<std::string>& command_line) {
  register_suite_command(root, action, command_line, "check", "Run the checks of the papers' claims and print their "
                         "verdicts", verify::RecordKind::check);
}

}  // namespace ldv::app
