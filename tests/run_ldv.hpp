#pragma once
// Test helper: runs the `ldv` command (LDV_CLI_PATH, set by tests/CMakeLists.txt)
// with shell-quoted arguments and returns its exit code, stdout and stderr.
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

struct LdvRun {
  int exit_code;
  std::string out, err;
};

inline LdvRun run_ldv(const std::string& arguments) {
  // One stderr file per test process: CTest runs test executables side by side in one directory.
  const std::string err_file = "ldv_test_stderr_" + std::to_string(getpid()) + ".txt";
  const std::string command = std::string(LDV_CLI_PATH) + " " + arguments + " 2>" + err_file;
  LdvRun run{};
  FILE* pipe = popen(command.c_str(), "r");
  BOOST_REQUIRE(pipe);
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe)) run.out += buffer;
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(err_file);
  std::stringstream err;
  err << in.rdbuf();
  run.err = err.str();
  std::remove(err_file.c_str());
  return run;
}
