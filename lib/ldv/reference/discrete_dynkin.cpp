#include "ldv/reference/discrete_dynkin.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <vector>

#include <boost/math/special_functions/bessel.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/reference/detail/gauss_legendre.hpp"
#include "ldv/reference/detail/killed_chain_solver.hpp"

// ---------------------------------------------------------------------------
// Derivations
//
// Discrete Dynkin equation. With N(x) = E_x[min{k >= 1 : X_k ∉ D}], conditioning on
// the first step gives N(x) = 1 + ∫_D p(x, y) N(y) dy, and E_x[ν] = h N(x).
//
// Transition densities. The step is X' = c X + σ ξ with c = 1 − h a, σ = s √(ε h).
//  * 1-D: p(x, y) = φ((y − c x)/σ)/σ, φ the standard normal density.
//  * The norm in d dimensions with isotropic noise: by rotation invariance |X'| given
//    |X| = ρ is the norm of (|c| ρ, 0, …, 0) + σ ξ, the non-central chi law
//      p(ρ, ρ') = (ρ'/σ²) (ρ'/μ)^ν exp(−(ρ' − μ)²/(2σ²)) Ĩ_ν(μ ρ'/σ²),
//    μ = |c| ρ, ν = d/2 − 1, Ĩ_ν(x) = e^{−x} I_ν(x) (the density of a non-central
//    chi-square variable, Johnson, Kotz & Balakrishnan, "Continuous Univariate
//    Distributions" vol. 2, ch. 29, eq. 29.4, changed to the variable ρ' = σ√χ²).
//    Half-integer orders are elementary (DLMF 10.39.1): I_{−1/2}(x) = √(2/(πx)) cosh x
//    gives d = 1, the folded normal [φ((ρ'−μ)/σ) + φ((ρ'+μ)/σ)]/σ; I_{1/2}(x) =
//    √(2/(πx)) sinh x gives d = 3, (ρ'/μ)[φ((ρ'−μ)/σ) − φ((ρ'+μ)/σ)]/σ.
//    As μ ρ'/σ² → 0, I_ν(x) = (x/2)^ν/Γ(ν + 1) (1 + O(x²)) (DLMF 10.25.2): the chi law
//    ρ'^{d−1} exp(−(ρ'² + μ²)/(2σ²)) / (σ^d 2^ν Γ(ν + 1)).
//  * One-step exit probabilities, in closed form where there is one:
//      interval: Φ((lower − c x)/σ) + Φ((c x − upper)/σ);
//      d = 1:    Φ̄(α) + Φ̄(β), α = (r − μ)/σ, β = (r + μ)/σ;
//      d = 3:    Φ̄(α) + Φ̄(β) + (σ/μ) φ(α) (1 − e^{−2 r μ/σ²})  (integrate the d = 3
//                density above: ∫_r^∞ (ρ'/μσ) φ((ρ' ∓ μ)/σ) dρ' = Φ̄ ± (σ/μ) φ),
//    each term positive, so the tiny probabilities of interior points keep their digits;
//    other d: Gauss–Legendre quadrature of the (positive) density over [r, ∞).
//
// Nyström. Composite Gauss–Legendre nodes y_j, weights w_j on panels σ·panel_jumps wide:
// N_i = 1 + Σ_j w_j p(y_i, y_j) N_j. Row i is a killed Markov chain on the nodes, with
// transition weights scaled so that Σ_j P_ij = 1 − k_i, k_i the exact exit probability
// (see the header for why); the solver (detail/killed_chain_solver.hpp) is entrywise
// accurate. The answer at x0 is the Nyström interpolant N(x0) = 1 + Σ_j P(x0, y_j) N_j.
//
// Truncation. Jumps with |y − c x| > K σ are dropped (the band). The truncated chain and
// the exact one can be coupled so that they agree until the exact one makes such a jump;
// the probability of that is ≤ q = P(|ξ| > K) per step (for the norm, |ρ' − μ| ≤ σ|ξ|, so
// q = P(χ_d > K)), over at most E[N] steps, after which at most max N steps differ: the
// relative error is ≤ 2 q max N. K starts at 12 and is raised until 2 q max N is below a
// thousandth of the tolerance.
// ---------------------------------------------------------------------------

