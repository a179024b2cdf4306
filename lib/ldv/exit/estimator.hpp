#pragma once
// How a discretely simulated path decides that it has left the domain.
//  * discrete: the first grid time kh with X_k ∉ D. Estimates the discrete exit
//    time E[ν] of the escape paper, Definition 2; as an estimate of the continuous
//    E[τ] it is biased by O(√h) (Gobet & Menozzi 2010): excursions between grid
//    points are missed.
//  * bridge: also kills the path inside a step with the probability that the
//    Brownian bridge between X_k and X_{k+1} crossed the (locally flat) boundary,
//    exp(−2 d₀ d₁ / (ε |σᵀn|² h)), d the distances to ∂D (DESIGN.md).
//  * gobet-menozzi: stops at the first X_k in the domain shrunk by
//    c₀ |σ(X_k)ᵀ n| √(ε h), c₀ = −ζ(1/2)/√(2π) ≈ 0.5826 (Gobet & Menozzi 2010,
//    Stoch. Proc. Appl. 120(2), Theorem 2.4): the bias becomes o(√h), O(h) for
//    smooth boundaries.
#include <string>
#include <string_view>

namespace ldv {

enum class ExitEstimator { discrete, bridge, gobet_menozzi };

ExitEstimator parse_exit_estimator(std::string_view name);  // "discrete" | "bridge" | "gobet-menozzi"
std::string to_string(ExitEstimator estimator);

// c₀ = −ζ(1/2)/√(2π), computed from Boost.Math's zeta, not typed in.
double gobet_menozzi_constant();

}  // namespace ldv
