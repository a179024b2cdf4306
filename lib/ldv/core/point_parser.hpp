#pragma once
// Points on the command line are comma-separated numbers: "0.5,-1,2".
#include <string_view>

#include "ldv/core/linalg.hpp"

namespace ldv {

// Throws InvalidInput naming `what` when a coordinate is missing, not a number, or not finite.
Vector parse_point(std::string_view what, std::string_view text);

}  // namespace ldv
