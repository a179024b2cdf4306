#include "ldv/reference/ou_exit_time.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>
#include <numbers>
#include <utility>
#include <vector>

#include <boost/math/special_functions/gamma.hpp>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/reference/detail/adaptive_quadrature.hpp"
#include "ldv/reference/detail/gaussian_integrals.hpp"

// ---------------------------------------------------------------------------
// Derivations
//
// Dimensionless form. With kappa = a / (eps s^2) and lengths measured in units
// of 1/sqrt(kappa) (z = sqrt(kappa) x), the generator (eps s^2/2) d^2 - a x d
// becomes (a/2)(d_z^2 - 2 z d_z). So every answer is (1/a) times a function of the
// scaled geometry alone, and only that function is computed below.
//
// 1-D interval (L, R), start X (scaled). u'' - 2 z u' = -2/a. Scale density
// S(z) = exp(z^2), weight w(y) = exp(-y^2). The Green's-function solution of the
// two-point problem (Karlin & Taylor, "A Second Course in Stochastic Processes",
// 1981, ch. 15 sec. 3: v(x) = 2[u(x) int_x^r (S(r)-S(xi)) m(xi) dxi
// + (1-u(x)) int_l^x (S(xi)-S(l)) m(xi) dxi]) reads, after swapping the order of
// integration,
//   u(X) = (2/a) [P_R A + P_L B] / (P_L + P_R),
//   P_L = int_L^X S,  P_R = int_X^R S,
//   A   = int_L^X S(z) int_z^X w(y) dy dz,   B = int_X^R S(z) int_X^z w(y) dy dz.
// This is the textbook form u(x) = int_L^x S(z) (C - M(z)) dz, M(z) = int_L^z w,
// C = int S M / int S (Gardiner, "Handbook of Stochastic Methods", sec. 5.2.7)
// regrouped so that every term is positive: no cancellation between e^(kappa m)-
// sized terms, whichever side X is nearer. Inner integrals are closed forms (erf,
// erfc); outer ones quadrature. Each factor is kept as log-scale + mantissa
// (exp(z^2) reaches e^700), the scale exponents being differences of squares
// written as (p - q)(p + q), and every integral runs over the distance from X, so
// that nearby points are never subtracted.
//
// Radial, d dimensions, ball radius T (scaled), start T0. With integrating factor
// t^(d-1) exp(-t^2) and regularity u'(0) = 0:
//   u(T0) = (1/a) int_T0^T t R(d/2, t^2) dt,   R(alpha, x) = e^x x^-alpha gamma(alpha, x),
// gamma the lower incomplete gamma function (DLMF 8.2.1). In original variables
// this is (1/(eps s^2)) kappa^(-d/2) int z^(1-d) exp(kappa z^2) gamma(d/2, kappa z^2) dz.
// R(alpha, x) -> 1/alpha as x -> 0, so the integrand is O(t) there.
//
// Brownian motion (a = 0): u = (x0 - l)(u - x0)/(eps s^2) on an interval and
// (r^2 - rho0^2)/(d eps s^2) in a ball (Gardiner, "Handbook of Stochastic
// Methods", sec. 5.2.7 with zero drift).
// ---------------------------------------------------------------------------

namespace ldv::reference {
namespace {

using detail::gauss_mass;
using detail::GaussMass;
using detail::Integral;
using detail::integrate_positive;
using detail::log_kummer_ratio;

constexpr double kTargetRelativeError = 1e-10;  // the promise in the header
// Below this kappa * max(x^2) the drift changes the answer by about kappa x^2 / 3
// relative (first term of the power series), i.e. not at all in double precision,
// and the scaled coordinates would be denormal: use the Brownian closed form.
constexpr double kBrownianLimit = 1e-20;
// Rounding of sqrt(kappa) and of the exponents (differences of squares up to
// kappa x^2) costs about this many ulps times the largest kappa x^2; it is added
// to the error budget, which caps kappa x^2 at ~1.4e4 for 1e-10.
constexpr double kRoundingUlpsPerSquare = 32.0;
constexpr double kEpsilon = std::numeric_limits<double>::epsilon();
const double kLogMaxDouble = std::log(DBL_MAX);

// ----- validation ----------------------------------------------------------

void validate_process(const OrnsteinUhlenbeck& ou) {
  require_non_negative("rate a", ou.rate);
  require_positive("eps", ou.eps);
  require_positive("noise s", ou.noise);
}

void validate_interval(double lower, double upper, double x0) {
  require_finite("lower", lower);
  require_finite("upper", upper);
  require_finite("x0", x0);
  if (!(lower < upper)) throw_invalid(fmt::format("lower = {} must be < upper = {}", lower, upper));
  if (!(lower < x0 && x0 < upper))
    throw_invalid(fmt::format("x0 = {} must lie in (lower, upper) = ({}, {})", x0, lower, upper));
}

void validate_ball(int dimension, double radius, double rho0) {
  if (dimension < 1) throw_invalid(fmt::format("dimension = {} must be >= 1", dimension));
  require_positive("radius", radius);
  require_non_negative("rho0", rho0);
  if (!(rho0 < radius)) throw_invalid(fmt::format("rho0 = {} must lie in [0, radius) = [0, {})", rho0, radius));
}

// ----- small numerical helpers ----------------------------------------------

// log(1 + e^x) without overflow.
double softplus(double x) { return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x)); }

