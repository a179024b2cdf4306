#include "ldv/pde/grid_sequence.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <optional>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"

namespace ldv::pde {

void validate(const PdeProblem& p, const PdeSettings& s) {
  if (p.model.dimension() != 2)
    throw_invalid(fmt::format("the PDE solver needs a 2-D model; the {} model has dimension {}", p.model.kind(),
                              p.model.dimension()));
  require_point("centre", p.center, 2);
  require_positive("radius", p.radius);
  require_point("start point", p.start, 2);
  require_positive("eps", p.eps);
  const double rho0 = (p.start - p.center).norm();
  if (!(rho0 < p.radius))
    throw_invalid(fmt::format("the start point lies at distance {:.6g} from the centre, not inside the disc of radius {}",
                              rho0, p.radius));
  if (s.grids < 3)
    throw_invalid(fmt::format("grids = {} must be >= 3 (two Richardson extrapolations are compared)", s.grids));
  require_positive("max Péclet number", s.max_peclet);
  require_non_negative("tolerance", s.tolerance);
  if (s.stretching) PolarGrid(s.radial_nodes, s.angular_nodes, *s.stretching, p.radius);  // checks N, M, β
  else PolarGrid(s.radial_nodes, s.angular_nodes, 0.0, p.radius);
}

namespace detail {
namespace {

// Stretchings tried, in order, when none is given: the least that resolves the layer.
constexpr double kStretchingStep = 0.25, kMaxAutoStretching = 3.0;
// Observed orders in this range count as the asymptotic range of a second-order scheme.
constexpr double kOrderLow = 1.5, kOrderHigh = 2.5;
// Differences below this relative size are round-off: no order can be read from them.
constexpr double kRoundOff = 1e-12;

std::size_t unknowns_of(int radial, int angular) {
  return 1 + static_cast<std::size_t>(radial - 1) * static_cast<std::size_t>(angular);
}
std::size_t finest_unknowns(int radial, int angular, int grids) {
  const int factor = 1 << (grids - 1);
  return unknowns_of(radial * factor, angular * factor);
}

struct BaseGrid {
  int radial, angular;
  double stretching;
};

// The coarsest grid: the given (N, M) and, unless given, the least stretching whose cell
// Péclet numbers stay <= `allowed`; failing that, N and M doubled — while the finest grid of
// the sequence fits the budget. Péclet numbers only fall under refinement (halve per grid).
std::optional<BaseGrid> first_base_grid(const PdeProblem& p, const PdeSettings& s, double allowed, Peclet& worst,
                                        double& worst_stretching, int& worst_radial) {
  int radial = s.radial_nodes, angular = s.angular_nodes;
  while (finest_unknowns(radial, angular, s.grids) <= s.max_unknowns) {
    std::vector<double> candidates;
    if (s.stretching) candidates = {*s.stretching};
    else
      for (double beta = 0.0; beta <= kMaxAutoStretching + 1e-12; beta += kStretchingStep) candidates.push_back(beta);
    for (double beta : candidates) {
      const PolarGrid grid(radial, angular, beta, p.radius);
      const Peclet peclet = assemble_dynkin(p.model, p.center, grid, p.eps).peclet;
      if (peclet.value <= allowed) return BaseGrid{radial, angular, beta};
      if (worst.value == 0.0 || peclet.value < worst.value) {
        worst = peclet;
        worst_stretching = beta;
        worst_radial = radial;
      }
    }
    radial *= 2;
    angular *= 2;
  }
  return std::nullopt;
}

// Two passes. First, every grid of the sequence within max_peclet (an M-matrix on each grid):
// the choice whenever the budget allows it. Failing that, only the grids whose values the final
// Richardson step combines — all but the coarsest — within max_peclet, the coarsest within
// 2 max_peclet (Pe halves per refinement). The coarsest grid enters only R_previous, i.e. the
// error estimate and the observed order: if it oscillates, the estimate grows and the order
// leaves [1.5, 2.5], so finer grids are added or a warning widens the estimate — never a
// silently wrong value. Measured on Example 3.1 at μ = 1.9, V₀/ε = 20, which the first pass
// refuses (Pe 1.97 on 128² at β = 1): 4.80601e7 ± 1.2e4 this way (128² … 512², β = 1, observed
// order 1.97), against 4.80600e7 ± 1.0e4 from uniform grids 32² … 512² (order 2.02).
BaseGrid choose_base_grid(const PdeProblem& p, const PdeSettings& s) {
  Peclet worst;
  double worst_stretching = 0.0;
  int worst_radial = s.radial_nodes;
  if (auto base = first_base_grid(p, s, s.max_peclet, worst, worst_stretching, worst_radial)) return *base;
  if (auto base = first_base_grid(p, s, 2.0 * s.max_peclet, worst, worst_stretching, worst_radial)) return *base;
  throw NumericalFailure(fmt::format(
      "the PDE grid cannot resolve the boundary layer within the budget of {} unknowns: the smallest cell Péclet "
      "number reached on a coarsest grid is {:.3g} > 2 × {} ({} at ρ = {:.4g}, θ = {:.4g}; radial nodes {}, "
      "stretching {}), so central differences would oscillate across a layer of width ≈ εD/(2|b|) on the grids the "
      "extrapolation combines instead of converging; expected a larger eps, a larger max_unknowns or more radial nodes",
      s.max_unknowns, worst.value, s.max_peclet, worst.radial ? "radial" : "angular", worst.rho, worst.theta,
      worst_radial, worst_stretching));
}

double richardson(double coarse, double fine) { return (4.0 * fine - coarse) / 3.0; }

}  // namespace

double value_at(const PolarGrid& grid, const Vector& unknowns, const Vector& boundary_values, const PdeProblem& p) {
  const Vector offset = p.start - p.center;
  const double rho = offset.norm();
  const double theta = rho > 0.0 ? std::atan2(offset(1), offset(0)) : 0.0;
  double value = 0.0;
  for (const PolarGrid::Weight& w : grid.interpolation(rho, theta))
    value += w.weight * (w.node.boundary ? boundary_values(w.node.ray) : unknowns(static_cast<Eigen::Index>(w.node.unknown)));
  return value;
}

SequenceResult run_grid_sequence(const PdeProblem& p, const PdeSettings& s, const GridQuantities& yield,
                                 const std::function<double(const std::vector<double>&)>& scale) {
  validate(p, s);
  const BaseGrid base = choose_base_grid(p, s);
  SequenceResult out;
  auto solve_grid = [&](int level) {
    const auto started = std::chrono::steady_clock::now();
    const PolarGrid grid(base.radial << level, base.angular << level, base.stretching, p.radius);
    const DynkinSystem system = assemble_dynkin(p.model, p.center, grid, p.eps);
    out.grid_values.push_back(yield(grid, system));
    GridSolution g;
    g.radial = grid.radial();
    g.angular = grid.angular();
    g.stretching = grid.stretching();
    g.unknowns = grid.unknowns();
    g.value = out.grid_values.back().at(0);
    g.peclet = system.peclet;
    g.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    out.grids.push_back(g);
  };
  int level = 0;
  for (; level < s.grids; ++level) solve_grid(level);

  const std::size_t q = out.grid_values[0].size();
  out.value.assign(q, 0.0);
  out.error_estimate.assign(q, 0.0);
  auto evaluate = [&] {
    const std::size_t k = out.grid_values.size() - 1;
    const auto &c = out.grid_values[k - 2], &m = out.grid_values[k - 1], &f = out.grid_values[k];
    double coarse_step = 0.0, fine_step = 0.0, size = 0.0;
    for (std::size_t i = 0; i < q; ++i) {
      out.value[i] = richardson(m[i], f[i]);
      out.error_estimate[i] = std::abs(out.value[i] - richardson(c[i], m[i]));
      coarse_step = std::max(coarse_step, std::abs(c[i] - m[i]));
      fine_step = std::max(fine_step, std::abs(m[i] - f[i]));
      size = std::max(size, std::abs(f[i]));
    }
    out.observed_order = fine_step <= kRoundOff * size ? std::numeric_limits<double>::quiet_NaN()
                                                       : std::log2(coarse_step / fine_step);
  };
  auto asymptotic = [&] {
    return std::isnan(out.observed_order) || (out.observed_order >= kOrderLow && out.observed_order <= kOrderHigh);
  };
  auto within_tolerance = [&] {
    if (s.tolerance <= 0.0) return true;
    const double bound = s.tolerance * scale(out.value);
    return std::all_of(out.error_estimate.begin(), out.error_estimate.end(), [&](double e) { return e <= bound; });
  };
  evaluate();
  while ((!asymptotic() || !within_tolerance()) &&
         unknowns_of(base.radial << level, base.angular << level) <= s.max_unknowns) {
    solve_grid(level++);
    evaluate();
  }
  if (!asymptotic()) {
    out.warnings.push_back(fmt::format(
        "the grids are not in the asymptotic range of the second-order scheme (observed order {:.3g} from the three "
        "finest, expected 2) and the budget of {} unknowns allows no finer grid; the error estimate is widened to the "
        "last change of the unextrapolated value",
        out.observed_order, s.max_unknowns));
    const std::size_t k = out.grid_values.size() - 1;
    for (std::size_t i = 0; i < q; ++i)
      out.error_estimate[i] =
          std::max(out.error_estimate[i], std::abs(out.grid_values[k][i] - out.grid_values[k - 1][i]));
  }
  out.tolerance_met = within_tolerance();
  if (!out.tolerance_met)
    out.warnings.push_back(fmt::format("the tolerance {} is not met within the budget of {} unknowns", s.tolerance,
                                       s.max_unknowns));
  return out;
}

}  // namespace detail
}  // namespace ldv::pde
