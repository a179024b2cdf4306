#pragma once
// Gauss–Legendre quadrature of any order, and the composite rule on equal panels that
// the Nyström solver of discrete_dynkin.cpp discretises its integral equation with.
#include <vector>

namespace ldv::reference::detail {

struct QuadratureRule {
  std::vector<double> nodes;    // increasing
  std::vector<double> weights;  // positive, summing to the length of the interval
};

// The m-point Gauss–Legendre rule on [-1, 1] (m >= 1): the nodes are the roots of the
// Legendre polynomial P_m, found by Newton's method from Tricomi's initial guess
// cos(π(i − ¼)/(m + ½)) with P_m and P_m' from the three-term recurrence; the weights
// are 2/((1 − x²) P_m'(x)²) (Abramowitz & Stegun 25.4.29). Exact for polynomials of
// degree ≤ 2m − 1; nodes and weights to a few ulps.
QuadratureRule gauss_legendre(int m);

// `panels` equal panels on [lower, upper], each with the m-point rule.
QuadratureRule composite_gauss_legendre(double lower, double upper, int panels, int m);

}  // namespace ldv::reference::detail
