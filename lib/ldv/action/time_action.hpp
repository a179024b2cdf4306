#pragma once
// The Freidlin–Wentzell action of a discrete path in its time-parametrised form
// (DESIGN.md conventions; implicit-regularizer paper eq. (25)/(54)):
//   S_T(φ) = ½ ∫₀ᵀ (φ' − b(φ))ᵀ D(φ)⁻¹ (φ' − b(φ)) dt.
// A path is a d × (N+1) matrix whose columns are the nodes φ₀ … φ_N, at times
// t₀ < … < t_N. Each segment is integrated by the midpoint rule with the
// difference quotient as velocity:
//   S ≈ ½ Σᵢ Δtᵢ rᵢᵀ D(φ̄ᵢ)⁻¹ rᵢ,  rᵢ = (φᵢ₊₁ − φᵢ)/Δtᵢ − b(φ̄ᵢ),  φ̄ᵢ = (φᵢ + φᵢ₊₁)/2,
// which is second order in max Δt for a smooth path (the quotient is the
// midpoint velocity up to O(Δt²), and the midpoint rule is O(Δt²)).
#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"

namespace ldv::action {

// Uniform grid tᵢ = i T / N on [0, T].
double time_action(const Model& model, const Matrix& path, double duration);
// Arbitrary increasing node times (size N+1).
double time_action(const Model& model, const Matrix& path, const Vector& times);

// The same discrete action and its gradient with respect to every node
// (a d × (N+1) matrix; the end columns are there too, callers holding the ends
// fixed ignore them). The derivative of D(φ̄)⁻¹ is taken by central differences
// when the model's diffusion depends on x, exactly zero otherwise.
double time_action_with_gradient(const Model& model, const Matrix& path, const Vector& times, Matrix& gradient);

// Node times of the uniform grid on [0, T] with `segments` segments.
Vector uniform_times(double duration, int segments);

}  // namespace ldv::action
