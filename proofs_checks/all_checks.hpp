#pragma once
// Every check of the suite, registered by ID (one file per claim in this folder).
#include "ldv/verify/registry.hpp"

namespace ldv::checks {

void register_all_checks(verify::Registry& registry);

}  // namespace ldv::checks
