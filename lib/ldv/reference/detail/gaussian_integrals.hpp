#pragma once
// Gaussian-type integrals and special functions behind the exact OU exit times
// (internal to lib/ldv/reference). Each keeps full relative accuracy where the
// naive formula would overflow or cancel; see ou_exit_time.cpp for their use.
namespace ldv::reference::detail {

// Scaled complementary error function e^(t^2) erfc(t), t >= 0 (Boost 1.74 has none).
double erfcx(double t);

// int_p^(p+width) exp(p^2 - y^2) dy for p >= 0.
double tail_window(double p, double width);

// int_p^(p+width) exp(-y^2) dy = exp(-anchor^2) * mantissa, the anchor being the
// point of the window nearest 0, given as its offset from p.
struct GaussMass {
  double anchor_offset;  // anchor - p, in [0, width]
  double mantissa;
};
GaussMass gauss_mass(double p, double width);

// log R(alpha, x), R = e^x x^-alpha gamma(alpha, x) (DLMF 8.7.1).
double log_kummer_ratio(double alpha, double x);

}  // namespace ldv::reference::detail
