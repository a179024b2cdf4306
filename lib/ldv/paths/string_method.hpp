#pragma once
// The simplified string method of E, Ren & Vanden-Eijnden, "Simplified and
// improved string method for computing the minimum energy paths in barrier-crossing
// events", J. Chem. Phys. 126, 164103 (2007), for GRADIENT systems b = −∇U:
// a string of nodes φ₀ … φ_N evolves in pseudo-time τ by
//   1. a step of φ' = b(φ) of length Δτ on every node, the end points included (they
//      fall into the minima): the paper's eq. (5), the full force with no tangential
//      projection, which
//   2. the reparametrisation to equal arc length removes (paper §II.A),
// until the string stops moving. The fixed point is a curve along which ∇U is
// tangent: a minimum-energy path (MEP) through the saddle.
//
// Step 1 is one classical Runge–Kutta (RK4) step, not forward Euler (the paper
// leaves the ODE solver open). Why: on a curved MEP an Euler step moves a node along
// the tangent line, off the curve by (Δτ |b_t|)² / (2R) (R the radius of curvature),
// and the normal relaxation removes only a fraction ≈ Δτ λ_n of a deviation per step
// (λ_n the normal stiffness), so the fixed point sits ≈ Δτ |b_t|² / (2 R λ_n) off the
// MEP whatever the node count: 1e-3 on the half-circle test at Δτ = 0.02. RK4 makes
// that O(Δτ⁴), below the O(h²) of the spatial discretisation. Stable for
// Δτ λ_max(∇²U) < 2.78.
//
// Step 2 uses a natural cubic spline through the nodes. Why: piecewise-linear
// re-interpolation cuts the corners of a curved string by O(h²/R) times the fraction
// of a segment the nodes slid, a bias O(h |b_t| / (R λ_n)) off the MEP; the spline's
// interpolation error is O(h⁴) in the interior and O(h²) in the end intervals, where
// b → 0 near the minima. Measured on the half-circle test: the nodes lie
// ≈ 0.013 h² off the MEP (second order in the spacing h).
//
// For a non-gradient drift the fixed point is a curve along which b is tangent (a
// heteroclinic orbit when there is one), NOT a minimum-action path: use MAM or
// geometric MAM there. `action` is geometric_action(model, path), which for D = I
// and a gradient system is 2 (U(saddle) − U(start)) up to O(h²): the uphill half
// contributes 2ΔU, the downhill half 0.
#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"
#include "ldv/paths/minimum_action_path.hpp"

namespace ldv::paths {

struct StringSettings {
  int nodes = 100;              // nodes of the string, end points included (>= 3)
  double step = 0.01;           // pseudo-time step Δτ > 0; RK4 is stable for Δτ < 2.78 / λ_max(∇²U)
  double tolerance = 1e-8;      // in (0, 1): relative change per unit pseudo-time (see below)
  int max_iterations = 100000;  // >= 1

  // Throws InvalidInput naming the first bad field and what was expected.
  void validate() const;
};

// Stop rule: after each step-and-reparametrise,
//   c = maxᵢ |φᵢ_new − φᵢ_old| / (Δτ L),  L the arc length of the new string,
// the largest node speed in units of string lengths per unit pseudo-time. The
// string approaches its fixed point like e^{−λτ} (λ the slowest relaxation rate of
// the drift along the string), so at c ≤ tolerance it is within about
// tolerance · L / λ of the fixed point. Iteration cap → converged = false with the
// reason; so does a string whose two ends lie in the same basin (it shrinks onto the
// minimum and its relative speed does not fall). A string that becomes non-finite (Δτ above the stability limit) throws
// NumericalFailure naming the step, as does one whose length overflows. A geometric
// action that is not finite (the drift not finite between the nodes) → converged =
// false with that reason.
//
// `initial_path` (optional): d rows, any number >= 2 of columns, first and last
// columns equal to from and to; it is resampled to `nodes` equidistant nodes. The
// straight chord otherwise. Result: method "string", path d × nodes, times empty.
MinimumActionPath string_method(const Model& model, const Vector& from, const Vector& to,
                                const StringSettings& settings = {}, const Matrix* initial_path = nullptr);

}  // namespace ldv::paths
