#include "ldv/fokker_planck/grid.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"

namespace ldv::fokker_planck {

Grid::Grid(Vector low, Vector high, std::vector<int> cells)
    : low_(std::move(low)), high_(std::move(high)), cells_(std::move(cells)) {
  const std::size_t d = static_cast<std::size_t>(low_.size());
  if (d < 1 || d > 2) throw_invalid(fmt::format("Fokker–Planck grid: dimension {} given, 1 or 2 expected", d));
  if (static_cast<std::size_t>(high_.size()) != d || cells_.size() != d)
    throw_invalid(fmt::format("Fokker–Planck grid: low has {} coordinates, high {}, cells {}; expected the same", d,
                              high_.size(), cells_.size()));
  for (std::size_t a = 0; a < d; ++a) {
    const auto i = static_cast<Eigen::Index>(a);
    if (!(std::isfinite(low_(i)) && std::isfinite(high_(i)) && low_(i) < high_(i)))
      throw_invalid(fmt::format("Fokker–Planck grid: axis {} has low = {}, high = {}; expected finite low < high", a,
                                low_(i), high_(i)));
    if (cells_[a] < 3) throw_invalid(fmt::format("Fokker–Planck grid: axis {} has {} cells, at least 3 expected", a, cells_[a]));
  }
}

std::size_t Grid::size() const {
  std::size_t n = 1;
  for (int c : cells_) n *= static_cast<std::size_t>(c);
  return n;
}

double Grid::width(int axis) const { return (high_(axis) - low_(axis)) / cells(axis); }

double Grid::volume() const {
  double v = 1.0;
  for (int a = 0; a < dimension(); ++a) v *= width(a);
  return v;
}

Vector Grid::centre(int i, int j) const {
  Vector x(dimension());
  x(0) = low_(0) + (i + 0.5) * width(0);
  if (dimension() == 2) x(1) = low_(1) + (j + 0.5) * width(1);
  return x;
}

Vector Grid::centre(std::size_t k) const {
  const int i = static_cast<int>(k % static_cast<std::size_t>(cells_[0]));
  const int j = static_cast<int>(k / static_cast<std::size_t>(cells_[0]));
  return centre(i, j);
}

std::size_t Grid::locate(const Vector& x) const {
  const auto cell = [&](int a) {
    return std::clamp(static_cast<int>(std::floor((x(a) - low_(a)) / width(a))), 0, cells(a) - 1);
  };
  return index(cell(0), dimension() == 2 ? cell(1) : 0);
}

}  // namespace ldv::fokker_planck
