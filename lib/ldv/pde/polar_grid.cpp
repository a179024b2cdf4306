#include "ldv/pde/polar_grid.hpp"

#include <cmath>
#include <fmt/format.h>
#include <numbers>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"

namespace ldv::pde {
namespace {

// Below this β the map is the identity to double precision (tanh(βs)/tanh β = s (1 + O(β²))).
constexpr double kUniformBelow = 1e-8;
// Beyond it the boundary spacing is cosh²(8) ≈ 2e6 times the centre's: no use, only round-off.
constexpr double kMaxStretching = 8.0;

// Lagrange weights of the cubic through the nodes 0, 1, 2, 3 at t (t in [0, 3]).
std::array<double, 4> cubic_weights(double t) {
  return {-(t - 1) * (t - 2) * (t - 3) / 6.0, t * (t - 2) * (t - 3) / 2.0, -t * (t - 1) * (t - 3) / 2.0,
          t * (t - 1) * (t - 2) / 6.0};
}

}  // namespace

PolarGrid::PolarGrid(int radial, int angular, double stretching, double radius)
    : radial_(radial), angular_(angular), stretching_(stretching), radius_(radius) {
  if (radial < 4) throw_invalid(fmt::format("radial nodes = {} must be >= 4 (cubic interpolation needs 4 rings)", radial));
  if (angular < 8 || angular % 2 != 0)
    throw_invalid(fmt::format("angular nodes = {} must be even and >= 8 (the centre's stencil reads the Fourier modes "
                              "0, 1, 2 of ring 1, and ring −1 is ring 1 turned by π)",
                              angular));
  require_non_negative("stretching", stretching);
  if (stretching > kMaxStretching)
    throw_invalid(fmt::format("stretching = {} must be <= {}", stretching, kMaxStretching));
  require_positive("radius", radius);
  theta_step_ = 2.0 * std::numbers::pi / angular;
}

double PolarGrid::rho(double s) const {
  if (stretching_ < kUniformBelow) return radius_ * s;
  return radius_ * std::tanh(stretching_ * s) / std::tanh(stretching_);
}

double PolarGrid::drho_ds(double s) const {
  if (stretching_ < kUniformBelow) return radius_;
  const double c = std::cosh(stretching_ * s);
  return radius_ * stretching_ / (std::tanh(stretching_) * c * c);
}

double PolarGrid::d2rho_ds2(double s) const {
  if (stretching_ < kUniformBelow) return 0.0;
  const double c = std::cosh(stretching_ * s);
  return -2.0 * radius_ * stretching_ * stretching_ * std::tanh(stretching_ * s) / (std::tanh(stretching_) * c * c);
}

double PolarGrid::s_of_rho(double rho) const {
  if (stretching_ < kUniformBelow) return rho / radius_;
  return std::atanh(rho / radius_ * std::tanh(stretching_)) / stretching_;
}

PolarGrid::Node PolarGrid::node(int i, int j) const {
  if (i < 0) {
    i = -i;
    j += angular_ / 2;
  }
  if (i >= radial_) return {true, 0, wrap(j)};
  return {false, index(i, j), wrap(j)};
}

std::array<PolarGrid::Weight, 16> PolarGrid::interpolation(double rho_value, double theta_value) const {
  if (!(rho_value >= 0.0 && rho_value <= radius_))
    throw_invalid(fmt::format("interpolation radius {} must lie in [0, {}]", rho_value, radius_));
  require_finite("interpolation angle", theta_value);
  // Radial: the four rings around s, on the grid extended through the centre; at the
  // boundary the stencil is shifted inward (rings N−3 … N), still cubic.
  const double t = s_of_rho(rho_value) / s_step();
  int i0 = static_cast<int>(std::floor(t)) - 1;
  if (i0 + 3 > radial_) i0 = radial_ - 3;
  const auto ws = cubic_weights(t - i0);
  // Angular: periodic, the four rays around θ.
  const double u = theta_value / theta_step_;
  const double fu = std::floor(u);
  const int j0 = static_cast<int>(fu) - 1;
  const auto wt = cubic_weights(u - fu + 1.0);
  std::array<Weight, 16> out;
  for (int a = 0; a < 4; ++a)
    for (int b = 0; b < 4; ++b) out[4 * a + b] = {node(i0 + a, j0 + b), ws[a] * wt[b]};
  return out;
}

}  // namespace ldv::pde