namespace ldv::reference {
namespace {

constexpr double kInvSqrt2Pi = 0.39894228040143267793994605993438;  // 1/√(2π)
constexpr std::array<int, 9> kOrders = {8, 12, 16, 20, 24, 32, 40, 48, 64};
constexpr double kInitialReach = 12.0;  // K of the first solve (q = 1.8e-33)
constexpr double kTruncationShare = 1e-3;  // truncation error budget, as a share of the tolerance
// Rounding of the solve: the subtraction-free elimination is entrywise accurate to a small multiple
// of n·u (Alfa, Xue & Ye 2002, Thm 3.1); 10 n u is added to the bound, so that two solves agreeing to
// the last digit never report an error of zero.
constexpr double kRoundingPerNode = 10.0 * 2.220446049250313e-16;

double normal_upper_tail(double t) { return 0.5 * boost::math::erfc(t / std::numbers::sqrt2); }  // Φ̄(t)
double normal_density(double t) { return kInvSqrt2Pi * std::exp(-0.5 * t * t); }

// P(χ_d > K) = Q(d/2, K²/2), the regularised upper incomplete gamma function.
double chi_upper_tail(int dimension, double reach) {
  return boost::math::gamma_q(0.5 * dimension, 0.5 * reach * reach);
}

// e^{−x} I_ν(x) for x >= 0: Boost's I_ν below x = 500 (I_ν(500) ≈ e^{500}, far from
// overflow), else the Hankel expansion e^{−x} I_ν(x) ~ (2πx)^{−½} Σ_k (−1)^k a_k(ν)/x^k,
// a_k(ν) = Π_{j=1..k} (4ν² − (2j − 1)²) / (k! 8^k) (DLMF 10.40.1), summed until the terms
// stop shrinking or fall below 1e-17 (at x >= 500 the error is then < 1e-17 relative;
// the exponentially small e^{−2x} part is below any double).
double scaled_bessel_i(double nu, double x) {
  if (x <= 500.0) return boost::math::cyl_bessel_i(nu, x) * std::exp(-x);
  const double mu = 4.0 * nu * nu;
  double term = 1.0, sum = 1.0;
  for (int k = 1; k < 60; ++k) {
    const double next = -term * (mu - (2.0 * k - 1.0) * (2.0 * k - 1.0)) / (k * 8.0 * x);
    if (std::abs(next) >= std::abs(term)) break;
    term = next;
    sum += term;
    if (std::abs(term) < 1e-17 * std::abs(sum)) break;
  }
  return sum / std::sqrt(2.0 * std::numbers::pi * x);
}

// The one-step law of a chain in the coordinate the Nyström rule discretises.
struct IntervalKernel {
  double c, sigma, lower, upper;
  double center(double x) const { return c * x; }
  double density(double x, double y) const { return normal_density((y - c * x) / sigma) / sigma; }
  double exit_probability(double x) const {
    return normal_upper_tail((c * x - lower) / sigma) + normal_upper_tail((upper - c * x) / sigma);
  }
  double tail(double reach) const { return chi_upper_tail(1, reach); }
};

struct RadialKernel {
  int dimension;
  double b, sigma, radius;  // b = |c|
  double center(double rho) const { return b * rho; }
  double density(double rho, double to) const { return radial_transition_density(dimension, b * rho, to, sigma); }
  double exit_probability(double rho) const { return radial_exit_probability(dimension, b * rho, radius, sigma); }
  double tail(double reach) const { return chi_upper_tail(dimension, reach); }
};

struct Solve {
  double steps_from_start;  // N(x0)
  double max_steps;         // max over the nodes of N
  int nodes;
};

template <class Kernel>
Solve solve_once(const Kernel& kernel, double lower, double upper, double x0, int panels, int order, double reach) {
  const detail::QuadratureRule rule = detail::composite_gauss_legendre(lower, upper, panels, order);
  const std::vector<double>& y = rule.nodes;
  const int n = static_cast<int>(y.size());
  const double half_width = reach * kernel.sigma;
  // Columns reachable from row i: |y_j − center(y_i)| <= K σ.
  auto columns = [&](double x) {
    const double mid = kernel.center(x);
    const auto first = std::lower_bound(y.begin(), y.end(), mid - half_width);
    const auto last = std::upper_bound(y.begin(), y.end(), mid + half_width);
    return std::pair<int, int>{static_cast<int>(first - y.begin()), static_cast<int>(last - y.begin())};
  };
  std::vector<std::pair<int, int>> range(static_cast<std::size_t>(n));
  int lower_band = 0, upper_band = 0;
  for (int i = 0; i < n; ++i) {
    range[static_cast<std::size_t>(i)] = columns(y[static_cast<std::size_t>(i)]);
    const auto [first, last] = range[static_cast<std::size_t>(i)];
    if (first < last) {
      lower_band = std::max(lower_band, i - first);
      upper_band = std::max(upper_band, last - 1 - i);
    }
  }
  // One row of the chain: weights w_j p(x, y_j) scaled so that staying + leaving = 1.
  std::vector<double> row;
  auto fill_row = [&](double x, std::pair<int, int> cols, double& killing) {
    row.assign(static_cast<std::size_t>(std::max(0, cols.second - cols.first)), 0.0);
    double stay = 0.0;
    for (int j = cols.first; j < cols.second; ++j) {
      const double v = rule.weights[static_cast<std::size_t>(j)] * kernel.density(x, y[static_cast<std::size_t>(j)]);
      row[static_cast<std::size_t>(j - cols.first)] = v;
      stay += v;
    }
    killing = std::min(1.0, kernel.exit_probability(x));
    const double scale = stay > 0.0 ? (1.0 - killing) / stay : 0.0;
    if (!(stay > 0.0)) killing = 1.0;  // no node within reach: the step always leaves (up to the truncation)
    for (double& v : row) v *= scale;
  };
  detail::KilledChainBand chain(n, lower_band, upper_band);
  for (int i = 0; i < n; ++i) {
    const auto cols = range[static_cast<std::size_t>(i)];
    double killing = 0.0;
    fill_row(y[static_cast<std::size_t>(i)], cols, killing);
    chain.killing(i) = killing;
    for (int j = cols.first; j < cols.second; ++j)
      if (j != i) chain.transition(i, j) = row[static_cast<std::size_t>(j - cols.first)];
  }
  const std::vector<double> steps = std::move(chain).solve(std::vector<double>(static_cast<std::size_t>(n), 1.0));
  const auto start_cols = columns(x0);
  double killing = 0.0;
  fill_row(x0, start_cols, killing);
  double from_start = 1.0;
  for (int j = start_cols.first; j < start_cols.second; ++j)
    from_start += row[static_cast<std::size_t>(j - start_cols.first)] * steps[static_cast<std::size_t>(j)];
  return {from_start, *std::max_element(steps.begin(), steps.end()), n};
}

// The smallest K with 2 q(K) max_steps <= budget, by bisection (q decreases in K).
template <class Kernel>
double reach_for(const Kernel& kernel, double max_steps, double budget) {
  double lo = kInitialReach, hi = 2 * kInitialReach;
  while (2 * kernel.tail(hi) * max_steps > budget) hi *= 2;
  for (int i = 0; i < 60; ++i) {
    const double mid = 0.5 * (lo + hi);
    (2 * kernel.tail(mid) * max_steps > budget ? lo : hi) = mid;
  }
  return hi;
}

template <class Kernel>
DiscreteExitTime solve_refined(const Kernel& kernel, double lower, double upper, double x0, double step,
                               const NystromSettings& settings) {
  DiscreteExitTime out;
  out.jump = kernel.sigma;
  const int panels =
      std::max(1, static_cast<int>(std::ceil((upper - lower) / (settings.panel_jumps * kernel.sigma) - 1e-9)));
  double reach = kInitialReach;
  const double truncation_budget = kTruncationShare * settings.relative_tolerance;
  double previous = 0.0;
  for (int order : kOrders) {
    if (order < settings.initial_order) continue;
    if (order > settings.max_order) break;
    Solve s = solve_once(kernel, lower, upper, x0, panels, order, reach);
    if (2 * kernel.tail(reach) * s.max_steps > truncation_budget) {  // widen the band and solve again
      reach = reach_for(kernel, s.max_steps, truncation_budget);
      s = solve_once(kernel, lower, upper, x0, panels, order, reach);
    }
    out.truncation = 2 * kernel.tail(reach) * s.max_steps;
    const double mean = step * s.steps_from_start;
    out.refinement.push_back({s.nodes, mean});
    out.mean = mean;
    out.nodes = s.nodes;
    if (out.refinement.size() >= 2 && std::abs(mean - previous) <= settings.relative_tolerance * mean) {
      out.error_bound = std::abs(mean - previous) + (out.truncation + kRoundingPerNode * s.nodes) * mean;
      return out;
    }
    previous = mean;
  }
  throw NumericalFailure(fmt::format(
      "discrete Dynkin equation: {} nodes per panel (max_order = {}) still move E[ν] = {} by {:.3g} relative, above "
      "the tolerance {:.1e}",
      out.refinement.empty() ? 0 : out.nodes / panels, settings.max_order, out.mean,
      out.refinement.size() >= 2 ? std::abs(out.mean - previous) / out.mean : 1.0, settings.relative_tolerance));
}

void validate_chain(const DiscreteOrnsteinUhlenbeck& chain) {
  require_non_negative("rate a", chain.rate);
  require_positive("eps", chain.eps);
  require_positive("noise s", chain.noise);
  require_positive("step h", chain.step);
}

void validate_settings(const NystromSettings& settings) {
  require_open_interval("relative_tolerance", settings.relative_tolerance, 0.0, 1.0);
  require_positive("panel_jumps", settings.panel_jumps);
  if (settings.initial_order < 1 || settings.initial_order > settings.max_order || settings.max_order > kOrders.back())
    throw_invalid(fmt::format("Nyström orders: initial_order = {} and max_order = {} must satisfy "
                              "1 <= initial_order <= max_order <= {}",
                              settings.initial_order, settings.max_order, kOrders.back()));
}

double jump_of(const DiscreteOrnsteinUhlenbeck& chain) { return chain.noise * std::sqrt(chain.eps * chain.step); }

}  // namespace

double radial_transition_density(int dimension, double mean_radius, double to, double jump) {
  if (to <= 0.0) return 0.0;
  const double s2 = jump * jump;
  const double mu = mean_radius;
  const double gauss = std::exp(-0.5 * (to - mu) * (to - mu) / s2);  // exp(−(ρ' − μ)²/(2σ²))
  const double x = mu * to / s2;
  if (dimension == 1) return kInvSqrt2Pi / jump * gauss * (1.0 + std::exp(-2.0 * x));
  if (dimension == 3) {
    if (mu == 0.0) return 2.0 * kInvSqrt2Pi * to * to / (s2 * jump) * gauss;
    return kInvSqrt2Pi / jump * (to / mu) * gauss * -std::expm1(-2.0 * x);
  }
  const double nu = 0.5 * dimension - 1.0;
  if (x < 1e-8) {  // the chi limit, relative error O(x²)
    return std::pow(to, dimension - 1) * std::exp(-0.5 * (to * to + mu * mu) / s2) /
           (std::pow(jump, dimension) * std::pow(2.0, nu) * std::tgamma(nu + 1.0));
  }
  return to / s2 * std::pow(to / mu, nu) * gauss * scaled_bessel_i(nu, x);
}

double radial_exit_probability(int dimension, double mean_radius, double radius, double jump) {
  const double mu = mean_radius;
  const double alpha = (radius - mu) / jump, beta = (radius + mu) / jump;
  if (dimension == 1) return normal_upper_tail(alpha) + normal_upper_tail(beta);
  if (dimension == 3) {
    if (mu == 0.0) return 2.0 * normal_upper_tail(alpha) + 2.0 * alpha * normal_density(alpha);
    return normal_upper_tail(alpha) + normal_upper_tail(beta) +
           jump / mu * normal_density(alpha) * -std::expm1(-2.0 * radius * mu / (jump * jump));
  }
  // The exit probability is at most P(σ χ_d ≥ r − μ) (|μe + σξ| ≤ μ + σ|ξ|): below 1e-300 it is 0 to
  // every use here. Otherwise quadrature over [r, max(r, μ) + (40 + √d)σ], beyond which the density
  // is below e^{−800} relative.
  if (alpha > 0.0 && chi_upper_tail(dimension, alpha) < 1e-300) return 0.0;
  const double top = std::max(radius, mu) + (40.0 + std::sqrt(static_cast<double>(dimension))) * jump;
  const int panels = static_cast<int>(std::ceil((top - radius) / jump));
  const detail::QuadratureRule rule = detail::composite_gauss_legendre(radius, top, panels, 16);
  double sum = 0.0;
  for (std::size_t j = 0; j < rule.nodes.size(); ++j)
    sum += rule.weights[j] * radial_transition_density(dimension, mu, rule.nodes[j], jump);
  return sum;
}

DiscreteExitTime discrete_mean_exit_time_interval(const DiscreteOrnsteinUhlenbeck& chain, double lower, double upper,
                                                  double x0, const NystromSettings& settings) {
  validate_chain(chain);
  validate_settings(settings);
  require_finite("lower", lower);
  require_finite("upper", upper);
  require_finite("x0", x0);
  if (!(lower < x0 && x0 < upper))
    throw_invalid(fmt::format("x0 = {} must lie in (lower, upper) = ({}, {})", x0, lower, upper));
  const IntervalKernel kernel{1.0 - chain.step * chain.rate, jump_of(chain), lower, upper};
  return solve_refined(kernel, lower, upper, x0, chain.step, settings);
}

DiscreteExitTime discrete_mean_exit_time_ball(const DiscreteOrnsteinUhlenbeck& chain, int dimension, double radius,
                                              double rho0, const NystromSettings& settings) {
  validate_chain(chain);
  validate_settings(settings);
  if (dimension < 1) throw_invalid(fmt::format("dimension = {} must be >= 1", dimension));
  require_positive("radius", radius);
  require_non_negative("rho0", rho0);
  if (!(rho0 < radius)) throw_invalid(fmt::format("rho0 = {} must lie in [0, radius) = [0, {})", rho0, radius));
  const RadialKernel kernel{dimension, std::abs(1.0 - chain.step * chain.rate), jump_of(chain), radius};
  return solve_refined(kernel, 0.0, radius, rho0, chain.step, settings);
}

}  // namespace ldv::reference
