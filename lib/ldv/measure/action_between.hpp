#pragma once
// The minimum action between two points as a measurement with a numerical error bar:
//   φ(x; x₀) = inf over T and over paths ψ(0) = x₀, ψ(T) = x of S_T(ψ)
// (implicit-regularizer paper eq. (23); from the attractor it is the quasi-potential, from any
// other start it is the local quasi-potential of Remark 3.2). Computed by geometric MAM
// (paths/gmam.hpp: Ŝ is S_T minimised over T and the parametrisation) from the automatic
// starting paths — the straight chord and two bowed ones, the least action kept
// (quasipotential/minimum_action.hpp) — at N and at 2N − 1 nodes (the fine grid halves every
// segment).
// Error bar (the one interval policy, stats/interval_policy.hpp, with no statistical part):
// the midpoint-rule action is second order in the node spacing, so the fine value's
// discretisation error is about |Ŝ_N − Ŝ_{2N−1}|/3; the systematic half-width is the whole
// difference |Ŝ_N − Ŝ_{2N−1}| (a factor 3 of margin), plus the gMAM stop tolerance times |Ŝ|,
// plus an absolute floor (an action that small counts as zero: gmam.hpp's 1e-10 rule, scaled
// by the path's Σ|Δφ|_A|b|_A, is far below it).
#include <string>

#include "ldv/core/estimate.hpp"
#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"
#include "ldv/paths/minimum_action_path.hpp"

namespace ldv::measure {

struct ActionBetweenSettings {
  int nodes = 101;            // N, the coarse path's nodes (>= 3); the fine path has 2N − 1
  // The gMAM stop tolerance of both runs, in (0, 1). Not smaller: on a path of zero action (along the
  // flow) Ŝ is a sum of cancelling terms, and its rounding noise, relative to gmam.hpp's zero floor
  // 1e-10 Σ|Δφ|_A|b|_A, is ~1e-7 — a tolerance below that is never met there.
  double tolerance = 1e-6;
  double absolute_floor = 1e-8;  // added to the half-width, >= 0
  int max_iterations = 50000;

  void validate() const;  // InvalidInput naming the first bad field
};

struct ActionBetween {
  Estimate action;                // φ(to; from), fine value, systematic half-width as above
  double coarse = 0.0;            // Ŝ at N nodes
  paths::MinimumActionPath path;  // the fine run (its path is the minimiser's picture)
};

// `name` names the estimate. InvalidInput for bad points or settings (from == to included);
// NumericalFailure when either gMAM run does not converge (its stop reason is quoted).
ActionBetween measure_action_between(const Model& model, const Vector& from, const Vector& to, const std::string& name,
                                     const ActionBetweenSettings& settings = {});

}  // namespace ldv::measure
