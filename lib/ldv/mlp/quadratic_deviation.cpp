#include "ldv/mlp/quadratic_deviation.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "ldv/core/error.hpp"
#include "ldv/random/philox_stream.hpp"

namespace ldv::mlp {

double quadratic_deviation_rounding(double loss0, double quadratic) {
  const double ulp = std::numeric_limits<double>::epsilon();
  return 8.0 * ulp * (std::abs(loss0) + std::abs(quadratic)) / std::abs(quadratic);
}

double relative_quadratic_deviation(const LossFunction& loss, const Vector& theta0, double loss0,
                                    const Matrix& hessian, const Vector& u) {
  if (u.size() != theta0.size() || hessian.rows() != u.size() || hessian.cols() != u.size())
    throw_invalid(fmt::format("quadratic deviation: θ₀ has {} entries, u {}, H is {}×{}; expected one dimension",
                              theta0.size(), u.size(), hessian.rows(), hessian.cols()));
  const double quadratic = 0.5 * u.dot(hessian * u);
  if (!(quadratic > 0.0))
    throw_invalid(fmt::format("quadratic deviation: ½uᵀHu = {} for |u| = {}, expected > 0 (H positive along u)",
                              quadratic, u.norm()));
  const Vector theta = theta0 + u;
  return std::abs(loss(theta) - loss0 - quadratic) / quadratic;
}

SphereDeviation quadratic_deviation_on_sphere(const LossFunction& loss, const Vector& theta0, const Matrix& hessian,
                                              double radius, int count, std::uint64_t seed) {
  if (!(radius > 0.0) || !std::isfinite(radius))
    throw_invalid(fmt::format("quadratic deviation on a sphere: radius {}, expected a finite r > 0", radius));
  if (count < 1) throw_invalid(fmt::format("quadratic deviation on a sphere: {} directions, expected ≥ 1", count));
  const Eigen::SelfAdjointEigenSolver<Matrix> eigen(hessian);
  if (eigen.info() != Eigen::Success || !(eigen.eigenvalues()(0) > 0.0))
    throw_invalid(fmt::format("quadratic deviation on a sphere: λ_min(H) = {}, expected H positive definite",
                              eigen.info() == Eigen::Success ? eigen.eigenvalues()(0) : std::nan("")));
  const double loss0 = loss(theta0);
  SphereDeviation out;
  out.radius = radius;
  auto at = [&](const Vector& u) {
    out.largest_rounding =
        std::max(out.largest_rounding, quadratic_deviation_rounding(loss0, 0.5 * u.dot(hessian * u)));
    return relative_quadratic_deviation(loss, theta0, loss0, hessian, u);
  };
  // Uniform on the sphere: a standard Gaussian vector, normalised (rotation invariance of N(0, I)).
  NormalStream normals(seed, 0, StreamLane::user);
  Vector u(theta0.size());
  out.random.reserve(static_cast<std::size_t>(count));
  for (int k = 0; k < count; ++k) {
    for (Eigen::Index i = 0; i < u.size(); ++i) u(i) = normals.next();
    out.random.push_back(at(radius * u / u.norm()));
  }
  const Vector q_min = eigen.eigenvectors().col(0), q_max = eigen.eigenvectors().col(u.size() - 1);
  out.along_lambda_min = std::max(at(radius * q_min), at(-radius * q_min));
  out.along_lambda_max = std::max(at(radius * q_max), at(-radius * q_max));
  return out;
}

double empirical_quantile(std::vector<double> values, double p) {
  if (values.empty()) throw_invalid("empirical quantile: no values, expected at least one");
  if (!(p >= 0.0 && p <= 1.0)) throw_invalid(fmt::format("empirical quantile: p = {}, expected p in [0, 1]", p));
  std::sort(values.begin(), values.end());
  const double position = p * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, values.size() - 1);
  return values[below] + (position - static_cast<double>(below)) * (values[above] - values[below]);
}

}  // namespace ldv::mlp
