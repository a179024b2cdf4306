#include "ldv/paths/path_problem.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "ldv/core/error.hpp"

namespace ldv::paths {

void require_path_problem(const Model& model, const Vector& from, const Vector& to, const Matrix* initial_path,
                          int nodes) {
  const int d = model.dimension();
  require_point("start point `from`", from, d);
  require_point("end point `to`", to, d);
  if (from == to)
    throw_invalid(fmt::format("path endpoints are equal (from = to = [{}]); a path needs two distinct end points",
                              fmt::join(from.data(), from.data() + from.size(), ", ")));
  if (initial_path == nullptr) return;
  const Matrix& p = *initial_path;
  if (p.rows() != d) throw_invalid(fmt::format("initial path has {} rows but the model has dimension {}", p.rows(), d));
  if (nodes > 0 && p.cols() != nodes)
    throw_invalid(fmt::format("initial path has {} nodes but the settings ask for {}", p.cols(), nodes));
  if (p.cols() < 2) throw_invalid(fmt::format("initial path has {} nodes; at least 2 expected", p.cols()));
  if (!p.allFinite()) throw_invalid("initial path has a non-finite coordinate");
  // The end points are fixed by from/to; an initial path ending elsewhere is a caller bug.
  const auto mismatch = [](const Vector& a, const Vector& b) {
    return (a - b).norm() > 1e-12 * std::max(1.0, b.norm());
  };
  if (mismatch(p.col(0), from)) throw_invalid("initial path does not start at `from`");
  if (mismatch(p.col(p.cols() - 1), to)) throw_invalid("initial path does not end at `to`");
}

}  // namespace ldv::paths
