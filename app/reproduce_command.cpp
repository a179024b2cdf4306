// `ldv reproduce`: regenerate the papers' figures and tables (or list them) and print a
// verdict table.
//   ldv reproduce --list | ID... | --all [--profile quick|full] [--seed S] [--threads K] [--out DIR] [--data-dir DIR]
// The same runner, resume, exit codes, progress and table as `ldv check` (suite_command.hpp):
// records go to DIR/evidence/<id>.json beside the checks' records, so `ldv report --out DIR`
// renders both. A check's ID is refused with the command to use (`ldv check`).
#include "commands.hpp"
#include "suite_command.hpp"

namespace ldv::app {

void register_reproduce(CLI::App& root, Action& action, const std::vector<std::string>& command_line) {
  register_suite_command(root, action, command_line, "reproduce",
                         "Regenerate the papers' figures and tables, compare them with the papers and print the "
                         "verdicts",
                         verify::RecordKind::reproduction);
}

}  // namespace ldv::app
