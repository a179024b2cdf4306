#pragma once
// Initial paths for the path methods, and a multi-start wrapper. A straight
// segment can be a critical point of the action that the descent never leaves:
// in the Maier–Stein system with β > 4 the segment (−1, 0) → (0, 0) lies on the
// x axis, which the flow keeps invariant, and converges to the saddle value 1/2
// instead of the minimum ≈ 0.3400 off the axis. Bowed starts (as in Heymann &
// Vanden-Eijnden's own example, φ₂ = sin πs) break the symmetry; the quasi-
// potential being an infimum, the least action over several starts is the answer.
#include <functional>
#include <string>
#include <vector>

#include "ldv/core/linalg.hpp"
#include "ldv/paths/minimum_action_path.hpp"

namespace ldv::paths {

struct InitialPath {
  std::string name;  // "straight", "bowed +", "bowed −"
  Matrix path;       // d × nodes
};

// The straight segment, and (d ≥ 2) the segment bowed by ± amplitude·|to − from|·sin(πs)
// along the unit vector perpendicular to it that is closest to the least-aligned axis.
std::vector<InitialPath> initial_path_candidates(const Vector& from, const Vector& to, int nodes,
                                                 double amplitude = 0.5);

// Runs `solve` from each candidate and returns the result of least action, converged
// or not (its flag says), with the winning start named in its stop_reason.
MinimumActionPath least_action_over_starts(const std::vector<InitialPath>& starts,
                                           const std::function<MinimumActionPath(const Matrix&)>& solve);

}  // namespace ldv::paths
