#include "all_checks.hpp"

namespace ldv::checks {

// One registration function per check file of this folder (a new check: its file and one line each here).
void register_escape_theorem1_isotropic(verify::Registry& registry);
void register_escape_theorem1_anisotropic(verify::Registry& registry);
void register_regularizer_example3_1(verify::Registry& registry);
void register_escape_theorem2(verify::Registry& registry);
void register_escape_theorem2_fixed_eps(verify::Registry& registry);
void register_escape_theorem3(verify::Registry& registry);
void register_escape_assumption7(verify::Registry& registry);
void register_escape_theorem4(verify::Registry& registry);
void register_escape_assumption6(verify::Registry& registry);
void register_escape_theorem5(verify::Registry& registry);
void register_escape_theorem5_exponential_law(verify::Registry& registry);
void register_escape_remark_sgd_noise_faster(verify::Registry& registry);
void register_escape_remark_exit_points(verify::Registry& registry);
void register_escape_abstract(verify::Registry& registry);
void register_escape_table1(verify::Registry& registry);
void register_regularizer_abstract(verify::Registry& registry);
void register_regularizer_eq22_remark3_2(verify::Registry& registry);
void register_regularizer_theorem3_4(verify::Registry& registry);
void register_regularizer_remark3_6(verify::Registry& registry);
void register_regularizer_theorem3_5_general(verify::Registry& registry);
void register_regularizer_lemma3_1(verify::Registry& registry);
void register_regularizer_example4_1(verify::Registry& registry);
void register_regularizer_eq8_fokker_planck(verify::Registry& registry);
void register_regularizer_theorem2_3(verify::Registry& registry);
void register_regularizer_eq14(verify::Registry& registry);
void register_regularizer_remark3_3(verify::Registry& registry);
void register_regularizer_lemma2_1(verify::Registry& registry);
void register_escape_assumption2(verify::Registry& registry);
void register_escape_assumption1_mlp(verify::Registry& registry);
void register_escape_assumption7_mlp(verify::Registry& registry);
void register_escape_gaussianity(verify::Registry& registry);
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
  register_escape_theorem2(registry);
  register_escape_theorem2_fixed_eps(registry);
  register_escape_theorem3(registry);
  register_escape_assumption7(registry);
  register_escape_theorem4(registry);
  register_escape_assumption6(registry);
  register_escape_theorem5(registry);
  register_escape_theorem5_exponential_law(registry);
  register_escape_remark_sgd_noise_faster(registry);
  register_escape_remark_exit_points(registry);
  register_escape_abstract(registry);
  register_escape_table1(registry);
  register_regularizer_abstract(registry);
  register_regularizer_eq22_remark3_2(registry);
  register_regularizer_theorem3_4(registry);
  register_regularizer_remark3_6(registry);
  register_regularizer_theorem3_5_general(registry);
  register_regularizer_lemma3_1(registry);
  register_regularizer_example4_1(registry);
  register_regularizer_eq8_fokker_planck(registry);
  register_regularizer_theorem2_3(registry);
  register_regularizer_eq14(registry);
  register_regularizer_remark3_3(registry);
  register_regularizer_lemma2_1(registry);
  register_escape_assumption2(registry);
  register_escape_assumption1_mlp(registry);
  register_escape_assumption7_mlp(registry);
  register_escape_gaussianity(registry);
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