// log(e^x + e^y).
double log_add_exp(double x, double y) {
  const double hi = std::max(x, y);
  return hi + std::log1p(std::exp(std::min(x, y) - hi));
}

// exp(log_value) as a mean exit time, refusing to overflow.
double exp_or_fail(double log_value) {
  if (!(log_value < kLogMaxDouble))
    throw NumericalFailure(fmt::format("mean exit time = exp({}) overflows double (largest is exp({:.2f}))",
                                       log_value, kLogMaxDouble));
  return std::exp(log_value);
}

// Boundary-layer width of exp(+-z^2) near the point farthest from 0, |z| <= reach.
double layer_width(double reach) { return 1.0 / (2.0 * reach + 1.0); }

double relative_error(const Integral& integral) { return integral.error / integral.value; }

void certify(double relative_error_estimate, const char* what) {
  if (!(relative_error_estimate <= kTargetRelativeError))
    throw NumericalFailure(fmt::format("{}: estimated relative error {:.3g} exceeds the promised {:.0e}", what,
                                       relative_error_estimate, kTargetRelativeError));
}

// ----- the 1-D interval (scaled units, see the derivation above) --------------
//
// Every integral runs over the distance t from the start X, towards the lower end
// (z = X - t, 0 <= t <= X - L) or the upper end (z = X + t). The two widths come
// from the unscaled inputs (sqrt(kappa) (x0 - lower)), so a start 1e-12 from the
// boundary, or a short interval far from 0, keeps its relative accuracy.

struct Side {
  double start;      // X
  double width;      // distance from X to the boundary on this side, > 0
  double direction;  // -1 towards the lower end, +1 towards the upper end
  double point(double t) const { return start + direction * t; }
  double boundary() const { return point(width); }
};

struct LogValue {
  double log_value;
  double relative_error;
};

// log of P = int exp(z^2) dz over the side. Scale: z^2 peaks at the end farther
// from 0, so exponents z^2 - peak^2 are <= 0, written as products of differences.
LogValue log_scale_integral(const Side& side) {
  const bool peak_at_boundary = std::abs(side.boundary()) > std::abs(side.start);
  const double peak = peak_at_boundary ? side.boundary() : side.start;
  auto exponent = [&side, peak, peak_at_boundary](double t) {
    const double z = side.point(t);
    const double distance_to_peak = peak_at_boundary ? t - side.width : t;  // (z - peak) / direction
    return side.direction * distance_to_peak * (z + peak);
  };
  const double reach = std::max(std::abs(side.start), std::abs(side.boundary()));
  const Integral mantissa = integrate_positive([&exponent](double t) { return std::exp(exponent(t)); }, 0.0,
                                               side.width, layer_width(reach), side.direction * -side.start);
  return {peak * peak + std::log(mantissa.value), relative_error(mantissa)};
}

// log of A = int_L^X S(z) int_z^X w dy dz (lower side) or B = int_X^R S(z) int_X^z w dy dz
// (upper side). The window between z and X starts at min(z, X) and has width t;
// S(z) w(anchor) = exp(z^2 - anchor^2). The scale exponent is the largest
// z^2 - anchor^2 over the side, attained at the boundary.
LogValue log_green_integral(const Side& side) {
  auto exponent = [&side](double t) {
    const double z = side.point(t);
    const bool window_starts_at_z = side.direction < 0;
    const GaussMass mass = gauss_mass(window_starts_at_z ? z : side.start, t);
    // z - anchor, from offsets measured from the window start.
    const double z_minus_anchor = window_starts_at_z ? -mass.anchor_offset : t - mass.anchor_offset;
    const double anchor = z - z_minus_anchor;
    return std::pair{z_minus_anchor * (z + anchor), mass.mantissa};
  };
  const double scale_exponent = exponent(side.width).first;
  auto integrand = [&exponent, scale_exponent](double t) {
    const auto [gap_of_squares, mantissa] = exponent(t);
    return std::exp(gap_of_squares - scale_exponent) * mantissa;
  };
  const double reach = std::max(std::abs(side.start), std::abs(side.boundary()));
  const Integral mantissa =
      integrate_positive(integrand, 0.0, side.width, layer_width(reach), side.direction * -side.start);
  return {scale_exponent + std::log(mantissa.value), relative_error(mantissa)};
}

