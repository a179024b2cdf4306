#pragma once
// Argument checks shared by the radial OU problems on an annulus inner < |x| < outer.
#include "ldv/reference/ou_exit_time.hpp"

namespace ldv::reference::detail {

// InvalidInput naming the value unless a >= 0, eps > 0, s > 0, dimension >= 1 and 0 < inner < outer < ∞.
void require_radial_ou_annulus(const OrnsteinUhlenbeck& ou, int dimension, double inner, double outer);

}  // namespace ldv::reference::detail
