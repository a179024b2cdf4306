#include "ldv/reference/radial_ou_eigenvalue.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/reference/detail/radial_ou_annulus.hpp"

namespace ldv::reference {
namespace {

constexpr double kTargetRelativeError = 1e-8;
constexpr int kFirstCells = 500, kMaxCells = 1 << 20;

// Number of eigenvalues below x of the symmetric tridiagonal matrix (diagonal a, off-diagonal b):
// the negative pivots of the LDLᵀ factorisation of T − xI (Sylvester's law of inertia).
int count_below(const std::vector<double>& a, const std::vector<double>& b, double x) {
  int count = 0;
  double pivot = 1.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double coupling = i ? b[i - 1] * b[i - 1] / pivot : 0.0;
    pivot = a[i] - x - coupling;
    if (pivot == 0.0) pivot = -1e-300;  // the standard perturbation of a zero pivot
    if (pivot < 0.0) ++count;
  }
  return count;
}

// Least eigenvalue of the discretisation with `cells` cells, by bisection on the Sturm count
// (to the last bits: O(cells) per step).
double least_eigenvalue(double kappa, double half_diffusion, int d, double inner, double outer, int cells) {
  const double h = (outer - inner) / cells;
  const auto log_w = [kappa, d](double rho) { return (d - 1) * std::log(rho) - kappa * rho * rho; };
  const int n = cells - 1;  // interior nodes
  std::vector<double> diagonal(n), off(n > 1 ? n - 1 : 0);
  double upper = 0.0;
  for (int i = 1; i <= n; ++i) {
    const double rho = inner + i * h, lw = log_w(rho);
    const double left = log_w(rho - 0.5 * h) - lw, right = log_w(rho + 0.5 * h) - lw;  // log(p_{i±½}/(D w_i))
    diagonal[i - 1] = half_diffusion * (std::exp(left) + std::exp(right)) / (h * h);
    if (i < n)  // −p_{i+½}/(h² √(w_i w_{i+1}))
      off[i - 1] = -half_diffusion * std::exp(log_w(rho + 0.5 * h) - 0.5 * (lw + log_w(rho + h))) / (h * h);
    upper = std::max(upper, diagonal[i - 1] + 2.0 * std::abs(i < n ? off[i - 1] : 0.0) +
                                (i > 1 ? std::abs(off[i - 2]) : 0.0));  // Gershgorin
  }
  double lo = 0.0, hi = upper;  // the operator is positive: λ₁ > 0
  for (int step = 0; step < 200 && hi - lo > 4.0 * std::numeric_limits<double>::epsilon() * hi; ++step) {
    const double mid = 0.5 * (lo + hi);
    (count_below(diagonal, off, mid) >= 1 ? hi : lo) = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace

DirichletEigenvalue radial_dirichlet_eigenvalue(const OrnsteinUhlenbeck& ou, int dimension, double inner, double outer) {
  detail::require_radial_ou_annulus(ou, dimension, inner, outer);
  const double diffusion = ou.eps * ou.noise * ou.noise;
  const double kappa = ou.rate / diffusion;
  // Richardson on the h² error: R(N) = λ(2N) + (λ(2N) − λ(N))/3, whose own error is O(h⁴); the
  // difference of two successive R estimates it.
  double coarse = least_eigenvalue(kappa, 0.5 * diffusion, dimension, inner, outer, kFirstCells);
  double previous = 0.0;
  for (int cells = 2 * kFirstCells; cells <= kMaxCells; cells *= 2) {
    const double fine = least_eigenvalue(kappa, 0.5 * diffusion, dimension, inner, outer, cells);
    const double extrapolated = fine + (fine - coarse) / 3.0;
    const double error = std::abs(extrapolated - previous);
    if (previous != 0.0 && error <= kTargetRelativeError * std::abs(extrapolated)) return {extrapolated, error, cells};
    previous = extrapolated;
    coarse = fine;
  }
  throw NumericalFailure(fmt::format("radial Dirichlet eigenvalue (κ = {}, annulus ({}, {})): {} cells do not reach "
                                     "{:.0e} relative",
                                     kappa, inner, outer, kMaxCells, kTargetRelativeError));
}

}  // namespace ldv::reference
