#include "ldv/sim/reflecting_box.hpp"

#include <fmt/format.h>

#include "ldv/core/error.hpp"

namespace ldv {

ReflectingBox::ReflectingBox(Vector low, Vector high) : low_(std::move(low)), high_(std::move(high)) {
  if (low_.size() < 1 || low_.size() != high_.size())
    throw_invalid(fmt::format("reflecting box: low has {} coordinates and high {}; expected the same number, at least 1",
                              low_.size(), high_.size()));
  for (Eigen::Index i = 0; i < low_.size(); ++i)
    if (!(std::isfinite(low_(i)) && std::isfinite(high_(i)) && low_(i) < high_(i)))
      throw_invalid(fmt::format("reflecting box: coordinate {} has low = {} and high = {}; expected finite low < high", i,
                                low_(i), high_(i)));
}

bool ReflectingBox::contains(const Vector& x) const {
  return x.size() == low_.size() && (x.array() >= low_.array()).all() && (x.array() <= high_.array()).all();
}

}  // namespace ldv
