#pragma once
// Every reproduction of a paper's figure or table, registered by ID (one file per figure
// or table in this folder), as RecordKind::reproduction items of the one registry the
// checks use (app/suite_command.hpp builds it), so that checks and reproductions are
// decided in one Bonferroni family.
#include "ldv/verify/registry.hpp"

namespace ldv::reproductions {

void register_all_reproductions(verify::Registry& registry);

}  // namespace ldv::reproductions
