#pragma once
// Exact mean exit times of the Ornstein–Uhlenbeck process, the reference values
// that simulated escape times are checked against.
//
// Process (DESIGN.md conventions): dX = -a X dt + sqrt(eps) * s dW, attractor at 0.
// The mean exit time u(x) = E_x[tau] solves the Dynkin (backward Kolmogorov)
// boundary-value problem  L u = -1  inside the domain, u = 0 on its boundary, with
// L = (eps s^2 / 2) Laplacian - a x . grad.  Both functions below evaluate the
// closed-form solution of that ODE by adaptive quadrature (derivations in the .cpp).
//
// Accuracy: 1e-10 relative or better. When the quadrature's own error estimate
// cannot certify that, or the answer overflows a double, ldv::NumericalFailure is
// thrown instead of returning a doubtful number. Inputs outside the documented
// domain (including NaN) throw ldv::InvalidInput.

namespace ldv::reference {

struct OrnsteinUhlenbeck {
  double rate;   // a >= 0 in dX = -a X dt + sqrt(eps) s dW (a = 0: Brownian motion)
  double eps;    // eps > 0, the small-noise parameter
  double noise;  // s > 0, the diffusion coefficient sigma = s * I
};

// Mean exit time of the 1-D process from the interval (lower, upper), started at
// x0 with lower < x0 < upper. Any interval: the attractor 0 may lie outside it.
// Limitation: with kappa = a / (eps s^2), double rounding in the exponents costs
// ~ 7e-15 * kappa * max(lower^2, upper^2) relative; beyond ~ 1.4e4 (where an
// interval around 0 has long overflowed) NumericalFailure is thrown.
double mean_exit_time_interval(const OrnsteinUhlenbeck& ou, double lower, double upper, double x0);

// Mean exit time of the isotropic d-dimensional process (dimension >= 1) from the
// ball of the given radius centred at the attractor, started at distance rho0 from
// the centre, 0 <= rho0 < radius.
double mean_exit_time_ball(const OrnsteinUhlenbeck& ou, int dimension, double radius, double rho0);

}  // namespace ldv::reference
