#include "ldv/fokker_planck/measurements.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/fokker_planck/solver.hpp"
#include "ldv/stats/interval_policy.hpp"

namespace ldv::fokker_planck {
namespace {

constexpr double kRoundingFloor = 1e-12;

Grid grid_of(const Box& box, int refinement) {
  const int n = box.cells * refinement;
  return Grid(box.low, box.high, std::vector<int>(static_cast<std::size_t>(box.low.size()), n));
}

Estimate two_resolution_estimate(const std::string& name, double coarse, double fine, const std::string& method) {
  return stats::normal_estimate(name, fine, 0.0, std::abs(fine - coarse) + kRoundingFloor,
                                method + fmt::format("; coarse grid {:.6g}, fine grid {:.6g}, systematic = the change + 1e-12",
                                                     coarse, fine));
}

double rate_at(const Model& model, const Grid& grid, double eps, Form form, const Density& initial,
               double derivative_step = GeneratorSettings{}.derivative_step) {
  const Vector rho = density_from(grid, initial);
  return (generator(model, grid, {eps, form, derivative_step}) * rho).sum() * grid.volume();
}

struct Run {
  std::vector<double> times, kl, sup;
};
Run relax(const Model& model, const Grid& grid, double eps, const Density& initial, double dt, int steps) {
  const SparseMatrix q = generator(model, grid, {eps});
  const Vector pi = stationary_density(q, grid);
  const double peak = pi.maxCoeff();
  const ImplicitEuler stepper(q, dt);
  Vector rho = density_from(grid, initial);
  Run run;
  for (int k = 0;; ++k) {
    run.times.push_back(k * dt);
    run.kl.push_back(kl_divergence(rho, pi, grid));
    run.sup.push_back(max_abs_difference(rho, pi) / peak);
    if (k == steps) break;
    rho = stepper.step(rho);
  }
  return run;
}
double largest_increase(const std::vector<double>& v) {
  double largest = -std::numeric_limits<double>::infinity();
  for (std::size_t k = 1; k < v.size(); ++k) largest = std::max(largest, v[k] - v[k - 1]);
  return largest;
}
double decay_rate(const Run& run) {
  const std::size_t last = run.sup.size() - 1, half = last / 2;
  return std::log(run.sup[half] / run.sup[last]) / (run.times[last] - run.times[half]);
}

// ln π at x by (bi)linear interpolation of ln π between the cell centres around x (second order; the cell
// containing x alone would put x up to h/2 off, a first-order error in V).
double log_density_at(const Grid& grid, const Vector& pi, const Vector& x) {
  int base[2] = {0, 0};
  double weight[2] = {0.0, 0.0};
  for (int a = 0; a < grid.dimension(); ++a) {
    const double t = (x(a) - grid.low()(a)) / grid.width(a) - 0.5;
    base[a] = std::clamp(static_cast<int>(std::floor(t)), 0, grid.cells(a) - 2);
    weight[a] = std::clamp(t - base[a], 0.0, 1.0);
  }
  double sum = 0.0;
  const int corners_j = grid.dimension() == 2 ? 2 : 1;
  for (int dj = 0; dj < corners_j; ++dj)
    for (int di = 0; di < 2; ++di) {
      const double w = (di ? weight[0] : 1 - weight[0]) * (grid.dimension() == 2 ? (dj ? weight[1] : 1 - weight[1]) : 1.0);
      sum += w * std::log(pi(static_cast<Eigen::Index>(grid.index(base[0] + di, base[1] + dj))));
    }
  return sum;
}

// −ε ln(ρ(x)/ρ(reference)) for each point (row) and each ε of the ladder (column) on one grid.
Matrix log_density_values(const Model& model, const Grid& grid, const std::vector<double>& ladder, const Matrix& points,
                          const Vector& reference) {
  Matrix values(points.cols(), static_cast<Eigen::Index>(ladder.size()));
  for (std::size_t k = 0; k < ladder.size(); ++k) {
    const Vector pi = stationary_density(generator(model, grid, {ladder[k]}), grid);
    const double at_reference = log_density_at(grid, pi, reference);
    for (Eigen::Index p = 0; p < points.cols(); ++p)
      values(p, static_cast<Eigen::Index>(k)) = -ladder[k] * (log_density_at(grid, pi, points.col(p)) - at_reference);
  }
  return values;
}
// The quadratic through (εᵢ, gᵢ) at ε = 0 (Lagrange), and the line through the two smallest.
double quadratic_limit(const std::vector<double>& e, const std::vector<double>& g) {
  return g[0] * e[1] * e[2] / ((e[0] - e[1]) * (e[0] - e[2])) + g[1] * e[0] * e[2] / ((e[1] - e[0]) * (e[1] - e[2])) +
         g[2] * e[0] * e[1] / ((e[2] - e[0]) * (e[2] - e[1]));
}
double linear_limit(const std::vector<double>& e, const std::vector<double>& g) {
  return (g[2] * e[1] - g[1] * e[2]) / (e[1] - e[2]);
}

}  // namespace

Estimate mass_rate(const Model& model, const Box& box, double eps, Form form, const Density& initial,
                   const std::string& name) {
  const double coarse = rate_at(model, grid_of(box, 1), eps, form, initial);
  const double fine = rate_at(model, grid_of(box, 2), eps, form, initial);
  // The derivatives of D are central differences: their error shows as the change when the step is doubled.
  const double step = GeneratorSettings{}.derivative_step;
  const double derivative_change = std::abs(fine - rate_at(model, grid_of(box, 2), eps, form, initial, 2 * step));
  return stats::normal_estimate(
      name, fine, 0.0, std::abs(fine - coarse) + derivative_change + kRoundingFloor,
      fmt::format("d/dt ∫ρ at t = 0 = Σ (Qρ₀)·volume, {} form, ε = {}; {} cells an axis {:.8g}, {} cells {:.8g}; systematic "
                  "= that change + the change {:.2g} when the step of D's differences goes {} → {} + 1e-12",
                  form == Form::ito ? "Itô" : "paper's eq. (8)", eps, box.cells, coarse, 2 * box.cells, fine,
                  derivative_change, step, 2 * step));
}

Relaxation measure_relaxation(const Model& model, const Box& box, double eps, const Density& initial, double dt,
                              double horizon, const std::string& name) {
  require_positive("relaxation time step", dt);
  const double steps_real = horizon / dt;
  const int steps = static_cast<int>(std::lround(steps_real));
  if (!(steps >= 2 && std::abs(steps_real - steps) <= 1e-9 * steps_real))
    throw_invalid(fmt::format("relaxation: horizon {} is not a multiple (>= 2) of the time step {}", horizon, dt));
  const Run coarse = relax(model, grid_of(box, 1), eps, initial, dt, steps);
  const Run fine = relax(model, grid_of(box, 2), eps, initial, dt / 2, 2 * steps);
  const std::string method = fmt::format("backward Euler, Itô form, ε = {}, ({} cells an axis, Δt = {}) and ({}, {})", eps,
                                         box.cells, dt, 2 * box.cells, dt / 2);
  Relaxation r{fine.times, fine.kl, fine.sup, {}, {}, {}, {}};
  // Compare like with like: the coarse run's increments are over Δt, the fine run's over Δt/2; the fine
  // run's largest increment over its own steps is the stricter statistic (more steps, each smaller).
  r.largest_kl_increase = two_resolution_estimate("largest KL increase over a step, " + name, largest_increase(coarse.kl),
                                                  largest_increase(fine.kl), method);
  r.final_kl = two_resolution_estimate("KL(ρ_T‖ρ_ss), " + name, coarse.kl.back(), fine.kl.back(), method);
  r.initial_kl = two_resolution_estimate("KL(ρ_0‖ρ_ss), " + name, coarse.kl.front(), fine.kl.front(), method);
  r.decay_rate = two_resolution_estimate("decay rate of max|ρ_t − ρ_ss|, " + name, decay_rate(coarse), decay_rate(fine),
                                         method + ", rate = ln(d(T/2)/d(T))/(T/2)");
  return r;
}

std::vector<LogDensityLimit> log_density_limits(const Model& model, const Box& box, const std::vector<double>& eps_ladder,
                                                const Matrix& points, const Vector& reference,
                                                const std::vector<std::string>& names) {
  if (eps_ladder.size() != 3 || !(eps_ladder[0] > eps_ladder[1] && eps_ladder[1] > eps_ladder[2] && eps_ladder[2] > 0))
    throw_invalid("log-density limit: three decreasing positive ε expected");
  if (names.size() != static_cast<std::size_t>(points.cols()))
    throw_invalid(fmt::format("log-density limit: {} names for {} points", names.size(), points.cols()));
  const Matrix coarse = log_density_values(model, grid_of(box, 1), eps_ladder, points, reference);
  const Matrix fine = log_density_values(model, grid_of(box, 2), eps_ladder, points, reference);
  std::vector<LogDensityLimit> limits;
  for (Eigen::Index p = 0; p < points.cols(); ++p) {
    const std::vector<double> f = {fine(p, 0), fine(p, 1), fine(p, 2)}, c = {coarse(p, 0), coarse(p, 1), coarse(p, 2)};
    const double limit = quadratic_limit(eps_ladder, f);
    const double systematic = std::abs(limit - quadratic_limit(eps_ladder, c)) + std::abs(limit - linear_limit(eps_ladder, f)) +
                              kRoundingFloor;
    limits.push_back(
        {points.col(p), eps_ladder, f,
         stats::normal_estimate(names[static_cast<std::size_t>(p)], limit, 0.0, systematic,
                                fmt::format("−ε ln(ρ_ss(x)/ρ_ss(ref)) at ε = {}, {}, {} ({:.5g}, {:.5g}, {:.5g}), quadratic "
                                            "extrapolation to ε = 0; systematic = grid change ({} → {} cells an axis) + "
                                            "change from the linear extrapolation + 1e-12",
                                            eps_ladder[0], eps_ladder[1], eps_ladder[2], f[0], f[1], f[2], box.cells,
                                            2 * box.cells))});
  }
  return limits;
}

}  // namespace ldv::fokker_planck
