#pragma once
#include "ldv/verify/registry.hpp"

namespace ldv::checks {

// escape.theorem1.isotropic and escape.theorem1.anisotropic
void register_escape_theorem1(verify::Registry& registry);

}  // namespace ldv::checks
