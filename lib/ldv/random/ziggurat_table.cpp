#include "ldv/random/ziggurat_table.hpp"

#include <boost/math/special_functions/erf.hpp>
#include <boost/math/tools/toms748_solve.hpp>
#include <cmath>
#include <numbers>
#include <string>

#include "ldv/core/error.hpp"

namespace ldv {
namespace {

double f(double x) { return std::exp(-0.5 * x * x); }

// The common layer area for tail start r: r f(r) + ∫_r^∞ f.
double layer_area(double r) {
  return r * f(r) + std::sqrt(std::numbers::pi / 2) * boost::math::erfc(r / std::numbers::sqrt2);
}

// Marsaglia & Tsang's recursion x_{i+1} = f⁻¹(v/x_i + f(x_i)) from x_1 = r. The
// right r makes the top layer close exactly: v/x_{n−1} + f(x_{n−1}) = 1. Returns
// that expression − 1, continued past a recursion that overshoots 1 early (r too
// small) so that the function is monotone for the root finder.
double top_layer_mismatch(int layers, double r) {
  const double v = layer_area(r);
  double x = r;
  for (int i = 1; i < layers - 1; ++i) {
    const double t = v / x + f(x);
    if (t >= 1) return (t - 1) + (layers - 1 - i);
    x = std::sqrt(-2 * std::log(t));
  }
  return v / x + f(x) - 1;
}

}  // namespace

ZigguratGeometry compute_normal_ziggurat(int layers) {
  if (layers < 4) throw InvalidInput("a ziggurat needs at least 4 layers, got " + std::to_string(layers));
  std::uintmax_t iterations = 200;
  const auto bracket = boost::math::tools::toms748_solve(
      [layers](double r) { return top_layer_mismatch(layers, r); }, 1.0, 6.0,
      [](double a, double b) { return std::abs(a - b) <= 4e-16 * std::abs(a); }, iterations);
  const double r = 0.5 * (bracket.first + bracket.second);
  ZigguratGeometry g{layers, r, layer_area(r), std::vector<double>(layers + 1), std::vector<double>(layers + 1)};
  g.x[0] = g.v / f(g.r);
  g.x[1] = g.r;
  for (int i = 1; i < layers - 1; ++i) g.x[i + 1] = std::sqrt(-2 * std::log(g.v / g.x[i] + f(g.x[i])));
  g.x[layers] = 0.0;
  g.y[0] = 0.0;
  for (int i = 1; i < layers; ++i) g.y[i] = f(g.x[i]);
  g.y[layers] = 1.0;
  for (int i = 0; i < layers; ++i)
    if (!(g.x[i + 1] < g.x[i]))
      throw NumericalFailure("the " + std::to_string(layers) + "-layer ziggurat table is not decreasing at layer " +
                             std::to_string(i));
  return g;
}

const ZigguratTable& normal_ziggurat_table() {
  static const ZigguratTable table = [] {
    const ZigguratGeometry g = compute_normal_ziggurat(ZigguratTable::kLayers);
    ZigguratTable t{};
    for (int i = 0; i <= ZigguratTable::kLayers; ++i) {
      t.x[i] = g.x[static_cast<std::size_t>(i)];
      t.y[i] = g.y[static_cast<std::size_t>(i)];
    }
    t.r = g.r;
    t.v = g.v;
    return t;
  }();
  return table;
}

}  // namespace ldv
