#pragma once
// The Maier–Stein system (Maier & Stein 1993, as used by Heymann & Vanden-Eijnden
// 2008 for geometric MAM): b(x, y) = (x − x³ − β x y², −(1 + x²) y), D = I.
// Non-gradient for β ≠ 1; stable points (±1, 0), saddle (0, 0).
#include <optional>
#include <string_view>

#include "ldv/core/linalg.hpp"

namespace ldv {

class MaierSteinModel {
 public:
  static constexpr std::string_view kind_name = "maier_stein";

  explicit MaierSteinModel(double beta);

  static constexpr int dimension() { return 2; }
  std::string_view kind() const { return kind_name; }
  double beta() const { return beta_; }

  void drift(const double* x, double* out) const {
    out[0] = x[0] - x[0] * x[0] * x[0] - beta_ * x[0] * x[1] * x[1];
    out[1] = -(1.0 + x[0] * x[0]) * x[1];
  }
  // ∂b/∂x of the drift above, differentiated by hand:
  //   [[1 − 3x² − βy², −2βxy], [−2xy, −(1 + x²)]].
  Matrix drift_jacobian(const Vector& x) const {
    const double u = x(0), v = x(1);
    Matrix j(2, 2);
    j << 1.0 - 3.0 * u * u - beta_ * v * v, -2.0 * beta_ * u * v,  //
        -2.0 * u * v, -(1.0 + u * u);
    return j;
  }
  // No loss: b = −∇U only for β = 1 (U = x⁴/4 − x²/2 + y²/2 + x²y²/2), and the
  // model does not single that case out.
  std::optional<double> loss(const Vector& /*x*/) const { return std::nullopt; }

  void apply_sigma(const double*, const double* z, double* out) const {
    out[0] = z[0];
    out[1] = z[1];
  }
  static constexpr bool constant_diffusion() { return true; }  // D = I
  double max_normal_variance() const { return 1.0; }
  double normal_variance(const double*, const double* n) const { return n[0] * n[0] + n[1] * n[1]; }

 private:
  double beta_;
};

}  // namespace ldv
