#pragma once
// The polar grid of the PDE solver on a disc of radius r around a centre c:
//   x = c + ρ (cos θ, sin θ),  ρ = g(s),  s = i Δs (i = 0 … N, Δs = 1/N),  θ = j Δθ (j = 0 … M−1, Δθ = 2π/M).
// Ring 0 is the single centre node, ring N the boundary. The radial map
//   g(s) = r tanh(β s) / tanh β   (β > 0),   g(s) = r s   (β = 0)
// is odd and smooth, so s ↦ u(g(s) e_θ) continues smoothly through the centre to negative s
// (the opposite ray): central differences in s stay second order up to ring 1, and the
// refined grids (N, M) → (2N, 2M) keep every node of the coarse one, which is what
// Richardson extrapolation needs. g′ decreases from r β/tanh β at the centre to
// r β / (tanh β cosh² β) at the boundary: β > 0 packs the rings toward ∂D, where the
// boundary layer of a convection-dominated problem sits (cosh² β: 1.0 for β = 0, 14 for β = 2).
#include <array>
#include <cstddef>

namespace ldv::pde {

class PolarGrid {
 public:
  // radial N >= 4, angular M even and >= 8, stretching β in [0, 8], radius r > 0 (InvalidInput otherwise).
  PolarGrid(int radial, int angular, double stretching, double radius);

  int radial() const { return radial_; }
  int angular() const { return angular_; }
  double stretching() const { return stretching_; }
  double radius() const { return radius_; }
  double s_step() const { return 1.0 / radial_; }
  double theta_step() const { return theta_step_; }
  double theta(int j) const { return theta_step_ * j; }

  // g(s), g′(s), g″(s) at any real s (g is odd).
  double rho(double s) const;
  double drho_ds(double s) const;
  double d2rho_ds2(double s) const;
  // s = g⁻¹(ρ) for 0 <= ρ <= r.
  double s_of_rho(double rho) const;
  double rho_of_ring(int i) const { return rho(i * s_step()); }

  // Unknowns: the centre (index 0) and rings 1 … N−1 (index 1 + (i−1) M + j); the
  // boundary ring N holds given values and is not an unknown.
  std::size_t unknowns() const { return 1 + static_cast<std::size_t>(radial_ - 1) * angular_; }
  std::size_t index(int i, int j) const {
    return i == 0 ? 0 : 1 + static_cast<std::size_t>(i - 1) * angular_ + static_cast<std::size_t>(wrap(j));
  }
  int wrap(int j) const { return ((j % angular_) + angular_) % angular_; }

  // A node of the grid extended to ring indices −N … N: ring −i on ray j is ring i on ray
  // j + M/2 (the same point), ring 0 is the centre, ring N the boundary.
  struct Node {
    bool boundary;        // on ∂D: `ray` is its boundary index 0 … M−1
    std::size_t unknown;  // the unknown's index when not on the boundary
    int ray;
  };
  Node node(int i, int j) const;

  // Fourth-order interpolation at a point given by (ρ, θ), ρ in [0, r]: bicubic Lagrange in
  // (s, θ) on the extended grid (4 × 4 nodes; at most 16 (node, weight) pairs, weights summing to 1).
  struct Weight {
    Node node;
    double weight;
  };
  std::array<Weight, 16> interpolation(double rho, double theta) const;

 private:
  int radial_, angular_;
  double stretching_, radius_, theta_step_;
};

}  // namespace ldv::pde
