#include "ldv/measure/limit_extrapolation.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/reference/ou_exit_time.hpp"
#include "ldv/stats/interval_policy.hpp"

namespace ldv::measure {
namespace {

// The Lagrange weights ℓ_k(0) of the polynomial through x: y₀ = Σ ℓ_k(0) y_k.
std::vector<double> weights_at_zero(const std::vector<double>& x) {
  std::vector<double> w(x.size(), 1.0);
  for (std::size_t k = 0; k < x.size(); ++k)
    for (std::size_t j = 0; j < x.size(); ++j)
      if (j != k) w[k] *= x[j] / (x[j] - x[k]);
  return w;
}

double polynomial_at_zero(const std::vector<double>& x, const std::vector<double>& y) {
  const std::vector<double> w = weights_at_zero(x);
  double sum = 0.0;
  for (std::size_t k = 0; k < x.size(); ++k) sum += w[k] * y[k];
  return sum;
}

// The points ordered by decreasing x, so that "drop the first" drops the coarsest.
struct Sorted {
  std::vector<double> x, y, error;
};
Sorted sorted_coarse_to_fine(const std::vector<double>& x, const std::vector<double>& y,
                             const std::vector<double>& error) {
  std::vector<std::size_t> order(x.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] > x[b]; });
  Sorted s;
  for (std::size_t i : order) {
    s.x.push_back(x[i]);
    s.y.push_back(y[i]);
    s.error.push_back(error[i]);
  }
  return s;
}

}  // namespace

LimitExtrapolation extrapolate_to_zero(const std::vector<double>& x, const std::vector<double>& y,
                                       const std::vector<double>& y_error, double calibration, std::string name,
                                       const std::string& method) {
  if (x.size() < 3) throw_invalid(fmt::format("{}: extrapolation needs at least 3 points, got {}", name, x.size()));
  if (y.size() != x.size() || y_error.size() != x.size())
    throw_invalid(fmt::format("{}: {} abscissae, {} values and {} error bounds must agree", name, x.size(), y.size(),
                              y_error.size()));
  for (std::size_t i = 0; i < x.size(); ++i) {
    require_positive(fmt::format("{}: x[{}]", name, i), x[i]);
    require_finite(fmt::format("{}: y[{}]", name, i), y[i]);
    require_non_negative(fmt::format("{}: error bound [{}]", name, i), y_error[i]);
    for (std::size_t j = 0; j < i; ++j)
      if (x[j] == x[i]) throw_invalid(fmt::format("{}: x[{}] = x[{}] = {}: the abscissae must differ", name, j, i, x[i]));
  }
  if (!(calibration >= 1.0)) throw_invalid(fmt::format("{}: calibration = {} must be >= 1", name, calibration));
  const Sorted s = sorted_coarse_to_fine(x, y, y_error);
  LimitExtrapolation out;
  out.limit = polynomial_at_zero(s.x, s.y);
  out.previous = polynomial_at_zero({s.x.begin() + 1, s.x.end()}, {s.y.begin() + 1, s.y.end()});
  out.calibration = calibration;
  const std::vector<double> w = weights_at_zero(s.x);
  for (std::size_t k = 0; k < w.size(); ++k) out.numerical_error += std::abs(w[k]) * s.error[k];
  const double model = calibration * std::abs(out.limit - out.previous);
  out.error_bound = model + out.numerical_error;
  out.estimate = stats::normal_estimate(
      std::move(name), out.limit, 0.0, out.error_bound,
      fmt::format("{}; Richardson (polynomial) extrapolation to 0 through {} points, x from {:.4g} to {:.4g}; "
                  "deterministic bound at every level = {:.3g} × |change when the coarsest point is dropped| "
                  "({:.3g}, calibration factor from known-limit sequences) + {:.3g} (the values' own error bounds "
                  "through the Lagrange weights)",
                  method, s.x.size(), s.x.back(), s.x.front(), calibration, std::abs(out.limit - out.previous),
                  out.numerical_error));
  return out;
}

double extrapolation_calibration(const std::vector<double>& barrier_over_eps) {
  if (barrier_over_eps.size() < 3)
    throw_invalid(fmt::format("extrapolation calibration needs at least 3 levels of V0/ε, got {}",
                              barrier_over_eps.size()));
  double worst = 1.0;
  for (int d : {1, 2, 3}) {
    // OU with rate, noise and radius 1: V₀ = 1, ε = 1/(V₀/ε), R² = V₀/ε (the sequence's
    // expansion is in powers of 1/R², i.e. of ε; DLMF 7.12.1 for d = 1).
    std::vector<double> x, g;
    for (double k : barrier_over_eps) {
      require_positive("V0/ε", k);
      const double eps = 1.0 / k;
      const double tau = reference::mean_exit_time_ball({1.0, eps, 1.0}, d, 1.0, 0.0);
      x.push_back(eps);
      g.push_back(tau * std::exp(-k) * 2.0 * std::pow(k, 0.5 * d) / std::tgamma(0.5 * d));
    }
    const Sorted s = sorted_coarse_to_fine(x, g, std::vector<double>(x.size(), 0.0));
    const double limit = polynomial_at_zero(s.x, s.y);
    const double previous = polynomial_at_zero({s.x.begin() + 1, s.x.end()}, {s.y.begin() + 1, s.y.end()});
    worst = std::max(worst, std::abs(limit - 1.0) / std::abs(limit - previous));
  }
  return worst;
}

}  // namespace ldv::measure
