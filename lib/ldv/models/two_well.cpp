#include "ldv/models/two_well.hpp"

#include "ldv/core/validate.hpp"

namespace ldv {

TwoWellModel::TwoWellModel(double mu1, double mu2)
    : mu1_(require_open_interval("mu1", mu1, 0.0, 2.0)), mu2_(require_open_interval("mu2", mu2, 0.0, 2.0)) {}

}  // namespace ldv
