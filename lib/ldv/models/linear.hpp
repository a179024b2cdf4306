#pragma once
// A linear system dX = −A X dt + √ε σ dW with A not necessarily symmetric (the
// drift is then not a gradient, so there is no loss). Drift, σ and the Jacobian −A
// come from LinearGaussianModel.
#include <optional>
#include <string_view>

#include "ldv/core/linalg.hpp"
#include "ldv/models/linear_gaussian.hpp"

namespace ldv {

struct LinearModel : LinearGaussianModel {
  static constexpr std::string_view kind_name = "linear";

  using LinearGaussianModel::LinearGaussianModel;

  std::string_view kind() const { return kind_name; }
  std::optional<double> loss(const Vector& /*x*/) const { return std::nullopt; }
};

}  // namespace ldv
