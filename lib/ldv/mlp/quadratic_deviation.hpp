#pragma once
// How quadratic a loss is around its minimiser θ₀ (the escape paper's Assumption 1: L is quadratic near θ₀,
// L(θ₀ + u) = L(θ₀) + ½uᵀHu): the relative deviation
//     δ(u) = |L(θ₀ + u) − L(θ₀) − ½uᵀHu| / (½uᵀHu)
// along chosen directions u on a sphere |u| = r. The gradient term is left out on purpose: θ₀ is a minimiser
// (‖∇L(θ₀)‖ ≤ 1e-10 for the trained network), so ∇L(θ₀)·u is below rounding at the radii of interest.
// A statistic of finitely many directions: the largest δ over sampled directions is a lower bound on the
// supremum over the sphere, never the supremum itself.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ldv/core/linalg.hpp"

namespace ldv::mlp {

using LossFunction = std::function<double(const Vector&)>;

// δ(u) at θ₀ + u, given L(θ₀) (computed once by the caller). InvalidInput when u = 0 or ½uᵀHu ≤ 0
// (H not positive along u: no quadratic model to compare with) or sizes disagree.
double relative_quadratic_deviation(const LossFunction& loss, const Vector& theta0, double loss0,
                                    const Matrix& hessian, const Vector& u);

// Rounding floor of δ(u): the difference L(θ₀ + u) − L(θ₀) of two sums of magnitude ≈ |L(θ₀)| carries an
// error of a few ulps of |L(θ₀)| (here 8·2⁻⁵² |L(θ₀)| + that of ½uᵀHu), relative to ½uᵀHu.
double quadratic_deviation_rounding(double loss0, double quadratic);

struct SphereDeviation {
  double radius = 0.0;
  std::vector<double> random;       // δ along `count` directions uniform on the sphere (normalised Gaussians)
  double along_lambda_min = 0.0;    // δ(±r q_min), the larger of the two signs (odd terms flip sign)
  double along_lambda_max = 0.0;    // δ(±r q_max), likewise
  double largest_rounding = 0.0;    // the largest rounding floor over every direction used
};

// δ on the sphere of the given radius around θ₀: `count` uniform directions from `seed` (same seed ⇒ same
// directions), and ± the eigenvectors of H's smallest and largest eigenvalues. radius > 0, count ≥ 1, H SPD.
SphereDeviation quadratic_deviation_on_sphere(const LossFunction& loss, const Vector& theta0, const Matrix& hessian,
                                              double radius, int count, std::uint64_t seed);

// The empirical p-quantile (linear interpolation between order statistics, p in [0, 1]) of a non-empty sample.
double empirical_quantile(std::vector<double> values, double p);

}  // namespace ldv::mlp
