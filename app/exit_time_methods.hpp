#pragma once
// The `ldv exit-time` methods beyond a fixed-step Monte Carlo run (exit_time_command.cpp):
//  * --tolerance TOL: multilevel Gobet–Menozzi to a relative total error, reporting the bias
//    estimate and an interval that covers bias and statistics (exit/error_controlled_exit_time.hpp);
//  * --method pde: the Dynkin equation L u = −1 on polar grids, continuous time, no Monte Carlo
//    (pde/mean_exit_time.hpp; 2-D models), with a Richardson error estimate.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "ldv/exit/exit_time.hpp"

namespace ldv::app {

struct ExitTimeRequest {
  ExitTimeProblem problem;  // problem.step: the coarsest step of the multilevel ladder (unused by pde)
  std::optional<double> tolerance;
  double confidence = 0.95;
  std::uint64_t seed = 1;
  int threads = 0;
  bool json = false;
  nlohmann::json echo;  // options echoed in the JSON output (model, lr/batch, provenance, …)
};

void run_exit_time_to_tolerance(const ExitTimeRequest& request);
void run_exit_time_pde(const ExitTimeRequest& request);

}  // namespace ldv::app
