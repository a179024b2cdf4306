#pragma once
// One result type for every path method (MAM, geometric MAM, string method), as
// CriticalTransitions.jl does: the path, its action, how the iteration ended.
// Every method stops on a relative tolerance; reaching the iteration cap instead
// leaves `converged` false with the reason in `stop_reason`, never silently.
#include <string>

#include "ldv/core/linalg.hpp"

namespace ldv::paths {

struct MinimumActionPath {
  std::string method;        // "mam", "gmam" or "string"
  Matrix path;               // d × nodes, columns φ₀ (start) … φ_N (end)
  Vector times;              // node times for "mam"; empty for the geometric methods
  double action = 0.0;       // S_T for "mam", the geometric action Ŝ otherwise
  int iterations = 0;
  bool converged = false;
  double relative_change = 0.0;  // the last measured relative change the stop rule looked at
  std::string stop_reason;       // e.g. "relative action change 8.1e-07 < 1e-06", "iteration cap 20000 reached"
};

}  // namespace ldv::paths
