#include "ldv/fokker_planck/limit_order.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/fokker_planck/solver.hpp"
#include "ldv/stats/interval_policy.hpp"

namespace ldv::fokker_planck {
namespace {

constexpr double kRoundingFloor = 1e-12;
constexpr double kDroppedWeight = 1e-30;  // Poisson weights below this fraction are left out

Grid grid_of(const Box& box, int refinement) { return Grid(box.low, box.high, {box.cells * refinement}); }

// ln ρ at x by linear interpolation of ln ρ between the cell centres around x (second order), and a bound on
// that interpolation's error: for g = ln ρ it is g''(ξ) w(1 − w) h²/2 ≤ h²|g''|/8, with h²|g''| taken as the
// larger second difference of g at the two centres, times 2 for margin (the change between two grids does not
// bound it: w(1 − w) is not monotone in h).
struct Interpolated {
  double value, error_bound;
};
Interpolated log_density_at(const Grid& grid, const Vector& rho, double x) {
  const double t = (x - grid.low()(0)) / grid.width(0) - 0.5;
  const int base = std::clamp(static_cast<int>(std::floor(t)), 1, grid.cells(0) - 3);
  const double w = std::clamp(t - base, 0.0, 1.0);
  const auto g = [&](int i) { return std::log(rho(i)); };
  const double second = std::max(std::abs(g(base - 1) - 2 * g(base) + g(base + 1)), std::abs(g(base) - 2 * g(base + 1) + g(base + 2)));
  return {(1 - w) * g(base) + w * g(base + 1), second / 4};
}

// The point mass at x₀ shared linearly between the two cell centres around it: its mean is x₀ exactly, its
// spread O(h²) (all of it in x₀'s cell would move x₀ by up to h/2, a first-order error in S_T).
Vector point_mass(const Grid& grid, double x0) {
  const double t = (x0 - grid.low()(0)) / grid.width(0) - 0.5;
  const int base = std::clamp(static_cast<int>(std::floor(t)), 0, grid.cells(0) - 2);
  const double w = std::clamp(t - base, 0.0, 1.0);
  Vector rho = Vector::Zero(static_cast<Eigen::Index>(grid.size()));
  rho(base) = (1 - w) / grid.volume();
  rho(base + 1) = w / grid.volume();
  return rho;
}

// −ε ln(ρ(x)/max ρ) at each point, and ε times the interpolation's error bound.
std::vector<Interpolated> normalised_values(const Grid& grid, const Vector& rho, double eps, const std::vector<double>& points) {
  const double log_max = std::log(rho.maxCoeff());
  std::vector<Interpolated> v;
  for (double x : points) {
    const Interpolated at = log_density_at(grid, rho, x);
    v.push_back({-eps * (at.value - log_max), eps * at.error_bound});
  }
  return v;
}

// The WKB extrapolations to ε = 0: the quadratic through three values and the line through the last two.
double quadratic_limit(const std::vector<double>& e, const std::vector<double>& g) {
  return g[0] * e[1] * e[2] / ((e[0] - e[1]) * (e[0] - e[2])) + g[1] * e[0] * e[2] / ((e[1] - e[0]) * (e[1] - e[2])) +
         g[2] * e[0] * e[1] / ((e[2] - e[0]) * (e[2] - e[1]));
}
double linear_limit(const std::vector<double>& e, const std::vector<double>& g) {
  return (g[2] * e[1] - g[1] * e[2]) / (e[1] - e[2]);
}

// Values [point][ε] on one grid: (a) at horizon T (T > 0) or (b) stationary (T = 0 means "stationary").
std::vector<std::vector<Interpolated>> values_on(const Model& model, const Grid& grid, const std::vector<double>& ladder,
                                           double x0, double horizon, const std::vector<double>& points) {
  std::vector<std::vector<Interpolated>> out(points.size());
  for (double eps : ladder) {
    const SparseMatrix q = generator(model, grid, {eps});
    Vector rho;
    if (horizon > 0) {
      rho = transition_density(q, point_mass(grid, x0), horizon);
    } else {
      rho = stationary_density(q, grid);
    }
    const std::vector<Interpolated> v = normalised_values(grid, rho, eps, points);
    for (std::size_t p = 0; p < points.size(); ++p) out[p].push_back(v[p]);
  }
  return out;
}

struct Limits {
  std::vector<Estimate> estimates;
  std::vector<std::vector<double>> fine_values;
};
Limits eps_limits(const Model& model, const LimitOrderSettings& s, double x0, double horizon,
                  const std::vector<double>& points, const std::string& what) {
  const auto coarse_values = values_on(model, grid_of(s.box, 1), s.eps_ladder, x0, horizon, points);
  const auto fine_values = values_on(model, grid_of(s.box, 2), s.eps_ladder, x0, horizon, points);
  const auto& e = s.eps_ladder;
  // The quadratic's value at ε = 0 is Σ ℓₖ gₖ (Lagrange weights ℓₖ); interpolation errors eₖ move it by ≤ Σ |ℓₖ| eₖ.
  const double weights[3] = {e[1] * e[2] / ((e[0] - e[1]) * (e[0] - e[2])), e[0] * e[2] / ((e[1] - e[0]) * (e[1] - e[2])),
                             e[0] * e[1] / ((e[2] - e[0]) * (e[2] - e[1]))};
  Limits out{{}, {}};
  for (std::size_t p = 0; p < points.size(); ++p) {
    std::vector<double> fine, coarse;
    double interpolation = 0.0;
    for (std::size_t k = 0; k < 3; ++k) {
      fine.push_back(fine_values[p][k].value);
      coarse.push_back(coarse_values[p][k].value);
      interpolation += std::abs(weights[k]) * fine_values[p][k].error_bound;
    }
    out.fine_values.push_back(fine);
    const double limit = quadratic_limit(e, fine);
    const double systematic = std::abs(limit - quadratic_limit(e, coarse)) + std::abs(limit - linear_limit(e, fine)) +
                              interpolation + kRoundingFloor;
    out.estimates.push_back(stats::normal_estimate(
        fmt::format("{} at x = {:.3g}", what, points[p]), limit, 0.0, systematic,
        fmt::format("−ε ln(ρ(x)/max ρ) at ε = {}, {}, {} ({:.5g}, {:.5g}, {:.5g}), quadratic extrapolation to ε = 0; "
                    "systematic = grid change ({} → {} cells) + change from the linear extrapolation + interpolation "
                    "bound {:.2g} + 1e-12",
                    e[0], e[1], e[2], fine[0], fine[1], fine[2], s.box.cells, 2 * s.box.cells, interpolation)));
  }
  return out;
}

}  // namespace

Vector transition_density(const SparseMatrix& q, const Vector& rho0, double horizon) {
  if (!(horizon >= 0) || !std::isfinite(horizon)) throw_invalid(fmt::format("transition density: horizon T = {}, expected T >= 0", horizon));
  if (rho0.size() != q.cols()) throw_invalid(fmt::format("transition density: ρ₀ has {} entries, Q has {} columns", rho0.size(), q.cols()));
  if (horizon == 0) return rho0;
  const double lambda = 1.0001 * (-q.diagonal()).maxCoeff();  // P = I + Q/λ has a positive diagonal
  const double mean = lambda * horizon;
  // Poisson(k; λT) in logs (e^{−λT} underflows for λT > 745); the sum runs to the last non-negligible k.
  const double last = mean + 20 * std::sqrt(mean) + 50;
  const double log_drop = std::log(kDroppedWeight);
  Vector term = rho0, sum = Vector::Zero(rho0.size());
  for (long k = 0; k <= static_cast<long>(last); ++k) {
    const double log_w = -mean + static_cast<double>(k) * std::log(mean) - std::lgamma(static_cast<double>(k) + 1);
    if (log_w > log_drop) sum += std::exp(log_w) * term;
    term += (q * term) / lambda;  // term = Pᵏ⁺¹ ρ₀
  }
  return sum;
}

void LimitOrderSettings::validate() const {
  if (box.low.size() != 1 || box.high.size() != 1 || !(box.low(0) < box.high(0)) || box.cells < 3)
    throw_invalid(fmt::format("limit order: a 1-D box [low, high] with >= 3 cells expected (cells = {})", box.cells));
  const auto& e = eps_ladder;
  if (e.size() != 3 || !(e[0] > e[1] && e[1] > e[2] && e[2] > 0)) throw_invalid("limit order: eps_ladder must be three decreasing positive ε");
  const auto& t = horizons;
  if (t.size() != 3 || !(t[0] > 0 && t[1] > t[0] && t[2] > t[1]) || std::abs((t[2] - t[1]) - (t[1] - t[0])) > 1e-9 * t[2])
    throw_invalid("limit order: horizons must be three increasing, equally spaced T > 0");
}

std::vector<IteratedLimit> measure_iterated_limits(const Model& model, double x0, const std::vector<double>& points,
                                                   const LimitOrderSettings& settings, const std::string& label) {
  settings.validate();
  if (model.dimension() != 1) throw_invalid(fmt::format("limit order: a 1-D model expected, got dimension {}", model.dimension()));
  const double low = settings.box.low(0), high = settings.box.high(0);
  for (double x : points)
    if (!(x > low && x < high)) throw_invalid(fmt::format("limit order: point x = {} outside the box ({}, {})", x, low, high));
  if (!(x0 > low && x0 < high)) throw_invalid(fmt::format("limit order: x₀ = {} outside the box ({}, {})", x0, low, high));

  std::vector<IteratedLimit> out(points.size());
  for (std::size_t p = 0; p < points.size(); ++p) out[p].x = points[p];
  for (double t : settings.horizons) {
    const Limits at_t = eps_limits(model, settings, x0, t, points, fmt::format("(a) S_T(x; x₀ = {:.3g}), T = {}, {}", x0, t, label));
    for (std::size_t p = 0; p < points.size(); ++p) {
      out[p].finite_time.push_back(at_t.estimates[p]);
      out[p].finite_time_values.push_back(at_t.fine_values[p]);
    }
  }
  const Limits stationary = eps_limits(model, settings, x0, 0.0, points, "(b) −lim ε ln ρ_ss, " + label);
  for (std::size_t p = 0; p < points.size(); ++p) {
    IteratedLimit& r = out[p];
    r.stationary_first = stationary.estimates[p];
    r.stationary_values = stationary.fine_values[p];
    // Aitken's Δ² over the equally spaced T ladder (S_T − S_∞ ∝ e^{−κT}); when the differences do not shrink
    // geometrically (a flat or non-monotone ladder), the last value is kept and its changes are the error.
    const double s1 = r.finite_time[0].value, s2 = r.finite_time[1].value, s3 = r.finite_time[2].value;
    const double d1 = s2 - s1, d2 = s3 - s2;
    const bool geometric = d1 != 0 && d2 / d1 > 0 && d2 / d1 < 1;
    const double limit = geometric ? s3 - d2 * d2 / (d2 - d1) : s3;
    const double tail = geometric ? std::abs(limit - s3) : std::abs(d2);
    const Interval last = r.finite_time[2].at(0.5);  // σ = 0: the same half-width at every level
    r.finite_time_first = stats::normal_estimate(
        fmt::format("(a) lim_T lim_ε −ε ln ρ(x, T | x₀ = {:.3g}) at x = {:.3g}, {}", x0, r.x, label), limit, 0.0,
        (last.high - last.low) / 2 + tail,
        fmt::format("S_T at T = {}, {}, {}: {:.6g}, {:.6g}, {:.6g}; {}; systematic = the largest T's half-width + {:.3g}",
                    settings.horizons[0], settings.horizons[1], settings.horizons[2], s1, s2, s3,
                    geometric ? "Aitken Δ² to T = ∞ (S_T − S_∞ ∝ e^{−κT})" : "not geometric: the largest T's value",
                    tail));
  }
  return out;
}

}  // namespace ldv::fokker_planck
