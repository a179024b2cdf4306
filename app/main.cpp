// `ldv`: thin entry point: parse, dispatch, print. Errors go to stderr with a
// non-zero exit (1: bad input or failed computation, 2: bad command line) and
// nothing on stdout.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "commands.hpp"
#include "ldv/core/build_info.hpp"
#include "ldv/core/error.hpp"

int main(int argc, char** argv) {
  const std::vector<std::string> command_line(argv, argv + argc);
  CLI::App root{"ldv: large-deviation verification of SGD escape from local minima"};
  root.require_subcommand(1);
  root.set_version_flag("--version", "ldv " + ldv::build_info().version + " (" + ldv::build_info().git_revision + ")");
  ldv::app::Action action;
  ldv::app::register_exit_time(root, action, command_line);
  ldv::app::register_quasipotential(root, action, command_line);
  ldv::app::register_exit_barrier(root, action, command_line);
  ldv::app::register_check(root, action, command_line);
  ldv::app::register_reproduce(root, action, command_line);
  ldv::app::register_report(root, action, command_line);

  try {
    root.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = root.exit(e);  // prints help/version to stdout, errors to stderr
    return code == 0 ? 0 : 2;
  }
  try {
    action();
  } catch (const ldv::Error& e) {
    std::cerr << "ldv: error: " << e.what() << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "ldv: internal error: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
