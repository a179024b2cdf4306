#pragma once
// The Fokker–Planck operator of dX = b(X) dt + √ε σ(X) dW, D = σσᵀ, discretised by finite volumes on a box
// with zero-flux walls: dρ/dt = Qρ for the vector ρ of cell averages (fokker_planck/grid.hpp).
//
// Two forms (implicit-regularizer paper §2.2):
//  * Form::ito — the law's equation  ∂ρ = −∇·(bρ) + (ε/2) ∂ᵢ∂ⱼ(Dᵢⱼρ),  written as exchanges of mass between
//    neighbouring cells (faces and, for a non-diagonal D, cell diagonals): every exchange leaves one cell and
//    enters the other, so Σ ρ·volume is constant to rounding, whatever D(x) is.
//  * Form::paper_eq8 — the paper's eq. (8), ∂ρ = ∇·(∇f ρ) + (ε/2) Tr(D∇²ρ) (b = −∇f). Since
//    Tr(D∇²ρ) = ∂ᵢ∂ⱼ(Dᵢⱼρ) − 2∂ᵢ((∂ⱼDᵢⱼ)ρ) + (∂ᵢ∂ⱼDᵢⱼ)ρ, it is the Itô operator with the drift b + ε∇·D,
//    ((∇·D)ᵢ = Σⱼ ∂ⱼDᵢⱼ), plus the source (ε/2)(∂ᵢ∂ⱼDᵢⱼ)ρ — which integrates to (ε/2)∫(∂ᵢ∂ⱼDᵢⱼ)ρ ≠ 0 unless
//    D is (affine or) constant; then the two forms coincide. Its mass drift is what the paper's form gets wrong.
//
// Discretisation (cell widths h₁, h₂):
//  * Along each axis a, the part bₐρ − (ε/2)∂ₐ(Dₐₐρ) = uρ − (ε/2)Dₐₐ∂ₐρ, u = bₐ − (ε/2)∂ₐDₐₐ, by
//    Scharfetter–Gummel (exponential fitting): J = (c/h)[B(−P) ρ_L − B(P) ρ_R], c = (ε/2)Dₐₐ, P = uh/c,
//    B(z) = z/(eᶻ − 1); coefficients at the face centre. Exact for constant coefficients between the two cell
//    centres (so a 1-D OU density is reproduced to rounding), second order otherwise, upwind as |P| → ∞
//    (Markowich, "The stationary semiconductor device equations", 1986).
//  * The cross part ε∂₁∂₂(D₁₂ρ) by the positive 7-point stencil: with w = D₁₂⁺ρ, ∂₁∂₂w ≈ (Δₑ − Δ₁ − Δ₂)w/(2h₁h₂)
//    (Δₑ the second difference along the diagonal (h₁, h₂), Δₐ along axis a), and with w = D₁₂⁻ρ the
//    anti-diagonal one; second order. With the axis part it is an M-matrix (a Markov generator: positive
//    densities, monotone relative entropy) wherever DₐₐB(±P) ≥ |D₁₂| — diffusion-dominated cells with
//    |D₁₂| < min Dₐₐ (Weickert, "Anisotropic diffusion in image processing", 1998, §3.4). Where the drift
//    dominates (|P| ≳ 1, far from the attractor) the −Δₐ part is limited to 9/10 of the axis entry it would
//    otherwise make negative: Q stays the generator of an irreducible Markov chain everywhere (every face keeps
//    a positive rate both ways, so the stationary density is positive in every cell), and there the cross term is cut (first-order
//    inconsistent in those cells only; where the mass is, |P| is small and the scheme is second order —
//    tests/test_fokker_planck.cpp measures the order on an OU case whose tails are limited).
//  * Derivatives of D by central differences with step `derivative_step`.
#include <Eigen/Sparse>

#include "ldv/fokker_planck/grid.hpp"
#include "ldv/models/model.hpp"

namespace ldv::fokker_planck {

enum class Form { ito, paper_eq8 };

struct GeneratorSettings {
  double eps;                      // ε > 0
  Form form = Form::ito;
  double derivative_step = 1e-4;   // for ∇·D and ∂ᵢ∂ⱼDᵢⱼ (> 0; nested central differences: truncation and rounding both ~1e-8); unused when D is constant
};

using SparseMatrix = Eigen::SparseMatrix<double>;

// InvalidInput when the model's dimension is not the grid's, ε or the step is not positive.
SparseMatrix generator(const Model& model, const Grid& grid, const GeneratorSettings& settings);

}  // namespace ldv::fokker_planck
