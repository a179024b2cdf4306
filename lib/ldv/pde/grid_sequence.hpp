#pragma once
// The grid sequence shared by the mean exit time and the exit law (internal to pde/):
// the choice of the coarsest grid (stretching and size from the boundary layer), the solves
// on grids refined by 2, and the Richardson extrapolation of what each grid yields.
#include <functional>
#include <string>
#include <vector>

#include "ldv/pde/dynkin_operator.hpp"
#include "ldv/pde/pde_problem.hpp"
#include "ldv/pde/polar_grid.hpp"

namespace ldv::pde::detail {

// What one grid yields: a few numbers (a value; bin probabilities), all of order 2 in the step.
using GridQuantities = std::function<std::vector<double>(const PolarGrid&, const DynkinSystem&)>;

struct SequenceResult {
  std::vector<double> value;           // Richardson from the two finest grids, per quantity
  std::vector<double> error_estimate;  // per quantity (mean_exit_time.hpp)
  double observed_order = 0.0;         // of the largest |difference| over the quantities
  bool tolerance_met = true;
  std::vector<GridSolution> grids;     // GridSolution::value = quantity 0
  std::vector<std::vector<double>> grid_values;
  std::vector<std::string> warnings;
};

// `scale` is the size the tolerance is relative to (|value| for the mean exit time, 1 for probabilities).
SequenceResult run_grid_sequence(const PdeProblem& problem, const PdeSettings& settings, const GridQuantities& yield,
                                 const std::function<double(const std::vector<double>&)>& scale);

// u at the start point from the unknowns and the boundary values (bicubic, polar_grid.hpp).
double value_at(const PolarGrid& grid, const Vector& unknowns, const Vector& boundary_values, const PdeProblem& problem);

}  // namespace ldv::pde::detail
