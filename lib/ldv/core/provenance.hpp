#pragma once
// Provenance carried by every result (DESIGN.md, "Evidence and verdicts"):
// ldv version and git revision, compiler and flags, library versions, host
// facts, time of the run, and the exact command line.
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace ldv {

nlohmann::json provenance(const std::vector<std::string>& command_line);

}  // namespace ldv
