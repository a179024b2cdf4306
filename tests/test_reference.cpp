#define BOOST_TEST_MODULE reference
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <functional>
#include <string>
#include <limits>
#include <numbers>
#include <vector>

#include "ldv/core/error.hpp"
#include "ldv/reference/ou_exit_time.hpp"

// Every reference value below is computed without the quadrature code under test:
// closed forms, power series, asymptotic series, identities between the two
// functions, or the ODE itself by finite differences.
//
// Tolerance 1e-10 relative is the module's promise (ou_exit_time.hpp). The
// independent references are far more accurate than that: closed forms are exact
// to a few ulps, the series are summed in long double (64-bit mantissa) with only
// positive terms, and the asymptotic series are truncated where the omitted rest
// is below e^-(kappa r^2) <= 1e-21. So any miss is the code's own error.

namespace {

using ldv::reference::mean_exit_time_ball;
using ldv::reference::mean_exit_time_interval;
using ldv::reference::OrnsteinUhlenbeck;

constexpr double kTolerance = 1e-10;

double relative_error(double value, long double reference) {
  return static_cast<double>(std::fabs((value - reference) / reference));
}

// Worst relative error seen per check, printed at the end of each test case so
// the accuracy actually achieved is on record, not only that it beats 1e-10.
struct WorstError {
  const char* name;
  double worst = 0.0;
  void record(double value, long double reference) {
    const double error = relative_error(value, reference);
    BOOST_TEST(error <= kTolerance, name << ": value " << value << " vs reference " << static_cast<double>(reference)
                                         << ", relative error " << error);
    worst = std::max(worst, error);
  }
  ~WorstError() { BOOST_TEST_MESSAGE(name << ": max relative error " << worst); }
};

double kappa(const OrnsteinUhlenbeck& ou) { return ou.rate / (ou.eps * ou.noise * ou.noise); }
// The natural length 1/sqrt(kappa): geometry given in these units has a fixed
// kappa x^2 whatever the process.
double length_unit(const OrnsteinUhlenbeck& ou) { return 1.0 / std::sqrt(kappa(ou)); }

// ----- independent references ------------------------------------------------

// Symmetric interval (-r, r) from 0:
// u(0) = (2/(eps s^2)) sum_n 2^n kappa^n r^(2n+2) / ((2n+1)!! (2n+2)),
// from e^(x^2) int_0^x e^(-t^2) dt = sum_n 2^n x^(2n+1) / (2n+1)!!.
long double symmetric_interval_series(const OrnsteinUhlenbeck& ou, double r) {
  const long double k = kappa(ou), r2 = static_cast<long double>(r) * r;
  long double power = r2;  // 2^n kappa^n r^(2n+2) / (2n+1)!!
  long double sum = 0.0L;
  for (int n = 0;; ++n) {
    const long double term = power / (2.0L * n + 2.0L);
    sum += term;
    if (term < 1e-22L * sum) break;
    power *= 2.0L * k * r2 / (2.0L * n + 3.0L);
  }
  return 2.0L * sum / (static_cast<long double>(ou.eps) * ou.noise * ou.noise);
}

// Ball: e^x gamma(alpha, x) = x^alpha sum_n x^n / (alpha (alpha+1) ... (alpha+n)), so
// u(rho0) = (1/(eps s^2)) sum_n kappa^n / (alpha)_(n+1) (r^(2n+2) - rho0^(2n+2)) / (2n+2).
long double ball_series(const OrnsteinUhlenbeck& ou, int dimension, double r, double rho0) {
  const long double alpha = 0.5L * dimension, k = kappa(ou);
  const long double r2 = static_cast<long double>(r) * r, ratio2 = static_cast<long double>(rho0 / r) * (rho0 / r);
  long double coefficient = 1.0L / alpha;  // kappa^n / (alpha)_(n+1)
  long double r_power = r2, ratio_power = ratio2;
  long double sum = 0.0L;
  for (int n = 0;; ++n) {
    const long double term = coefficient * r_power * (1.0L - ratio_power) / (2.0L * n + 2.0L);
    sum += term;
    if (term < 1e-22L * sum) break;
    coefficient *= k / (alpha + n + 1);
    r_power *= r2;
    ratio_power *= ratio2;
  }
  return sum / (static_cast<long double>(ou.eps) * ou.noise * ou.noise);
}

// Large kappa r^2, ball from the centre (d = 1 is the symmetric interval from 0):
// u(0) = (1/a) int_0^T t R(alpha, t^2) dt with R ~ Gamma(alpha) e^x x^-alpha up to
// e^-x corrections, and int^X x^-alpha e^x dx ~ e^X X^-alpha sum_n (alpha)_n / X^n
// (repeated integration by parts). What is dropped is O(log T) against e^(T^2),
// i.e. below 1e-19 relative for T^2 >= 50; the series is cut at its smallest term.
long double kramers_asymptotic_centre(const OrnsteinUhlenbeck& ou, int dimension, double r) {
  const long double alpha = 0.5L * dimension, x = kappa(ou) * r * r;
  long double term = 1.0L, sum = 1.0L;
  for (int n = 0; n < 1000; ++n) {
    const long double next = term * (alpha + n) / x;
    if (next >= term || next < 1e-22L * sum) break;
    sum += (term = next);
  }
  return std::tgamma(alpha) / (2.0L * ou.rate) * std::exp(x) * std::pow(x, -alpha) * sum;
}

// ----- finite-difference residual of the generator ---------------------------

// Sixth-order central differences (Fornberg 1988). Truncation: h^6 f^(7)/140 and
// h^6 f^(8)/560.
template <class F>
double first_derivative(const F& f, double x, double h) {
  return (-f(x - 3 * h) + 9 * f(x - 2 * h) - 45 * f(x - h) + 45 * f(x + h) - 9 * f(x + 2 * h) + f(x + 3 * h)) /
         (60 * h);
}
template <class F>
double second_derivative(const F& f, double x, double h) {
  return (2 * f(x - 3 * h) - 27 * f(x - 2 * h) + 270 * f(x - h) - 490 * f(x) + 270 * f(x + h) - 27 * f(x + 2 * h) +
          2 * f(x + 3 * h)) /
         (180 * h * h);
}

// |L u + 1| relative to the size of the terms of L u, with
// L u = (eps s^2/2)(u'' + (d-1)/x u') - a x u' (d = 1: the 1-D generator).
template <class F>
double relative_residual(const OrnsteinUhlenbeck& ou, int dimension, const F& u, double x, double h) {
  const double d1 = first_derivative(u, x, h), d2 = second_derivative(u, x, h);
  const double diffusion = 0.5 * ou.eps * ou.noise * ou.noise;
  const double curvature = diffusion * d2;
  const double radial = dimension > 1 ? diffusion * (dimension - 1) / x * d1 : 0.0;
  const double drift = -ou.rate * x * d1;
  return std::fabs(curvature + radial + drift + 1.0) /
         (std::fabs(curvature) + std::fabs(radial) + std::fabs(drift) + 1.0);
}

const std::vector<OrnsteinUhlenbeck> kModerateProcesses{
    {1.0, 1.0, 1.0}, {0.5, 0.3, 1.7}, {2.0, 0.2, 1.0}, {3.0, 0.05, 0.8}, {0.01, 2.0, 0.5}};

}  // namespace

