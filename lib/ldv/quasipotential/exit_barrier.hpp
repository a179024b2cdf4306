#pragma once
// The exit barrier of a ball: V₀ = min over the sphere |x − c| = r of V(x), V the
// quasi-potential relative to the attractor c, and the minimiser x*.
// Implicit-regularizer paper, Theorem 3.5 eq. (30): ε ln E τ → V₀ as ε → 0 (τ the
// exit time of the ball from a start inside); Remark 3.6 eq. (31): when x* is the
// unique minimiser, the exit position tends to x*. DESIGN.md: a check compares the
// slope of log E[τ] against 1/ε with this V₀.
//
// Methods:
//  * "exact": linear drift with constant diffusion (kinds quadratic, linear):
//    V₀ = r² / (2 λ_max(Σ)), x* = c ± r v_max (Σ from the Lyapunov equation,
//    lyapunov.hpp); exact to rounding.
//  * "gmam": any model. V(x) by geometric MAM from c (path_quasipotential.hpp), first
//    scanned over a set of directions, warm-starting each path from the nearest one
//    already computed (rotated about c onto the new direction), then refined:
//      2-D: a ring of `ring_samples` angles, then golden-section search in the angle
//           on the bracket around the best sample. The search stops when the bracket
//           width w satisfies ½ κ (w/2)² ≤ tolerance · V_best, κ the curvature
//           d²V/dθ² estimated from the scan's second difference at the best sample:
//           the best point is within w/2 of the minimiser, so within tolerance of V₀
//           (relative) where V is locally quadratic in the angle.
//      d-D: ± the coordinate axes, ± the eigenvectors of the covariance Σ of the
//           linearisation at c (−∇b(c), D(c); the quadratic approximation's
//           minimisers), and `spread_directions` Halton directions; then Riemannian
//           gradient descent on the sphere along geodesics, the gradient being the
//           terminal momentum θ̂ ≈ ∇V, its tangential part g projected on the sphere.
//           Each step: Newton step t = r|g|/κ along the geodesic (κ the curvature
//           measured on the previous step; a quarter of the scan spacing at first),
//           halved until the Armijo condition holds. Stops when the predicted
//           remaining decrease (r|g|)² / (2κ) ≤ tolerance · V, or when no trial step
//           whose first-order decrease t r|g| exceeds 10 × the gMAM tolerance × V
//           (below that V's own convergence error hides any decrease) lowers V: then V
//           is stationary to the accuracy it is computed to (converged, and said so).
//      1-D: the "sphere" is the two points c ± r; both are evaluated.
//    `tolerance` should exceed the gMAM tolerance (V's own noise) by a good margin;
//    the gMAM discretisation error O(h²) is smooth in x and shifts V₀ by that order.
//  * "automatic" (default): exact when the model has an exact quasi-potential.
// Degenerate case: when V is constant on the sphere (e.g. isotropic, D ∝ I with
// b = −a(x − c)), every point is a minimiser; the search then stops at once and any
// minimiser is returned (the scan's lowest value).
//
// The centre must be an equilibrium of the drift (require_equilibrium with
// `equilibrium_tolerance`); the radius must be positive and finite.
#include <string>
#include <string_view>
#include <vector>

#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"
#include "ldv/paths/gmam.hpp"
#include "ldv/paths/minimum_action_path.hpp"

namespace ldv::quasipotential {

enum class BarrierMethod { automatic, exact, gmam };
// "auto", "exact" or "gmam"; anything else throws InvalidInput naming `text`, with
// `what` naming the setting ("--method" on the command line).
BarrierMethod parse_barrier_method(std::string_view text, std::string_view what = "exit-barrier method");
std::string to_string(BarrierMethod method);  // "auto", "exact" or "gmam": parse_barrier_method's names

struct ExitBarrierSettings {
  BarrierMethod method = BarrierMethod::automatic;
  paths::GmamSettings gmam{};        // each evaluation of V (nodes, step, tolerance, ...)
  int ring_samples = 24;             // 2-D: angles scanned before the golden section (>= 4)
  int spread_directions = -1;        // d-D: extra Halton directions (>= 0; −1 means 2d)
  double tolerance = 1e-6;           // in (0, 1): relative accuracy asked of V₀ by the refinement
  int max_refinements = 200;         // >= 1: V evaluations allowed after the scan
  double equilibrium_tolerance = 1e-8;  // > 0: see require_equilibrium
  // d-D scan: also start from the eigenvectors of the linearisation's covariance (the exact
  // minimisers for a linear model). Off when the search must not lean on the linear
  // answer, e.g. a check holding geometric MAM against the Lyapunov solution.
  bool linearisation_directions = true;

  // Throws InvalidInput naming the first bad field and what was expected.
  void validate() const;
};

struct SphereSample {
  Vector point;
  double value = 0.0;      // V(point)
  bool converged = false;  // its gMAM run converged
};

struct ExitBarrier {
  double barrier = 0.0;    // V₀
  Vector argmin;           // x*, a minimiser of V on the sphere
  std::string method;      // "exact" or "gmam"
  int evaluations = 0;     // V evaluations (gMAM runs); 0 for "exact"
  bool converged = false;
  std::string stop_reason;
  std::vector<SphereSample> samples;  // gmam: every evaluation, scan first, in order
  paths::MinimumActionPath path;      // gmam: the minimum action path c → x*
};

ExitBarrier exit_barrier(const Model& model, const Vector& center, double radius,
                         const ExitBarrierSettings& settings = {});

}  // namespace ldv::quasipotential
