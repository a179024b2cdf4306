#pragma once
// The piecewise two-well loss of the implicit-regularizer paper, Example 4.1,
// eq. (34)–(35), with its region-dependent diffusion:
//   f = |x − O₁|² on the closed unit disc B̄₁ around O₁ = (−2, 0),
//   f = |x − O₂|² on B̄₂ around O₂ = (2, 0), f = 1 elsewhere;
//   D = diag(μ₁, 2 − μ₁) on the open disc B₁, diag(μ₂, 2 − μ₂) on B₂, I elsewhere.
// The paper asks μᵢ ∈ (1, 2); D stays SPD for μᵢ ∈ (0, 2), which is what we accept.
// Note: ∇f jumps from |∇f| = 2 to 0 across the unit circles, so the paper's
// Assumption 1 (∇f Lipschitz) does not hold for its own example.
#include <algorithm>
#include <cmath>
#include <string_view>

#include "ldv/core/linalg.hpp"

namespace ldv {

class TwoWellModel {
 public:
  static constexpr std::string_view kind_name = "two_well";

  TwoWellModel(double mu1, double mu2);

  static constexpr int dimension() { return 2; }
  std::string_view kind() const { return kind_name; }
  double mu1() const { return mu1_; }
  double mu2() const { return mu2_; }

  // Which well's disc x is in: −1 for B₁ (left), +1 for B₂ (right), 0 outside both.
  // `closed` selects the closed discs of eq. (35) (gradient) or the open ones (diffusion).
  static int well_of(const double* x, bool closed) {
    const double left = (x[0] + 2.0) * (x[0] + 2.0) + x[1] * x[1];
    const double right = (x[0] - 2.0) * (x[0] - 2.0) + x[1] * x[1];
    if (closed ? left <= 1.0 : left < 1.0) return -1;
    if (closed ? right <= 1.0 : right < 1.0) return 1;
    return 0;
  }

  double loss(const double* x) const {
    const int well = well_of(x, true);
    if (well == 0) return 1.0;
    const double c = 2.0 * well;
    return (x[0] - c) * (x[0] - c) + x[1] * x[1];
  }
  double loss(const Vector& x) const { return loss(x.data()); }
  void drift(const double* x, double* out) const {  // −∇f, eq. (35)
    const int well = well_of(x, true);
    const double c = 2.0 * well;
    out[0] = well == 0 ? 0.0 : -2.0 * (x[0] - c);
    out[1] = well == 0 ? 0.0 : -2.0 * x[1];
  }
  // ∂b/∂x of eq. (35): −2I inside the closed discs, 0 outside; exact everywhere but on
  // the unit circles, across which it jumps (there it is the closed disc's −2I).
  Matrix drift_jacobian(const Vector& x) const {
    return well_of(x.data(), true) == 0 ? Matrix::Zero(2, 2) : Matrix(-2.0 * Matrix::Identity(2, 2));
  }
  // D jumps from diag(μᵢ, 2 − μᵢ) inside the open discs to I outside.
  static constexpr bool constant_diffusion() { return false; }
  void diffusion_diagonal(const double* x, double& d1, double& d2) const {
    const int well = well_of(x, false);
    const double mu = well < 0 ? mu1_ : well > 0 ? mu2_ : 1.0;
    d1 = mu;
    d2 = 2.0 - mu;
  }
  void apply_sigma(const double* x, const double* z, double* out) const {
    double d1, d2;
    diffusion_diagonal(x, d1, d2);
    out[0] = std::sqrt(d1) * z[0];
    out[1] = std::sqrt(d2) * z[1];
  }
  // Largest eigenvalue of D over the plane: max(μᵢ, 2 − μᵢ, 1).
  double max_normal_variance() const {
    return std::max({mu1_, 2.0 - mu1_, mu2_, 2.0 - mu2_, 1.0});
  }
  double normal_variance(const double* x, const double* n) const {
    double d1, d2;
    diffusion_diagonal(x, d1, d2);
    return d1 * n[0] * n[0] + d2 * n[1] * n[1];
  }

 private:
  double mu1_, mu2_;
};

}  // namespace ldv
