#pragma once
// The geometric minimum action method (gMAM) of Heymann & Vanden-Eijnden, "The
// geometric minimum action method: a least action principle on the space of
// curves", CPAM 61 (2008) 1052–1117 (HVE below; the update is also eq. (6) of their
// PRL 100, 140601 (2008)). It minimises the geometric action
//   Ŝ(φ) = ∫ |φ'|_A |b(φ)|_A − ⟨φ', b(φ)⟩_A dα,   A = D⁻¹   (action/geometric_action.hpp)
// over curves from `from` to `to`. Ŝ is S_T already minimised over T and over the
// time-parametrisation, so min Ŝ = V(to) when `from` is the attractor: unlike MAM
// there is no travel time to choose.
//
// The update (HVE §4–5). With H(x, θ) = ⟨b(x), θ⟩ + ½⟨θ, D(x)θ⟩, φ' = dφ/dα in the
// normalised arc length α ∈ [0, 1] and
//   λ = |b(φ)|_A / |φ'|_A,   θ̂ = D⁻¹(λφ' − b)        (H(φ, θ̂) = 0, H_θ(φ, θ̂) = λφ'),
// Ŝ = ∫ ⟨θ̂, φ'⟩ dα and, by the envelope theorem with multiplier 1/λ for H = 0,
//   δŜ/δφ = −θ̂' − H_x / λ.
// Steepest descent preconditioned by λH_θθ = λD (SPD, so still a descent):
//   φ̇ = −λD δŜ/δφ = λDθ̂' + DH_x,
// and differentiating H_θ(φ, θ̂) = λφ' along the curve (H_θx φ' + H_θθ θ̂' = λ'φ' + λφ'')
// gives the key line
//   φ̇ = λ²φ'' − λ H_θx φ' + H_θθ H_x + λλ'φ',
// whose rest points solve HVE's Euler–Lagrange equation −λ²φ'' + λH_θxφ' − H_θθH_x − λλ'φ' = 0.
// (The λλ'φ' term is tangential, so the reparametrisation below would erase either
// sign; + is the Euler–Lagrange sign: for b = −∇U, D = I the exact path λφ' = −b gives
// λ²φ'' + λλ'φ' = −λ∇b φ' = ∇b b, so the equation holds node by node.)
// For this H: H_θθ = D, H_θx φ' = ∇b φ' + (∂_{φ'}D) θ̂, (H_x)_j = (∇bᵀθ̂)_j + ½ θ̂ᵀ(∂_j D)θ̂,
// with ∂_j D by central differences when D depends on x (model.constant_diffusion()
// false, e.g. two_well); for D = I this is λ²φ'' − λ(∇b − ∇bᵀ)φ' − ∇bᵀb + λλ'φ'.
// Constant anisotropic D needs no change of variables: the leading term is λ²φ'' in
// any linear coordinates (λDθ̂' = λ²φ'' + lower order).
//
// Discretisation: nodes φ₀ … φ_N at α_i = i/N, centred differences (one-sided, second
// order, at the end points). Semi-implicit in the stiff term, explicit in the rest R:
//   (φᵢ^{k+1} − φᵢ^k)/Δτ = λᵢ² (φᵢ₊₁^{k+1} − 2φᵢ^{k+1} + φᵢ₋₁^{k+1})/Δα² + Rᵢ(φ^k),
// one tridiagonal solve (shared by all coordinates), end points fixed; then the nodes
// are put back at equal Euclidean arc length through a natural cubic spline
// (arc_length.hpp; a linear re-interpolation would bias the fixed point by O(h), see
// string_method.hpp).
//
// Pseudo-time step. The explicit part R is stable only for Δτ ≲ 2/‖∇b‖²: near an
// attractor R ≈ −D∇bᵀA∇b (x − x*), so each step uses
//   Δτ = min(step, ceiling, 1/κ),   κ = maxᵢ ‖Dᵢ ∇bᵢᵀ Aᵢ ∇bᵢ‖_F over the interior nodes
// (κ bounds that linearisation's spectral radius, and explicit Euler is monotone, not
// oscillating, for Δτ κ ≤ 1). As a second guard, a step whose action rises by more than
// 1e-3 relative (or turns non-finite) is rejected, and half its Δτ becomes the ceiling
// for the rest of the run (growing back into an unstable range would only cycle); each
// accepted step that lowers the action lets Δτ grow by 10 % up to the ceiling. Smaller
// rises are accepted: near convergence the action oscillates by amounts far below the
// tolerance as the path settles. With the implicit λ²φ'' the iteration count does not
// grow with the nodes.
//
// Stop rule, checked after each accepted step k ≥ W (W = `window`):
//   ΔS = max(|S_k − S_{k−W}|, |S_k − S_{k−1}|), and with ρ = ΔS / |S_{k−W} − S_{k−2W}| < 1
//   the geometric estimate of the change still to come, ΔS ρ/(1 − ρ);
//   relative change c = max(ΔS, ΔS ρ/(1−ρ)) / S_ref ≤ tolerance,       AND
//   path movement m = maxᵢ max(|φᵢ^k − φᵢ^{k−W}|, |φᵢ^k − φᵢ^{k−1}|) / L ≤ √tolerance
//   (L the arc length). The last single step enters both so that an oscillation whose
//   period divides W cannot pass as converged.
// S_ref = max(|S|, 1e-10 Σ|Δφ|_A|b|_A) (an action that small counts as zero). Why the
// second test: Ŝ is stationary at its minimiser, so an action change alone cannot
// tell a converged path from one still drifting along a flat direction; a path error
// δ costs only O(δ²) in action, hence √tolerance. The extrapolation guards against
// slow phases where the window change is small but the remaining change is not.
// Zero drift: when b vanishes at every segment midpoint, Σ|Δφ|_A|b|_A = 0 and Ŝ = 0, so
// S_ref = 0 and the relative change would be 0/0. Such a path is already a minimiser
// (Ŝ ≥ 0 for every path, Cauchy–Schwarz in the A inner product) and the flow does not
// move it (λ = 0, θ̂ = 0 where b = 0), so the run stops at once: converged, action 0,
// relative change 0, 0 iterations (e.g. two_well in its flat region, V = 0 there).
// Iteration cap (accepted and rejected steps) → converged = false with the reason;
// Δτ halved below 1e-10 · step → converged = false ("pseudo-time step collapsed").
// Non-finite values never pass as converged: an initial path whose action is not
// finite (the drift or D not finite on it) ends the run at once, unconverged, with
// that reason, as would a non-finite relative change or path movement.
#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"
#include "ldv/paths/minimum_action_path.hpp"

