#pragma once
// The sparse LU factorisation of a Dynkin system's interior matrix (internal to pde/).
// COLAMD ordering: the polar grid's periodic rays and its one dense centre row make the
// natural order a poor one.
#include <Eigen/SparseLU>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/pde/dynkin_operator.hpp"
#include "ldv/pde/polar_grid.hpp"

namespace ldv::pde::detail {

using SparseLu = Eigen::SparseLU<SparseMatrix, Eigen::COLAMDOrdering<int>>;

inline void factorize(SparseLu& lu, const SparseMatrix& interior, const PolarGrid& grid) {
  lu.analyzePattern(interior);
  lu.factorize(interior);
  if (lu.info() != Eigen::Success)
    throw NumericalFailure(fmt::format("the discrete Dynkin system on the {} × {} polar grid is singular ({})",
                                       grid.radial(), grid.angular(), lu.lastErrorMessage()));
}

}  // namespace ldv::pde::detail
