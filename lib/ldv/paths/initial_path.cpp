#include "ldv/paths/initial_path.hpp"

#include <cmath>
#include <fmt/format.h>
#include <numbers>

#include "ldv/core/enum_names.hpp"
#include "ldv/core/error.hpp"
#include "ldv/paths/arc_length.hpp"

namespace ldv::paths {
namespace {

constexpr EnumNames<InitialPath, 2> kInitialPathNames{{{"auto", InitialPath::automatic},
                                                      {"straight", InitialPath::straight}}};

}  // namespace

InitialPath parse_initial_path(std::string_view text, std::string_view what) {
  return parse_enum(kInitialPathNames, text, what);
}

std::string to_string(InitialPath policy) { return enum_name(kInitialPathNames, policy); }

std::vector<StartingPath> starting_paths(InitialPath policy, const Vector& from, const Vector& to, int nodes) {
  std::vector<StartingPath> starts = initial_path_candidates(from, to, nodes);
  if (policy == InitialPath::straight) starts.resize(1);  // the straight segment comes first
  return starts;
}

std::vector<StartingPath> initial_path_candidates(const Vector& from, const Vector& to, int nodes, double amplitude) {
  std::vector<StartingPath> out{{"straight", straight_path(from, to, nodes)}};
  const Vector chord = to - from;
  const double length = chord.norm();
  if (from.size() < 2 || !(length > 0.0)) return out;
  const Vector direction = chord / length;
  Eigen::Index axis = 0;
  direction.cwiseAbs().minCoeff(&axis);
  Vector normal = Vector::Unit(from.size(), axis) - direction(axis) * direction;  // Gram–Schmidt
  normal.normalize();
  for (const double sign : {1.0, -1.0}) {
    Matrix path = out.front().path;
    for (int k = 0; k < nodes; ++k)
      path.col(k) += sign * amplitude * length * std::sin(std::numbers::pi * k / (nodes - 1.0)) * normal;
    path.col(nodes - 1) = to;  // sin(π) is 1.2e-16, not 0: keep the end point exact
    out.push_back({sign > 0 ? "bowed +" : "bowed −", std::move(path)});
  }
  return out;
}

MinimumActionPath least_action_over_starts(const std::vector<StartingPath>& starts,
                                           const std::function<MinimumActionPath(const Matrix&)>& solve) {
  if (starts.empty()) throw_invalid("no initial path given");
  MinimumActionPath best;
  bool have = false;
  std::string best_name;
  for (const auto& start : starts) {
    MinimumActionPath candidate = solve(start.path);
    // Least action wins even when its run did not converge: a lower action proves the
    // others are not the minimum (e.g. a converged straight start on an invariant axis
    // is a saddle of the action), and the caller then reports the non-convergence.
    // A non-finite action (NaN compares false) never beats a finite one.
    const bool better = !have || candidate.action < best.action ||
                        (!std::isfinite(best.action) && std::isfinite(candidate.action));
    if (better) {
      best = std::move(candidate);
      best_name = start.name;
      have = true;
    }
  }
  best.stop_reason += fmt::format(" (least action of {} starts: the {} one)", starts.size(), best_name);
  return best;
}

}  // namespace ldv::paths
