#pragma once
// `ldv exit-time --method splitting`: E[τ] by adaptive multilevel splitting inside the
// cycle decomposition (lib/ldv/rare/splitting_exit_time.hpp), for exit times far beyond
// direct simulation. Kept apart from exit_time_command.cpp so that the default (direct)
// method's code and output stay as they are.
#include <cstdint>
#include <string>
#include <vector>

#include "ldv/exit/exit_time.hpp"

namespace ldv::app {

struct SplittingOptions {
  std::int64_t particles = 100, replicas = 100, killed = 1, seed = 1;
  std::string coordinate = "auto";
  int threads = 0;
  double confidence = 0.95;
  bool json = false;
};

// Runs splitting on `problem` and prints the result (text, or one JSON object).
void run_exit_time_splitting(const ExitTimeProblem& problem, const SplittingOptions& options,
                             const std::vector<std::string>& command_line);

}  // namespace ldv::app
