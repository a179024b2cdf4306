#pragma once
// The generator of dX = b(X) dt + √ε σ(X) dW on the polar grid (polar_grid.hpp), second order:
//   L u = b·∇u + (ε/2) D : ∇²u,   D = σσᵀ.
// In polar coordinates about the centre c, with e_ρ = (cos θ, sin θ), e_θ = (−sin θ, cos θ),
// b_ρ = b·e_ρ, b_θ = b·e_θ, D_ρρ = e_ρᵀDe_ρ, D_θθ = e_θᵀDe_θ, D_ρθ = e_ρᵀDe_θ and the Hessian
//   ∇²u = u_ρρ e_ρe_ρᵀ + (u_ρ/ρ + u_θθ/ρ²) e_θe_θᵀ + (u_ρθ/ρ − u_θ/ρ²)(e_ρe_θᵀ + e_θe_ρᵀ),
// the operator reads
//   L u = (ε/2)[D_ρρ u_ρρ + D_θθ (u_ρ/ρ + u_θθ/ρ²) + 2 D_ρθ (u_ρθ/ρ − u_θ/ρ²)] + b_ρ u_ρ + b_θ u_θ/ρ,
// and with ρ = g(s): u_ρ = u_s/g′, u_ρρ = u_ss/g′² − g″ u_s/g′³, u_ρθ = u_sθ/g′. Every
// derivative is a central difference (3 points, the mixed one 4), so the truncation error
// expands in even powers of (Δs, Δθ). Ring 1 reads ring −1 = ring 1 turned by π (polar_grid.hpp).
//
// The centre node: L u(c) in Cartesian form, its derivatives read from the discrete Fourier
// modes of ring 1 (radius ρ₁ = g(Δs)). Taylor's expansion on that ring is
//   u(ρ₁, θ) = u₀ + ρ₁(u_x cos θ + u_y sin θ) + (ρ₁²/4)[(u_xx + u_yy) + (u_xx − u_yy) cos 2θ + 2u_xy sin 2θ] + O(ρ₁³),
// the O(ρ₁³) terms in modes 1 and 3 and the O(ρ₁⁴) ones in modes 0, 2, 4, so with the mean m₀
// and the coefficients (c_k, s_k) of cos kθ, sin kθ:
//   u_x = c₁/ρ₁, u_y = s₁/ρ₁, u_xx + u_yy = 4(m₀ − u₀)/ρ₁², u_xx − u_yy = 4c₂/ρ₁², u_xy = 2s₂/ρ₁²,
// each with an O(ρ₁²) error (M >= 8 keeps the aliases of modes 1 and 2 at order >= 6).
//
// Convection dominance. Where |b| ≫ ε|D| the exit-time solution is flat inside and bends
// over a layer of width ≈ ε D_ρρ/(2|b_ρ|) at the boundary. A central difference resolves it
// only while the cell Péclet number Pe = |b_ρ| Δρ/(ε D_ρρ) (and |b_θ| ρΔθ/(ε D_θθ) along the
// rings) stays O(1); above 1 the 3-point operator loses its M-matrix sign pattern and the
// discrete solution oscillates across the layer instead of converging. The assembly reports
// the largest Pe; the solver (mean_exit_time.hpp) refuses grids above its limit.
#include <Eigen/SparseCore>

#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"
#include "ldv/pde/polar_grid.hpp"

namespace ldv::pde {

using SparseMatrix = Eigen::SparseMatrix<double, Eigen::ColMajor, int>;

struct Peclet {
  double value = 0.0;  // the largest cell Péclet number over the nodes
  double rho = 0.0, theta = 0.0;  // where it is attained
  bool radial = true;  // radial (|b_ρ|Δρ/(εD_ρρ)) or angular (|b_θ|ρΔθ/(εD_θθ))
};

// (L_h u)(node k) = (interior · u + boundary · f)_k for the unknowns u (polar_grid.hpp's
// numbering) and the boundary values f (ray j of ring N).
struct DynkinSystem {
  SparseMatrix interior;  // unknowns × unknowns
  SparseMatrix boundary;  // unknowns × M
  Peclet peclet;
};

// The model must be 2-D; eps > 0; center a 2-D point (InvalidInput otherwise).
DynkinSystem assemble_dynkin(const Model& model, const Vector& center, const PolarGrid& grid, double eps);

}  // namespace ldv::pde
