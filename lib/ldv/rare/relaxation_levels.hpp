#pragma once
// The two levels of the cycle decomposition (escape paper, Appendix B, proof of Lemma 7:
// the balls B_{μ/2} ⊂ B_μ around θ*): the inner level γ = {ξ = z_γ} that ends an
// excursion as "returned to the attractor", and the outer level Γ = {ξ = z_Γ} that
// starts one. They sit at the relaxation scale, where the stationary law lives:
// for ξ = V of a linear-Gaussian model, X ~ N(0, εΣ) in equilibrium, so V/ε ~ Gamma(d/2, 1)
// exactly, and z = ε F⁻¹(mass) puts a fixed fraction of the stationary mass inside each level.
// For ξ = distance the same masses are translated through the linearisation at the centre,
// Σ_lin from −J Σ + Σ(−J)ᵀ = D(c): |x − c|² ≈ (2 V/d) tr Σ_lin (exact for isotropic OU).
// The cost of every direct piece (approach, return, climb back) is then a few relaxation
// times whatever ε is; the rare part, from Γ to the boundary, is left to splitting.
#include "ldv/models/model.hpp"
#include "ldv/rare/reaction_coordinate.hpp"

namespace ldv::rare {

struct SplittingLevels {
  double inner = 0.0;  // z_γ: an excursion that falls to ξ ≤ z_γ has returned
  double outer = 0.0;  // z_Γ: an excursion starts where ξ first reaches ≥ z_Γ
};

// Levels at the stationary masses inner_mass < outer_mass in (0, 1), capped so that Γ lies
// at most halfway to the boundary in ξ (z_Γ ≤ ½ boundary_level, boundary_level a lower bound
// of ξ on ∂D) and γ at most halfway to Γ (z_γ ≤ ½ z_Γ). InvalidInput names a bad mass; for
// the distance coordinate, a centre whose linearisation is not stable.
SplittingLevels relaxation_levels(const ReactionCoordinate& xi, const Model& model, double eps, double inner_mass,
                                  double outer_mass, double boundary_level);

}  // namespace ldv::rare
