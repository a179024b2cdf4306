#include "ldv/models/model.hpp"

#include <type_traits>

#include <fmt/format.h>

#include "ldv/core/error.hpp"

namespace ldv {
namespace {

// Every alternative of the variant is a complete kind.
template <class Variant>
struct AllKinds;
template <class... Kinds>
struct AllKinds<std::variant<Kinds...>> {
  static constexpr bool value = (ModelKind<Kinds> && ...);
};
static_assert(AllKinds<Model::Variant>::value, "every Model::Variant alternative must satisfy ModelKind");

}  // namespace

Model::Model(Variant variant, std::string spec_json) : variant_(std::move(variant)), spec_json_(std::move(spec_json)) {}

int Model::dimension() const {
  return visit([](const auto& m) { return m.dimension(); });
}

std::string Model::kind() const {
  return visit([](const auto& m) { return std::string(m.kind()); });
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
  return visit([&](const auto& m) -> Matrix { return m.drift_jacobian(x); });
}

bool Model::linear_drift() const {
  return visit([](const auto& m) { return std::is_base_of_v<LinearGaussianModel, std::decay_t<decltype(m)>>; });
}

bool Model::constant_diffusion() const {
  return visit([](const auto& m) -> bool { return m.constant_diffusion(); });
}

std::optional<double> Model::loss(const Vector& x) const {
  require_dimension(x);
  return visit([&](const auto& m) -> std::optional<double> { return m.loss(x); });
}

}  // namespace ldv
