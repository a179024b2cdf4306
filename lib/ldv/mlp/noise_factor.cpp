#include "ldv/mlp/noise_factor.hpp"

#include <Eigen/Cholesky>
#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/matrix_functions.hpp"

namespace ldv::mlp {

NoiseFactor noise_factor(const Matrix& c, const Matrix& h) {
  if (c.rows() != c.cols() || h.rows() != h.cols() || c.rows() != h.rows() || c.rows() == 0)
    throw_invalid(fmt::format("noise factor: C is {}×{} and H is {}×{}, expected non-empty square matrices of one size",
                              c.rows(), c.cols(), h.rows(), h.cols()));
  if (!(c.norm() > 0.0)) throw_invalid("noise factor: C = 0, expected a non-zero covariance");
  NoiseFactor out;
  const Vector h_spectrum = symmetric_eigenvalues(h);
  out.lambda_min_h = h_spectrum(0);
  out.lambda_max_h = h_spectrum(h_spectrum.size() - 1);
  if (!(out.lambda_min_h > 0.0))
    throw_invalid(fmt::format("noise factor: λ_min(H) = {:.6g}, expected H positive definite (G = H⁻¹C needs H⁻¹)",
                              out.lambda_min_h));
  const Matrix g = h.llt().solve(c);  // G = H⁻¹C (Cholesky: H SPD)
  out.commutator = (h * g - g * h).norm() / (h * g).norm();
  out.g_asymmetry = relative_asymmetry(g);
  const Matrix root_inverse = symmetric_power("H", h, -0.5);
  const Matrix gs = root_inverse * c * root_inverse;
  out.spectrum = symmetric_eigenvalues(0.5 * (gs + gs.transpose()));  // symmetric up to rounding
  out.c1 = out.spectrum(0);
  out.c2 = out.spectrum(out.spectrum.size() - 1);
  return out;
}

}  // namespace ldv::mlp
