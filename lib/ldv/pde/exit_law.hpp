#pragma once
// The exit law of a 2-D diffusion from a disc: where on the boundary circle the path leaves,
// P_x(X_τ ∈ arc), by the Dynkin equation L u = 0 in D, u = f on ∂D, whose solution is
// u(x) = E_x[f(X_τ)] (pde_problem.hpp). No Monte Carlo, no time step.
//
// One grid: the discrete solution at the start point is linear in the boundary values,
//   u_h(x₀) = pᵀ u + q·f,  u = −A⁻¹ B f  ⇒  u_h(x₀) = wᵀ f,  w = q − Bᵀ A⁻ᵀ p,
// (A, B the interior and boundary blocks of dynkin_operator.hpp, p and q the interpolation
// weights at x₀ on the unknowns and the boundary nodes), so one transposed solve gives the
// discrete exit law w_j on every boundary node at once. Σ w_j = 1 exactly (f ≡ 1 gives u ≡ 1:
// every difference annihilates constants, the interpolation weights sum to 1); w_j/Δθ is the
// density at θ_j. An arc's probability spreads w_j uniformly over node j's cell
// [θ_j − Δθ/2, θ_j + Δθ/2] (second order for a smooth density). Probabilities of the arcs are
// extrapolated over the grid sequence exactly as the mean exit time is (mean_exit_time.hpp).
#include <string>
#include <vector>

#include "ldv/pde/pde_problem.hpp"

namespace ldv::pde {

struct ExitLaw {
  // Arcs [edges[k], edges[k+1]) of the angle θ of X_τ − centre, measured in [0, 2π).
  std::vector<double> edges;           // bins + 1 values, 0 … 2π
  std::vector<double> probabilities;   // Richardson-extrapolated P(θ(X_τ) in arc k)
  std::vector<double> error_estimate;  // per arc (mean_exit_time.hpp's rule)
  double observed_order = 0.0;
  // The finest grid's discrete law: node angles and density w_j/Δθ (integrates to 1).
  std::vector<double> node_angles, density;
  std::vector<GridSolution> grids;     // GridSolution::value = probability of arc 0
  std::vector<std::string> warnings;
};

// `bins` equal arcs starting at θ = 0 (>= 1; InvalidInput otherwise).
ExitLaw exit_law(const PdeProblem& problem, int bins, const PdeSettings& settings = {});

}  // namespace ldv::pde