namespace ldv::paths {

struct GmamSettings {
  int nodes = 101;              // nodes of the path, end points included (N + 1 >= 3)
  double step = 1.0;            // largest pseudo-time step Δτ > 0 (see "Pseudo-time step")
  double tolerance = 1e-8;      // in (0, 1): relative action change of the stop rule
  int max_iterations = 50000;   // >= 1, accepted plus rejected steps
  int window = 10;              // >= 1: accepted steps between compared states

  // Throws InvalidInput naming the first bad field and what was expected.
  void validate() const;
};

// Like any descent, gMAM finds the critical curve its initial path leads to. A straight
// chord lying on a line the flow leaves invariant stays on it: for Maier–Stein with
// β > 4, from (−1, 0) to (0, 0), that is the on-axis path (Ŝ = 1/2), a saddle of Ŝ, not
// the minimiser (Ŝ ≈ 0.34004 for β = 10); pass a path bowed off the axis there.
//
// `initial_path` (optional): d rows, any number >= 2 of columns, first and last
// columns equal to from and to; resampled (piecewise linearly) to `nodes` equidistant
// nodes. The straight chord otherwise. Result: method "gmam", path d × nodes (equal
// arc length), times empty, action = geometric_action(model, path).
// Bad input (from == to: "path endpoints are equal"; dimension mismatch; non-finite
// values; bad settings) throws InvalidInput.
MinimumActionPath geometric_minimum_action_method(const Model& model, const Vector& from, const Vector& to,
                                                  const GmamSettings& settings = {},
                                                  const Matrix* initial_path = nullptr);

// θ̂(x, t) = D⁻¹(λt − b), λ = |b|_A / |t|_A: the momentum on the zero level set of H at
// which the flow H_θ = b + Dθ is parallel to the tangent t (only t's direction
// matters). Along a minimum action path from an attractor θ̂ = ∇V (the path is a
// characteristic of the Hamilton–Jacobi equation H(x, ∇V) = 0, implicit-regularizer
// paper eq. (26)). Zero when b(x) = 0 or t = 0.
Vector geometric_momentum(const Model& model, const Vector& x, const Vector& tangent);

}  // namespace ldv::paths
