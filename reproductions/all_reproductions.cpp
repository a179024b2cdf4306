#include "all_reproductions.hpp"

namespace ldv::reproductions {

// One registration function per reproduction file of this folder (a new figure: its file and one line each here).
void register_regularizer_figure1(verify::Registry& registry);
void register_regularizer_figure2(verify::Registry& registry);
void register_escape_figure2(verify::Registry& registry);
void register_escape_table1_rendered(verify::Registry& registry);

void register_all_reproductions(verify::Registry& registry) {
  register_regularizer_figure1(registry);
  register_regularizer_figure2(registry);
  register_escape_figure2(registry);
  register_escape_table1_rendered(registry);
}

}  // namespace ldv::reproductions
