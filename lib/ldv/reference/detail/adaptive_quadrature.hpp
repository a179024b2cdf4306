#pragma once
// Globally adaptive Gauss–Kronrod quadrature for the exact OU exit times
// (internal to lib/ldv/reference; header-only because it is templated on the
// integrand, and included only by .cpp files since it pulls in Boost).
//
// Written here rather than taken from boost::math::quadrature::gauss_kronrod's own
// adaptive mode because Boost 1.74 reports that rule's error estimate for [-1, 1],
// unscaled by the half-width of the interval (checked numerically), so its
// tolerance cannot certify 1e-10; the fixed 31-point rule is Boost's.
#include <algorithm>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <queue>
#include <vector>

namespace ldv::reference::detail {

// Requested of each quadrature. The Gauss–Kronrod estimate |K31 - G15| bounds the
// error of the 15-point rule; the 31-point result returned is far better still.
constexpr double kQuadratureTolerance = 1e-13;
constexpr int kMaxPieces = 4000;  // bisections per integral before giving up

struct Integral {
  double value;
  double error;  // absolute error estimate
};

struct Piece {
  double lo, hi;
  Integral result;
  bool operator<(const Piece& other) const { return result.error < other.result.error; }
};

template <class F>
Piece integrate_piece(const F& f, double lo, double hi) {
  double error = 0.0;
  const double value = boost::math::quadrature::gauss_kronrod<double, 31>::integrate(f, lo, hi, 0, kQuadratureTolerance, &error);
  // Boost 1.74 reports the error of the rule on [-1, 1]; scale it to [lo, hi].
  return {lo, hi, {value, error * 0.5 * (hi - lo)}};
}

// Cut points geometric towards both ends of [a, b], from layer_width up to the
// middle, plus an optional interior point (where the coordinate crosses 0): our
// integrands concentrate in boundary layers of width ~ layer_width at the ends,
// and the cuts let bisection start resolved.
inline std::vector<double> layered_cuts(double a, double b, double layer_width, double interior) {
  std::vector<double> cuts{a, b, 0.5 * (a + b)};
  const double half = 0.5 * (b - a);
  for (double step = layer_width; step < half; step *= 2.0) {
    cuts.push_back(a + step);
    cuts.push_back(b - step);
  }
  if (a < interior && interior < b) cuts.push_back(interior);
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  return cuts;
}

// Globally adaptive Gauss–Kronrod (QUADPACK QAG style) for a non-negative
// integrand: bisect the piece with the largest error estimate until the total
// estimate is below kQuadratureTolerance relative, or the budget is spent (the
// caller then sees the large error and refuses the result).
template <class F>
Integral integrate_positive(const F& f, double a, double b, double layer_width, double interior = 0.0) {
  std::priority_queue<Piece> pieces;
  const std::vector<double> cuts = layered_cuts(a, b, layer_width, interior);
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) pieces.push(integrate_piece(f, cuts[i], cuts[i + 1]));

  auto totals = [&pieces] {
    Integral sum{0.0, 0.0};
    for (auto copy = pieces; !copy.empty(); copy.pop()) {
      sum.value += copy.top().result.value;
      sum.error += copy.top().result.error;
    }
    return sum;
  };
  Integral total = totals();
  for (int step = 0; step < kMaxPieces && total.error > kQuadratureTolerance * total.value; ++step) {
    const Piece worst = pieces.top();
    pieces.pop();
    const double mid = 0.5 * (worst.lo + worst.hi);
    const Piece left = integrate_piece(f, worst.lo, mid);
    const Piece right = integrate_piece(f, mid, worst.hi);
    pieces.push(left);
    pieces.push(right);
    total.value += left.result.value + right.result.value - worst.result.value;
    total.error += left.result.error + right.result.error - worst.result.error;
  }
  return totals();  // re-summed, free of the running sum's drift
}

}  // namespace ldv::reference::detail