BOOST_AUTO_TEST_SUITE(brownian_closed_forms)

BOOST_AUTO_TEST_CASE(interval_matches_quadratic) {
  WorstError check{"a = 0 interval vs (x0-l)(u-x0)/(eps s^2)"};
  const struct {
    double lower, upper, x0;
  } cases[] = {{-1, 1, 0}, {-1, 1, 0.9}, {0.5, 4, 1}, {-7, -2, -6.5}, {-1e-3, 2e-3, 1e-3}, {-50, 10, 3}};
  for (const OrnsteinUhlenbeck ou : {OrnsteinUhlenbeck{0, 1, 1}, OrnsteinUhlenbeck{0, 0.01, 2.5}})
    for (const auto& c : cases)
      check.record(mean_exit_time_interval(ou, c.lower, c.upper, c.x0),
                   (c.x0 - c.lower) * (c.upper - c.x0) / (ou.eps * ou.noise * ou.noise));
}

BOOST_AUTO_TEST_CASE(ball_matches_quadratic) {
  WorstError check{"a = 0 ball vs (r^2-rho0^2)/(d eps s^2)"};
  const OrnsteinUhlenbeck ou{0, 0.1, 1.5};
  for (int d : {1, 2, 5})
    for (double rho0 : {0.0, 0.3, 1.9})
      check.record(mean_exit_time_ball(ou, d, 2.0, rho0), (4.0 - rho0 * rho0) / (d * ou.eps * ou.noise * ou.noise));
}

