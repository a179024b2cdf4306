#include "ldv/pde/mean_exit_time.hpp"

#include <chrono>
#include <cmath>

#include "ldv/pde/grid_sequence.hpp"
#include "ldv/pde/sparse_solve.hpp"

namespace ldv::pde {

PdeEstimate mean_exit_time(const PdeProblem& problem, const PdeSettings& settings) {
  const auto started = std::chrono::steady_clock::now();
  // One grid: L_h u = −1 on the unknowns, u = 0 on the boundary ring; u at the start point.
  auto solve = [&](const PolarGrid& grid, const DynkinSystem& system) {
    detail::SparseLu lu;
    detail::factorize(lu, system.interior, grid);
    const Vector u = lu.solve(Vector::Constant(system.interior.rows(), -1.0));
    return std::vector<double>{detail::value_at(grid, u, Vector::Zero(grid.angular()), problem)};
  };
  auto scale = [](const std::vector<double>& value) { return std::abs(value[0]); };
  detail::SequenceResult sequence = detail::run_grid_sequence(problem, settings, solve, scale);
  PdeEstimate out;
  out.value = sequence.value[0];
  out.error_estimate = sequence.error_estimate[0];
  out.observed_order = sequence.observed_order;
  out.tolerance_met = sequence.tolerance_met;
  out.grids = std::move(sequence.grids);
  out.warnings = std::move(sequence.warnings);
  out.elapsed_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return out;
}

}  // namespace ldv::pde
