#include "ldv/sim/exponential_euler.hpp"

#include <Eigen/Cholesky>
#include <fmt/format.h>
#include <unsupported/Eigen/MatrixFunctions>  // Eigen's Padé matrix exponential (kept out of headers)

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"
#include "ldv/models/model.hpp"

namespace ldv {

StepScheme parse_step_scheme(std::string_view name) {
  if (name == "euler") return StepScheme::euler;
  if (name == "exponential") return StepScheme::exponential_euler;
  throw_invalid(fmt::format("unknown step scheme '{}'; expected euler or exponential", name));
}

std::string to_string(StepScheme scheme) {
  return scheme == StepScheme::euler ? "euler" : "exponential";
}

void require_exponential_euler_applies(const Model& model) {
  if (!model.constant_diffusion())
    throw_invalid(fmt::format("the exponential step needs a constant diffusion; the {} model's D depends on x "
                              "(expected --scheme euler for it)", model.kind()));
  if (model.dimension() > kMaxExponentialEulerDimension)
    throw_invalid(fmt::format("the exponential step supports dimension <= {}, not {}", kMaxExponentialEulerDimension,
                              model.dimension()));
}

ExponentialEulerCoefficients exponential_euler_coefficients(const Matrix& jacobian, const Matrix& diffusion,
                                                            double step) {
  require_positive("step", step);
  const Eigen::Index d = jacobian.rows();
  if (jacobian.cols() != d || diffusion.rows() != d || diffusion.cols() != d)
    throw_invalid(fmt::format("the drift Jacobian ({}×{}) and the diffusion ({}×{}) must be square of one size",
                              jacobian.rows(), jacobian.cols(), diffusion.rows(), diffusion.cols()));
  if (!jacobian.allFinite() || !diffusion.allFinite())
    throw_invalid("the drift Jacobian and the diffusion must be finite");
  // ∫₀ʰ e^{sJ} ds is the upper-right block of exp(h [[J, I], [0, 0]]).
  Matrix block = Matrix::Zero(2 * d, 2 * d);
  block.topLeftCorner(d, d) = jacobian * step;
  block.topRightCorner(d, d) = Matrix::Identity(d, d) * step;
  const Matrix phi = Matrix(block.exp()).topRightCorner(d, d) / step;
  // Van Loan (1978), Theorem 1: exp(h [[−J, D], [0, Jᵀ]]) = [[·, G], [0, F]] with F = e^{hJᵀ},
  // and Q_h = Fᵀ G.
  block.setZero();
  block.topLeftCorner(d, d) = -jacobian * step;
  block.topRightCorner(d, d) = diffusion * step;
  block.bottomRightCorner(d, d) = jacobian.transpose() * step;
  const Matrix e = block.exp();
  const Matrix q_h = e.bottomRightCorner(d, d).transpose() * e.topRightCorner(d, d);
  const Matrix q = (q_h + q_h.transpose()) / (2.0 * step);  // symmetric to round-off; D̃ = Q_h/h
  const Eigen::LLT<Matrix> llt(q);
  if (llt.info() != Eigen::Success)
    throw_invalid(fmt::format("the exponential step's noise covariance Q_h/h is not positive definite at h = {} "
                              "(expected an SPD diffusion)", step));
  return {phi, q, llt.matrixL()};
}

}  // namespace ldv
