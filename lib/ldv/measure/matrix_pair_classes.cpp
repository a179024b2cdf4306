#include "ldv/measure/matrix_pair_classes.hpp"

#include <Eigen/Cholesky>
#include <Eigen/QR>
#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"

namespace ldv::measure {
namespace {

constexpr MatrixPairClass kAll[] = {MatrixPairClass::spd,
                                    MatrixPairClass::spd_commuting,
                                    MatrixPairClass::symmetric_indefinite,
                                    MatrixPairClass::positive_spectrum,
                                    MatrixPairClass::covariance_factor,
                                    MatrixPairClass::covariance_factor_commuting};

// Reads the parameter vector block by block, in order.
class Cursor {
 public:
  Cursor(const Vector& p, int d, double log_max_condition) : p_(p), d_(d), log_max_(log_max_condition) {}

  Matrix orthogonal() {
    Matrix x(d_, d_);
    for (int j = 0; j < d_; ++j)
      for (int i = 0; i < d_; ++i) x(i, j) = next();
    const Eigen::HouseholderQR<Matrix> qr(x);
    Matrix q = qr.householderQ();
    for (int j = 0; j < d_; ++j)
      if (qr.matrixQR()(j, j) < 0.0) q.col(j) *= -1.0;
    return q;
  }

  // A positive spectrum of condition number ≤ κ_max, and that number's bound.
  Vector spectrum(double& condition) {
    const double spread = log_max_ / (1.0 + std::exp(-next()));
    Vector lambda(d_);
    for (int i = 0; i < d_; ++i) lambda(i) = std::exp(0.5 * spread * std::tanh(next()));
    condition = lambda.maxCoeff() / lambda.minCoeff();
    return lambda;
  }

  // d signs with at least one of each (the smallest |q_i| flipped when they all agree).
  Vector signs() {
    Vector q(d_);
    for (int i = 0; i < d_; ++i) q(i) = next();
    Vector s = q.unaryExpr([](double v) { return v < 0.0 ? -1.0 : 1.0; });
    if (d_ >= 2 && std::abs(s.sum()) == d_) {
      Eigen::Index k = 0;
      q.cwiseAbs().minCoeff(&k);
      s(k) = -s(k);
    }
    return s;
  }

  int used() const { return used_; }

