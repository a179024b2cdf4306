#include "ldv/action/euler_action.hpp"

#include <Eigen/Cholesky>
#include <fmt/format.h>

#include "ldv/action/time_action.hpp"
#include "ldv/core/error.hpp"

namespace ldv::action {

double euler_chain_action(const Model& model, const Matrix& path, double duration) {
  time_action(model, path, duration);  // the same validation (dimension, nodes, finite, T > 0)
  const double h = duration / static_cast<double>(path.cols() - 1);
  double sum = 0.0;
  for (Eigen::Index k = 0; k + 1 < path.cols(); ++k) {
    const Vector x = path.col(k);
    const Vector r = (path.col(k + 1) - path.col(k)) / h - model.drift(x);
    const Eigen::LLT<Matrix> llt(model.diffusion(x));
    if (llt.info() != Eigen::Success) throw NumericalFailure("diffusion matrix is not positive definite on the path");
    sum += 0.5 * h * r.dot(llt.solve(r));
  }
  return sum;
}

}  // namespace ldv::action
