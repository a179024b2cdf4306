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
#include <string_view>
#include <vector>

#include "ldv/core/linalg.hpp"
#include "ldv/paths/minimum_action_path.hpp"

namespace ldv::paths {

struct StartingPath {
  std::string name;  // "straight", "bowed +", "bowed −"
  Matrix path;       // d × nodes
};

// The straight segment, and (d ≥ 2) the segment bowed by ± amplitude·|to − from|·sin(πs)
// along the unit vector perpendicular to it that is closest to the least-aligned axis.
std::vector<StartingPath> initial_path_candidates(const Vector& from, const Vector& to, int nodes,
                                                  double amplitude = 0.5);

// Which starts a path method runs from: `automatic` ("auto") all the candidates above,
// the least action kept; `straight` the straight segment only.
enum class InitialPath { automatic, straight };
// "auto" or "straight"; anything else throws InvalidInput naming `text`, with `what`
// naming the setting ("--initial" on the command line).
InitialPath parse_initial_path(std::string_view text, std::string_view what = "initial path");
std::string to_string(InitialPath policy);  // "auto" or "straight"

// The starts `policy` asks for, `nodes` nodes each.
std::vector<StartingPath> starting_paths(InitialPath policy, const Vector& from, const Vector& to, int nodes);

// Runs `solve` from each candidate and returns the result of least action, converged
// or not (its flag says), with the winning start named in its stop_reason. A result
// whose action is not finite loses to any finite one.
MinimumActionPath least_action_over_starts(const std::vector<StartingPath>& starts,
                                           const std::function<MinimumActionPath(const Matrix&)>& solve);

}  // namespace ldv::paths
