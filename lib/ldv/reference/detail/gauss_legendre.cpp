#include "ldv/reference/detail/gauss_legendre.hpp"

#include <cmath>
#include <numbers>

#include <fmt/format.h>

#include "ldv/core/error.hpp"

namespace ldv::reference::detail {
namespace {

struct Legendre {
  double value, derivative;
};

// P_m(x) and P_m'(x) by the recurrence (k + 1) P_{k+1} = (2k + 1) x P_k − k P_{k−1}.
Legendre legendre(int m, double x) {
  double p0 = 1.0, p1 = x;
  for (int k = 1; k < m; ++k) {
    const double p2 = ((2.0 * k + 1.0) * x * p1 - k * p0) / (k + 1.0);
    p0 = p1;
    p1 = p2;
  }
  if (m == 0) return {1.0, 0.0};
  return {p1, m * (x * p1 - p0) / (x * x - 1.0)};
}

}  // namespace

QuadratureRule gauss_legendre(int m) {
  if (m < 1) throw_invalid(fmt::format("Gauss–Legendre order m = {} must be >= 1", m));
  QuadratureRule rule;
  rule.nodes.resize(static_cast<std::size_t>(m));
  rule.weights.resize(static_cast<std::size_t>(m));
  // Roots come in ± pairs: find the m/2 positive ones (and 0 for odd m).
  for (int i = 0; i < (m + 1) / 2; ++i) {
    double x = std::cos(std::numbers::pi * (i + 0.75) / (m + 0.5));
    Legendre p = legendre(m, x);
    for (int iteration = 0; iteration < 100; ++iteration) {
      const double dx = p.value / p.derivative;
      x -= dx;
      p = legendre(m, x);
      if (std::abs(dx) <= 1e-16) break;
    }
    const double w = 2.0 / ((1.0 - x * x) * p.derivative * p.derivative);
    rule.nodes[static_cast<std::size_t>(i)] = -x;
    rule.nodes[static_cast<std::size_t>(m - 1 - i)] = x;
    rule.weights[static_cast<std::size_t>(i)] = w;
    rule.weights[static_cast<std::size_t>(m - 1 - i)] = w;
  }
  if (m % 2 == 1) rule.nodes[static_cast<std::size_t>(m / 2)] = 0.0;
  return rule;
}

QuadratureRule composite_gauss_legendre(double lower, double upper, int panels, int m) {
  if (!(lower < upper)) throw_invalid(fmt::format("panels need lower = {} < upper = {}", lower, upper));
  if (panels < 1) throw_invalid(fmt::format("panels = {} must be >= 1", panels));
  const QuadratureRule base = gauss_legendre(m);
  QuadratureRule rule;
  rule.nodes.reserve(static_cast<std::size_t>(panels) * base.nodes.size());
  rule.weights.reserve(rule.nodes.capacity());
  const double width = (upper - lower) / panels;
  for (int p = 0; p < panels; ++p) {
    const double mid = lower + (p + 0.5) * width;
    for (std::size_t i = 0; i < base.nodes.size(); ++i) {
      rule.nodes.push_back(mid + 0.5 * width * base.nodes[i]);
      rule.weights.push_back(0.5 * width * base.weights[i]);
    }
  }
  return rule;
}

}  // namespace ldv::reference::detail
