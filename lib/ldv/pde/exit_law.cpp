#include "ldv/pde/exit_law.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <numbers>

#include "ldv/core/error.hpp"
#include "ldv/pde/grid_sequence.hpp"
#include "ldv/pde/sparse_solve.hpp"

namespace ldv::pde {
namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

// Length of [a, b] ∩ [c, d] on the circle (all in radians; [a, b] of length < 2π, [c, d] in [0, 2π]).
double overlap_on_circle(double a, double b, double c, double d) {
  double total = 0.0;
  for (double shift : {-kTwoPi, 0.0, kTwoPi}) total += std::max(0.0, std::min(b + shift, d) - std::max(a + shift, c));
  return total;
}

// The discrete exit law w (one weight per boundary node) at the start point.
Vector boundary_weights(const PolarGrid& grid, const DynkinSystem& system, const PdeProblem& p) {
  const Vector offset = p.start - p.center;
  const double rho = offset.norm();
  const double theta = rho > 0.0 ? std::atan2(offset(1), offset(0)) : 0.0;
  Vector on_unknowns = Vector::Zero(system.interior.rows());
  Vector w = Vector::Zero(grid.angular());
  for (const PolarGrid::Weight& weight : grid.interpolation(rho, theta)) {
    if (weight.node.boundary) w(weight.node.ray) += weight.weight;
    else on_unknowns(static_cast<Eigen::Index>(weight.node.unknown)) += weight.weight;
  }
  detail::SparseLu lu;
  detail::factorize(lu, system.interior, grid);
  const Vector adjoint = lu.transpose().solve(on_unknowns);
  w -= system.boundary.transpose() * adjoint;
  return w;
}

std::vector<double> arc_probabilities(const PolarGrid& grid, const Vector& w, const std::vector<double>& edges) {
  const double dt = grid.theta_step();
  std::vector<double> out(edges.size() - 1, 0.0);
  for (int j = 0; j < grid.angular(); ++j) {
    const double a = grid.theta(j) - 0.5 * dt, b = grid.theta(j) + 0.5 * dt;
    for (std::size_t k = 0; k + 1 < edges.size(); ++k)
      out[k] += w(j) * overlap_on_circle(a, b, edges[k], edges[k + 1]) / dt;
  }
  return out;
}

}  // namespace

ExitLaw exit_law(const PdeProblem& problem, int bins, const PdeSettings& settings) {
  if (bins < 1) throw_invalid(fmt::format("bins = {} must be >= 1", bins));
  ExitLaw out;
  for (int k = 0; k <= bins; ++k) out.edges.push_back(kTwoPi * k / bins);
  Vector finest_weights;
  auto solve = [&](const PolarGrid& grid, const DynkinSystem& system) {
    finest_weights = boundary_weights(grid, system, problem);
    out.node_angles.resize(static_cast<std::size_t>(grid.angular()));
    for (int j = 0; j < grid.angular(); ++j) out.node_angles[static_cast<std::size_t>(j)] = grid.theta(j);
    return arc_probabilities(grid, finest_weights, out.edges);
  };
  auto scale = [](const std::vector<double>&) { return 1.0; };  // probabilities: the tolerance is absolute
  detail::SequenceResult sequence = detail::run_grid_sequence(problem, settings, solve, scale);
  out.probabilities = std::move(sequence.value);
  out.error_estimate = std::move(sequence.error_estimate);
  out.observed_order = sequence.observed_order;
  out.grids = std::move(sequence.grids);
  out.warnings = std::move(sequence.warnings);
  const double dt = kTwoPi / static_cast<double>(finest_weights.size());
  for (Eigen::Index j = 0; j < finest_weights.size(); ++j) out.density.push_back(finest_weights(j) / dt);
  return out;
}

}  // namespace ldv::pde
