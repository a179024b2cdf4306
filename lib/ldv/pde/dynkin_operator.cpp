#include "ldv/pde/dynkin_operator.hpp"

#include <cmath>
#include <fmt/format.h>
#include <vector>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"

namespace ldv::pde {
namespace {

using Triplet = Eigen::Triplet<double, int>;

// Collects the entries of one row, routing each neighbour to the unknowns or the boundary.
struct RowWriter {
  const PolarGrid& grid;
  std::vector<Triplet>& interior;
  std::vector<Triplet>& boundary;
  int row;
  void add(int i, int j, double value) {
    if (value == 0.0) return;
    const PolarGrid::Node n = grid.node(i, j);
    if (n.boundary) boundary.emplace_back(row, n.ray, value);
    else interior.emplace_back(row, static_cast<int>(n.unknown), value);
  }
};

void centre_row(const Model& model, const Vector& center, const PolarGrid& grid, double eps,
                std::vector<Triplet>& interior, std::vector<Triplet>& boundary) {
  const Vector b = model.drift(center);
  const Matrix d = model.diffusion(center);
  const double rho1 = grid.rho_of_ring(1);
  const int m = grid.angular();
  // Coefficients of m₀ − u₀, c₂, s₂, c₁, s₁ in L u(c) (dynkin_operator.hpp).
  const double kp = 0.5 * eps * 0.5 * (d(0, 0) + d(1, 1)) * 4.0 / (rho1 * rho1);
  const double kq = 0.5 * eps * 0.5 * (d(0, 0) - d(1, 1)) * 4.0 / (rho1 * rho1);
  const double kxy = 0.5 * eps * 2.0 * d(0, 1) * 2.0 / (rho1 * rho1);
  RowWriter row{grid, interior, boundary, 0};
  row.add(0, 0, -kp);
  for (int j = 0; j < m; ++j) {
    const double t = grid.theta(j);
    const double weight = kp / m + (2.0 / m) * (kq * std::cos(2 * t) + kxy * std::sin(2 * t) +
                                                 b(0) / rho1 * std::cos(t) + b(1) / rho1 * std::sin(t));
    row.add(1, j, weight);
  }
}

}  // namespace

DynkinSystem assemble_dynkin(const Model& model, const Vector& center, const PolarGrid& grid, double eps) {
  if (model.dimension() != 2)
    throw_invalid(fmt::format("the polar PDE solver needs a 2-D model; the {} model has dimension {}", model.kind(),
                              model.dimension()));
  require_point("centre", center, 2);
  require_positive("eps", eps);
  const int n_rings = grid.radial(), m = grid.angular();
  const double ds = grid.s_step(), dt = grid.theta_step();
  std::vector<Triplet> interior, boundary;
  interior.reserve(9 * grid.unknowns() + static_cast<std::size_t>(m));
  centre_row(model, center, grid, eps, interior, boundary);

  DynkinSystem system;
  Vector x(2);
  for (int i = 1; i < n_rings; ++i) {
    const double s = i * ds;
    const double rho = grid.rho(s), g1 = grid.drho_ds(s), g2 = grid.d2rho_ds2(s);
    for (int j = 0; j < m; ++j) {
      const double ct = std::cos(grid.theta(j)), st = std::sin(grid.theta(j));
      x << center(0) + rho * ct, center(1) + rho * st;
      const Vector b = model.drift(x);
      const Matrix d = model.diffusion(x);
      const double b_r = b(0) * ct + b(1) * st, b_t = -b(0) * st + b(1) * ct;
      const double d_rr = ct * ct * d(0, 0) + 2 * ct * st * d(0, 1) + st * st * d(1, 1);
      const double d_tt = st * st * d(0, 0) - 2 * ct * st * d(0, 1) + ct * ct * d(1, 1);
      const double d_rt = ct * (-st * d(0, 0) + ct * d(0, 1)) + st * (-st * d(1, 0) + ct * d(1, 1));
      // Coefficients of u_ρρ, u_ρ, u_θθ, u_θ, u_ρθ, then in s.
      const double c_rr = 0.5 * eps * d_rr;
      const double c_r = 0.5 * eps * d_tt / rho + b_r;
      const double c_tt = 0.5 * eps * d_tt / (rho * rho);
      const double c_t = -eps * d_rt / (rho * rho) + b_t / rho;
      const double c_rt = eps * d_rt / rho;
      const double c_ss = c_rr / (g1 * g1);
      const double c_s = c_r / g1 - c_rr * g2 / (g1 * g1 * g1);
      const double c_st = c_rt / g1;

      RowWriter row{grid, interior, boundary, static_cast<int>(grid.index(i, j))};
      row.add(i, j, -2 * c_ss / (ds * ds) - 2 * c_tt / (dt * dt));
      row.add(i + 1, j, c_ss / (ds * ds) + c_s / (2 * ds));
      row.add(i - 1, j, c_ss / (ds * ds) - c_s / (2 * ds));
      row.add(i, j + 1, c_tt / (dt * dt) + c_t / (2 * dt));
      row.add(i, j - 1, c_tt / (dt * dt) - c_t / (2 * dt));
      const double mixed = c_st / (4 * ds * dt);
      row.add(i + 1, j + 1, mixed);
      row.add(i + 1, j - 1, -mixed);
      row.add(i - 1, j + 1, -mixed);
      row.add(i - 1, j - 1, mixed);

      const double radial_peclet = std::abs(b_r) * g1 * ds / (eps * d_rr);
      const double angular_peclet = std::abs(b_t) * rho * dt / (eps * d_tt);
      if (radial_peclet > system.peclet.value) system.peclet = {radial_peclet, rho, grid.theta(j), true};
      if (angular_peclet > system.peclet.value) system.peclet = {angular_peclet, rho, grid.theta(j), false};
    }
  }
  const int n = static_cast<int>(grid.unknowns());
  system.interior.resize(n, n);
  system.interior.setFromTriplets(interior.begin(), interior.end());  // duplicates (ring −1 = ring 1) are summed
  system.boundary.resize(n, m);
  system.boundary.setFromTriplets(boundary.begin(), boundary.end());
  return system;
}

}  // namespace ldv::pde
