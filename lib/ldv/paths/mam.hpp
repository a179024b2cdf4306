#pragma once
// The minimum action method (MAM) of E, Ren & Vanden-Eijnden, "Minimum action
// method for the study of rare events", CPAM 57 (2004): minimise the
// time-parametrised Freidlin–Wentzell action
//   S_T(φ) = ½ ∫₀ᵀ (φ' − b(φ))ᵀ D(φ)⁻¹ (φ' − b(φ)) dt
// over paths with φ(0) = from, φ(T) = to on a FIXED interval [0, T]. The path is
// discretised on a uniform time grid and the discrete action of
// ldv/action/time_action.hpp (midpoint rule, second order in Δt) is minimised over
// the interior nodes by L-BFGS (LBFGS++) with its analytic gradient.
//
// For a quasi-potential V(to) = inf_T S_T, take `from` the attractor and T large:
// S_T decreases to V as T grows (exponentially fast for a linear system:
// S_T − V = O(e^{−2λT}), λ the slowest relaxation rate). The geometric MAM
// (gmam.hpp) removes T altogether.
#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"
#include "ldv/paths/minimum_action_path.hpp"
#include "ldv/paths/path_problem.hpp"

namespace ldv::paths {

struct MamSettings {
  int nodes = 200;             // nodes of the path, end points included (N + 1 >= 3)
  double duration = 10.0;      // T > 0, finite
  double tolerance = 1e-5;     // in (0, 1): the relative-gradient stop rule ρ ≤ tolerance (below)
  int max_iterations = 20000;  // L-BFGS iterations, >= 1

  // Throws InvalidInput naming the first bad field and what was expected.
  void validate() const;
};

// Variables. L-BFGS runs on preconditioned variables Z (d × n, n = N − 1 interior
// nodes), Φ = √Δt σ₀ Z L⁻¹ with K = L Lᵀ the Cholesky factor of tridiag(−1, 2, −1)
// and σ₀σ₀ᵀ = D₀ = D at the chord midpoint (from + to)/2. This maps the kinetic part
// ½ Σ |φᵢ₊₁ − φᵢ|²_{D₀⁻¹} / Δt of the action to ½ ‖Z‖², so the Hessian in Z is I plus
// drift terms of size (T λ(∇b))², independent of the node count; on the raw nodes its
// condition number grows like N², and the iteration count with it (measured on a 2-D
// linear case at T = 2, driven to the rounding floor: ~40 iterations at every N from
// 10 to 320, against 80 … 2200 on the raw nodes).
//
// Stop rule (a relative gradient, not LBFGS++'s ε_rel ‖x‖, which depends on where
// the origin is, nor a relative action change, which L-BFGS's slow phases trip
// far from the minimum):
//   ρ = ‖∂S/∂Z‖ / √(2 S_ref) ≤ tolerance,  S_ref = max(S, S_chord),
// S_chord = ½ |σ₀⁻¹(to − from)|² / T the drift-free action of the chord (a floor, so
// that a path with S ≈ 0 can converge). ρ is dimensionless and invariant under
// linear changes of coordinates. Near a minimum with Hessian ≥ μ I in Z,
// S − S* ≈ ½ gᵀH⁻¹g ≤ ρ² S_ref / μ: the relative action error is about ρ²/μ
// (μ ≥ 1 for linear gradient systems with D = I). In double precision a
// function-value line search resolves S only to rounding, which floors ρ near
// √(ε_mach λ_max(H)) with λ_max(H) ≈ 1 + (T λ(∇b)/π)²: measured 1e-9 … 3e-8 on the
// linear tests of tests/test_paths.cpp (T |λ| ≤ 32), 1e-6 … 2e-6 on a quartic double
// well with |λ| = 8 and T = 3 … 10. The default 1e-5 keeps clear of that floor and
// already gives S to about 1e-10/μ relative, far below the O(Δt²) discretisation
// error. The test is applied through
// LBFGS++'s absolute ε; when S falls below the S_ref used for that ε, L-BFGS is
// restarted from the current point with the new ε.
//
// Ending: ρ ≤ tolerance → converged. Iteration cap → converged = false,
// stop_reason "iteration cap … reached" with ρ. A line-search failure
// (std::runtime_error / std::logic_error from LBFGS++) → converged if ρ at the best
// point met the tolerance, otherwise converged = false with LBFGS++'s message.
// An action or gradient that is not finite (a drift or D not finite on the initial
// path, or overflowing) → converged = false with that reason, never a NaN compared
// with the tolerance. `relative_change` holds the final ρ. `iterations` counts L-BFGS iterations; for a
// run ended by a line-search failure, whose iteration count LBFGS++ does not
// report, its gradient evaluations are counted instead (an upper bound). Errors of
// the model itself (ldv::Error, e.g. D not positive definite on the path) propagate.
//
// `initial_path` (optional): d × nodes, first and last columns equal to from and to;
// the straight chord otherwise. Result: method "mam", path d × nodes, times the
// uniform grid on [0, T], action the discrete S_T of the returned path.
// Defaults scaled to the problem, for callers with no better knowledge (the CLI):
// the action from an attractor to x converges to V(x) like e^{−2κT} (κ the slowest
// relaxation rate at `from`, the real parts of the eigenvalues of −∇b), so T = 10/min(1, κ)
// leaves e^{−20}; the midpoint rule's error is O((ρΔt)²) for the fastest rate ρ, so
// nodes = 20 ρT + 1 (at least 200, at most 4001) keeps ρΔt ≤ 0.05. When `from` is not a
// stable equilibrium the fixed defaults (T = 10, 200 nodes) are returned.
MamSettings scaled_mam_settings(const Model& model, const Vector& from);

MinimumActionPath minimum_action_method(const Model& model, const Vector& from, const Vector& to,
                                        const MamSettings& settings = {}, const Matrix* initial_path = nullptr);


}  // namespace ldv::paths
