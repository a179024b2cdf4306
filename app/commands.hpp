#pragma once
// Sub-commands of `ldv` (DESIGN.md, "Command line"). Each registers its options
// on the CLI11 app and returns the action to run once parsing succeeded; the
// action prints its result to stdout only at the very end, so an error leaves
// stdout empty.
#include <functional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace ldv::app {

using Action = std::function<void()>;

// `command_line` is the full argv, recorded in the provenance of the result.
void register_exit_time(CLI::App& root, Action& action, const std::vector<std::string>& command_line);
void register_quasipotential(CLI::App& root, Action& action, const std::vector<std::string>& command_line);
void register_exit_barrier(CLI::App& root, Action& action, const std::vector<std::string>& command_line);
void register_check(CLI::App& root, Action& action, const std::vector<std::string>& command_line);
void register_reproduce(CLI::App& root, Action& action, const std::vector<std::string>& command_line);
void register_report(CLI::App& root, Action& action, const std::vector<std::string>& command_line);

}  // namespace ldv::app
