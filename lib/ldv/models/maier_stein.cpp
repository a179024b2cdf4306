#include "ldv/models/maier_stein.hpp"

#include "ldv/core/validate.hpp"

namespace ldv {

MaierSteinModel::MaierSteinModel(double beta) : beta_(require_finite("beta", beta)) {}

}  // namespace ldv
