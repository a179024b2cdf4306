#pragma once
// One entry point for every minimum-action method, one result type
// (paths::MinimumActionPath), as CriticalTransitions.jl does: the caller names a
// method and gets a path, its action and how the run ended.
//
// It lives here, not in paths/: its `exact` method is the Lyapunov closed form
// (lyapunov.hpp), and quasipotential/ is the layer above paths/ (DESIGN.md: "4 exit,
// paths · 5 quasipotential"), so paths/ stays free of quasipotential/.
//
// Methods:
//  * exact  linear-Gaussian models (kinds quadratic, linear) from their attractor 0:
//           the time-reversed fluctuation path and V = ½xᵀΣ⁻¹x (lyapunov.hpp).
//           `from` must be the attractor: from anywhere else the cheapest path need
//           not pass through x*, and V(to) − V(from) is not the minimum action.
//           InvalidInput otherwise, and for models without a Lyapunov solution.
//  * mam    time-parametrised MAM on [0, T] (paths/mam.hpp); S_T ≥ V(to), → V as T grows.
//  * gmam   geometric MAM (paths/gmam.hpp), the default: Ŝ, minimised over T as well.
//  * string the string method (paths/string_method.hpp), for gradient systems with
//           constant isotropic noise only (b = −∇U, D = cI): there the minimum-energy
//           path it finds is the minimum-action path. Its end points are not fixed:
//           they fall into the minima of the basins of `from` and `to`, so the path
//           runs minimum → saddle → minimum and the action is 2(U(saddle) − U(min))/c.
//           Checked at the nodes of the starting paths (all three candidates, whatever
//           `initial` says): a drift Jacobian that is not symmetric, or a D that is not
//           one multiple of I, throws InvalidInput naming the point (use gmam there).
//           The check is necessary, not sufficient: the string may move beyond the
//           points checked.
//
// Starting paths (mam, gmam, string): `initial` = automatic runs from the straight
// segment and two bowed ones and keeps the least action (a straight start can sit on
// an invariant line of the flow, paths/initial_path.hpp); straight runs from the
// segment alone. The result's stop_reason names the start kept.
//
// Defaults, for callers with no better knowledge (the command line): exact 101 nodes;
// mam T and nodes scaled to the relaxation rates at `from` (paths::scaled_mam_settings);
// gmam and string their settings' defaults. A field that is set overrides its default.
#include <optional>
#include <string>
#include <string_view>

#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"
#include "ldv/paths/initial_path.hpp"
#include "ldv/paths/minimum_action_path.hpp"

namespace ldv::quasipotential {

enum class PathMethod { exact, mam, gmam, string };
// "exact", "mam", "gmam" or "string"; anything else throws InvalidInput naming `text`,
// with `what` naming the setting ("--method" on the command line).
PathMethod parse_path_method(std::string_view text, std::string_view what = "path method");
std::string to_string(PathMethod method);

struct PathSettings {
  PathMethod method = PathMethod::gmam;
  paths::InitialPath initial = paths::InitialPath::automatic;  // mam, gmam, string
  std::optional<int> nodes;           // nodes of the path, end points included
  std::optional<double> duration;     // T of mam; set with any other method it is an error
  std::optional<double> tolerance;    // mam, gmam, string (ignored by exact)
  std::optional<int> max_iterations;  // mam, gmam, string (ignored by exact)

  // Throws InvalidInput for a duration given to a method without time; each method's
  // own settings validate the rest.
  void validate() const;
};

// Bad input (points of the wrong dimension or not finite, from == to, bad settings)
// throws InvalidInput. A run that does not converge is returned with converged = false
// and the reason; the caller decides whether that is an error.
paths::MinimumActionPath minimum_action_path(const Model& model, const Vector& from, const Vector& to,
                                             const PathSettings& settings = {});

}  // namespace ldv::quasipotential
