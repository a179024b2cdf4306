#pragma once
// JSON helpers shared by the commands' --json output.
#include <cmath>
#include <nlohmann/json.hpp>
#include <vector>

#include "ldv/core/linalg.hpp"

namespace ldv::app {

// JSON has no infinity or NaN: such values are written as null.
inline nlohmann::json finite_or_null(double value) {
  return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json();
}

inline nlohmann::json vector_json(const Vector& v) { return std::vector<double>(v.data(), v.data() + v.size()); }

// A path (d × N matrix, columns the nodes) as a list of points.
inline nlohmann::json path_json(const Matrix& path) {
  nlohmann::json out = nlohmann::json::array();
  for (Eigen::Index j = 0; j < path.cols(); ++j) out.push_back(vector_json(path.col(j)));
  return out;
}

}  // namespace ldv::app