// A drift so weak that kappa r^2 < 1e-20 takes the Brownian branch; one just
// above it must still agree with the Brownian value to kappa r^2 / 3 relative.
BOOST_AUTO_TEST_CASE(vanishing_drift_is_continuous) {
  WorstError check{"tiny a vs a = 0"};
  for (double rate : {1e-30, 1e-14}) {
    const OrnsteinUhlenbeck ou{rate, 1, 1};
    check.record(mean_exit_time_interval(ou, -1, 2, 0.5), 1.5 * 1.5);
    check.record(mean_exit_time_ball(ou, 3, 1, 0.5), 0.75 / 3);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(power_series)

BOOST_AUTO_TEST_CASE(symmetric_interval_from_centre) {
  WorstError check{"interval (-r, r) from 0 vs power series"};
  for (const auto& ou : kModerateProcesses)
    for (double kappa_r2 : {1e-6, 0.1, 1.0, 5.0, 12.0, 20.0}) {
      const double r = std::sqrt(kappa_r2 / kappa(ou));
      check.record(mean_exit_time_interval(ou, -r, r, 0.0), symmetric_interval_series(ou, r));
    }
}

BOOST_AUTO_TEST_CASE(ball_from_any_start) {
  WorstError check{"ball vs power series"};
  for (const auto& ou : kModerateProcesses)
    for (int d : {1, 2, 3, 5, 10, 50, 1000})  // d = 1000: gamma_p underflows, series fallback
      for (double kappa_r2 : {1e-6, 0.5, 3.0, 20.0})
        for (double start_fraction : {0.0, 0.25, 0.9}) {
          const double r = std::sqrt(kappa_r2 / kappa(ou));
          check.record(mean_exit_time_ball(ou, d, r, start_fraction * r), ball_series(ou, d, r, start_fraction * r));
        }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(large_deviation_regime)

// kappa r^2 = 50 ... 700: answers up to ~1e300, where the series is useless but
// the Kramers-type asymptotic expansion is accurate to far below 1e-10.
BOOST_AUTO_TEST_CASE(growth_matches_asymptotic_expansion) {
  WorstError check{"large kappa r^2 vs asymptotic series"};
  for (const OrnsteinUhlenbeck ou : {OrnsteinUhlenbeck{1, 1, 1}, OrnsteinUhlenbeck{2, 0.01, 0.7}})
    for (double kappa_r2 : {50.0, 200.0, 690.0}) {
      const double r = std::sqrt(kappa_r2 / kappa(ou));
      check.record(mean_exit_time_interval(ou, -r, r, 0.0), kramers_asymptotic_centre(ou, 1, r));
      for (int d : {1, 2, 5})
        check.record(mean_exit_time_ball(ou, d, r, 0.0), kramers_asymptotic_centre(ou, d, r));
    }
}

// The Arrhenius law itself: raising kappa r^2 by 1 multiplies the time by e, up
// to the slowly varying prefactor given by the asymptotic series.
BOOST_AUTO_TEST_CASE(arrhenius_ratio) {
  WorstError check{"ratio u(kappa r^2 + 1) / u(kappa r^2)"};
  const OrnsteinUhlenbeck ou{1, 1, 1};
  for (double kappa_r2 : {50.0, 200.0}) {
    const double r1 = std::sqrt(kappa_r2), r2 = std::sqrt(kappa_r2 + 1);
    const double ratio = mean_exit_time_interval(ou, -r2, r2, 0.0) / mean_exit_time_interval(ou, -r1, r1, 0.0);
    check.record(ratio, kramers_asymptotic_centre(ou, 1, r2) / kramers_asymptotic_centre(ou, 1, r1));
  }
}

BOOST_AUTO_TEST_CASE(overflow_is_reported_not_returned) {
  const OrnsteinUhlenbeck ou{1, 1, 1};
  BOOST_CHECK_THROW(mean_exit_time_interval(ou, -30, 30, 0), ldv::NumericalFailure);
  BOOST_CHECK_THROW(mean_exit_time_ball(ou, 3, 30, 0), ldv::NumericalFailure);
  BOOST_CHECK_THROW(mean_exit_time_interval({1e300, 1e-300, 1}, -1, 1, 0), ldv::NumericalFailure);
  // Far from the attractor the answer is modest, but rounding ~ eps kappa x^2
  // would exceed 1e-10: refused rather than returned.
  BOOST_CHECK_THROW(mean_exit_time_interval(ou, 300, 301, 300.5), ldv::NumericalFailure);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(consistency)

// The radial process in d = 1 is |X| for the 1-D process: same exit time.
BOOST_AUTO_TEST_CASE(radial_d1_equals_symmetric_interval) {
  WorstError check{"ball d = 1 vs interval (-r, r)"};
  for (const auto& ou : kModerateProcesses)
    for (double kappa_r2 : {0.3, 4.0, 60.0})
      for (double start_fraction : {0.0, 0.5, 0.99}) {
        const double r = std::sqrt(kappa_r2 / kappa(ou));
        check.record(mean_exit_time_ball(ou, 1, r, start_fraction * r),
                     mean_exit_time_interval(ou, -r, r, start_fraction * r));
      }
}

// The drift -a x is odd, so x -> -x maps the problem on (l, u) from x0 onto
// (-u, -l) from -x0. Geometry in units of 1/sqrt(kappa), so kappa x^2 <= 36.
// The code evaluates the mirrored problem through the other branches of its
// Gaussian-window formulas; it is built so that the two agree to the last bit.
BOOST_AUTO_TEST_CASE(reflection_invariance) {
  WorstError check{"interval vs its mirror image"};
  const struct {
    double lower, upper, x0;
  } cases[] = {{-1, 2, 0.3}, {0.5, 3, 2.9}, {1, 3, 1.0001}, {-2, -1e-3, -1}, {-4, 4.5, -3.9}, {3, 6, 4}};
  for (const auto& ou : kModerateProcesses)
    for (const auto& c : cases) {
      const double unit = length_unit(ou);
      check.record(mean_exit_time_interval(ou, -c.upper * unit, -c.lower * unit, -c.x0 * unit),
                   mean_exit_time_interval(ou, c.lower * unit, c.upper * unit, c.x0 * unit));
    }
}

// High-precision values for asymmetric intervals, including ones that exclude
// the attractor, far from it (kappa x^2 ~ 1e4) and starts 1e-4 from a boundary.
// Computed with mpmath 1.3 (40 and 60 digits agreeing to 1e-37) from the Green's
// function u = (2/(eps s^2)) [P_R A + P_L B]/(P_L + P_R) with erf/erfc inner
// integrals and tanh-sinh outer ones; the first three (and the symmetric cases
// above) also agree with the textbook form u = int_l^x S (C - M) evaluated in
// mpmath with enough digits to absorb its e^(kappa m) cancellation.
BOOST_AUTO_TEST_CASE(asymmetric_intervals_against_high_precision) {
  WorstError check{"asymmetric intervals vs mpmath"};
  const struct {
    OrnsteinUhlenbeck ou;
    double lower, upper, x0;
    long double reference;
  } cases[] = {
      {{1, 0.1, 1}, -1, 1, 0.3, 6544.5154579527248526L},
      {{2, 0.01, 1}, -1, 1.5, 0.2, 4.5396140427732935426e+85L},
      {{1, 1, 1}, 0.5, 2, 1, 0.39385968128605492239L},
      {{1, 0.01, 1}, 1, 3, 2.9, 1.0625261829975973627L},
      {{1, 0.01, 1}, 1, 3, 1.0001, 0.000099502392293928433611L},
      {{1, 1, 1}, 100, 101, 100.5, 0.0049872934106434194976L},
      {{1, 0.1, 1}, -5, -4, -4.2, 0.048646177327122710843L},
      {{3, 0.02, 1}, -2, -0.001, -1, 1.1557239896049877957L},
      {{0.5, 0.3, 1.7}, -3, 0.5, -2.999, 0.015506869310085325229L},
  };
  for (const auto& c : cases) check.record(mean_exit_time_interval(c.ou, c.lower, c.upper, c.x0), c.reference);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(ode_residual)

// Moderate kappa x^2 <= 4 (geometry in units of 1/sqrt(kappa)): u is analytic on
// the scale l = min(length, 1/sqrt(kappa)), so with h = l/60 the truncation is ~ 36 (h/l)^6 ~ 1e-9 and the amplified rounding
// ~ 6 delta (l/h)^2 ~ 1e-10 for a function accurate to delta = 1e-14.
// Tolerance 1e-7.
BOOST_AUTO_TEST_CASE(interval_satisfies_generator_equation) {
  double worst = 0.0;
  const struct {
    double lower, upper;
  } intervals[] = {{-1, 1}, {-0.5, 2}, {0.3, 1.7}, {-2, -1}};
  for (const auto& ou : kModerateProcesses)
    for (const auto& interval : intervals) {
      const double unit = length_unit(ou), lower = interval.lower * unit, upper = interval.upper * unit;
      const double h = std::min(upper - lower, unit) / 60;
      auto u = [&](double x) { return mean_exit_time_interval(ou, lower, upper, x); };
      for (double fraction : {0.1, 0.3, 0.5, 0.77, 0.9}) {
        const double x = lower + fraction * (upper - lower);
        if (x - 3 * h <= lower || x + 3 * h >= upper) continue;
        const double residual = relative_residual(ou, 1, u, x, h);
        BOOST_TEST(residual < 1e-7, "x = " << x << " in (" << lower << ", " << upper << "), residual " << residual);
        worst = std::max(worst, residual);
      }
    }
  BOOST_TEST_MESSAGE("1-D ODE residual: max relative " << worst);
}

// Large kappa r^2: u is flat (~ e^(kappa r^2)) except in a boundary layer of
// width w = 1/(2 kappa r) at each end, where the two terms of the generator nearly
// balance. There, with h = w/30, truncation ~ 36/30^6 ~ 5e-8; tolerance 1e-6.
BOOST_AUTO_TEST_CASE(boundary_layer_satisfies_generator_equation) {
  double worst = 0.0;
  const OrnsteinUhlenbeck ou{1, 0.5, 1};
  for (double kappa_r2 : {50.0, 200.0}) {
    const double r = std::sqrt(kappa_r2 / kappa(ou));
    const double w = 1 / (2 * kappa(ou) * r), h = w / 30;
    for (int dimension : {1, 3}) {
      auto u = [&](double x) {
        return dimension == 1 ? mean_exit_time_interval(ou, -r, r, x) : mean_exit_time_ball(ou, dimension, r, x);
      };
      for (double depth : {0.5, 1.0, 2.0}) {
        const double residual = relative_residual(ou, dimension, u, r - depth * w, h);
        BOOST_TEST(residual < 1e-6, "d = " << dimension << ", kappa r^2 = " << kappa_r2 << ", residual " << residual);
        worst = std::max(worst, residual);
      }
    }
  }
  BOOST_TEST_MESSAGE("boundary-layer ODE residual: max relative " << worst);
}

BOOST_AUTO_TEST_CASE(ball_satisfies_generator_equation) {
  double worst = 0.0;
  for (const auto& ou : kModerateProcesses)
    for (int d : {2, 3, 7}) {
      const double r = std::sqrt(3.0 / kappa(ou)), h = r / 60;
      auto u = [&](double rho) { return mean_exit_time_ball(ou, d, r, rho); };
      for (double fraction : {0.2, 0.5, 0.8}) {
        const double residual = relative_residual(ou, d, u, fraction * r, h);
        BOOST_TEST(residual < 1e-7, "d = " << d << ", rho = " << fraction * r << ", residual " << residual);
        worst = std::max(worst, residual);
      }
    }
  BOOST_TEST_MESSAGE("radial ODE residual: max relative " << worst);
}

// u vanishes on the boundary, linearly: u(boundary + gap) / gap tends to the
// slope |u'| there. Successive slopes for gap = 1e-6, 1e-9, 1e-12 (in units of
// 1/sqrt(kappa)) agree to O(gap * u''/u') plus the rounding of the start point
// itself (1e-16 / 1e-12 relative); tolerance 1e-3.
BOOST_AUTO_TEST_CASE(boundary_values_vanish) {
  for (const auto& ou : kModerateProcesses) {
    const double unit = length_unit(ou), lower = -1 * unit, upper = 2 * unit, radius = 1.5 * unit;
    const struct {
      const char* where;
      std::function<double(double)> u_at_gap;
    } boundaries[] = {
        {"lower", [&](double gap) { return mean_exit_time_interval(ou, lower, upper, lower + gap); }},
        {"upper", [&](double gap) { return mean_exit_time_interval(ou, lower, upper, upper - gap); }},
        {"sphere", [&](double gap) { return mean_exit_time_ball(ou, 3, radius, radius - gap); }},
    };
    for (const auto& boundary : boundaries) {
      const double reference_slope = boundary.u_at_gap(1e-6 * unit) / (1e-6 * unit);
      for (double gap : {1e-9, 1e-12}) {
        const double slope = boundary.u_at_gap(gap * unit) / (gap * unit);
        BOOST_TEST(std::fabs(slope / reference_slope - 1) < 1e-3,
                   boundary.where << ": u(gap)/gap = " << slope << " vs " << reference_slope);
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(invalid_input)

BOOST_AUTO_TEST_CASE(bad_process_parameters_throw) {
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  for (const OrnsteinUhlenbeck bad : {OrnsteinUhlenbeck{1, 0, 1}, OrnsteinUhlenbeck{1, -1, 1},
                                      OrnsteinUhlenbeck{1, 1, 0}, OrnsteinUhlenbeck{1, 1, -2},
                                      OrnsteinUhlenbeck{-0.1, 1, 1}, OrnsteinUhlenbeck{nan, 1, 1},
                                      OrnsteinUhlenbeck{1, nan, 1}, OrnsteinUhlenbeck{1, 1, nan},
                                      OrnsteinUhlenbeck{inf, 1, 1}, OrnsteinUhlenbeck{1, inf, 1}}) {
    BOOST_CHECK_THROW(mean_exit_time_interval(bad, -1, 1, 0), ldv::InvalidInput);
    BOOST_CHECK_THROW(mean_exit_time_ball(bad, 2, 1, 0), ldv::InvalidInput);
  }
}

BOOST_AUTO_TEST_CASE(bad_geometry_throws) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const OrnsteinUhlenbeck ou{1, 1, 1};
  BOOST_CHECK_THROW(mean_exit_time_interval(ou, 1, -1, 0), ldv::InvalidInput);   // lower > upper
  BOOST_CHECK_THROW(mean_exit_time_interval(ou, 1, 1, 1), ldv::InvalidInput);    // empty
  BOOST_CHECK_THROW(mean_exit_time_interval(ou, -1, 1, 1.5), ldv::InvalidInput); // x0 outside
  BOOST_CHECK_THROW(mean_exit_time_interval(ou, -1, 1, 1), ldv::InvalidInput);   // x0 on the boundary
  BOOST_CHECK_THROW(mean_exit_time_interval(ou, -1, 1, nan), ldv::InvalidInput);
  BOOST_CHECK_THROW(mean_exit_time_interval(ou, nan, 1, 0), ldv::InvalidInput);
  BOOST_CHECK_THROW(mean_exit_time_interval(ou, -1, nan, 0), ldv::InvalidInput);
  BOOST_CHECK_THROW(mean_exit_time_ball(ou, 0, 1, 0), ldv::InvalidInput);        // dimension < 1
  BOOST_CHECK_THROW(mean_exit_time_ball(ou, -3, 1, 0), ldv::InvalidInput);
  BOOST_CHECK_THROW(mean_exit_time_ball(ou, 2, 0, 0), ldv::InvalidInput);        // radius <= 0
  BOOST_CHECK_THROW(mean_exit_time_ball(ou, 2, -1, 0), ldv::InvalidInput);
  BOOST_CHECK_THROW(mean_exit_time_ball(ou, 2, nan, 0), ldv::InvalidInput);
  BOOST_CHECK_THROW(mean_exit_time_ball(ou, 2, 1, 1), ldv::InvalidInput);        // rho0 >= r
  BOOST_CHECK_THROW(mean_exit_time_ball(ou, 2, 1, 2), ldv::InvalidInput);
  BOOST_CHECK_THROW(mean_exit_time_ball(ou, 2, 1, -0.1), ldv::InvalidInput);
  BOOST_CHECK_THROW(mean_exit_time_ball(ou, 2, 1, nan), ldv::InvalidInput);
}

BOOST_AUTO_TEST_CASE(messages_name_the_value) {
  try {
    mean_exit_time_interval({1, 1, 1}, -1, 1, 1.5);
    BOOST_FAIL("expected InvalidInput");
  } catch (const ldv::InvalidInput& error) {
    BOOST_TEST(std::string(error.what()) == "x0 = 1.5 must lie in (lower, upper) = (-1, 1)");
  }
  try {
    mean_exit_time_ball({1, -2, 1}, 3, 1, 0);
    BOOST_FAIL("expected InvalidInput");
  } catch (const ldv::InvalidInput& error) {
    BOOST_TEST(std::string(error.what()).find("eps = -2") != std::string::npos, error.what());
  }
}

BOOST_AUTO_TEST_SUITE_END()
