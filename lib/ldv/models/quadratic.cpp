#include "ldv/models/quadratic.hpp"

namespace ldv {

QuadraticModel::QuadraticModel(Matrix hessian, Matrix diffusion, std::string kind)
    : LinearGaussianModel((require_spd_cholesky("hessian", hessian), hessian), std::move(diffusion)),
      diffusion_kind(std::move(kind)) {}

}  // namespace ldv
