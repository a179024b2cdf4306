#pragma once
// The action of the Euler–Maruyama chain itself. The chain X_{k+1} = X_k + b(X_k) h + √(εh) σ Z_k
// has Gaussian transitions, so the probability of following a discrete path ψ₀ … ψ_N decays at
// rate (a product of Gaussian densities)
//   S_h(ψ) = ½ Σ_k h r_kᵀ D(ψ_k)⁻¹ r_k,   r_k = (ψ_{k+1} − ψ_k)/h − b(ψ_k)   (left-point rule),
// while the diffusion's Freidlin–Wentzell action is the continuum limit (action/time_action.hpp,
// midpoint rule). S_h − S = O(h): the rate a simulation with step h measures differs from the
// diffusion's by this much, which bounds the discretisation bias of a measured rate.
#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"

namespace ldv::action {

// `path` at the nodes of the uniform grid on [0, T] (d × (N+1)), h = T/N. InvalidInput as time_action.
double euler_chain_action(const Model& model, const Matrix& path, double duration);

}  // namespace ldv::action
