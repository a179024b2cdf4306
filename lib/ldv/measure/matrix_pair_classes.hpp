#pragma once
// Classes of random matrix pairs (A, B) for searching matrix statements
// (measure/matrix_inequality_search.hpp): each class maps an unconstrained parameter vector
// p ∈ ℝ^m to a pair of the class, so a random search draws p ~ N(0, I) and an optimiser moves p
// freely without ever leaving the class.
//
// Building blocks (each draws its own block of p, in order):
//  * an orthogonal Q: the Q factor of the Householder QR of a d × d block of p, with the signs
//    fixed so that R has a positive diagonal (p ~ N(0, I) then gives Q Haar-distributed);
//  * a positive spectrum with condition number at most κ_max: λ_i = exp(L t_i / 2),
//    t_i = tanh(p_i) ∈ (−1, 1), L = ln κ_max · logistic(p_0) (so the spread itself is searched).
// Classes:
//  spd                 A = Q₁Λ₁Q₁ᵀ, B = Q₂Λ₂Q₂ᵀ: symmetric positive definite, independent bases.
//  spd_commuting       A = QΛ₁Qᵀ, B = QΛ₂Qᵀ: SPD with one eigenbasis, so AB = BA.
//  symmetric_indefinite  A = Q₁D₁Q₁ᵀ, B = Q₂D₂Q₂ᵀ with D = diag(s_i λ_i), s_i = sign(q_i) from d
//                      more parameters, at least one of each sign (the smallest |q_i| flipped if
//                      not): symmetric, invertible, indefinite.
//  positive_spectrum   A = SΛS⁻¹ with S = UΣVᵀ (U, V orthogonal, Σ a positive spectrum), likewise
//                      B: diagonalisable, real positive spectrum, not symmetric (unless S is
//                      orthogonal up to scale, which has probability zero).
//  covariance_factor   (A, B) = (H, G) with H = Q₁Λ₁Q₁ᵀ, C = Q₂Λ₂Q₂ᵀ SPD and G = H⁻¹C: every G with
//                      HG a covariance (escape paper, Assumption 7: C = HG). G has real positive
//                      spectrum (it is similar to H^{-1/2}CH^{-1/2}) and is symmetric iff HG = GH.
//  covariance_factor_commuting  the same with Q₁ = Q₂: G = Q Λ₁⁻¹Λ₂ Qᵀ is SPD and HG = GH.
// `conditioning` bounds κ₂(A) κ₂(B) by construction (κ(SΛS⁻¹) ≤ κ(S)² κ(Λ)): the scale of the
// rounding errors of a statement's double evaluation, which a search subtracts so as not to
// chase them.
#include <string>
#include <string_view>
#include <vector>

#include "ldv/core/linalg.hpp"

namespace ldv::measure {

enum class MatrixPairClass {
  spd,
  spd_commuting,
  symmetric_indefinite,
  positive_spectrum,
  covariance_factor,
  covariance_factor_commuting
};
std::string to_string(MatrixPairClass c);  // "spd", "spd_commuting", ...
MatrixPairClass parse_matrix_pair_class(std::string_view text);
std::string describe(MatrixPairClass c);   // one line in words, e.g. "A, B symmetric positive definite"

struct MatrixPair {
  Matrix a, b;
  double conditioning = 1.0;  // ≥ κ₂(A) κ₂(B)
};

// Length m of the parameter vector of a pair of `dimension` × `dimension` matrices.
int parameter_count(MatrixPairClass c, int dimension);

// The pair of class c for parameters p (size parameter_count(c, dimension)), each spectrum with
// condition number at most max_condition. InvalidInput naming the value when dimension < 1,
// max_condition < 1 or p has the wrong size or a non-finite entry.
MatrixPair matrix_pair(MatrixPairClass c, int dimension, const Vector& p, double max_condition);

}  // namespace ldv::measure
