#include "all_checks.hpp"

namespace ldv::checks {

// One registration function per check file of this folder (a new check: its file and one line each here).
void register_escape_theorem1_isotropic(verify::Registry& registry);
void register_escape_theorem1_anisotropic(verify::Registry& registry);
void register_regularizer_example3_1(verify::Registry& registry);
void register_escape_lemma3(verify::Registry& registry);
void register_escape_lemma4(verify::Registry& registry);
void register_escape_theorem3_eigenvalue_steps(verify::Registry& registry);
void register_escape_lemma7_8(verify::Registry& registry);
void register_escape_lemma9(verify::Registry& registry);
void register_escape_lemma5_6(verify::Registry& registry);
void register_escape_lemma1_2_tube_bounds(verify::Registry& registry);
void register_regularizer_theorem_a1(verify::Registry& registry);

void register_all_checks(verify::Registry& registry) {
  register_escape_theorem1_isotropic(registry);
  register_escape_theorem1_anisotropic(registry);
  register_regularizer_example3_1(registry);
  register_escape_lemma3(registry);
  register_escape_lemma4(registry);
  register_escape_theorem3_eigenvalue_steps(registry);
  register_escape_lemma7_8(registry);
  register_escape_lemma9(registry);
  register_escape_lemma5_6(registry);
  register_escape_lemma1_2_tube_bounds(registry);
  register_regularizer_theorem_a1(registry);
}

}  // namespace ldv::checks