// log of [P_R A + P_L B] / (P_L + P_R), i.e. log(a u / 2).
double log_scaled_interval_time(double start, double width_below, double width_above) {
  const Side lower{start, width_below, -1.0}, upper{start, width_above, +1.0};
  const LogValue p_lower = log_scale_integral(lower);
  const LogValue p_upper = log_scale_integral(upper);
  const LogValue a_lower = log_green_integral(lower);
  const LogValue b_upper = log_green_integral(upper);
  // P_L / P_R; then P_R / (P_L + P_R) = 1 / (1 + ratio) and P_L / (...) = 1 / (1 + 1/ratio).
  const double log_ratio = p_lower.log_value - p_upper.log_value;
  const double log_lower_term = a_lower.log_value - softplus(log_ratio);
  const double log_upper_term = b_upper.log_value - softplus(-log_ratio);

  const double reach = std::max(std::abs(lower.boundary()), std::abs(upper.boundary()));
  const double error = p_lower.relative_error + p_upper.relative_error + a_lower.relative_error +
                       b_upper.relative_error + kRoundingUlpsPerSquare * kEpsilon * std::max(1.0, reach * reach);
  certify(error, "mean_exit_time_interval");
  return log_add_exp(log_lower_term, log_upper_term);
}

// ----- the radial problem (scaled units) --------------------------------------

// Integrated over the distance s = T - t from the sphere, the width T - T0 coming
// from the unscaled inputs (sqrt(kappa) (r - rho0)) for the same reason as above.
double log_scaled_ball_time(double alpha, double radius, double width) {
  auto log_integrand = [alpha](double t) { return std::log(t) + log_kummer_ratio(alpha, t * t); };
  const double log_peak = log_integrand(radius);  // t R(alpha, t^2) increases with t
  auto integrand = [&](double s) {
    const double t = radius - s;
    return t > 0.0 ? std::exp(log_integrand(t) - log_peak) : 0.0;
  };
  const Integral mantissa = integrate_positive(integrand, 0.0, width, layer_width(radius));
  // The log of R is assembled from terms as large as x, alpha |log x| and
  // lgamma(alpha); their rounding enters the exponent.
  const double x = radius * radius;
  const double exponent_size = x + alpha * std::abs(std::log(x)) + std::abs(boost::math::lgamma(alpha));
  certify(relative_error(mantissa) + kRoundingUlpsPerSquare * kEpsilon * std::max(1.0, exponent_size),
          "mean_exit_time_ball");
  return log_peak + std::log(mantissa.value);
}

// kappa = a / (eps s^2) and its square root, failing loudly if out of range.
double sqrt_kappa(const OrnsteinUhlenbeck& ou) {
  const double root = std::sqrt(ou.rate / ou.eps) / ou.noise;
  if (!std::isfinite(root))
    throw NumericalFailure(fmt::format("kappa = a/(eps s^2) = {}/({} * {}^2) overflows double", ou.rate, ou.eps,
                                       ou.noise));
  return root;
}

double finite_or_fail(double value, const char* what) {
  if (!std::isfinite(value)) throw NumericalFailure(fmt::format("{} overflows double", what));
  return value;
}

}  // namespace

double mean_exit_time_interval(const OrnsteinUhlenbeck& ou, double lower, double upper, double x0) {
  validate_process(ou);
  validate_interval(lower, upper, x0);
  const double root = sqrt_kappa(ou);
  const double reach = root * std::max(std::abs(lower), std::abs(upper));
  finite_or_fail(reach * reach, "kappa * max(lower^2, upper^2)");
  if (reach * reach < kBrownianLimit) {
    const double diffusivity = ou.eps * ou.noise * ou.noise;
    return finite_or_fail((x0 - lower) / diffusivity * (upper - x0), "Brownian mean exit time (x0-l)(u-x0)/(eps s^2)");
  }
  const double log_time =
      std::log(2.0) - std::log(ou.rate) + log_scaled_interval_time(root * x0, root * (x0 - lower), root * (upper - x0));
  return exp_or_fail(log_time);
}

double mean_exit_time_ball(const OrnsteinUhlenbeck& ou, int dimension, double radius, double rho0) {
  validate_process(ou);
  validate_ball(dimension, radius, rho0);
  const double root = sqrt_kappa(ou);
  const double scaled_radius = root * radius;
  finite_or_fail(scaled_radius * scaled_radius, "kappa * radius^2");
  if (scaled_radius * scaled_radius < kBrownianLimit) {
    const double diffusivity = ou.eps * ou.noise * ou.noise;
    return finite_or_fail((radius - rho0) * ((radius + rho0) / (dimension * diffusivity)),
                          "Brownian mean exit time (r^2-rho0^2)/(d eps s^2)");
  }
  const double alpha = 0.5 * dimension;
  return exp_or_fail(-std::log(ou.rate) + log_scaled_ball_time(alpha, scaled_radius, root * (radius - rho0)));
}

}  // namespace ldv::reference
