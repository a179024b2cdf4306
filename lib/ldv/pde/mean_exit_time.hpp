#pragma once
// Continuous-time mean exit time E_x[τ] of a 2-D diffusion from a disc by the Dynkin
// (backward Kolmogorov) equation L u = −1 in D, u = 0 on ∂D (pde_problem.hpp), solved on
// a sequence of polar grids refined by 2 and extrapolated (Richardson, order 2):
//   R_k = (4 v_k − v_{k−1}) / 3,  v_k the value at the start point on grid k;
//   value = R of the two finest grids;
//   error_estimate = |R_fine − R_previous|, the last change of the extrapolated value: a bound
//   on its error whenever that error at least halves per refinement (it falls as h⁴ in the
//   asymptotic range, 16× per refinement, so the bound is pessimistic there by ≈ 15);
//   observed_order = log₂((v_{k−2} − v_{k−1}) / (v_{k−1} − v_k)) from the three finest grids (2 expected).
// While the observed order is outside [1.5, 2.5] (the grids are not yet in the asymptotic
// range) a finer grid is added, within the budget; if the budget ends first, a warning says
// so and the error estimate becomes the larger of |R_fine − R_previous| and |v_fine − v_previous|.
//
// Refusals (NumericalFailure, with the numbers): a boundary layer no grid within the budget
// resolves (cell Péclet number above max_peclet on the grids the final extrapolation
// combines, even after stretching and refining: grid_sequence.cpp, dynkin_operator.hpp), a singular discrete system.
#include <string>
#include <vector>

#include "ldv/pde/pde_problem.hpp"

namespace ldv::pde {

struct PdeEstimate {
  double value = 0.0;           // Richardson-extrapolated E_x[τ]
  double error_estimate = 0.0;  // see above
  double observed_order = 0.0;  // NaN when the differences are at round-off level
  bool tolerance_met = true;    // error_estimate <= tolerance · |value| (always true without a tolerance)
  std::vector<GridSolution> grids;  // coarsest first
  std::vector<std::string> warnings;
  double elapsed_seconds = 0.0;
};

PdeEstimate mean_exit_time(const PdeProblem& problem, const PdeSettings& settings = {});

}  // namespace ldv::pde
