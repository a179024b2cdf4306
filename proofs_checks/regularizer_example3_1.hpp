#pragma once
#include "ldv/verify/registry.hpp"

namespace ldv::checks {

// regularizer.theorem3_5.example3_1
void register_regularizer_example3_1(verify::Registry& registry);

}  // namespace ldv::checks
