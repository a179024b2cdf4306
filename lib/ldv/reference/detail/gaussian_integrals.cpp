#include "ldv/reference/detail/gaussian_integrals.hpp"

#include <boost/math/quadrature/gauss.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <numbers>

namespace ldv::reference::detail {
namespace {

using boost::math::quadrature::gauss;
const double kSqrtPi = std::sqrt(std::numbers::pi);

}  // namespace

// Scaled complementary error function e^(t^2) erfc(t) for t >= 0 (Boost has none
// in 1.74). Below t = 26 erfc(t) is a normal double; t^2 is split exactly into
// hi + lo with fma so that exp(t^2) keeps full relative accuracy. Above, the
// asymptotic series (DLMF 7.12.1) converges to 1e-17 within ten terms.
double erfcx(double t) {
  if (t < 26.0) {
    const double hi = t * t;
    const double lo = std::fma(t, t, -hi);
    return std::exp(hi) * (1.0 + lo) * boost::math::erfc(t);
  }
  const double inverse_two_t2 = 1.0 / (2.0 * t * t);
  double term = 1.0, sum = 1.0;
  for (int n = 1; std::abs(term) > 1e-17; ++n) {
    term *= -(2.0 * n - 1.0) * inverse_two_t2;
    sum += term;
  }
  return sum / (t * kSqrtPi);
}

// int_p^(p+width) exp(p^2 - y^2) dy for p >= 0: the Gaussian mass of a window,
// relative to its value at the near edge. A short window (integrand falls by less
// than e) is integrated directly by 20-point Gauss–Legendre in t = y - p, where
// the exponent -t(2p + t) is free of cancellation; a long one by erfcx, whose two
// terms then differ by a factor > e, so their difference is also accurate.
double tail_window(double p, double width) {
  const double drop = width * (2.0 * p + width);
  if (drop <= 1.0)
    return gauss<double, 20>::integrate([p](double t) { return std::exp(-t * (2.0 * p + t)); }, 0.0, width);
  return 0.5 * kSqrtPi * (erfcx(p) - std::exp(-drop) * erfcx(p + width));
}

// int_p^(p+width) exp(-y^2) dy = exp(-anchor^2) * mantissa, the anchor being the
// point of the window nearest 0 and given as its offset from p, so that callers
// form differences of squares without subtracting nearby coordinates. The width
// is passed, not the far end, because it is known more accurately than p + width.
GaussMass gauss_mass(double p, double width) {
  const double q = p + width;
  if (p >= 0.0) return {0.0, tail_window(p, width)};
  if (q <= 0.0) return {width, tail_window(-q, width)};
  return {-p, 0.5 * kSqrtPi * (boost::math::erf(-p) + boost::math::erf(q))};
}

// R(alpha, x) = e^x x^-alpha gamma(alpha, x) = sum_n x^n / (alpha (alpha+1) ... (alpha+n))
// (DLMF 8.7.1), returned as its logarithm because it grows like e^x.
double log_kummer_ratio(double alpha, double x) {
  if (x <= 1e-4 * (alpha + 1.0)) {
    // Near-zero limit: four terms of the series, the omitted rest is below
    // (x/(alpha+1))^4 < 1e-16 relative.
    double term = 1.0, sum = 1.0;
    for (int n = 1; n <= 3; ++n) sum += (term *= x / (alpha + n));
    return std::log(sum / alpha);
  }
  const double p = boost::math::gamma_p(alpha, x);  // gamma(alpha, x) / Gamma(alpha)
  if (p > 1e-280) return x - alpha * std::log(x) + boost::math::lgamma(alpha) + std::log(p);
  // Only for large alpha and x << alpha, where gamma_p underflows: the series
  // itself, whose ratio x/(alpha+n) < 1 makes it converge geometrically.
  double term = 1.0, sum = 1.0;
  for (int n = 1; term > 1e-17 * sum; ++n) sum += (term *= x / (alpha + n));
  return std::log(sum / alpha);
}

}  // namespace ldv::reference::detail
