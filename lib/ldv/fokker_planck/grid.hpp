#pragma once
// The finite-volume grid of the Fokker–Planck solver: a box [low, high] in 1 or 2 dimensions cut into
// n₁ (× n₂) equal cells; unknowns are cell averages of the density, numbered i + n₁ j.
#include <array>
#include <cstddef>

#include "ldv/core/linalg.hpp"

namespace ldv::fokker_planck {

class Grid {
 public:
  // `cells` holds one count per dimension (each >= 3), low < high coordinate by coordinate. InvalidInput
  // naming the bad value otherwise (dimension 1 or 2 only).
  Grid(Vector low, Vector high, std::vector<int> cells);

  int dimension() const { return static_cast<int>(low_.size()); }
  int cells(int axis) const { return cells_[static_cast<std::size_t>(axis)]; }
  std::size_t size() const;                                         // number of cells
  double width(int axis) const;                                     // cell width along the axis
  double volume() const;                                            // cell volume (length in 1-D)
  const Vector& low() const { return low_; }
  const Vector& high() const { return high_; }
  std::size_t index(int i, int j = 0) const { return static_cast<std::size_t>(i + cells_[0] * j); }
  Vector centre(int i, int j = 0) const;                            // the cell's centre
  Vector centre(std::size_t k) const;                               // by flat index
  // The cell containing x (clamped to the box): its flat index.
  std::size_t locate(const Vector& x) const;

 private:
  Vector low_, high_;
  std::vector<int> cells_;
};

}  // namespace ldv::fokker_planck
