#include "all_checks.hpp"

#include "escape_theorem1.hpp"
#include "regularizer_example3_1.hpp"

namespace ldv::checks {

void register_all_checks(verify::Registry& registry) {
  register_escape_theorem1(registry);
  register_regularizer_example3_1(registry);
}

}  // namespace ldv::checks
