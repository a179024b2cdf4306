#pragma once
// Internal consistency of a record, stated for the reader rather than enforced:
// a verdict that its own evidence does not support (a CONFIRMED whose negative
// control was not rejected, a correction missing, ...) is rendered with a warning
// so the report never hides it.
#include <string>
#include <vector>

#include "ldv/verify/evidence.hpp"

namespace ldv::report {

// One sentence per inconsistency; empty when the record is consistent.
std::vector<std::string> consistency_warnings(const verify::Evidence& evidence);

}  // namespace ldv::report
