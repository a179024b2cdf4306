#include "ldv/random/ziggurat_table.hpp"

#include <boost/math/special_functions/erf.hpp>
#include <boost/math/tools/toms748_solve.hpp>
#include <cmath>
#include <numbers>

#include "ldv/core/error.hpp"

namespace ldv {
namespace {

constexpr int kLayers = ZigguratTable::kLayers;

double f(double x) { return std::exp(-0.5 * x * x); }

// The common layer area for tail start r: r f(r) + ∫_r^∞ f.
double layer_area(double r) {
  return r * f(r) + std::sqrt(std::numbers::pi / 2) * boost::math::erfc(r / std::numbers::sqrt2);
}

// Marsaglia & Tsang's recursion x_{i+1} = f⁻¹(v/x_i + f(x_i)) from x_1 = r. The
// right r makes the top layer close exactly: v/x_{255} + f(x_{255}) = 1. Returns
// that expression − 1, continued past a recursion that overshoots 1 early (r
// too small) so the function is monotone for the root finder.
double top_layer_mismatch(double r) {
  const double v = layer_area(r);
  double x = r;
  for (int i = 1; i < kLayers - 1; ++i) {
    const double t = v / x + f(x);
    if (t >= 1) return (t - 1) + (kLayers - 1 - i);
    x = std::sqrt(-2 * std::log(t));
  }
  return v / x + f(x) - 1;
}

ZigguratTable compute_table() {
  std::uintmax_t iterations = 200;
  const auto bracket = boost::math::tools::toms748_solve(
      top_layer_mismatch, 3.3, 4.0, [](double a, double b) { return std::abs(a - b) <= 4e-16 * std::abs(a); },
      iterations);
  ZigguratTable t{};
  t.r = 0.5 * (bracket.first + bracket.second);
  t.v = layer_area(t.r);
  t.x[0] = t.v / f(t.r);
  t.x[1] = t.r;
  for (int i = 1; i < kLayers - 1; ++i) t.x[i + 1] = std::sqrt(-2 * std::log(t.v / t.x[i] + f(t.x[i])));
  t.x[kLayers] = 0.0;
  t.y[0] = 0.0;
  for (int i = 1; i < kLayers; ++i) t.y[i] = f(t.x[i]);
  t.y[kLayers] = 1.0;
  for (int i = 0; i < kLayers; ++i)
    if (!(t.x[i + 1] < t.x[i]))
      throw NumericalFailure("the ziggurat table is not decreasing at layer " + std::to_string(i));
  return t;
}

}  // namespace

const ZigguratTable& normal_ziggurat_table() {
  static const ZigguratTable table = compute_table();
  return table;
}

}  // namespace ldv
