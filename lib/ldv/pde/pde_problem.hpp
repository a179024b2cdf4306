#pragma once
// What the PDE solver is asked (a 2-D model, a disc, a start point, ε) and how hard it
// tries (the grid sequence, the Péclet limit, the budget), shared by the mean exit time
// (mean_exit_time.hpp) and the exit law (exit_law.hpp).
//
// Both are continuous-time quantities of dX = b(X) dt + √ε σ(X) dW (DESIGN.md conventions)
// computed with no Monte Carlo and no time step: the Dynkin equations L u = −1 (mean exit
// time) and L u = 0 with boundary data f (u(x) = E_x[f(X_τ)], the exit law) on the disc,
// discretised on polar grids (N, M), (2N, 2M), (4N, 4M), … (dynkin_operator.hpp) and
// extrapolated in the grid step (Richardson).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "ldv/core/linalg.hpp"
#include "ldv/models/model.hpp"
#include "ldv/pde/dynkin_operator.hpp"

namespace ldv::pde {

struct PdeProblem {
  Model model;    // 2-D: any drift b(x), constant or state-dependent D(x)
  Vector center;  // the disc {|x − center| < radius}
  double radius;
  Vector start;   // inside the disc
  double eps;     // ε > 0
};

struct PdeSettings {
  int radial_nodes = 32;             // N of the coarsest grid (>= 4)
  int angular_nodes = 32;            // M of the coarsest grid (even, >= 8)
  std::optional<double> stretching;  // β of polar_grid.hpp; none: the smallest of 0, 0.25, …, 3 meeting max_peclet
  int grids = 3;                     // grids in the Richardson sequence (>= 3: two extrapolations to compare)
  double max_peclet = 1.0;           // every grid's largest cell Péclet number must not exceed it, or, where
                                     // the budget forbids that, every grid's but the coarsest's (grid_sequence.cpp)
  double tolerance = 0.0;            // > 0: add finer grids until error_estimate <= tolerance · |value|
  std::size_t max_unknowns = 400'000;  // no grid beyond this many unknowns is solved
};

// One solved grid of the sequence.
struct GridSolution {
  int radial = 0, angular = 0;
  double stretching = 0.0;
  std::size_t unknowns = 0;
  double value = 0.0;  // the solution at the start point on this grid
  Peclet peclet;
  double seconds = 0.0;
};

// Checks the problem and settings (InvalidInput naming the value and what was expected).
void validate(const PdeProblem& problem, const PdeSettings& settings);

}  // namespace ldv::pde
