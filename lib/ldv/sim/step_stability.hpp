#pragma once
// Is the step h small enough for the Euler–Maruyama scheme on this drift?
// Explicit Euler on the linearisation x' = J x, J = ∇b(x), multiplies the
// component along an eigenvector of J with eigenvalue −λ (λ a decay rate) by
// 1 − hλ per step; the process decays by e^{−hλ}. With ρ = ρ(J) the spectral
// radius:
//  * h ρ ≥ 2 is refused: the eigenvalue of largest modulus then has
//    |1 − hλ| ≥ 1 — for Re λ > 0, |1 − hλ|² = 1 − 2h Re λ + h²|λ|² ≥ 1 because
//    h|λ|² ≥ 2|λ| ≥ 2 Re λ (and for Re λ ≤ 0 always) — so the scheme does not
//    relax towards the attractor as the process does: it oscillates or diverges
//    and every statistic of the path is wrong, silently.
//  * h ρ > 0.2 is warned about: for a real rate λ the scheme's stationary
//    variance of an Ornstein–Uhlenbeck direction is ε s²/(λ(2 − hλ)), the exact
//    one ε s²/(2λ) over (1 − hλ/2), i.e. more than 11% too large, which lowers
//    the quasi-potential (∝ 1/variance), hence the exit-time exponent V₀/ε, by
//    about 10%.
// This is a local bound (the linearisation at the points given), exact for the
// constant Jacobian of linear drifts.
#include <string>
#include <vector>

#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"

namespace ldv {

inline constexpr double kUnstableStepTimesRate = 2.0;   // h ρ(∇b) from which a step is refused
inline constexpr double kAccurateStepTimesRate = 0.2;   // h ρ(∇b) above which a step is warned about

// max over `points` of the spectral radius of ∇b(x). Linear drifts: the constant
// −A (the points are not needed). Custom models: their finite-difference Jacobian.
double drift_spectral_radius(const Model& model, const std::vector<Vector>& points);

// Throws InvalidInput when h ρ ≥ 2, ρ = drift_spectral_radius(model, points); appends a
// warning to `warnings` when h ρ > 0.2. `where` names the points in the messages, e.g.
// "the start point and the ball's centre". Custom models are never refused: their ρ is
// a finite-difference estimate of user callables that may not be smooth, so it is only
// warned about; a diverging custom path still fails (NumericalFailure) where it is detected.
void check_euler_step(const Model& model, const std::vector<Vector>& points, double step, const std::string& where,
                      std::vector<std::string>& warnings);

}  // namespace ldv
