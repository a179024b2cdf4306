#include "ldv/action/evaluation_points.hpp"

#include <fmt/format.h>

#include "ldv/core/error.hpp"

namespace ldv::action {

void require_evaluation_points(const Model& model, const Matrix& points) {
  if (points.rows() != model.dimension())
    throw_invalid(fmt::format("points have {} rows but the {} model has dimension {}", points.rows(), model.kind(),
                              model.dimension()));
  if (!points.allFinite()) throw_invalid("a point has a non-finite coordinate");
}

}  // namespace ldv::action
