#include "ldv/paths/arc_length.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <vector>

#include "ldv/core/error.hpp"

namespace ldv::paths {
namespace {

// Second derivatives of the natural cubic spline through (s_i, y_i) (Press et al.,
// Numerical Recipes §3.3): a tridiagonal solve by the Thomas algorithm. Hand-written
// because neither Eigen nor Boost 1.74 ships a spline with non-uniform knots in a
// form cheaper than this dozen lines (Boost's cubic_b_spline needs uniform knots).
std::vector<double> natural_spline_second_derivatives(const Vector& s, const Eigen::VectorXd& y) {
  const Eigen::Index n = s.size();
  std::vector<double> m(static_cast<std::size_t>(n), 0.0), c(static_cast<std::size_t>(n), 0.0);
  for (Eigen::Index i = 1; i + 1 < n; ++i) {
    const double h0 = s(i) - s(i - 1), h1 = s(i + 1) - s(i);
    const double diagonal = 2.0 * (h0 + h1) - h0 * c[static_cast<std::size_t>(i - 1)];
    const double rhs = 6.0 * ((y(i + 1) - y(i)) / h1 - (y(i) - y(i - 1)) / h0);
    c[static_cast<std::size_t>(i)] = h1 / diagonal;
    m[static_cast<std::size_t>(i)] = (rhs - h0 * m[static_cast<std::size_t>(i - 1)]) / diagonal;
  }
  for (Eigen::Index i = n - 2; i >= 1; --i)
    m[static_cast<std::size_t>(i)] -= c[static_cast<std::size_t>(i)] * m[static_cast<std::size_t>(i + 1)];
  m[0] = 0.0;
  m[static_cast<std::size_t>(n - 1)] = 0.0;
  return m;
}

}  // namespace

Vector cumulative_arc_length(const Matrix& path) {
  Vector s(path.cols());
  if (path.cols() == 0) return s;
  s(0) = 0.0;
  for (Eigen::Index i = 1; i < path.cols(); ++i) s(i) = s(i - 1) + (path.col(i) - path.col(i - 1)).norm();
  return s;
}

Matrix reparametrize_equal_arc_length(const Matrix& path, int nodes, bool cubic) {
  if (nodes < 2) throw_invalid(fmt::format("nodes = {} must be at least 2", nodes));
  if (path.cols() < 2) throw_invalid(fmt::format("path has {} nodes; at least 2 expected", path.cols()));
  if (!path.allFinite()) throw_invalid("path has a non-finite coordinate");
  // Drop repeated nodes (zero-length segments) so the parameter increases strictly.
  std::vector<Eigen::Index> kept{0};
  for (Eigen::Index i = 1; i < path.cols(); ++i)
    if ((path.col(i) - path.col(kept.back())).norm() > 0.0) kept.push_back(i);
  if (kept.size() < 2) throw_invalid("path has zero length: all nodes coincide");
  if (kept.back() != path.cols() - 1) kept.back() = path.cols() - 1;  // keep the true end point
  Matrix compact(path.rows(), static_cast<Eigen::Index>(kept.size()));
  for (std::size_t k = 0; k < kept.size(); ++k) compact.col(static_cast<Eigen::Index>(k)) = path.col(kept[k]);

  const Vector s = cumulative_arc_length(compact);
  const double length = s(s.size() - 1);
  const Eigen::Index old_n = compact.cols();
  const bool use_cubic = cubic && old_n >= 3;
  std::vector<std::vector<double>> second(static_cast<std::size_t>(compact.rows()));
  if (use_cubic)
    for (Eigen::Index r = 0; r < compact.rows(); ++r)
      second[static_cast<std::size_t>(r)] = natural_spline_second_derivatives(s, compact.row(r).transpose());

  Matrix out(path.rows(), nodes);
  Eigen::Index segment = 0;
  for (int k = 0; k < nodes; ++k) {
    const double target = length * static_cast<double>(k) / static_cast<double>(nodes - 1);
    while (segment + 2 < old_n && s(segment + 1) < target) ++segment;
    const double h = s(segment + 1) - s(segment);
    const double t = std::clamp((target - s(segment)) / h, 0.0, 1.0);
    for (Eigen::Index r = 0; r < compact.rows(); ++r) {
      const double y0 = compact(r, segment), y1 = compact(r, segment + 1);
      double value = (1.0 - t) * y0 + t * y1;
      if (use_cubic) {  // NR eq. (3.3.3): add the curvature terms
        const double m0 = second[static_cast<std::size_t>(r)][static_cast<std::size_t>(segment)];
        const double m1 = second[static_cast<std::size_t>(r)][static_cast<std::size_t>(segment + 1)];
        const double a = 1.0 - t, b = t;
        value += ((a * a * a - a) * m0 + (b * b * b - b) * m1) * h * h / 6.0;
      }
      out(r, k) = value;
    }
  }
  out.col(0) = path.col(0);
  out.col(nodes - 1) = path.col(path.cols() - 1);
  return out;
}

Matrix straight_path(const Vector& from, const Vector& to, int nodes) {
  if (nodes < 2) throw_invalid(fmt::format("nodes = {} must be at least 2", nodes));
  if (from.size() != to.size())
    throw_invalid(fmt::format("end points have {} and {} coordinates", from.size(), to.size()));
  Matrix out(from.size(), nodes);
  for (int k = 0; k < nodes; ++k) {
    const double t = static_cast<double>(k) / static_cast<double>(nodes - 1);
    out.col(k) = (1.0 - t) * from + t * to;
  }
  return out;
}

}  // namespace ldv::paths
