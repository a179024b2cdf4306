#include "ldv/reference/detail/radial_ou_annulus.hpp"

#include <fmt/format.h>

#include "ldv/core/error.hpp"
#include "ldv/core/validate.hpp"

namespace ldv::reference::detail {

void require_radial_ou_annulus(const OrnsteinUhlenbeck& ou, int dimension, double inner, double outer) {
  require_non_negative("rate a", ou.rate);
  require_positive("eps", ou.eps);
  require_positive("noise s", ou.noise);
  if (dimension < 1) throw_invalid(fmt::format("dimension = {} must be >= 1", dimension));
  require_positive("inner radius", inner);
  require_finite("outer radius", outer);
  if (!(inner < outer)) throw_invalid(fmt::format("inner = {} must be < outer = {}", inner, outer));
}

}  // namespace ldv::reference::detail
