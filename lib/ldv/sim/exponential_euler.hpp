#pragma once
// The exponential Euler step (frozen Jacobian, "local linearisation") for
//   dX = b(X) dt + √ε σ dW,  D = σσᵀ constant,
//   X_{k+1} = X_k + h φ₁(hJ) b(X_k) + √ε ξ_k,  ξ_k ~ N(0, Q_h),
//   φ₁(hJ) = (1/h) ∫₀ʰ e^{sJ} ds,  Q_h = ∫₀ʰ e^{sJ} D e^{sJᵀ} ds,
// with J = ∇b at a fixed reference point (the exit ball's centre: the attractor). For a linear
// drift b(x) = J(x − x*) this is the exact transition of the Ornstein–Uhlenbeck process, so
// the scheme has no time-step bias at all there; for a nonlinear drift it is a first-order
// weak scheme whose error constant is set by the nonlinearity b − J(x − x*) only, not by the
// stiffness of J. References: Lord & Rougemont 2004, IMA J. Numer. Anal. 24(4); Jentzen &
// Kloeden 2009, Proc. R. Soc. A 465; the two integrals by Van Loan 1978, IEEE TAC 23(3).
//
// Why it matters for exit times: Euler's O(h) error in the invariant measure is an error in
// the effective quasi-potential, which E[τ] ≍ e^{V₀/ε} multiplies by V₀/ε. On the
// regularizer paper's Example 3.1 (μ = 1.5, ε = 0.25) Gobet–Menozzi with Euler is −5.2% off
// at h = 0.01, with this step −0.09% ± 0.3% at h = 0.02 (bench/README.md).
//
// It is written as an Euler update, x + h b̃(x) + √(εh) σ̃ z with b̃ = φ₁(hJ) b and
// σ̃σ̃ᵀ = D̃ = Q_h/h, so the exit kernels run it unchanged (exit/exponential_euler_model.hpp).
#include <string>
#include <string_view>

#include "ldv/core/linalg.hpp"

namespace ldv {

class Model;

enum class StepScheme { euler, exponential_euler };

StepScheme parse_step_scheme(std::string_view name);  // "euler" | "exponential"
std::string to_string(StepScheme scheme);

struct ExponentialEulerCoefficients {
  Matrix phi;        // φ₁(hJ)
  Matrix diffusion;  // D̃ = Q_h / h (SPD)
  Matrix sigma;      // lower Cholesky factor of D̃
};

// The largest dimension the exit kernels run the step in (their scratch is on the stack).
inline constexpr int kMaxExponentialEulerDimension = 16;

// What the step needs of a model: a constant diffusion (it is frozen with J) and a dimension
// <= kMaxExponentialEulerDimension. InvalidInput naming the model otherwise.
void require_exponential_euler_applies(const Model& model);

// J square, D SPD of the same size, h > 0 (InvalidInput naming the value otherwise).
ExponentialEulerCoefficients exponential_euler_coefficients(const Matrix& jacobian, const Matrix& diffusion,
                                                            double step);

}  // namespace ldv
