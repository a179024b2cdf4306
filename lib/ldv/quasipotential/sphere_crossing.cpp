#include "ldv/quasipotential/sphere_crossing.hpp"

#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"

namespace ldv::quasipotential {

Vector last_sphere_crossing(const Matrix& path, const Vector& center, double radius) {
  require_positive("sphere radius", radius);
  if (path.rows() != center.size() || path.cols() < 2)
    throw_invalid(fmt::format("path is {} × {}: expected {} rows (the centre's dimension) and at least 2 nodes",
                              path.rows(), path.cols(), center.size()));
  for (Eigen::Index i = path.cols() - 2; i >= 0; --i) {
    const Vector a = path.col(i) - center, step = path.col(i + 1) - path.col(i);
    if (!(a.norm() < radius && (a + step).norm() >= radius)) continue;
    // |a + t step|² = r²: t = (−a·s + √((a·s)² + |s|²(r² − |a|²)))/|s|², the root in (0, 1].
    const double as = a.dot(step), ss = step.squaredNorm();
    const double t = (-as + std::sqrt(as * as + ss * (radius * radius - a.squaredNorm()))) / ss;
    return path.col(i) + t * step;
  }
  throw_invalid(fmt::format("the path never leaves the sphere of radius {} around the centre outward", radius));
}

}  // namespace ldv::quasipotential