 private:
  double next() { return p_(used_++); }
  const Vector& p_;
  int d_;
  double log_max_;
  int used_ = 0;
};

Matrix symmetric(const Matrix& q, const Vector& lambda) { return q * lambda.asDiagonal() * q.transpose(); }

// A = SΛS⁻¹, S = UΣVᵀ; κ(A) ≤ κ(S)² κ(Λ).
Matrix non_normal(Cursor& c, double& condition) {
  double kappa_lambda = 1.0, kappa_s = 1.0;
  const Vector lambda = c.spectrum(kappa_lambda);
  const Matrix u = c.orthogonal(), v = c.orthogonal();
  const Vector sigma = c.spectrum(kappa_s);
  const Matrix s = u * sigma.asDiagonal() * v.transpose();
  const Matrix s_inverse = v * sigma.cwiseInverse().asDiagonal() * u.transpose();
  condition = kappa_s * kappa_s * kappa_lambda;
  return s * lambda.asDiagonal() * s_inverse;
}

}  // namespace

std::string to_string(MatrixPairClass c) {
  switch (c) {
    case MatrixPairClass::spd: return "spd";
    case MatrixPairClass::spd_commuting: return "spd_commuting";
    case MatrixPairClass::symmetric_indefinite: return "symmetric_indefinite";
    case MatrixPairClass::positive_spectrum: return "positive_spectrum";
    case MatrixPairClass::covariance_factor: return "covariance_factor";
    case MatrixPairClass::covariance_factor_commuting: return "covariance_factor_commuting";
  }
  return "?";
}

MatrixPairClass parse_matrix_pair_class(std::string_view text) {
  std::string known;
  for (MatrixPairClass c : kAll) {
    if (to_string(c) == text) return c;
    known += (known.empty() ? "" : ", ") + to_string(c);
  }
  throw_invalid(fmt::format("matrix pair class \"{}\" is not one of: {}", text, known));
}

std::string describe(MatrixPairClass c) {
  switch (c) {
    case MatrixPairClass::spd: return "A, B symmetric positive definite (independent eigenbases)";
    case MatrixPairClass::spd_commuting: return "A, B symmetric positive definite and commuting (one eigenbasis)";
    case MatrixPairClass::symmetric_indefinite: return "A, B symmetric, invertible and indefinite";
    case MatrixPairClass::positive_spectrum:
      return "A, B non-symmetric, diagonalisable, with real positive spectrum (A = SΛS⁻¹)";
    case MatrixPairClass::covariance_factor:
      return "A = H SPD, B = G = H⁻¹C with C SPD (C = HG a covariance; HG ≠ GH in general)";
    case MatrixPairClass::covariance_factor_commuting:
      return "A = H SPD, B = G = H⁻¹C with C SPD commuting with H (then G is SPD)";
  }
  return "?";
}

int parameter_count(MatrixPairClass c, int d) {
  if (d < 1) throw_invalid(fmt::format("matrix dimension = {} must be at least 1", d));
  const int orthogonal = d * d, spectrum = d + 1;
  switch (c) {
    case MatrixPairClass::spd:
    case MatrixPairClass::covariance_factor: return 2 * (orthogonal + spectrum);
    case MatrixPairClass::spd_commuting:
    case MatrixPairClass::covariance_factor_commuting: return orthogonal + 2 * spectrum;
    case MatrixPairClass::symmetric_indefinite: return 2 * (orthogonal + spectrum + d);
    case MatrixPairClass::positive_spectrum: return 2 * (2 * orthogonal + 2 * spectrum);
  }
  return 0;
}

MatrixPair matrix_pair(MatrixPairClass c, int d, const Vector& p, double max_condition) {
  const int m = parameter_count(c, d);
  if (p.size() != m)
    throw_invalid(fmt::format("{} pair of dimension {} needs {} parameters, got {}", to_string(c), d, m, p.size()));
  if (!p.allFinite()) throw_invalid(fmt::format("{} pair: a parameter is not finite", to_string(c)));
  if (!(max_condition >= 1.0) || !std::isfinite(max_condition))
    throw_invalid(fmt::format("max condition number = {} must be finite and at least 1", max_condition));
  Cursor cursor(p, d, std::log(max_condition));
  MatrixPair out;
  double ka = 1.0, kb = 1.0;
  switch (c) {
    case MatrixPairClass::spd:
    case MatrixPairClass::covariance_factor: {
      const Matrix q1 = cursor.orthogonal();
      const Vector l1 = cursor.spectrum(ka);
      const Matrix q2 = cursor.orthogonal();
      const Vector l2 = cursor.spectrum(kb);
      out.a = symmetric(q1, l1);
      out.b = symmetric(q2, l2);
      if (c == MatrixPairClass::covariance_factor) {
        out.b = out.a.llt().solve(out.b);  // G = H⁻¹C
        kb *= ka;                          // κ(G) ≤ κ(H) κ(C)
      }
      break;
    }
    case MatrixPairClass::spd_commuting:
    case MatrixPairClass::covariance_factor_commuting: {
      const Matrix q = cursor.orthogonal();
      const Vector l1 = cursor.spectrum(ka);
      Vector l2 = cursor.spectrum(kb);
      out.a = symmetric(q, l1);
      if (c == MatrixPairClass::covariance_factor_commuting) {
        l2 = l2.cwiseQuotient(l1);  // G = QΛ₁⁻¹Λ₂Qᵀ, built symmetric
        kb *= ka;
      }
      out.b = symmetric(q, l2);
      break;
    }
    case MatrixPairClass::symmetric_indefinite: {
      const Matrix q1 = cursor.orthogonal();
      const Vector l1 = cursor.spectrum(ka);
      const Vector s1 = cursor.signs();
      const Matrix q2 = cursor.orthogonal();
      const Vector l2 = cursor.spectrum(kb);
      const Vector s2 = cursor.signs();
      out.a = symmetric(q1, l1.cwiseProduct(s1));
      out.b = symmetric(q2, l2.cwiseProduct(s2));
      break;
    }
    case MatrixPairClass::positive_spectrum:
      out.a = non_normal(cursor, ka);
      out.b = non_normal(cursor, kb);
      break;
  }
  // Symmetric classes: symmetric to the last bit, so that statements use the symmetric solver.
  if (c != MatrixPairClass::positive_spectrum) out.a = Matrix(0.5 * (out.a + out.a.transpose()));  // a copy first: no aliasing
  if (c != MatrixPairClass::positive_spectrum && c != MatrixPairClass::covariance_factor)
    out.b = Matrix(0.5 * (out.b + out.b.transpose()));
  out.conditioning = ka * kb;
  return out;
}

}  // namespace ldv::measure
