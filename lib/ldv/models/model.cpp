#include "ldv/models/model.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <type_traits>

#include "ldv/core/error.hpp"

namespace ldv {

Model::Model(Variant variant, std::string spec_json) : variant_(std::move(variant)), spec_json_(std::move(spec_json)) {}

int Model::dimension() const {
  return visit([](const auto& m) { return m.dimension(); });
}

std::string Model::kind() const {
  return visit([](const auto& m) -> std::string {
    using M = std::decay_t<decltype(m)>;
    if constexpr (std::is_same_v<M, QuadraticModel>) return "quadratic";
    else if constexpr (std::is_same_v<M, LinearModel>) return "linear";
    else if constexpr (std::is_same_v<M, TwoWellModel>) return "two_well";
    else if constexpr (std::is_same_v<M, MaierSteinModel>) return "maier_stein";
    else return m.name();
  });
}

void Model::require_dimension(const Vector& x) const {
  if (x.size() != dimension())
    throw_invalid(fmt::format("point has {} coordinates but the {} model has dimension {}", x.size(), kind(),
                              dimension()));
}

Vector Model::drift(const Vector& x) const {
  require_dimension(x);
  Vector out(x.size());
  visit([&](const auto& m) { m.drift(x.data(), out.data()); });
  return out;
}

Matrix Model::sigma(const Vector& x) const {
  require_dimension(x);
  const int d = dimension();
  Matrix out(d, d);
  Vector unit = Vector::Zero(d), column(d);
  for (int j = 0; j < d; ++j) {  // column j of σ is σ e_j
    unit.setZero();
    unit(j) = 1.0;
    visit([&](const auto& m) { m.apply_sigma(x.data(), unit.data(), column.data()); });
    out.col(j) = column;
  }
  return out;
}

Matrix Model::diffusion(const Vector& x) const {
  const Matrix s = sigma(x);
  return s * s.transpose();
}

Matrix Model::drift_jacobian(const Vector& x) const {
  require_dimension(x);
  const int d = dimension();
  return visit([&](const auto& m) -> Matrix {
    using M = std::decay_t<decltype(m)>;
    if constexpr (std::is_base_of_v<LinearGaussianModel, M>) {
      return -m.drift_matrix();
    } else if constexpr (std::is_same_v<M, TwoWellModel>) {
      // b = −2(x − O) inside the closed discs of eq. (35), 0 outside.
      return TwoWellModel::well_of(x.data(), true) == 0 ? Matrix::Zero(2, 2) : Matrix(-2.0 * Matrix::Identity(2, 2));
    } else if constexpr (std::is_same_v<M, MaierSteinModel>) {
      const double u = x(0), v = x(1), beta = m.beta();
      Matrix j(2, 2);
      j << 1.0 - 3.0 * u * u - beta * v * v, -2.0 * beta * u * v,  //
          -2.0 * u * v, -(1.0 + u * u);
      return j;
    } else {
      // Central differences, step ∝ cbrt(machine ε) × scale: O(h²) truncation
      // balanced against O(ε/h) rounding (≈ 1e-10 relative for smooth b).
      Matrix j(d, d);
      Vector plus(d), minus(d), shifted = x;
      for (int k = 0; k < d; ++k) {
        const double h = 6.0e-6 * std::max(1.0, std::abs(x(k)));
        shifted(k) = x(k) + h;
        m.drift(shifted.data(), plus.data());
        shifted(k) = x(k) - h;
        m.drift(shifted.data(), minus.data());
        shifted(k) = x(k);
        j.col(k) = (plus - minus) / (2.0 * h);
      }
      return j;
    }
  });
}

bool Model::constant_diffusion() const {
  return visit([](const auto& m) {
    using M = std::decay_t<decltype(m)>;
    return std::is_base_of_v<LinearGaussianModel, M> || std::is_same_v<M, MaierSteinModel>;
  });
}

std::optional<double> Model::loss(const Vector& x) const {
  require_dimension(x);
  return visit([&](const auto& m) -> std::optional<double> {
    using M = std::decay_t<decltype(m)>;
    if constexpr (std::is_same_v<M, QuadraticModel>) return m.loss(x);
    else if constexpr (std::is_same_v<M, TwoWellModel>) return m.loss(x.data());
    else return std::nullopt;
  });
}

}  // namespace ldv
