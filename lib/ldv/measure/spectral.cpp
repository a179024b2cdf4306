#include "ldv/measure/spectral.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <limits>

namespace ldv::measure::spectral_detail {
namespace {

template <class S>
constexpr S nan() {
  return std::numeric_limits<S>::quiet_NaN();
}

// See spectral.hpp: the tolerance below which an imaginary part counts as rounding.
constexpr double kRealTolerance = 1e-7;

template <class S>
bool exactly_symmetric(const MatrixOf<S>& m) {
  return m.rows() == m.cols() && m == m.transpose();
}

// The eigenvalues, ascending, when the spectrum is real (see spectral.hpp); empty otherwise.
template <class S>
Eigen::Matrix<S, Eigen::Dynamic, 1> real_spectrum(const MatrixOf<S>& m) {
  using Values = Eigen::Matrix<S, Eigen::Dynamic, 1>;
  if (m.rows() == 0 || m.rows() != m.cols() || !m.allFinite()) return Values();
  Values values;
  if (exactly_symmetric(m)) {
    const Eigen::SelfAdjointEigenSolver<MatrixOf<S>> solver(m, Eigen::EigenvaluesOnly);
    if (solver.info() != Eigen::Success) return Values();
    values = solver.eigenvalues();  // ascending
    return values;
  }
  const Eigen::EigenSolver<MatrixOf<S>> solver(m, false);
  if (solver.info() != Eigen::Success) return Values();
  const auto& complex = solver.eigenvalues();
  const S largest = complex.cwiseAbs().maxCoeff();
  if (complex.imag().cwiseAbs().maxCoeff() > S(kRealTolerance) * largest) return Values();
  values = complex.real();
  std::sort(values.data(), values.data() + values.size());
  return values;
}

template <class S>
S least(const MatrixOf<S>& m) {
  const auto values = real_spectrum(m);
  return values.size() ? values(0) : nan<S>();
}

template <class S>
S greatest(const MatrixOf<S>& m) {
  const auto values = real_spectrum(m);
  return values.size() ? values(values.size() - 1) : nan<S>();
}

template <class S>
MatrixOf<S> power(const MatrixOf<S>& m, S p) {
  const MatrixOf<S> failed = MatrixOf<S>::Constant(m.rows(), m.cols(), nan<S>());
  if (m.rows() == 0 || m.rows() != m.cols() || !m.allFinite()) return failed;
  if (exactly_symmetric(m)) {
    const Eigen::SelfAdjointEigenSolver<MatrixOf<S>> solver(m);
    if (solver.info() != Eigen::Success || !(solver.eigenvalues().minCoeff() > S(0))) return failed;
    const auto& v = solver.eigenvectors();
    return v * solver.eigenvalues().array().pow(p).matrix().asDiagonal() * v.transpose();
  }
  const Eigen::EigenSolver<MatrixOf<S>> solver(m, true);
  if (solver.info() != Eigen::Success) return failed;
  const auto& complex = solver.eigenvalues();
  const S largest = complex.cwiseAbs().maxCoeff();
  if (complex.imag().cwiseAbs().maxCoeff() > S(kRealTolerance) * largest || !(complex.real().minCoeff() > S(0)))
    return failed;
  // Real spectrum: take the real parts of the eigenvectors (each is real up to a complex phase
  // only when its eigenvalue is simple; normalise the phase by the largest component).
  const Eigen::Matrix<std::complex<S>, Eigen::Dynamic, Eigen::Dynamic> vectors = solver.eigenvectors();  // by value
  MatrixOf<S> v(m.rows(), m.cols());
  for (Eigen::Index j = 0; j < m.cols(); ++j) {
    const auto column = vectors.col(j);
    Eigen::Index k = 0;
    column.cwiseAbs().maxCoeff(&k);
    const std::complex<S> phase = std::abs(column(k)) > S(0) ? column(k) / std::abs(column(k)) : std::complex<S>(1);
    v.col(j) = (column / phase).real();
  }
  const Eigen::PartialPivLU<MatrixOf<S>> lu(v);
  if (!(std::abs(lu.determinant()) > S(0))) return failed;
  return v * complex.real().array().pow(p).matrix().asDiagonal() * lu.inverse();
}

}  // namespace

double lambda_min(const MatrixOf<double>& m) { return least(m); }
long double lambda_min(const MatrixOf<long double>& m) { return least(m); }
double lambda_max(const MatrixOf<double>& m) { return greatest(m); }
long double lambda_max(const MatrixOf<long double>& m) { return greatest(m); }
MatrixOf<double> principal_power(const MatrixOf<double>& m, double p) { return power(m, p); }
MatrixOf<long double> principal_power(const MatrixOf<long double>& m, long double p) { return power(m, p); }

}  // namespace ldv::measure::spectral_detail
