#pragma once
// Input validation shared by MAM, geometric MAM and the string method.
#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"

namespace ldv::paths {

// The input checks every path method shares: from and to are finite points of the
// model's dimension and differ ("path endpoints are equal"); an initial path, if
// given, has d rows, `nodes` columns when nodes > 0 (any number >= 2 otherwise),
// finite entries, and starts at `from` and ends at `to` (to 1e-12 relative).
void require_path_problem(const Model& model, const Vector& from, const Vector& to, const Matrix* initial_path,
                          int nodes);

}  // namespace ldv::paths
