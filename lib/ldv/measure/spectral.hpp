#pragma once
// Spectral functions in which matrix statements are written (e.g. the escape paper's Lemma 4,
// λ_min(AB) ≥ λ_min(A) λ_min(B)), for two scalar types: double, in which a search runs, and
// long double (x87 extended precision, 64-bit significand), in which its findings are re-verified
// (measure/matrix_inequality_search.hpp).
//
// Convention for λ_min and λ_max (stated here once, used by every statement): the least and the
// greatest eigenvalue of a matrix whose spectrum is real. A statement about λ_min of a matrix
// with complex eigenvalues has no meaning, so these return NaN there and a statement evaluated
// on such a matrix is inadmissible (the search skips the pair, it never orders complex numbers).
// "Real" means every eigenvalue has |Im λ| ≤ 1e-7 max|λ|: a real double eigenvalue of a
// non-normal matrix comes back with an imaginary part of order √ε_mach × its condition number,
// while a complex pair that close to the real axis cannot change a statement's sides by more
// than that amount. Exactly symmetric inputs go to the symmetric solver (real by construction,
// backward stable to ε_mach ‖M‖).
//
// Each templated wrapper accepts any Eigen expression (a * b, a.inverse(), ...) and forwards to
// the overload of its scalar type; the overloads are compiled once (spectral.cpp).
#include <Eigen/Core>
#include <Eigen/LU>
#include <limits>

namespace ldv::measure {

template <class S>
using MatrixOf = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;

namespace spectral_detail {
double lambda_min(const MatrixOf<double>& m);
long double lambda_min(const MatrixOf<long double>& m);
double lambda_max(const MatrixOf<double>& m);
long double lambda_max(const MatrixOf<long double>& m);
MatrixOf<double> principal_power(const MatrixOf<double>& m, double p);
MatrixOf<long double> principal_power(const MatrixOf<long double>& m, long double p);
}  // namespace spectral_detail

// The least / greatest eigenvalue (NaN when the spectrum is not real, see above).
template <class Derived>
typename Derived::Scalar lambda_min(const Eigen::MatrixBase<Derived>& m) {
  return spectral_detail::lambda_min(MatrixOf<typename Derived::Scalar>(m));
}
template <class Derived>
typename Derived::Scalar lambda_max(const Eigen::MatrixBase<Derived>& m) {
  return spectral_detail::lambda_max(MatrixOf<typename Derived::Scalar>(m));
}

// M^p for a diagonalisable M with real positive spectrum, through the principal branch:
// M = V Λ V⁻¹ ⇒ M^p = V Λ^p V⁻¹ (symmetric M: V orthogonal, from the symmetric solver).
// A matrix of NaN when the spectrum is not real and positive or V is singular.
template <class Derived>
MatrixOf<typename Derived::Scalar> principal_power(const Eigen::MatrixBase<Derived>& m,
                                                   typename Derived::Scalar p) {
  return spectral_detail::principal_power(MatrixOf<typename Derived::Scalar>(m), p);
}

// M⁻¹ (partial-pivoting LU), evaluated.
template <class Derived>
MatrixOf<typename Derived::Scalar> inverse(const Eigen::MatrixBase<Derived>& m) {
  return MatrixOf<typename Derived::Scalar>(m).inverse();
}

// (M + Mᵀ)/2: θᵀMθ = θᵀ sym(M) θ for every θ, so min over |θ| = r of θᵀMθ = r² λ_min(sym(M))
// (Rayleigh–Ritz) whether or not M is symmetric.
template <class Derived>
MatrixOf<typename Derived::Scalar> symmetric_part(const Eigen::MatrixBase<Derived>& m) {
  MatrixOf<typename Derived::Scalar> x(m);
  return (x + x.transpose()) / typename Derived::Scalar(2);
}

// ‖X − Y‖_F / ‖X‖_F (NaN when X = 0 or either is NaN).
template <class DerivedX, class DerivedY>
typename DerivedX::Scalar relative_difference(const Eigen::MatrixBase<DerivedX>& x,
                                              const Eigen::MatrixBase<DerivedY>& y) {
  using S = typename DerivedX::Scalar;
  const MatrixOf<S> a(x), b(y);
  const S norm = a.norm();
  return norm > S(0) ? (a - b).norm() / norm : std::numeric_limits<S>::quiet_NaN();
}

}  // namespace ldv::measure
