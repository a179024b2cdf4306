#pragma once
// Points at which a Hamilton–Jacobi residual is evaluated: one column per point, d rows.
#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"

namespace ldv::action {

// InvalidInput unless `points` has the model's dimension as rows and only finite entries.
void require_evaluation_points(const Model& model, const Matrix& points);

}  // namespace ldv::action
