// Compiled in the include context of the module ldv_exit (tests/CMakeLists.txt): exit may
// include stats (below it) but not paths (beside it, layer 4) or quasipotential (above it).
// The build of this file must FAIL: it is the proof that the module order is enforced.
#include "ldv/stats/censored_sample.hpp"  // allowed: exit depends on stats
#include "ldv/quasipotential/lyapunov.hpp"  // not allowed: an upward include

int main() { return 0; }
