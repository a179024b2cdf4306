#pragma once
// Vectors and matrices of the library: Eigen's dynamic types. Only <Eigen/Core>
// here; decompositions stay in the .cpp files that need them.
#include <Eigen/Core>
#include <string_view>

namespace ldv {

using Vector = Eigen::VectorXd;
using Matrix = Eigen::MatrixXd;

// Checks shared by every matrix-valued input; each throws InvalidInput naming `name`.
void require_square(std::string_view name, const Matrix& m);
void require_finite(std::string_view name, const Matrix& m);
void require_symmetric(std::string_view name, const Matrix& m);
// A point of `dimension` finite coordinates (start points, centres, ...).
void require_point(std::string_view name, const Vector& x, int dimension);
// Symmetric positive definite (Cholesky succeeds); returns the lower Cholesky factor L, LLᵀ = m.
Matrix require_spd_cholesky(std::string_view name, const Matrix& m);

// Eigenvalues of a symmetric matrix, ascending (InvalidInput unless square and symmetric).
Vector symmetric_eigenvalues(const Matrix& m);

}  // namespace ldv
